#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, CMake preset "fuzz") and runs each one
# for SECONDS (default 60) on a copy of its seed corpus, so the committed corpus
# does not grow. Prints the executions per target (libFuzzer's final stats) and
# exits non-zero if any target found a crash, sanitizer report, leak, timeout or
# out-of-memory, naming the saved input. docs/fuzzing.md explains the targets.
# Usage: tools/fuzz.sh [SECONDS] [TARGET...]   (targets: csv_table project_file
#        weights_file vector_geojson vector_gpkg; default all)
# LEEFBAAR_FUZZ_RUNS=N stops a target after N executions if that comes first.
# LEEFBAAR_FUZZ_TIMEOUT=S: seconds one input may take (default 10); raise it for long
# runs on a loaded machine, where a starved process can pass 10 s on a 0.3 s input.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"; shift || true
runs="${LEEFBAAR_FUZZ_RUNS:--1}"
all_targets=(csv_table project_file weights_file vector_geojson vector_gpkg)
targets=("$@"); [[ ${#targets[@]} -gt 0 ]] || targets=("${all_targets[@]}")
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [[ "$seconds" -eq 0 ]]; then
  echo "fuzz.sh: SECONDS must be a positive whole number, not '$seconds'" >&2; exit 2
fi
if ! command -v clang++-14 >/dev/null 2>&1; then
  echo "fuzz.sh: clang++-14 not found: install clang-14 and libclang-rt-14-dev (tools/setup.sh --with-extra tools/packages-test.txt)" >&2
  exit 3
fi

"$root/tools/build.sh" fuzz
bindir="$root/build-fuzz/tests/fuzz"
artifacts="$root/build-fuzz/fuzz-artifacts"
work="$(mktemp -d "${TMPDIR:-/tmp}/leefbaar-fuzz.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Inputs larger than the seeds are rarely more interesting; the GeoPackage seeds
# are ~14 kB databases, the Heerlen project file ~8 kB.
max_len() {
  case "$1" in
    vector_gpkg) echo 20000 ;;
    project_file) echo 12000 ;;
    *) echo 4096 ;;
  esac
}

# The read_vector targets' RSS grows by ~1.5-2 kB per input, which is ASan's own record
# of allocation stacks (StackDepot: ~25 new "unique" stacks per input, ~6 even when one
# input is run over and over; most likely the fast unwinder reading garbage frames in
# GDAL, SQLite and GEOS, built without frame pointers), not the heap (the live heap and
# the quarantine stay flat): vector_geojson peaked at 2,096 MB in 10^6 inputs. Their RSS
# limit is therefore 4096 MB; a single allocation over 2048 MB is still an
# out-of-memory bug for every target (-malloc_limit_mb).
rss_limit() {
  case "$1" in
    vector_*) echo 4096 ;;
    *) echo 2048 ;;
  esac
}

export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$root/tests/fuzz/lsan.supp:print_suppressions=0}"

failed=()
summary=()
for t in "${targets[@]}"; do
  bin="$bindir/fuzz_$t"
  [[ -x "$bin" ]] || { echo "fuzz.sh: no target '$t' (have: ${all_targets[*]})" >&2; exit 2; }
  corpus="$work/corpus/$t"
  mkdir -p "$corpus" "$artifacts/$t"
  cp -r "$root/tests/fuzz/corpus/$t/." "$corpus/"
  args=("$corpus" -max_total_time="$seconds" -runs="$runs" -print_final_stats=1 -timeout="${LEEFBAAR_FUZZ_TIMEOUT:-10}" -rss_limit_mb="$(rss_limit "$t")" -malloc_limit_mb=2048
        -max_len="$(max_len "$t")" -artifact_prefix="$artifacts/$t/")
  [[ -f "$root/tests/fuzz/dict/$t.dict" ]] && args+=(-dict="$root/tests/fuzz/dict/$t.dict")
  log="$artifacts/$t.log"
  echo "== fuzz_$t: ${seconds} s"
  status=0
  "$bin" "${args[@]}" >"$log" 2>&1 || status=$?
  execs="$(awk '/stat::number_of_executed_units/ {print $2}' "$log" | tail -n 1)"
  rate="$(awk '/stat::average_exec_per_sec/ {print $2}' "$log" | tail -n 1)"
  line="$(printf '%-16s %12s executions  %8s exec/s' "$t" "${execs:-?}" "${rate:-?}")"
  if [[ $status -ne 0 ]]; then
    crash="$(grep -oE '(Test unit|artifact) written to [^ ]+' "$log" | tail -n 1 | awk '{print $NF}')"
    echo "-- fuzz_$t FAILED (exit $status); last lines of $log:"
    tail -n 40 "$log"
    echo "-- input: ${crash:-see $log}"
    echo "-- reproduce: $bin ${crash:-<input>}"
    failed+=("$t")
    line+="  FAILED: ${crash:-see $log}"
  fi
  summary+=("$line")
done

echo "== fuzz summary (${seconds} s per target; logs in $artifacts)"
printf '%s\n' "${summary[@]}"
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz.sh: ${#failed[@]} target(s) failed: ${failed[*]}" >&2
  exit 1
fi
