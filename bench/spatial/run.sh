#!/usr/bin/env bash
# Spatial statistics benchmark (not a test), side by side with R spdep, libpysal and GeoDa
# on the synthetic Voronoi sets of bench/join (make_voronoi):
#   1. queen weights from the polygons (read included on every side);
#   2. LISA with 999 permutations on weights already built (spdep localmoran_perm,
#      timed with system.time; ours: the LISA phase of bench_spatial);
#   3. the whole `leefbaar lisa --gistar` run: read + queen + Moran (999) / Geary / G
#      + LISA and Gi* (999) + GeoPackage with spatial index + JSON report;
#   4. Local Moran and Gi* (999 permutations) on one core against GeoDa's own library,
#      npm @geoda/lisa (libgeoda as WebAssembly, pinned in bench/spatial/geoda/package.json,
#      installed there by npm when node_modules is missing): leefbaar (bench_spatial,
#      threads=1) and GeoDa (geoda/geoda_lisa.mjs, the same GAL and CSV column) alternate,
#      GEODA_ROUNDS rounds; medians, min-max, GeoDa / leefbaar per core, leefbaar on 2 threads.
#   bench/spatial/run.sh [N ...]     default: 100000 1000000
# Needs bench/packages.txt (r-cran-spdep, python3-libpysal, time, nodejs, npm). Prints Markdown.
# SECTIONS (default queen,lisa,whole,geoda): which of the four to run, comma-separated; the
#   GeoDa comparison alone: SECTIONS=geoda bench/spatial/run.sh 100000
# SPDEP_MAX (default 100000): largest N the R and Python sides run at.
# GEODA_MAX (default 100000): largest N of section 4; GEODA_ROUNDS (default 3): its rounds.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
sizes=("$@"); [[ ${#sizes[@]} -eq 0 ]] && sizes=(100000 1000000)
build="${LEEFBAAR_BUILD:-$root/build-bench}"
bin="$build/tools/leefbaar"; gen="$build/bench/join/make_voronoi"; phases="$build/bench/spatial/bench_spatial"
sections="${SECTIONS:-queen,lisa,whole,geoda}"
want() { [[ ",$sections," == *",$1,"* ]]; }
geoda="$root/bench/spatial/geoda"
"$root/tools/setup.sh" --with-extra "$root/bench/packages.txt" >/dev/null
"$root/tools/build.sh" bench leefbaar make_voronoi bench_spatial >/dev/null
if want geoda && [[ ! -d "$geoda/node_modules/@geoda/lisa" ]]; then
  (cd "$geoda" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
data="$root/bench/data"; out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
mkdir -p "$data"
field=ind4  # an indicator column of the joined set (bench/join)
measure() {  # prints "seconds peak_MB"
  local log; log="$(mktemp)"
  /usr/bin/time -f "%e %M" -o "$log" "$@" >/dev/null 2>"$out/err" || { cat "$out/err" >&2; echo "NA NA"; rm -f "$log"; return; }
  awk '{printf "%.2f %.0f\n", $1, $2/1024}' "$log"; rm -f "$log"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a=="NA"||b=="NA"||a==""||b==""||b==0) print "–"; else printf "%.1fx", a/b }'; }
joined() {  # the Voronoi polygons with the indicator columns, from leefbaar join
  local n=$1 j="$data/join_$1.gpkg"
  [[ -f "$data/voronoi_$n.gpkg" ]] || "$gen" "$n" "$data/voronoi_$n.gpkg" "$data/voronoi_$n.csv" >/dev/null
  [[ -f "$j" ]] || "$bin" --quiet join "$data/voronoi_$n.gpkg" --key code --table "$data/voronoi_$n.csv" -o "$j" >/dev/null
  echo "$j"
}
phase() { awk -v p="$1" -v c="${3:-3}" '$1 == p {print $c}' "$2"; }  # seconds of a bench_spatial phase (column 5: CPU)
phases_of() {  # bench_spatial on all cores, separate passes included; once per size and run
  local f="$out/phases_$1.txt"
  [[ -f "$f" ]] || BENCH_SEPARATE=1 "$phases" "$(joined "$1")" "$field" 999 > "$f"
  echo "$f"
}
queen_gal() {  # leefbaar's queen weights of size N as GAL (ids: the key `code`)
  local g="$out/q_$1.gal"
  [[ -f "$g" ]] || "$bin" --quiet weights "$(joined "$1")" --key code -o "$g" >/dev/null
  echo "$g"
}
max_spdep="${SPDEP_MAX:-100000}"

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
if want queen || want lisa; then
  echo "$(R --version | head -1); spdep $(Rscript -e 'cat(as.character(packageVersion("spdep")))'); libpysal $(/usr/bin/python3 -W ignore -c 'import libpysal; print(libpysal.__version__)')"
fi
if want geoda; then
  echo "GeoDa: @geoda/lisa $(node -p "require('$geoda/node_modules/@geoda/lisa/package.json').version") (WebAssembly), node $(node --version)"
fi
echo

if want queen; then
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
fi

if want lisa; then
echo "### LISA, 999 conditional permutations, weights already built"
echo
echo "| polygons | leefbaar LISA (s) | leefbaar LISA + Gi* together (s) | spdep \`localmoran_perm\` (s) | spdep, 2 cores (s) | vs spdep | vs spdep 2 cores |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  gp="$(joined "$n")"; f="$(phases_of "$n")"
  la="$(phase lisa "$f")"; lg="$(phase lisa+gi\* "$f")"
  sl=NA; s2=NA
  if [[ "$n" -le "$max_spdep" ]]; then
    r="suppressMessages({library(sf);library(spdep)}); p<-st_read('$gp',quiet=TRUE); lw<-nb2listw(poly2nb(p),zero.policy=TRUE); x<-p[['$field']]"
    sl="$(Rscript -e "$r; cat(system.time(localmoran_perm(x, lw, nsim=999, zero.policy=TRUE, iseed=1))[['elapsed']])" 2>/dev/null || echo NA)"
    s2="$(Rscript -e "$r; invisible(set.coresOption(2L)); cat(system.time(localmoran_perm(x, lw, nsim=999, zero.policy=TRUE, iseed=1))[['elapsed']])" 2>/dev/null || echo NA)"
  fi
  echo "| $n | $la | $lg | $sl | $s2 | $(ratio "$sl" "$la") | $(ratio "$s2" "$la") |"
done
echo
fi

if want whole; then
echo "### The whole run: \`leefbaar lisa FILE --fields $field --gistar -o OUT.gpkg\`"
echo
echo "| polygons | time (s) | peak memory (MB) | read | queen | Moran (999) | LISA + Gi* (999) |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  gp="$(joined "$n")"
  read -r wa wm < <(measure "$bin" --quiet lisa "$gp" --key code --fields "$field" --gistar --permutations 999 -o "$out/w_$n.gpkg" --overwrite)
  f="$(phases_of "$n")"
  echo "| $n | $wa | $wm | $(phase read "$f") | $(phase queen "$f") | $(phase moran "$f") | $(phase lisa+gi\* "$f") |"
done
echo
echo "(phase columns: bench_spatial, the engine calls alone, in the same session; load after: $(cut -d' ' -f1-3 /proc/loadavg))"
echo
fi

if want geoda; then
max_geoda="${GEODA_MAX:-100000}"; rounds="${GEODA_ROUNDS:-3}"
stats() {  # "median min max" of the numbers given (NA left out)
  printf '%s\n' "$@" | grep -E '^[0-9.]+$' | sort -g |
    awk '{v[NR]=$1} END{ if (!NR) {print "NA NA NA"; exit}; m = NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2; printf "%.2f %.2f %.2f\n", m, v[1], v[NR] }'
}
cell() { [[ "$1" == NA ]] && echo "–" || echo "$1 ($2–$3)"; }  # median (min–max)
sig() { sed -n "s/.*$1=\([0-9]*\).*/\1/p" "$2" | head -1; }  # a count key=N of an output line
echo "### Local Moran and Gi* against GeoDa (\`@geoda/lisa\`), one core each"
echo
echo "999 conditional permutations, queen weights, $field; leefbaar: \`bench_spatial\` phases \`lisa\` and \`gistar\` with threads=1 (and 2); GeoDa: \`geoda/geoda_lisa.mjs\`, the call into the wasm alone (Local Moran: GeoDa's permutation lookup table; G*: per-unit draws, \"complete\"), single-threaded (the package fixes nCPUs = 1). $rounds rounds, the programs alternating; wall seconds as median (min–max), CPU seconds (user + system) as medians; $(nproc) cores on the machine. Significant: p <= 0.05, folded p on both sides, round 1."
echo
echo "| polygons | statistic | leefbaar, 1 thread (s) | GeoDa (s) | GeoDa / leefbaar, per core | CPU (s): leefbaar / GeoDa | GeoDa / leefbaar, CPU | leefbaar, 2 threads (s) | GeoDa / leefbaar 2 threads | significant: leefbaar / GeoDa |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  [[ "$n" -le "$max_geoda" ]] || { echo "| $n | (above GEODA_MAX=$max_geoda) | | | | | | | | |"; continue; }
  gp="$(joined "$n")"; gal="$(queen_gal "$n")"; csv="$data/voronoi_$n.csv"
  declare -A t=()
  for ((r = 1; r <= rounds; ++r)); do
    BENCH_SEPARATE=1 BENCH_ALTERNATIVE=folded "$phases" "$gp" "$field" 999 1 > "$out/l1_$r.txt" || : > "$out/l1_$r.txt"
    for st in lisa gistar; do
      node "$geoda/geoda_lisa.mjs" "$gal" "$csv" "$field" 999 12345 "$st" --key code > "$out/g_${st}_$r.txt" || : > "$out/g_${st}_$r.txt"
    done
    BENCH_SEPARATE=1 BENCH_ALTERNATIVE=folded "$phases" "$gp" "$field" 999 2 > "$out/l2_$r.txt" || : > "$out/l2_$r.txt"
    for st in lisa gistar; do
      t[l1_$st]+=" $(phase "$st" "$out/l1_$r.txt")"; t[l2_$st]+=" $(phase "$st" "$out/l2_$r.txt")"
      t[g_$st]+=" $(phase "$st" "$out/g_${st}_$r.txt")"
      t[c1_$st]+=" $(phase "$st" "$out/l1_$r.txt" 5)"; t[cg_$st]+=" $(phase "$st" "$out/g_${st}_$r.txt" 5)"
    done
  done
  for st in lisa gistar; do
    read -r l1 l1lo l1hi < <(stats ${t[l1_$st]})
    read -r g glo ghi < <(stats ${t[g_$st]})
    read -r l2 l2lo l2hi < <(stats ${t[l2_$st]})
    read -r c1 _ < <(stats ${t[c1_$st]}); read -r cg _ < <(stats ${t[cg_$st]})
    name=$([[ $st == lisa ]] && echo "Local Moran" || echo "Gi*")
    echo "| $n | $name | $(cell "$l1" "$l1lo" "$l1hi") | $(cell "$g" "$glo" "$ghi") | $(ratio "$g" "$l1") | $c1 / $cg | $(ratio "$cg" "$c1") | $(cell "$l2" "$l2lo" "$l2hi") | $(ratio "$g" "$l2") | $(sig "${st}_sig" "$out/l1_1.txt") / $(sig sig "$out/g_${st}_1.txt") |"
  done
  unset t
done
echo
echo "(load after: $(cut -d' ' -f1-3 /proc/loadavg))"
fi
