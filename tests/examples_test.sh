#!/usr/bin/env bash
# Runs the examples of docs/library.md, as built in BIN_DIR (the build tree, or a program built
# against an installed newsdex), and checks what each prints: indexing a dump, adding articles from
# a file twice (replaced, not duplicated), searching with filters, newest first, and an option
# error, snippets with highlights, a story's versions listed once, counted by year and found by
# similar(). Exits non-zero at the first difference.
#   examples_test.sh BIN_DIR CORPUS_ARCHIVE ARTICLES_TSV
set -euo pipefail
bin=$1
archive=$2
articles=$3
scratch=$(mktemp -d "${TMPDIR:-/tmp}/newsdex-examples-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
db=$scratch/db

expect() {  # expect WHAT OUTPUT REGEX
    if ! grep -Eq -- "$3" <<<"$2"; then
        printf 'FAIL: %s: no line matches /%s/ in:\n%s\n' "$1" "$3" "$2" >&2
        exit 1
    fi
}

out=$("$bin/embed" "$scratch/embed-db")
expect embed "$out" '^1\. У Києві відкрили пішохідний міст'

out=$("$bin/index_dump" "$db" "$archive" 2>/dev/null)
expect index_dump "$out" '^indexed [1-9][0-9]* articles \([1-9][0-9]* new\) from [1-9][0-9]* files and members$'

out=$("$bin/add_articles" "$db" "$articles")
expect add_articles "$out" '^added 4, replaced 0$'
out=$("$bin/add_articles" "$db" "$articles")
expect "add_articles again" "$out" '^added 0, replaced 4$'

# Any form of the word; one source, one language, newest first; then a date range leaves one.
out=$("$bin/search_filters" "$db" трамвай "" "" uk "kyiv courier")
expect search_filters "$out" '^2 matches$'
expect search_filters "$out" '^1\. 2024-03-02 \[uk\] Kyiv Courier: Нові трамваї вийшли на маршрути Києва$'
expect search_filters "$out" '^2\. 2022-06-01 \[uk\] Kyiv Courier: Трамвай на Подолі змінив маршрут$'
out=$("$bin/search_filters" "$db" трамвай 2024 2024-12-31 uk "kyiv courier")
expect "search_filters since" "$out" '^1 matches$'
status=0
err=$("$bin/search_filters" "$db" трамвай 2024-13 2>&1) || status=$?
[[ $status == 2 ]] || { echo "FAIL: search_filters with a bad date exited $status, not 2" >&2; exit 1; }
expect "search_filters bad date" "$err" '^search_filters: bad since "2024-13": '

out=$("$bin/snippets" "$db" "crane storm")
expect snippets "$out" '^1\. Harbour cranes return after the storm'
expect snippets "$out" 'Two \[cranes\] damaged in the March \[storm\]'
expect snippets "$out" '^the first article has [0-9]+ bytes of text$'
# Three outlets' versions of one story: one hit, three versions; a year's count; the other two
# versions first among the articles like it.
out=$("$bin/stories" "$db" "comet Mowbray")
expect stories "$out" '^1\. .*[Cc]omet.* \(3 versions, story [0-9a-f]{16}\)$'
if grep -q '^2\. ' <<<"$out"; then
    printf 'FAIL: stories: the versions of one story listed apart:\n%s\n' "$out" >&2
    exit 1
fi
expect stories "$out" '^2023: 3$'
expect "stories similar" "$out" '^like 1\. .* \(same story\)$'
expect "stories similar" "$out" '^like 2\. .* \(same story\)$'
echo "examples: all as documented"
