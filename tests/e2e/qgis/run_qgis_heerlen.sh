#!/bin/sh
# ctest entry: runs the whole pipeline on the Heerlen sample project (`leefbaar run`)
# and checks the real output in QGIS: every layer valid and styled from the
# GeoPackage, the embedded project with all layers, every layer rendering.
# Usage: run_qgis_heerlen.sh LEEFBAAR SOURCE_DIR WORK_DIR
# Exit 77 (skipped) when PyQGIS is not installed (apt-get install qgis python3-qgis).
set -eu
leefbaar=$1; src=$2; work=$3
py=/usr/bin/python3
[ -x "$py" ] || py=python3
if ! QT_QPA_PLATFORM=offscreen "$py" -c "import qgis.core" >/dev/null 2>&1; then
  echo "skipped: PyQGIS is not importable; apt-get install qgis python3-qgis"
  exit 77
fi
rm -rf "$work"; mkdir -p "$work"
"$leefbaar" --quiet run "$src/sample-data/heerlen/liveability.toml" -o "$work/heerlen.gpkg" --runs 100
"$py" "$src/tests/e2e/gpkg_conformance.py" "$work/heerlen.gpkg"
QT_QPA_PLATFORM=offscreen "$py" "$src/tests/e2e/qgis/check_gpkg.py" "$work/heerlen.gpkg" "$work/png" "$src/tests/e2e/qgis/heerlen_run_expect.json"
