#!/usr/bin/env bash
# Benchmark of the defensible index (bench/defensible/bench_defensible), no I/O, no
# geometry: N synthetic buurten (CBS codes rolling up to ~3,000 wijken at N = 100,000),
# 20 indicators in 5 domains; explanations (arithmetic: linear; geometric: exact Shapley
# over the domains, exact within-domain Shapley scaled to the domain's value; sampled
# Shapley on a subset, extrapolated) and validation against a wijk reference (2,000
# bootstrap replicates) and a unit reference (N pairs; 2, 200 and 2,000 replicates);
# 2 threads.
#   bench/defensible/run.sh [N=100000] [REPEAT=2] [SAMPLED_UNITS=2000] [full]
# Prints the bench's phases plus wall time, CPU time and peak memory (GNU time) and the
# load average. The unit-level validation with 2,000 replicates dominates (minutes).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
n="${1:-100000}"; repeat="${2:-2}"; sampled="${3:-2000}"; full="${4:-}"
"$root/tools/setup.sh" >/dev/null
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
"$root/tools/build.sh" bench bench_defensible >/dev/null
bin="${LEEFBAAR_BUILD:-$root/build-bench}/bench/defensible/bench_defensible"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/{print $2}') GiB"
for ((i = 1; i <= repeat; ++i)); do
  echo "== run $i; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f "  wall %e s, user %U s, sys %S s, peak %M KB" "$bin" "$n" 2 "$sampled" $full 2>&1
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
