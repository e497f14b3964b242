#!/usr/bin/env bash
# docs/library.md shows every program of examples/ in full, as it is in the file: each block
# marked "<!-- example: examples/NAME.cpp -->" must equal the file, and every example must be shown,
# so that what the page shows is what ctest builds and runs.
#   library_doc_test.sh SOURCE_DIR
set -euo pipefail
root=$1
doc=$root/docs/library.md
scratch=$(mktemp -d "${TMPDIR:-/tmp}/newsdex-libdoc-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
# Writes each marked block to $scratch/NAME.cpp.
awk -v out="$scratch" '
    /^<!-- example: examples\/[a-z_]+\.cpp -->$/ { name = $3; sub("examples/", "", name); want = 1; next }
    want && /^```cpp$/ { file = out "/" name; printf "" > file; inside = 1; want = 0; next }
    inside && /^```$/ { close(file); inside = 0; next }
    inside { print >> file }
' "$doc"
status=0
for example in "$root"/examples/*.cpp; do
    name=$(basename "$example")
    if [[ ! -f $scratch/$name ]]; then
        echo "FAIL: docs/library.md does not show examples/$name" >&2
        status=1
    elif ! diff -u "$example" "$scratch/$name" >&2; then
        echo "FAIL: docs/library.md shows examples/$name otherwise than the file (diff above)" >&2
        status=1
    fi
done
shown=$(ls "$scratch" | wc -l)
[[ $status == 0 ]] && echo "docs/library.md shows the $shown examples as they are"
exit $status
