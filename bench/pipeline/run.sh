#!/usr/bin/env bash
# Benchmark of the whole pipeline, `leefbaar run PROJECT.toml`, on a synthetic project of
# N units (issue 17, target 4: 100,000 units in 45 s or less on 2 cores):
#   - N Voronoi neighbourhoods (bench/join/make_voronoi; the GeoPackage bench/join and
#     bench/cluster use) and a table of 20 indicators in 5 domains with spatial structure
#     (bench/pipeline/make_indicators: a latent field plus one per domain plus noise,
#     2 % missing, counts per 1,000 inhabitants, skewed values, shares);
#   - a project file (written next to the data) with the COINr outlier rule, min-max,
#     equal weights, arithmetic aggregation; [uncertainty] RUNS Monte Carlo runs with
#     the sensitivity design (weights +-25 %, normalisation {minmax, zscore,
#     percentile_rank}, aggregation {arithmetic, geometric}: RUNS x 5 evaluations);
#     [explain] as by default; [spatial] Moran's I, Geary's C, G, LISA and Gi* of the
#     index on queen contiguity with PERMUTATIONS permutations; [cluster] SKATER into 20
#     regions on the five domain scores; the GeoPackage with QGIS styles and the HTML
#     report.
#   bench/pipeline/run.sh [N=100000] [REPEAT=1] [THREADS=2]
#   RUNS=1000 PERMUTATIONS=999    smaller values for a quick try (e.g. RUNS=50 ... 10000)
#   LEEFBAAR_BUILD=DIR            take leefbaar and the generators from DIR/tools, DIR/bench
#                                 (e.g. another build to compare; default build-bench)
# Needs the `bench` preset (built here with tools/build.sh), GNU time and jq (installed
# when missing). Data and outputs go to bench/data (git-ignored; the data are reused). At
# 100,000 units: about 40 s and 1.3 GB a run on an idle 2-core machine; 45 MB of data
# (Voronoi GeoPackage and CSV, indicator CSV), and each run writes a 107 MB GeoPackage, a
# 209 MB JSON report (the explanation of every unit) and a 10 MB HTML report.
# Prints Markdown: the seconds of every step and of the parts it times (the JSON
# report's "timings"), then wall time, CPU time and peak memory of the whole process
# (GNU time), and the load average before and after each run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
n="${1:-100000}"; repeat="${2:-1}"; threads="${3:-2}"
runs="${RUNS:-1000}"; permutations="${PERMUTATIONS:-999}"
"$root/tools/setup.sh" >/dev/null
command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >/dev/null
command -v jq >/dev/null || apt-get install -y -qq jq >/dev/null
"$root/tools/build.sh" bench leefbaar make_voronoi make_indicators >/dev/null
build="${LEEFBAAR_BUILD:-$root/build-bench}"
bin="$build/tools/leefbaar"
data="$root/bench/data"; work="$data/pipeline_$n"; mkdir -p "$work"
gp="$data/voronoi_$n.gpkg"; csv="$work/indicators.csv"
[[ -f "$gp" && -f "$data/voronoi_$n.csv" ]] || "$build/bench/join/make_voronoi" "$n" "$gp" "$data/voronoi_$n.csv" >/dev/null
[[ -f "$csv" ]] || "$build/bench/pipeline/make_indicators" "$gp" "$csv" >/dev/null

project="$work/project.toml"
{
  cat <<EOF
# Written by bench/pipeline/run.sh: $n synthetic units, 20 indicators in 5 domains.
[project]
name = "Synthetic pipeline benchmark, $n units"

[input]
polygons = "$gp"
key = "code"

[[input.table]]
path = "$csv"
key = "code"

[output]
gpkg = "pipeline.gpkg"
layer = "units"

[index]
outliers = "coinr"
normalisation = "minmax"
aggregation = "arithmetic"
classification = "quantiles"

EOF
  for d in income housing health population amenities; do printf '[domain.%s]\n' "$d"; done
  echo
  domains=(income housing health population amenities)
  for ((i = 0; i < 20; ++i)); do
    c="$(printf 'ind%02d' $((i + 1)))"
    echo "[indicator.$c]"
    echo "column = \"$c\""
    echo "domain = \"${domains[$((i / 4))]}\""
    if ((i % 3 == 1)); then echo 'direction = "lower_is_better"'; else echo 'direction = "higher_is_better"'; fi
    if ((i % 4 == 0)); then printf 'transform = "per_1000"\ndenominator = "inwoners"\n'; fi
    echo
  done
  cat <<EOF
[uncertainty]
runs = $runs
seed = 1
weights = 0.25
normalisation = ["minmax", "zscore", "percentile_rank"]
aggregation = ["arithmetic", "geometric"]
sensitivity = true

[spatial]
fields = ["index"]
weights = "queen"
permutations = $permutations

[cluster]
method = "skater"
clusters = 20
missing = "mean"

[report]
enabled = true
EOF
} > "$project"

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/{print $2}') GiB; GDAL $(gdal-config --version)"
echo "project: $n units, 20 indicators in 5 domains, $runs Monte Carlo runs with sensitivity, $permutations permutations, SKATER 20 regions; --threads $threads"
echo
for ((i = 1; i <= repeat; ++i)); do
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  log="$(mktemp)"
  /usr/bin/time -f "%e %U %S %M" -o "$log" "$bin" --quiet --threads "$threads" run "$project" -o "$work/pipeline.gpkg" --overwrite
  read -r wall user sys peak < "$log"; rm -f "$log"
  report="$work/pipeline-report.json"
  echo "### Run $i (load before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg))"
  echo
  echo "| step (part) | seconds |"
  echo "|---|---:|"
  jq -r '.timings.steps[] | "\(.name)\t\(.seconds)", (.parts[]? | "- \(.name)\t\(.seconds)")' "$report" |
    awk -F'\t' '{ printf "| %s | %.2f |\n", $1, $2 }'
  steps="$(jq '.timings.seconds' "$report")"
  awk -v s="$steps" -v w="$wall" -v u="$user" -v y="$sys" -v m="$peak" 'BEGIN {
    printf "| **steps (start of the pipeline to the JSON built)** | **%.2f** |\n", s
    printf "| rest: start-up, reading the project, writing the JSON, exit | %.2f |\n", w - s
    printf "| **whole process, wall (GNU time)** | **%.2f** |\n", w
    printf "| CPU user / system | %.2f / %.2f |\n", u, y
    printf "| peak resident memory (MB) | %.0f |\n", m / 1024 }'
  echo
done
