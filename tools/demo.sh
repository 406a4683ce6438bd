#!/usr/bin/env bash
# The README's first command: installs what is missing, builds the `leefbaar`
# command and runs the main job on the Heerlen sample data, then says where the
# GeoPackage is and what it holds.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/tools/setup.sh"
"$root/tools/build.sh" default leefbaar
bin="$root/build/tools/leefbaar"
out="${LEEFBAAR_DEMO_OUT:-$root/out}"
mkdir -p "$out"
cd "$root"
project="sample-data/heerlen/liveability.toml"
if "$bin" run --help >/dev/null 2>&1 && [[ -f "$project" ]]; then
  "$bin" run "$project" --output "$out/heerlen.gpkg" --report "$out/heerlen-report.json" --overwrite
else
  "$bin" join sample-data/heerlen/heerlen_buurten.gpkg --key buurtcode \
    --table sample-data/heerlen/kwb_heerlen_2019.csv --table sample-data/heerlen/kwb_heerlen_2018.csv \
    --table-key code --prefix '' --prefix y2018_ \
    --output "$out/heerlen.gpkg" --report "$out/heerlen-report.json" --overwrite
fi
echo
echo "GeoPackage: $out/heerlen.gpkg"
echo "Report:     $out/heerlen-report.json"
[[ -f "$out/heerlen.html" ]] && echo "Pictures:   $out/heerlen.html (open in a browser); open the GeoPackage in QGIS: it holds its own styled project"
"$bin" info "$out/heerlen.gpkg" --no-scan
echo "Validation: layer 'validation' holds the index per wijk against the Leefbaarometer 2.0 (val_residual: where they disagree);"
echo "            every buurt's top_plus/top_minus/next_class say why it scores as it does (docs/methods/validation.md)"
# The same buurten followed over the five editions 2016-2020 (monitor.toml extends
# liveability.toml with [monitor]): one scale for every year, the change and whether it
# is significant, development classes and emerging hot spots.
monitor="sample-data/heerlen/monitor.toml"
if [[ -f "$monitor" ]]; then
  echo
  "$bin" run "$monitor" -o "$out/heerlen-monitor.gpkg" --report "$out/heerlen-monitor-report.json" --html "$out/heerlen-monitor.html" --overwrite
  echo
  echo "Monitor:    $out/heerlen-monitor.gpkg: layer units_years (every buurt in every year; QGIS's temporal controller steps through the"
  echo "            years), units_change (change 2016-2019, its 90 % interval, development class, emerging hot spot), monitor_coverage"
fi
