#!/bin/sh
# ctest entry: runs the whole pipeline on the Heerlen sample project (`leefbaar run`)
# and checks the real output in QGIS: every layer valid and styled from the
# GeoPackage, the embedded project with all layers, every layer rendering
# (check_gpkg.py); no holes for unscored buurten, the index legend equal to the
# classification and the report, project CRS, map tips, print layouts exported to PDF
# and PNG (check_maps.py) -- for the Leefbaarometer classes of the sample project and
# for 5 quantile classes of the same data.
# Usage: run_qgis_heerlen.sh LEEFBAAR SOURCE_DIR WORK_DIR
# Exit 77 (skipped) when PyQGIS is not installed (apt-get install qgis python3-qgis).
set -eu
leefbaar=$1; src=$2; work=$3
. "$src/tests/e2e/qgis/pyqgis.sh"
qgis_dir="$src/tests/e2e/qgis"
rm -rf "$work"; mkdir -p "$work"
"$leefbaar" --quiet run "$src/sample-data/heerlen/liveability.toml" -o "$work/heerlen.gpkg" --runs 100
"$py" "$src/tests/e2e/gpkg_conformance.py" "$work/heerlen.gpkg"
QT_QPA_PLATFORM=offscreen "$py" "$qgis_dir/check_gpkg.py" "$work/heerlen.gpkg" "$work/png" "$qgis_dir/heerlen_run_expect.json"
QT_QPA_PLATFORM=offscreen "$py" "$qgis_dir/check_maps.py" "$work/heerlen.gpkg" "$work/heerlen.html" "$work/maps" \
  "Leefbaarheid Heerlen 2019" "$qgis_dir/heerlen_maps_expect.json"
# The five-year monitor (monitor.toml, [monitor]): the years layer is a temporal layer
# whose map of each year draws that year's 57 buurten, as a layer and in the embedded
# project; every layer conforms.
"$leefbaar" --quiet run "$src/sample-data/heerlen/monitor.toml" -o "$work/monitor.gpkg" --runs 50
"$py" "$src/tests/e2e/gpkg_conformance.py" "$work/monitor.gpkg"
QT_QPA_PLATFORM=offscreen "$py" "$qgis_dir/check_temporal.py" "$work/monitor.gpkg" units_years 57 2016 2017 2018 2019 2020
# The areas followed over the years ([areas] with [monitor]): the same for the two programme areas.
QT_QPA_PLATFORM=offscreen "$py" "$qgis_dir/check_temporal.py" "$work/monitor.gpkg" areas_programma_years 2 2016 2017 2018 2019 2020

# The same data in 5 quantile classes: the legend, the data and the report agree for
# another classification method too (labels "35.04 - 43.43" from index/classify.cpp).
heerlen="$src/sample-data/heerlen"
sed -e "s|^polygons = \"|polygons = \"$heerlen/|" -e "s|^path = \"|path = \"$heerlen/|" -e "s|^table = \"|table = \"$heerlen/|" \
    -e "s|^reference = \"|reference = \"$heerlen/|" -e 's|^classification = .*|classification = "quantiles"\nclasses = 5|' \
    "$heerlen/liveability.toml" > "$work/quantiles.toml"
"$leefbaar" --quiet run "$work/quantiles.toml" -o "$work/quantiles.gpkg" --runs 20
"$py" "$src/tests/e2e/gpkg_conformance.py" "$work/quantiles.gpkg"
QT_QPA_PLATFORM=offscreen "$py" "$qgis_dir/check_maps.py" "$work/quantiles.gpkg" "$work/quantiles.html" "$work/maps_quantiles" \
  "Leefbaarheid Heerlen 2019" "$qgis_dir/quantiles_maps_expect.json"
