#!/bin/sh
# Builds a result GeoPackage like `leefbaar run` writes, from the Heerlen buurt polygons
# with synthetic result fields (arithmetic on the feature id (rowid), see
# tests/data/output/README.md), then styles it with `leefbaar style`.
# Usage: make_results.sh LEEFBAAR SOURCE_DIR OUT.gpkg
set -eu
leefbaar=$1; src=$2; out=$3
polys="$src/tests/data/output/heerlen_buurten.gpkg"
rm -f "$out"
sql="SELECT GEOMETRY AS geom, buurtcode, wijkcode,
  CAST(((rowid - 1) * 37) % 57 AS REAL) AS \"index\",
  1 + (((rowid - 1) * 37) % 57) / 19 AS index_class,
  CAST(rowid - 1 AS REAL) AS d_wonen, CAST(57 - rowid AS REAL) AS d_veiligheid,
  CAST((rowid * 7) % 10 AS REAL) * 10 AS n_inkomen, CAST((rowid * 3) % 13 AS REAL) * 7.5 AS n_groen,
  CAST(rowid AS REAL) * 1.7 AS n_zorg,
  CASE (rowid - 1) % 7 WHEN 0 THEN 'High-High' WHEN 1 THEN 'Low-Low' WHEN 2 THEN 'Low-High' WHEN 3 THEN 'High-Low'
    WHEN 4 THEN 'Not significant' WHEN 5 THEN 'No neighbours' ELSE 'Undefined' END AS lisa_index_cl,
  (rowid - 1) % 7 - 3 AS gi_index_bin,
  ((((rowid - 1) * 37) % 57) - 28) / 16.6 AS ms_index_z,
  0.45 * ((((rowid - 1) * 37) % 57) - 28) / 16.6 + ((rowid * 13) % 11 - 5) / 10.0 AS ms_index_lag,
  1 + (rowid - 1) % 4 AS cluster,
  CAST(57 - ((rowid - 1) * 37) % 57 AS REAL) AS rank_median,
  CAST(MAX(1, 57 - ((rowid - 1) * 37) % 57 - 1 - rowid % 5) AS REAL) AS rank_p05,
  CAST(MIN(57, 57 - ((rowid - 1) * 37) % 57 + 1 + rowid % 3) AS REAL) AS rank_p95
  FROM buurten"
ogr2ogr -q -f GPKG "$out" "$polys" -dialect INDIRECT_SQLITE -sql "$sql" -nln buurten -nlt MULTIPOLYGON -lco GEOMETRY_NAME=geom
ogr2ogr -q -update "$out" "$polys" -dialect INDIRECT_SQLITE -nln regions -nlt MULTIPOLYGON -lco GEOMETRY_NAME=geom \
  -sql "SELECT ST_Multi(ST_Union(GEOMETRY)) AS geom, 1 + (rowid - 1) % 4 AS cluster, count(*) AS n_units FROM buurten GROUP BY 1 + (rowid - 1) % 4"
"$leefbaar" style "$out" --input "$polys" --seed 42 --title "Heerlen (synthetic results)"
# GeoPackage conformance (integrity, foreign keys, GDAL's validate_gpkg); fails without python3-gdal.
py=/usr/bin/python3
[ -x "$py" ] || py=python3
"$py" "$src/tests/e2e/gpkg_conformance.py" "$out"
