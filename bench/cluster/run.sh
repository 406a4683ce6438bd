#!/usr/bin/env bash
# Benchmark of the clustering engine on synthetic Voronoi neighbourhoods
# (bench/join/make_voronoi): SKATER into 20 regions and max-p (floor 20,000 on ind1,
# a population-like column of mean ~2,500, so ~8 units per region, 100 constructions),
# and spdep's skater (R) on the same data for comparison.
#   bench/cluster/run.sh [N ...]      default: 14000 100000
#   SPDEP_SIZES="1000 2000"           sizes for spdep (its skater is O(n²) per cut; 2000 takes ~10 min)
#   SPDEP_TIMEOUT=1800                seconds before an spdep run is abandoned
#   BUILD_DIR=build-bench             build directory (configured with -DLEEFBAAR_BUILD_BENCH=ON)
# Variables: ind2..ind5, z-scored; queen contiguity built from the polygons.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
sizes=("$@"); [[ ${#sizes[@]} -eq 0 ]] && sizes=(14000 100000)
read -r -a spdep_sizes <<< "${SPDEP_SIZES:-1000 2000}"
timeout_s="${SPDEP_TIMEOUT:-1800}"
build="$root/${BUILD_DIR:-build-bench}"
command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >/dev/null
command -v Rscript >/dev/null && Rscript -e 'library(spdep)' >/dev/null 2>&1 || apt-get install -y -qq r-cran-spdep r-cran-sf >/dev/null
if [[ "${BUILD_DIR:-build-bench}" == build-bench ]]; then
  "$root/tools/build.sh" bench leefbaar make_voronoi bench_cluster >/dev/null
fi
bin="$build/tools/leefbaar"; gen="$build/bench/join/make_voronoi"; bench="$build/bench/cluster/bench_cluster"
data="$root/bench/data"; mkdir -p "$data"
fields=ind2,ind3,ind4,ind5
prepare() {  # joined GeoPackage with the indicator columns
  local n=$1 gp="$data/voronoi_$1.gpkg" csv="$data/voronoi_$1.csv" out="$data/cluster_in_$1.gpkg"
  [[ -f "$gp" && -f "$csv" ]] || "$gen" "$n" "$gp" "$csv" >/dev/null
  [[ -f "$out" ]] || "$bin" --quiet join "$gp" --key code --table "$csv" -o "$out" >/dev/null
  echo "$out"
}
measure() {  # prints "<program output> wall_s peak_MB"
  local log out; log="$(mktemp)"
  out="$(/usr/bin/time -f "%e %M" -o "$log" "$@" 2>/dev/null | tail -1)" || out="failed"
  echo "$out $(awk '{printf "%.2f %.0f", $1, $2/1024}' "$log")"; rm -f "$log"
}
field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<< "$2"; }
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; GEOS $(geos-config --version); spdep $(Rscript -e 'cat(as.character(packageVersion("spdep")))' 2>/dev/null)"
echo
echo "| units | method | regions | weights (s) | clustering (s) | dissolve (s) | total wall incl. read (s) | peak (MB) |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  in="$(prepare "$n")"
  for run in "skater $fields 20" "maxp $fields ind1 20000"; do
    read -r -a a <<< "$run"
    r="$(measure "$bench" "$in" "${a[@]}")"
    read -r -a t <<< "$r"
    wall="${t[${#t[@]}-2]}"; mem="${t[${#t[@]}-1]}"
    echo "| $n | ${a[0]} | $(field regions "$r") | $(field weights_s "$r") | $(field cluster_s "$r") | $(field dissolve_s "$r") | $wall | $mem |"
  done
done
echo
echo "| units | spdep poly2nb (s) | spdep nbcosts+mstree (s) | spdep skater 19 cuts (s) | leefbaar SKATER 20 regions (s) |"
echo "|---:|---:|---:|---:|---:|"
for n in "${spdep_sizes[@]}"; do
  in="$(prepare "$n")"
  r="$(timeout "$timeout_s" Rscript "$root/bench/cluster/spdep_skater.R" "$in" "$fields" 19 2>/dev/null || echo "timeout")"
  ours="$("$bench" "$in" skater "$fields" 20)"
  sk="$(field skater_s "$r")"; [[ "$r" == timeout ]] && sk="> $timeout_s"
  echo "| $n | $(field poly2nb_s "$r") | $(field mst_s "$r") | $sk | $(field cluster_s "$ours") |"
done
