#!/usr/bin/env bash
# Query latency on a large generated archive, newsdex beside Xapian's quest and Sphinx.
#   bench/run-latency.sh [ARTICLES] [LANG]      (defaults: 200000 ru)
# Generates the articles with ../shared/bench/gen_corpus.py, indexes them with newsdex, draws
# the query set with ../shared/bench/tools/mkqueries.py, runs bench/query_latency_bench, then the
# peers (PEERS, default "xapian sphinx") through ../shared/bench/run-peers.sh on the same file.
# Scratch data goes to $WORK (default /tmp/newsdex-latency); nothing is written into the repo.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=$root/../shared/bench
articles=${1:-200000}
lang=${2:-ru}
work=${WORK:-/tmp/newsdex-latency}
build=${NEWSDEX_BUILD_DIR:-$root/build}
mkdir -p "$work"
corpus=$work/gen$articles-$lang.jsonl.gz
db=$work/db-$articles-$lang
queries=$work/q-$articles-$lang.txt

[ -f "$corpus" ] || python3 "$shared/gen_corpus.py" --articles "$articles" --mix "$lang=1.0" --seed 5 --out "$corpus"
if [ ! -d "$db" ]; then
  /usr/bin/time -v "$build/tools/newsdex" index --db "$db" "$corpus" 2> "$work/index-$lang.time"
  grep -E "Elapsed|Maximum resident" "$work/index-$lang.time"
fi
du -sh "$db"
if [ ! -f "$queries" ]; then
  # mkqueries.py reads docs.tsv: seq, id, unix_ts, yyyymmdd, title, body
  zcat "$corpus" | python3 -c '
import json, sys
for n, line in enumerate(sys.stdin):
    a = json.loads(line)
    flat = lambda s: " ".join(s.replace("\\", " ").split())
    print("\t".join([str(n), a["id"], "0", "", flat(a["title"]), flat(a["body"])]))
' > "$work/docs.tsv"
  python3 "$shared/tools/mkqueries.py" "$work/docs.tsv" "$lang" "$queries" 200 42
fi
"$build/bench/newsdex-query-bench" --db "$db" --queries "$queries" --reps 3 --newsdex "$build/tools/newsdex"
if [ -n "${PEERS-xapian sphinx}" ]; then
  PEERS=${PEERS-xapian sphinx} REPS=${REPS:-1} OUTDIR=$work/peers "$shared/run-peers.sh" "$lang" "$corpus" "$queries"
fi
