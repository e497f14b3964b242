#!/usr/bin/env bash
# Installs the built project into a scratch prefix and builds the examples of docs/library.md
# unchanged with nothing but `pkg-config --cflags --libs newsdex`, then runs them.
#   pkg_config_consumer_test.sh BUILD_DIR SOURCE_DIR CORPUS_ARCHIVE ARTICLES_TSV
set -euo pipefail
build=$1
source=$2
archive=$3
articles=$4
scratch=$(mktemp -d "${TMPDIR:-/tmp}/newsdex-pkgconfig-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
prefix=$scratch/prefix
cmake --install "$build" --prefix "$prefix" --component dev >/dev/null
pc=$(find "$prefix" -name newsdex.pc)
[[ -n $pc ]] || { echo "FAIL: no newsdex.pc installed" >&2; exit 1; }
export PKG_CONFIG_PATH=$(dirname "$pc")
# The installed tree is found from the .pc file's own place: nothing points back at the build.
flags=$(pkg-config --cflags --libs newsdex)
echo "pkg-config --cflags --libs newsdex: $flags"
include=$(pkg-config --variable=includedir newsdex)
[[ $(cd "$include" && pwd -P) == $(cd "$prefix/include" && pwd -P) ]] || {
    echo "FAIL: pkg-config's includedir $include is not the installed $prefix/include" >&2; exit 1; }
[[ $(pkg-config --modversion newsdex) == $(sed -n 's/^#define NEWSDEX_VERSION_STRING "\(.*\)"/\1/p' "$prefix/include/newsdex/version.h") ]]
mkdir "$scratch/bin"
for example in "$source"/examples/*.cpp; do
    # shellcheck disable=SC2086  # the flags are words
    c++ -std=c++20 "$example" -o "$scratch/bin/$(basename "$example" .cpp)" $flags
done
bash "$source/tests/examples_test.sh" "$scratch/bin" "$archive" "$articles"
echo "pkg-config newsdex: the examples build and run against the installed tree"
