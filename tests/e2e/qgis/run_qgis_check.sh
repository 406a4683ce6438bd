#!/bin/sh
# ctest entry: builds the Heerlen result GeoPackage, styles it, and checks it in QGIS.
# Usage: run_qgis_check.sh LEEFBAAR SOURCE_DIR WORK_DIR
# Exit 77 (skipped) when PyQGIS is not installed (apt-get install qgis python3-qgis).
set -eu
leefbaar=$1; src=$2; work=$3
. "$src/tests/e2e/qgis/pyqgis.sh"
mkdir -p "$work"
"$src/tests/e2e/qgis/make_results.sh" "$leefbaar" "$src" "$work/results.gpkg"
QT_QPA_PLATFORM=offscreen "$py" "$src/tests/e2e/qgis/check_gpkg.py" "$work/results.gpkg" "$work/png"
