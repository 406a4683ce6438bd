#!/usr/bin/env bash
# Benchmark of the area roll-up (bench/areas/bench_areas), no I/O: N unit squares rolled
# up by lookup tables to three nested levels (blocks of 10 x 10, 50 x 50 and 250 x 250
# units: 10,000 / 400 / 16 areas at N = 1,000,000), 20 indicators, the two area scores,
# profiles, and the dissolved polygons of every level; 2 threads.
#   bench/areas/run.sh [N=1000000] [REPEAT=2]
# Prints the bench's phases plus wall time, CPU time and peak memory (GNU time) and the
# load average.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
n="${1:-1000000}"; repeat="${2:-2}"
"$root/tools/setup.sh" >/dev/null
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
"$root/tools/build.sh" bench bench_areas >/dev/null
bin="${LEEFBAAR_BUILD:-$root/build-bench}/bench/areas/bench_areas"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/{print $2}') GiB"
for ((i = 1; i <= repeat; ++i)); do
  echo "== run $i; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f "  wall %e s, user %U s, sys %S s, peak %M KB" "$bin" "$n" 2 2>&1
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
