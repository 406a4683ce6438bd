#!/bin/sh
# ctest entry: writes the HTML report of the Heerlen result GeoPackage and opens it in
# headless Chromium: every <img> must have loaded (the report marks <body> with
# data-images and data-images-loaded on load) and the screenshot must not be blank.
# Usage: run_report_check.sh LEEFBAAR SOURCE_DIR WORK_DIR
# Exit 77 (skipped) when Chromium is not installed (apt-get install chromium).
set -eu
leefbaar=$1; src=$2; work=$3
. "$src/tests/e2e/qgis/chromium.sh"
mkdir -p "$work"
"$src/tests/e2e/qgis/make_results.sh" "$leefbaar" "$src" "$work/results.gpkg"
"$leefbaar" report "$work/results.gpkg" -o "$work/report.html" --overwrite
# shellcheck disable=SC2086
"$browser" $flags --dump-dom "file://$work/report.html" 2>/dev/null > "$work/report.dom.html"
total=$(sed -n 's/.*data-images="\([0-9]*\)".*/\1/p' "$work/report.dom.html" | head -1)
loaded=$(sed -n 's/.*data-images-loaded="\([0-9]*\)".*/\1/p' "$work/report.dom.html" | head -1)
echo "images: ${loaded:-?} of ${total:-?} loaded"
if [ -z "$total" ] || [ "$total" -lt 6 ] || [ "$loaded" != "$total" ]; then
  echo "FAIL: not every figure loaded in Chromium"
  exit 1
fi
# shellcheck disable=SC2086
"$browser" $flags --window-size=1000,2400 --screenshot="$work/report.png" "file://$work/report.html" 2>/dev/null
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3
"$py" "$src/tests/e2e/qgis/png_not_blank.py" "$work/report.png" 0.05 8
