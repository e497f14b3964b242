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
  # A story republished by three outlets: one hit, with its other versions counted.
  echo; echo "\$ newsdex search 'comet Mowbray'"; "$newsdex" search --db "$db" 'comet Mowbray' || true
  comet=https://northbridge-times.example/articles/2023/05/mowbray-comet.html
  echo; echo "\$ newsdex similar --limit 3 $comet"; "$newsdex" similar --db "$db" --limit 3 "$comet" || true
  echo; echo "\$ newsdex facets --by year 'переговори OR переговоры OR talks'"
  "$newsdex" facets --db "$db" --by year 'переговори OR переговоры OR talks' || true
fi
