#!/usr/bin/env bash
# README command 1: install, build, index the sample corpus archives, run example searches.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${NEWSDEX_BUILD_DIR:-$root/build}
bash "$root/tools/build.sh"
newsdex="$build/tools/newsdex"
db="$build/demo-db"
rm -rf "$db"
"$newsdex" index --db "$db" "$build/corpus/corpus-json.tar.gz" "$build/corpus/corpus-html.zip"
"$newsdex" stats --db "$db"
for q in "$@"; do
  echo; echo "\$ newsdex search '$q'"; "$newsdex" search --db "$db" --limit 3 "$q" || true
done
if [ $# -eq 0 ]; then
  for q in 'переговори зерно' 'night train' 'мост Киев' '"нічний потяг"'; do
    echo; echo "\$ newsdex search --limit 3 '$q'"; "$newsdex" search --db "$db" --limit 3 "$q" || true
  done
fi
