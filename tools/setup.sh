#!/usr/bin/env bash
# Installs the Debian packages leefbaar needs (tools/packages.txt and, with
# --with-extra FILE, another list) when any is missing. Idempotent; needs root
# (or sudo) only when something has to be installed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
lists=("$here/packages.txt")
while [[ $# -gt 0 ]]; do
  case "$1" in
    --with-extra) lists+=("$2"); shift 2 ;;
    *) echo "setup.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

wanted=()
for list in "${lists[@]}"; do
  while read -r line; do
    line="${line%%#*}"; line="$(echo "$line" | xargs)"
    [[ -n "$line" ]] && wanted+=("$line")
  done < "$list"
done

# A name an installed package provides counts as present: NodeSource's nodejs provides npm
# (and conflicts with Debian's npm package).
provided=" $(dpkg-query -W -f='${db:Status-Abbrev}|${Provides}\n' 2>/dev/null |
  awk -F'|' '$1 ~ /^ii/ {gsub(/\([^)]*\)/, "", $2); gsub(/,/, " ", $2); printf "%s ", $2}' | tr -s ' ') "
missing=()
for pkg in "${wanted[@]}"; do
  if [[ "$provided" == *" $pkg "* ]]; then continue; fi
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "setup: all ${#wanted[@]} packages present"
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "setup: installing ${#missing[@]} missing package(s): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
