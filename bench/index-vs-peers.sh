#!/usr/bin/env bash
# Indexing cost of newsdex against Xapian's scriptindex and Sphinx on the same files, in one run,
# so that the ratios hold even on a shared, noisy machine (the runs of each engine are interleaved).
#
# usage: bench/index-vs-peers.sh [-n REPS] [-p "newsdex scriptindex sphinx"] NEWSDEX_BIN CORPUS.jsonl[.gz]...
# env:   WORK (scratch, default ${TMPDIR:-/tmp}/newsdex-index-bench), ND_ARGS (extra `newsdex index` flags)
#
# Per corpus and engine it prints the median wall time, CPU time (user+sys), peak RSS and the
# compacted index size, then newsdex's throughput as a multiple of scriptindex's (wall time ratio)
# and its compacted size as a multiple of scriptindex's. Corpus conversion for the peers
# (../shared/bench/tools/prep.py) is done once and not timed; newsdex reads the file as it is.
set -euo pipefail
reps=3
peers="newsdex scriptindex sphinx"
while getopts "n:p:" opt; do
  case $opt in
    n) reps=$OPTARG ;;
    p) peers=$OPTARG ;;
    *) sed -n '4,5p' "$0" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 2 ] || { sed -n '4,5p' "$0" >&2; exit 2; }
nd=$(readlink -f "$1"); shift
[ -x "$nd" ] || { echo "index-vs-peers: $nd is not an executable" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
shared_bench=$root/../shared/bench
work=${WORK:-${TMPDIR:-/tmp}/newsdex-index-bench}
mkdir -p "$work"
for tool in /usr/bin/time python3; do command -v "$tool" >/dev/null || { echo "index-vs-peers: needs $tool" >&2; exit 2; }; done
case " $peers " in *" scriptindex "*) command -v scriptindex >/dev/null || { echo "index-vs-peers: scriptindex missing (apt-get install xapian-omega xapian-tools)" >&2; exit 2; } ;; esac
case " $peers " in *" sphinx "*) command -v indexer >/dev/null || { echo "index-vs-peers: Sphinx missing (apt-get install sphinxsearch)" >&2; exit 2; } ;; esac

# timed CMD...: runs CMD under GNU time, prints "wall cpu rss_kb"
timed() {
  local t
  t=$(mktemp)
  if ! /usr/bin/time -v -o "$t" "$@" >"$t.log" 2>&1; then
    echo "index-vs-peers: failed: $*" >&2; tail -5 "$t.log" >&2; rm -f "$t" "$t.log"; exit 1
  fi
  python3 - "$t" <<'EOF'
import re, sys
txt = open(sys.argv[1]).read()
g = lambda rx: re.search(rx, txt).group(1)
parts = [float(x) for x in g(r'Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)').split(':')]
wall = parts[-1] + 60 * parts[-2] + (3600 * parts[-3] if len(parts) > 2 else 0)
cpu = float(g(r'User time \(seconds\): (\S+)')) + float(g(r'System time \(seconds\): (\S+)'))
rss = g(r'Maximum resident set size .kbytes.: (\d+)')
print(f"{wall:.2f} {cpu:.2f} {rss}")
EOF
  rm -f "$t" "$t.log"
}

size_mb() { du -sm --apparent-size "$1" | cut -f1; }

results=$work/results.tsv
: >"$results"
for corpus in "$@"; do
  corpus=$(readlink -f "$corpus")
  name=$(basename "$corpus"); name=${name%.gz}; name=${name%.jsonl}
  prep=$work/prep/$name
  python3 "$shared_bench/tools/prep.py" "$corpus" "$prep" >/dev/null
  docs=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ndocs"])' "$prep/meta.json")
  lang=$(python3 -c '
import collections, gzip, itertools, json, sys
f = gzip.open(sys.argv[1], "rt") if sys.argv[1].endswith(".gz") else open(sys.argv[1])
c = collections.Counter(json.loads(l).get("lang", "") for l in itertools.islice(f, 200) if l.strip())
print(c.most_common(1)[0][0] if c else "en")' "$corpus")
  case $lang in en) stem=english; morph=stem_enru ;; ru) stem=russian; morph=stem_enru ;; *) stem=none; morph=none ;; esac
  d=$work/$name; rm -rf "$d"; mkdir -p "$d"
  cat >"$d/index.script" <<'EOF'
