#!/usr/bin/env bash
# Spatial statistics benchmark (not a test): queen weights, LISA with 999
# permutations and the whole weights + Moran + LISA + Gi* run on the synthetic
# Voronoi sets of bench/join (make_voronoi), against R spdep and libpysal.
#   bench/spatial/run.sh [N ...]     default: 100000 1000000
# Needs bench/packages.txt (r-cran-spdep, python3-libpysal). Prints Markdown tables.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
sizes=("$@"); [[ ${#sizes[@]} -eq 0 ]] && sizes=(100000 1000000)
build="${LEEFBAAR_BUILD:-$root/build-bench}"
bin="$build/tools/leefbaar"; gen="$build/bench/join/make_voronoi"
[[ -x "$bin" ]] || "$root/tools/build.sh" bench leefbaar make_voronoi >/dev/null
data="$root/bench/data"; out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
mkdir -p "$data"
measure() {  # prints "seconds peak_MB"
  local log; log="$(mktemp)"
  /usr/bin/time -f "%e %M" -o "$log" "$@" >/dev/null 2>"$out/err" || { cat "$out/err" >&2; echo "NA NA"; rm -f "$log"; return; }
  awk '{printf "%.2f %.0f\n", $1, $2/1024}' "$log"; rm -f "$log"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a=="NA"||b=="NA"||b==0) print "–"; else printf "%.1fx", a/b }'; }
echo "machine: $(nproc) cores; $(R --version | head -1); spdep $(Rscript -e 'cat(as.character(packageVersion("spdep")))'); libpysal $(/usr/bin/python3 -c 'import libpysal; print(libpysal.__version__)')"
echo
echo "| polygons | leefbaar queen (s) | spdep poly2nb (s) | libpysal Queen (s) | vs spdep | vs libpysal |"
echo "|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  gp="$data/voronoi_$n.gpkg"; csv="$data/voronoi_$n.csv"
  [[ -f "$gp" ]] || "$gen" "$n" "$gp" "$csv" >/dev/null
  read -r ls _ < <(measure "$bin" --quiet weights "$gp" --key code -o "$out/q_$n.gal")
  ss=NA; ps=NA
  if [[ "$n" -le "${SPDEP_MAX:-100000}" ]]; then
    read -r ss _ < <(measure Rscript -e "suppressMessages({library(sf);library(spdep)}); p<-st_read('$gp',quiet=TRUE); nb<-poly2nb(p, queen=TRUE)")
    read -r ps _ < <(measure /usr/bin/python3 -c "import geopandas as g; from libpysal.weights import Queen; w=Queen.from_dataframe(g.read_file('$gp'))")
  fi
  echo "| $n | $ls | $ss | $ps | $(ratio "$ss" "$ls") | $(ratio "$ps" "$ls") |"
done
echo
# LISA: the R side builds its weights before timing starts (system.time), ours includes them.
n=${LISA_N:-100000}; gp="$data/voronoi_$n.gpkg"
field=ind4  # an indicator column of the joined set (bench/join)
joined() {  # the Voronoi polygons with the indicator columns, from leefbaar join
  local n=$1 j="$data/join_$1.gpkg"
  [[ -f "$j" ]] || "$bin" --quiet join "$data/voronoi_$n.gpkg" --key code --table "$data/voronoi_$n.csv" -o "$j" >/dev/null
  echo "$j"
}
gp="$(joined "$n")"
read -r la _ < <(measure "$bin" --quiet lisa "$gp" --key code --field "$field" --permutations 999 -o "$out/l.gpkg" --overwrite)
sl="$(Rscript -e "suppressMessages({library(sf);library(spdep)}); p<-st_read('$gp',quiet=TRUE); lw<-nb2listw(poly2nb(p),zero.policy=TRUE); x<-p[['$field']]; cat(system.time(localmoran_perm(x, lw, nsim=999, zero.policy=TRUE))[['elapsed']])" 2>/dev/null || echo NA)"
echo "| LISA 999 permutations, $n polygons, field $field | leefbaar (s, incl. reading + weights + writing) | spdep localmoran_perm (s) | ratio |"
echo "|---|---:|---:|---:|"
echo "| | $la | $sl | $(ratio "$sl" "$la") |"
echo
n=${WHOLE_N:-1000000}; gp="$data/voronoi_$n.gpkg"
[[ -f "$gp" ]] || "$gen" "$n" "$gp" "$data/voronoi_$n.csv" >/dev/null
gp="$(joined "$n")"
read -r wa wm < <(measure "$bin" --quiet lisa "$gp" --key code --field "$field" --permutations 999 -o "$out/w.gpkg" --overwrite)
read -r ha hm < <(measure "$bin" --quiet hotspots "$gp" --key code --field "$field" --permutations 999 -o "$out/h.gpkg" --overwrite)
echo "| whole run, $n polygons | time (s) | peak memory (MB) |"
echo "|---|---:|---:|"
echo "| read + queen + Moran/Geary/G + LISA (999) + write | $wa | $wm |"
echo "| read + queen + Moran/Geary/G + Gi* (999) + write | $ha | $hm |"
