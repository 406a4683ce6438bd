#!/usr/bin/env bash
# End-to-end: `leefbaar join` reading polygons from a PostgreSQL/PostGIS
# connection string. Starts the local cluster if needed, loads the Heerlen sample
# polygons with ogr2ogr, joins the 2019 table, and checks the output.
# Exits 77 (skipped) where PostgreSQL/PostGIS is not installed or we are not root.
set -euo pipefail
bin="$1"; src="$2"; work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
skip() { echo "SKIP: $*"; exit 77; }
[[ $(id -u) -eq 0 ]] || skip "needs root to start the PostgreSQL cluster"
command -v pg_lsclusters >/dev/null || skip "PostgreSQL not installed"
ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1 || skip "PostGIS not installed"
cluster="$(pg_lsclusters -h | head -1)"
[[ -n "$cluster" ]] || skip "no PostgreSQL cluster"
ver="$(echo "$cluster" | awk '{print $1}')"; name="$(echo "$cluster" | awk '{print $2}')"; port="$(echo "$cluster" | awk '{print $3}')"
pg_ctlcluster "$ver" "$name" status >/dev/null 2>&1 || pg_ctlcluster "$ver" "$name" start
# Peer authentication: give root a role so the test connects as itself.
su postgres -c "psql -q -p $port -tAc \"SELECT 1 FROM pg_roles WHERE rolname='root'\"" | grep -q 1 \
  || su postgres -c "createuser -p $port -s root"
db="leefbaar_test_$$"
su postgres -c "createdb -p $port $db" 
trap 'su postgres -c "dropdb -p $port --if-exists $db" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
su postgres -c "psql -q -p $port -d $db -c 'CREATE EXTENSION postgis'"
conn="PG:dbname=$db host=/var/run/postgresql port=$port"
ogr2ogr -f PostgreSQL "$conn" "$src/sample-data/heerlen/heerlen_buurten.gpkg" buurten -nln buurten
"$bin" join "$conn" --layer buurten --key buurtcode --table "$src/sample-data/heerlen/kwb_heerlen_2019.csv" --table-key code \
  --output "$work/pg.gpkg" > "$work/out.txt" 2> "$work/err.txt"
[[ ! -s "$work/err.txt" ]] || { echo "unexpected stderr:"; cat "$work/err.txt"; exit 1; }
grep -q "57 polygons" "$work/out.txt" || { cat "$work/out.txt"; exit 1; }
# BU09171000 Maria Gewanden: 3,440 inhabitants in 2019 (CBS, sample-data/heerlen/README.md)
row="$(ogrinfo -q "$work/pg.gpkg" buurten -where "buurtcode='BU09171000'")"
grep -q "Bevolking_Aantal_inwoners (Integer64) = 3440" <<<"$row" || { echo "value of BU09171000 not found"; exit 1; }
# GeoPackage conformance (integrity, foreign keys, GDAL's validate_gpkg); fails without python3-gdal.
py=/usr/bin/python3; [[ -x "$py" ]] || py=python3
"$py" "$src/tests/e2e/gpkg_conformance.py" "$work/pg.gpkg"
echo "PostGIS join: OK"
