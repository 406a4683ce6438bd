#!/usr/bin/env bash
# Benchmark of the monitor (bench/monitor/bench_monitor), no I/O: five synthetic
# editions of N units on a rook lattice built in memory, 20 drifting indicators in 5
# domains; 1,000 Monte Carlo runs of the change (weights +-25 %), differential LISA and
# Emerging Hot Spot Analysis with 999 permutations, 2 threads.
#   bench/monitor/run.sh [N=100000] [RUNS=1000] [REPEAT=2]
# Runs each configuration (without / with measurement error) REPEAT times, the engine
# pieces phase by phase and then run_monitor_job as a whole, and prints the bench's
# timings plus wall time, CPU time and peak memory (GNU time) and the load average.
# With measurement error one run takes minutes (docs/benchmarks.md, "Monitor").
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
n="${1:-100000}"; runs="${2:-1000}"; repeat="${3:-2}"
"$root/tools/setup.sh" >/dev/null
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
"$root/tools/build.sh" bench bench_monitor >/dev/null
bin="${LEEFBAAR_BUILD:-$root/build-bench}/bench/monitor/bench_monitor"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/{print $2}') GiB"
t() { /usr/bin/time -f "  wall %e s, user %U s, sys %S s, peak %M KB" "$@" 2>&1; }
for errors in 0 1; do
  for mode in phases job; do
    for ((i = 1; i <= repeat; ++i)); do
      echo "== $mode, errors=$errors, run $i; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
      t "$bin" "$mode" "$n" "$runs" "$errors" 999 2
    done
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
