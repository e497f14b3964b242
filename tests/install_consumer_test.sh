#!/usr/bin/env bash
# Installs the built project into a scratch prefix, builds examples/consumer (a program outside the
# tree that says find_package(newsdex)) against it, and runs it: the installed package is usable.
#   install_consumer_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
source=$2
scratch=$(mktemp -d "${TMPDIR:-/tmp}/newsdex-install-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
cmake --install "$build" --prefix "$scratch/prefix" >/dev/null
test -x "$scratch/prefix/bin/newsdex"
test -f "$scratch/prefix/include/newsdex/searcher.h"
cmake -S "$source/examples/consumer" -B "$scratch/consumer" -G Ninja -DCMAKE_PREFIX_PATH="$scratch/prefix" >/dev/null
cmake --build "$scratch/consumer" >/dev/null
out=$("$scratch/consumer/embed" "$scratch/db")
echo "$out"
# The example finds its one article through an inflected query.
grep -q "міст" <<<"$out"
"$scratch/prefix/bin/newsdex" stats --db "$scratch/db"
