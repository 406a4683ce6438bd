#!/usr/bin/env bash
# Spatial statistics benchmark (not a test), side by side with R spdep and libpysal
# on the synthetic Voronoi sets of bench/join (make_voronoi):
#   1. queen weights from the polygons (read included on every side);
#   2. LISA with 999 permutations on weights already built (spdep localmoran_perm,
#      timed with system.time; ours: the LISA phase of bench_spatial);
#   3. the whole `leefbaar lisa --gistar` run: read + queen + Moran (999) / Geary / G
#      + LISA and Gi* (999) + GeoPackage with spatial index + JSON report.
#   bench/spatial/run.sh [N ...]     default: 100000 1000000
# Needs bench/packages.txt (r-cran-spdep, python3-libpysal, time). Prints Markdown.
# SPDEP_MAX (default 100000): largest N the R and Python sides run at.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
sizes=("$@"); [[ ${#sizes[@]} -eq 0 ]] && sizes=(100000 1000000)
build="${LEEFBAAR_BUILD:-$root/build-bench}"
bin="$build/tools/leefbaar"; gen="$build/bench/join/make_voronoi"; phases="$build/bench/spatial/bench_spatial"
"$root/tools/setup.sh" --with-extra "$root/bench/packages.txt" >/dev/null
"$root/tools/build.sh" bench leefbaar make_voronoi bench_spatial >/dev/null
data="$root/bench/data"; out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
mkdir -p "$data"
field=ind4  # an indicator column of the joined set (bench/join)
measure() {  # prints "seconds peak_MB"
  local log; log="$(mktemp)"
  /usr/bin/time -f "%e %M" -o "$log" "$@" >/dev/null 2>"$out/err" || { cat "$out/err" >&2; echo "NA NA"; rm -f "$log"; return; }
  awk '{printf "%.2f %.0f\n", $1, $2/1024}' "$log"; rm -f "$log"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a=="NA"||b=="NA"||b==0) print "–"; else printf "%.1fx", a/b }'; }
joined() {  # the Voronoi polygons with the indicator columns, from leefbaar join
  local n=$1 j="$data/join_$1.gpkg"
  [[ -f "$data/voronoi_$n.gpkg" ]] || "$gen" "$n" "$data/voronoi_$n.gpkg" "$data/voronoi_$n.csv" >/dev/null
  [[ -f "$j" ]] || "$bin" --quiet join "$data/voronoi_$n.gpkg" --key code --table "$data/voronoi_$n.csv" -o "$j" >/dev/null
  echo "$j"
}
phase() { awk -v p="$1" '$1 == p {print $3}' "$2"; }  # seconds of a bench_spatial phase
max_spdep="${SPDEP_MAX:-100000}"

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$(R --version | head -1); spdep $(Rscript -e 'cat(as.character(packageVersion("spdep")))'); libpysal $(/usr/bin/python3 -W ignore -c 'import libpysal; print(libpysal.__version__)')"
echo

echo "### Queen contiguity from the polygons (reading included)"
echo
echo "| polygons | leefbaar \`weights\` (s) | spdep \`poly2nb\` (s) | libpysal \`Queen.from_dataframe\` (s) | vs spdep | vs libpysal |"
echo "|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  gp="$(joined "$n")"
  read -r ls _ < <(measure "$bin" --quiet weights "$gp" --key code -o "$out/q_$n.gal")
  ss=NA; ps=NA
  if [[ "$n" -le "$max_spdep" ]]; then
    read -r ss _ < <(measure Rscript -e "suppressMessages({library(sf);library(spdep)}); p<-st_read('$gp',quiet=TRUE); nb<-poly2nb(p, queen=TRUE)")
    read -r ps _ < <(measure /usr/bin/python3 -W ignore -c "import geopandas as g; from libpysal.weights import Queen; w=Queen.from_dataframe(g.read_file('$gp'))")
  fi
  echo "| $n | $ls | $ss | $ps | $(ratio "$ss" "$ls") | $(ratio "$ps" "$ls") |"
done
echo

echo "### LISA, 999 conditional permutations, weights already built"
echo
echo "| polygons | leefbaar LISA (s) | leefbaar LISA + Gi* together (s) | spdep \`localmoran_perm\` (s) | spdep, 2 cores (s) | vs spdep | vs spdep 2 cores |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  gp="$(joined "$n")"
  BENCH_SEPARATE=1 "$phases" "$gp" "$field" 999 > "$out/phases_$n.txt"
  la="$(phase lisa "$out/phases_$n.txt")"; lg="$(phase lisa+gi\* "$out/phases_$n.txt")"
  sl=NA; s2=NA
  if [[ "$n" -le "$max_spdep" ]]; then
    r="suppressMessages({library(sf);library(spdep)}); p<-st_read('$gp',quiet=TRUE); lw<-nb2listw(poly2nb(p),zero.policy=TRUE); x<-p[['$field']]"
    sl="$(Rscript -e "$r; cat(system.time(localmoran_perm(x, lw, nsim=999, zero.policy=TRUE, iseed=1))[['elapsed']])" 2>/dev/null || echo NA)"
    s2="$(Rscript -e "$r; invisible(set.coresOption(2L)); cat(system.time(localmoran_perm(x, lw, nsim=999, zero.policy=TRUE, iseed=1))[['elapsed']])" 2>/dev/null || echo NA)"
  fi
  echo "| $n | $la | $lg | $sl | $s2 | $(ratio "$sl" "$la") | $(ratio "$s2" "$la") |"
done
echo

echo "### The whole run: \`leefbaar lisa FILE --fields $field --gistar -o OUT.gpkg\`"
echo
echo "| polygons | time (s) | peak memory (MB) | read | queen | Moran (999) | LISA + Gi* (999) |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  gp="$(joined "$n")"
  read -r wa wm < <(measure "$bin" --quiet lisa "$gp" --key code --fields "$field" --gistar --permutations 999 -o "$out/w_$n.gpkg" --overwrite)
  f="$out/phases_$n.txt"
  echo "| $n | $wa | $wm | $(phase read "$f") | $(phase queen "$f") | $(phase moran "$f") | $(phase lisa+gi\* "$f") |"
done
echo
echo "(phase columns: bench_spatial, the engine calls alone, in the same session; load after: $(cut -d' ' -f1-3 /proc/loadavg))"
