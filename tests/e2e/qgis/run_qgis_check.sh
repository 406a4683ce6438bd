#!/bin/sh
# ctest entry: builds the Heerlen result GeoPackage, styles it, and checks it in QGIS.
# Usage: run_qgis_check.sh LEEFBAAR SOURCE_DIR WORK_DIR
# Exit 77 (skipped) when PyQGIS is not installed (apt-get install qgis python3-qgis).
set -eu
leefbaar=$1; src=$2; work=$3
# Debian's python3-qgis is built for the system Python, not for a pyenv or venv one.
py=/usr/bin/python3
[ -x "$py" ] || py=python3
if ! QT_QPA_PLATFORM=offscreen "$py" -c "import qgis.core" >/dev/null 2>&1; then
  echo "skipped: PyQGIS is not importable; apt-get install qgis python3-qgis"
  exit 77
fi
mkdir -p "$work"
"$src/tests/e2e/qgis/make_results.sh" "$leefbaar" "$src" "$work/results.gpkg"
QT_QPA_PLATFORM=offscreen "$py" "$src/tests/e2e/qgis/check_gpkg.py" "$work/results.gpkg" "$work/png"
