#!/usr/bin/env bash
# Benchmark of the composite index (bench/index/bench_index), no I/O: synthetic units
# generated in memory, 20 indicators in 5 domains (2 % missing, a quarter of them skewed).
#   bench/index/run.sh            deterministic index at 1,000,000 units; Monte Carlo
#                                 1,000 runs at 100,000 units (and 200 runs with the
#                                 sensitivity design, 1,000 evaluations)
# Prints the bench's own timings plus wall time, CPU time and peak memory (GNU time).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
"$root/tools/setup.sh" >/dev/null
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
"$root/tools/build.sh" bench bench_index >/dev/null
bin="$root/build-bench/bench/index/bench_index"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB"
t() { /usr/bin/time -f "  wall %e s, user %U s, sys %S s, peak %M KB" "$@" 2>&1; }
t "$bin" index 1000000 20 5
t "$bin" montecarlo 100000 1000 0 2
t "$bin" montecarlo 100000 200 1 2
