#!/bin/sh
# ctest entry: runs the five-year Heerlen project (sample-data/heerlen/monitor.toml) with
# its HTML report and opens the report in headless Chromium: every image must have
# loaded, the section "Over time" must show one small map per year of the years layer,
# its table must list exactly the units whose change_sig in the change layer is
# "significantly better" / "significantly worse", and no figure may be blank
# (check_report_time.py reads the GeoPackage, not the report's code path).
# Usage: run_report_time_check.sh LEEFBAAR SOURCE_DIR WORK_DIR
# Exit 77 (skipped) when Chromium is not installed (apt-get install chromium).
set -eu
leefbaar=$1; src=$2; work=$3
. "$src/tests/e2e/qgis/chromium.sh"
rm -rf "$work"
mkdir -p "$work"
"$leefbaar" run "$src/sample-data/heerlen/monitor.toml" -o "$work/monitor.gpkg" --html "$work/monitor.html" --runs 200 >/dev/null
# shellcheck disable=SC2086
"$browser" $flags --dump-dom "file://$work/monitor.html" 2>/dev/null > "$work/monitor.dom.html"
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3
"$py" "$src/tests/e2e/qgis/check_report_time.py" "$work/monitor.dom.html" "$work/monitor.gpkg" units_years units_change buurtcode "$work"
