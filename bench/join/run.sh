#!/usr/bin/env bash
# Benchmark of `leefbaar join` against the floor of `ogr2ogr` copying the same
# polygons to GeoPackage, on synthetic Voronoi neighbourhoods (bench/join/make_voronoi).
#   bench/join/run.sh [N ...]      default: 10000 100000 1000000
# Prints a Markdown table: wall time and peak memory (GNU time) of each.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
sizes=("$@"); [[ ${#sizes[@]} -eq 0 ]] && sizes=(10000 100000 1000000)
"$root/tools/setup.sh" >/dev/null
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
"$root/tools/build.sh" bench leefbaar make_voronoi >/dev/null
bin="$root/build-bench/tools/leefbaar"; gen="$root/build-bench/bench/join/make_voronoi"
data="$root/bench/data"; mkdir -p "$data"
measure() {  # prints "seconds peak_MB"
  local log; log="$(mktemp)"
  /usr/bin/time -f "%e %M" -o "$log" "$@" >/dev/null 2>&1
  awk '{printf "%.2f %.0f\n", $1, $2/1024}' "$log"; rm -f "$log"
}
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; GDAL $(gdal-config --version)"
echo
echo "| polygons | ogr2ogr copy (s) | ogr2ogr peak (MB) | leefbaar join (s) | join peak (MB) | ratio |"
echo "|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  gp="$data/voronoi_$n.gpkg"; csv="$data/voronoi_$n.csv"
  [[ -f "$gp" && -f "$csv" ]] || "$gen" "$n" "$gp" "$csv" >/dev/null
  rm -f "$data/copy_$n.gpkg" "$data/join_$n.gpkg"
  read -r ts tm < <(measure ogr2ogr -f GPKG "$data/copy_$n.gpkg" "$gp")
  read -r js jm < <(measure "$bin" --quiet join "$gp" --key code --table "$csv" --output "$data/join_$n.gpkg")
  ratio=$(awk -v a="$js" -v b="$ts" 'BEGIN{printf "%.2f", a/b}')
  echo "| $n | $ts | $tm | $js | $jm | $ratio |"
done
