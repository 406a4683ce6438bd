#!/bin/sh
# ctest entry: builds the QGIS plugin zip (tools/qgis/build-plugin.sh), unpacks it as QGIS's
# "Install from ZIP" does, and checks the leefbaar Processing provider in it with real
# PyQGIS, headless (check_provider.py): the algorithms against `leefbaar describe --json`,
# runs on the Heerlen sample, progress, errors and cancel.
# Usage: run_qgis_provider.sh LEEFBAAR SOURCE_DIR WORK_DIR
# Exit 77 (skipped) when PyQGIS is not installed (apt-get install qgis python3-qgis).
set -eu
leefbaar=$1; src=$2; work=$3
. "$src/tests/e2e/qgis/pyqgis.sh"
rm -rf "$work"; mkdir -p "$work/plugins"
version=$("$leefbaar" --version | sed 's/^leefbaar //')
zip=$("$src/tools/qgis/build-plugin.sh" "$version" "$work")
"$py" -m zipfile -e "$zip" "$work/plugins"
for f in __init__.py metadata.txt icon.svg provider.py; do
  [ -f "$work/plugins/leefbaar_provider/$f" ] || { echo "FAIL the plugin zip lacks leefbaar_provider/$f"; exit 1; }
done
grep -qx "version=$version" "$work/plugins/leefbaar_provider/metadata.txt" || { echo "FAIL metadata.txt version is not $version"; exit 1; }
QT_QPA_PLATFORM=offscreen "$py" "$src/tests/e2e/qgis/check_provider.py" "$leefbaar" "$src" "$work/run" "$work/plugins"
