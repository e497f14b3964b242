#!/usr/bin/env bash
# Installs the built project into a scratch prefix and checks it as an embedder gets it: only the
# public headers, each compiling on its own; then builds examples/consumer (the examples of
# docs/library.md, unchanged, with find_package(newsdex)) against it and runs them.
#   install_consumer_test.sh BUILD_DIR SOURCE_DIR CORPUS_ARCHIVE ARTICLES_TSV
set -euo pipefail
build=$1
source=$2
archive=$3
articles=$4
scratch=$(mktemp -d "${TMPDIR:-/tmp}/newsdex-install-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
prefix=$scratch/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
test -x "$prefix/bin/newsdex"

# The public API and nothing else (docs/library.md, "What is public").
headers=$(cd "$prefix/include" && find . -type f | sort | tr '\n' ' ')
expected="./newsdex/article.h ./newsdex/compact.h ./newsdex/error.h ./newsdex/indexer.h ./newsdex/searcher.h ./newsdex/suggest.h ./newsdex/version.h "
if [[ $headers != "$expected" ]]; then
    echo "FAIL: installed headers are: $headers; expected: $expected" >&2
    exit 1
fi
# Each compiles alone, warning-free, in the strictest common settings.
for header in $headers; do
    echo "#include <${header#./}>" | c++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -Werror -fsyntax-only \
        -I"$prefix/include" -x c++ -
done

cmake -S "$source/examples/consumer" -B "$scratch/consumer" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$scratch/consumer" >/dev/null
bash "$source/tests/examples_test.sh" "$scratch/consumer" "$archive" "$articles"
"$prefix/bin/newsdex" --version
echo "find_package(newsdex): the examples build and run against the installed tree"
