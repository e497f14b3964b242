#!/usr/bin/env bash
# Latency of the story features (issue 16) on an index already built from a JSON Lines corpus:
#   bench/run-story-latency.sh DB CORPUS.jsonl[.gz] [QUERIES] [IDS] [SEED]   (defaults: 200 queries, 100 ids, seed 42)
# Draws QUERIES queries from the corpus titles with ../shared/bench/tools/mkqueries.py (the peers'
# generator: 1-, 2- and 3-word AND queries and phrases) and IDS article ids at random, both by
# SEED, then runs build/bench/story-latency-bench on them. Scratch files go to $WORK (default
# ${TMPDIR:-/tmp}/newsdex-story-latency); nothing is written into the repo.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
db=${1:?usage: run-story-latency.sh DB CORPUS [QUERIES] [IDS] [SEED]}
corpus=${2:?usage: run-story-latency.sh DB CORPUS [QUERIES] [IDS] [SEED]}
nq=${3:-200}
nids=${4:-100}
seed=${5:-42}
build=${NEWSDEX_BUILD_DIR:-$root/build}
work=${WORK:-${TMPDIR:-/tmp}/newsdex-story-latency}
mkdir -p "$work"
name=$(basename "$corpus"); name=${name%.gz}; name=${name%.jsonl}
titles=$work/$name-titles-ids.tsv
queries=$work/$name-q$nq-s$seed.txt
ids=$work/$name-ids$nids-s$seed.txt

if [ ! -f "$titles" ]; then
  # mkqueries.py reads docs.tsv (seq, id, unix_ts, yyyymmdd, title, body) and uses the titles only.
  # The id column holds the article's newsdex identity: its URL when it has one (docs/ingestion.md).
  python3 - "$corpus" >"$titles.part" <<'EOF'
import gzip, json, sys
f = gzip.open(sys.argv[1], 'rt', encoding='utf-8') if sys.argv[1].endswith('.gz') else open(sys.argv[1], encoding='utf-8')
for n, line in enumerate(f):
    if not line.strip():
        continue
    a = json.loads(line)
    flat = lambda s: ' '.join(str(s or '').replace('\\', ' ').split())
    print('\t'.join([str(n), flat(a.get('url') or a.get('id')), '0', '', flat(a.get('title')), '']))
EOF
  mv "$titles.part" "$titles"
fi
lang=$(python3 -c '
import gzip, json, sys
f = gzip.open(sys.argv[1], "rt") if sys.argv[1].endswith(".gz") else open(sys.argv[1])
print(json.loads(f.readline()).get("lang") or "en")' "$corpus")
[ -f "$queries" ] || python3 "$root/../shared/bench/tools/mkqueries.py" "$titles" "$lang" "$queries" "$nq" "$seed"
[ -f "$ids" ] || python3 -c '
import random, sys
ids = [l.split("\t")[1] for l in open(sys.argv[1], encoding="utf-8")]
print("\n".join(random.Random(int(sys.argv[3])).sample(ids, int(sys.argv[2]))))' "$titles" "$nids" "$seed" >"$ids"
"$build/bench/story-latency-bench" --db "$db" --queries "$queries" --ids "$ids" --reps "${REPS:-3}"
