#!/bin/sh
# Builds the installable QGIS plugin zip (QGIS: Plugins > Manage and Install Plugins >
# Install from ZIP; docs/qgis-plugin.md): OUT_DIR/leefbaar-qgis-plugin-VERSION.zip holding
# the folder leefbaar_provider/ with metadata.txt (this version), the icon, the Python
# sources and the repository's licence.
# Usage: build-plugin.sh VERSION OUT_DIR
set -eu
version=$1; out=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
stage="$out/qgis-plugin"
rm -rf "$stage"; mkdir -p "$stage/leefbaar_provider"
cp "$here"/leefbaar_provider/*.py "$here/leefbaar_provider/icon.svg" "$stage/leefbaar_provider/"
sed "s/@VERSION@/$version/" "$here/leefbaar_provider/metadata.txt" > "$stage/leefbaar_provider/metadata.txt"
if [ -f "$root/LICENSE" ]; then
  cp "$root/LICENSE" "$stage/leefbaar_provider/LICENSE"
else
  echo "warning: $root/LICENSE is missing; the plugin zip carries no licence" >&2
fi
zip="$out/leefbaar-qgis-plugin-$version.zip"
rm -f "$zip"
# Python's zipfile rather than zip(1), which a minimal system may lack.
(cd "$stage" && python3 -m zipfile -c "$zip" leefbaar_provider)
echo "$zip"
