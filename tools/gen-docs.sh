#!/usr/bin/env bash
# Writes the option tables of docs/commands/<step>.md and the key tables of
# docs/project-file.md from the parameter registry (`leefbaar describe --markdown`),
# between the markers
#   <!-- BEGIN GENERATED OPTIONS: leefbaar describe STEP --markdown -->
#   <!-- END GENERATED OPTIONS -->
#   <!-- BEGIN GENERATED KEYS: leefbaar describe --section NAME --markdown -->
#   <!-- END GENERATED KEYS -->
# so that no option table is written by hand. `--check` writes nothing and exits 1
# naming the pages that differ (the test DocsGenerated runs it).
# Usage: tools/gen-docs.sh [--check] [path/to/leefbaar]   (build target: docs)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
check=0
if [[ "${1:-}" == "--check" ]]; then check=1; shift; fi
leefbaar="${1:-$root/build/tools/leefbaar}"
[[ -x "$leefbaar" ]] || { echo "gen-docs.sh: $leefbaar not found; build it first (tools/build.sh default leefbaar)" >&2; exit 2; }
LEEFBAAR="$leefbaar" CHECK="$check" python3 - "$root" <<'PY'
import os, re, subprocess, sys
root = sys.argv[1]
leefbaar = os.environ["LEEFBAAR"]
check = os.environ["CHECK"] == "1"
pat = re.compile(r"(<!-- BEGIN GENERATED (OPTIONS|KEYS): leefbaar describe (--section )?([a-z_.]+) --markdown -->\n)(.*?)(<!-- END GENERATED \2 -->)", re.S)
pages = [os.path.join(root, "docs", "project-file.md")]
cmds = os.path.join(root, "docs", "commands")
pages += sorted(os.path.join(cmds, f) for f in os.listdir(cmds) if f.endswith(".md"))
differ = []
for page in pages:
    text = open(page, encoding="utf-8").read()
    def table(m):
        args = [leefbaar, "describe"] + (["--section"] if m.group(3) else []) + [m.group(4), "--markdown"]
        out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
        return m.group(1) + out + m.group(6)
    new = pat.sub(table, text)
    if new != text:
        differ.append(os.path.relpath(page, root))
        if not check:
            open(page, "w", encoding="utf-8").write(new)
if differ:
    verb = "differ from the registry" if check else "updated"
    print(f"gen-docs.sh: {verb}: " + ", ".join(differ) + (" (run tools/gen-docs.sh and commit them)" if check else ""))
    sys.exit(1 if check else 0)
PY