id : field=id boolean=Q unique=Q
title : field=title index=S index
body : index
published : field=date value=0
EOF
  cat >"$d/sphinx.conf" <<EOF
source src
{
    type = tsvpipe
    tsvpipe_command = cut -f1,3,5,6 $prep/docs.tsv
    tsvpipe_attr_uint = published
    tsvpipe_field = title
    tsvpipe_field = body
}
index idx
{
    source = src
    path = $d/sphinx/idx
    docinfo = extern
    morphology = $morph
    min_word_len = 1
    charset_table = 0..9, A..Z->a..z, _, a..z, U+410..U+42F->U+430..U+44F, U+430..U+44F, U+401->U+451, U+451, U+404->U+454, U+454, U+406->U+456, U+456, U+407->U+457, U+457, U+490->U+491, U+491
}
indexer
{
    mem_limit = 256M
}
EOF
  echo "# $name: $docs articles, $lang, $(python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["bytes"]/1e6,1))' "$prep/meta.json" 2>/dev/null || echo '?') MB of text" >&2
  for ((r = 1; r <= reps; r++)); do
    for peer in $peers; do
      case $peer in
        newsdex)
          rm -rf "$d/nd"
          # shellcheck disable=SC2086
          m=$(timed "$nd" index --progress never ${ND_ARGS:-} --db "$d/nd" "$corpus") ;;
        scriptindex)
          rm -rf "$d/si"
          m=$(timed scriptindex --overwrite -s "$stem" "$d/si" "$d/index.script" "$prep/scriptindex.txt") ;;
        sphinx)
          rm -rf "$d/sphinx"; mkdir -p "$d/sphinx"
          m=$(timed indexer --config "$d/sphinx.conf" --all --quiet) ;;
        *) echo "index-vs-peers: unknown peer $peer" >&2; exit 2 ;;
      esac
      echo "$name $peer $r $m" >&2
      echo -e "$name\t$peer\t$r\t${m// /	}" >>"$results"
    done
  done
  # Compacted sizes: what an archive keeps once indexing is done.
  for peer in $peers; do
    case $peer in
      newsdex) rm -rf "$d/nd-c"; "$nd" compact --db "$d/nd" "$d/nd-c" >/dev/null; echo -e "$name\t$peer\tsize\t$(size_mb "$d/nd-c")" >>"$results" ;;
      scriptindex) rm -rf "$d/si-c"; xapian-compact "$d/si" "$d/si-c" >/dev/null; echo -e "$name\t$peer\tsize\t$(size_mb "$d/si-c")" >>"$results" ;;
      sphinx) echo -e "$name\t$peer\tsize\t$(size_mb "$d/sphinx")" >>"$results" ;;
    esac
  done
  echo -e "$name\t-\tdocs\t$docs" >>"$results"
done

python3 - "$results" <<'EOF'
import collections, statistics, sys
runs = collections.defaultdict(list); size = {}; docs = {}; order = []
for line in open(sys.argv[1]):
    f = line.rstrip('\n').split('\t')
    if f[0] not in order: order.append(f[0])
    if f[2] == 'size': size[f[0], f[1]] = int(f[3])
    elif f[2] == 'docs': docs[f[0]] = int(f[3])
    else: runs[f[0], f[1]].append((float(f[3]), float(f[4]), int(f[5])))
print('| corpus | engine | wall s | CPU s | peak RSS MB | compacted MB | throughput vs scriptindex | size vs scriptindex |')
print('|---|---|---:|---:|---:|---:|---:|---:|')
for name in order:
    si = runs.get((name, 'scriptindex'))
    si_wall = statistics.median(r[0] for r in si) if si else None
    for (n, peer), rs in runs.items():
        if n != name: continue
        wall = statistics.median(r[0] for r in rs); cpu = statistics.median(r[1] for r in rs)
        rss = max(r[2] for r in rs) / 1024
        mb = size.get((name, peer))
        ratio = f'{si_wall / wall:.2f}x' if si_wall else '-'
        sratio = f'{mb / size[name, "scriptindex"]:.2f}x' if si and mb is not None and size.get((name, 'scriptindex')) else '-'
        print(f'| {name} ({docs.get(name, "?")}) | {peer} | {wall:.1f} | {cpu:.1f} | {rss:.0f} | {mb if mb is not None else "-"} | {ratio} | {sratio} |')
EOF
