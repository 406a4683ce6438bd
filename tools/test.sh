#!/usr/bin/env bash
# The README's second command: installs what is missing, builds and runs the
# whole test suite with ctest. `tools/test.sh asan` runs it under ASan+UBSan.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
preset="${1:-default}"
extra=()
if [[ -f "$root/tools/packages-test.txt" ]]; then extra=(--with-extra "$root/tools/packages-test.txt"); fi
"$root/tools/setup.sh" "${extra[@]}"
"$root/tools/build.sh" "$preset"
builddir="build"; [[ "$preset" == "asan" ]] && builddir="build-asan"
cd "$root"
ctest --test-dir "$builddir" --output-on-failure -j "$(nproc 2>/dev/null || echo 2)"
