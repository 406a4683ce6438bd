#!/usr/bin/env bash
# Configures and builds leefbaar. Usage: tools/build.sh [PRESET] [TARGET...]
# PRESET is a CMake preset (default, asan, bench, fuzz); TARGETs default to all
# (for fuzz: the fuzz targets only).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
preset="${1:-default}"; shift || true
cd "$root"
jobs="$(nproc 2>/dev/null || echo 2)"
generator=()
if command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi
builddir="build"
case "$preset" in
  default) builddir="build" ;;
  asan) builddir="build-asan" ;;
  bench) builddir="build-bench" ;;
  fuzz) builddir="build-fuzz" ;;
esac
if [[ ! -f "$builddir/CMakeCache.txt" ]]; then
  cmake --preset "$preset" "${generator[@]}" >/dev/null
fi
if [[ $# -gt 0 ]]; then
  for t in "$@"; do cmake --build "$builddir" --target "$t" -j "$jobs"; done
else
  cmake --build "$builddir" -j "$jobs"
fi
