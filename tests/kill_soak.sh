#!/usr/bin/env bash
# The long kill test (not in ctest; tests/random_kill_test.cpp is its short form): N runs of
# `newsdex index` on one index, each sent SIGKILL after a random delay, then one run left to finish.
# Inputs: a JSON Lines file of 3,000 articles and a .tar.gz of 300 JSON and 300 HTML files, 12 JSON
# Lines members of about 25 lines and a nested zip of 20 JSON files. After every kill the index must open,
# keep every document it had committed, and pass xapian-check; at the end it must hold exactly the
# articles of an uninterrupted run into a fresh index, each once.
#
# Kills go to one index until a run finishes it by itself; it is then checked and the next round
# starts a new index (so that kills keep falling into work, index creation included).
#
# Usage: tests/kill_soak.sh [-n KILLS] [-s SEED] [-k] NEWSDEX_BINARY
#   -n KILLS  kills to send (default 100)
#   -s SEED   seed of the delays (default 20261202; printed, to repeat a run)
#   -k        keep the work directory (printed)
# Needs python3 (to write the inputs), xapian-check and xapian-delve (xapian-tools).
# Exit 0 when every check held, 1 otherwise.
set -euo pipefail

kills=100 seed=20261202 keep=0
while getopts "n:s:k" opt; do
    case $opt in
        n) kills=$OPTARG ;;
        s) seed=$OPTARG ;;
        k) keep=1 ;;
        *) sed -n '12,17p' "$0"; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || { sed -n '12,17p' "$0"; exit 2; }
bin=$(readlink -f "$1")
[ -x "$bin" ] || { echo "kill_soak: $1 is not an executable" >&2; exit 2; }
for tool in python3 xapian-check xapian-delve; do
    command -v "$tool" >/dev/null || { echo "kill_soak: $tool is needed" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/newsdex-kill-soak.XXXXXX")
if [ "$keep" = 1 ]; then echo "work directory: $work"; else trap 'rm -rf "$work"' EXIT; fi
cd "$work"

# The same inputs every time.
python3 - <<'EOF'
import io, json, random, tarfile, zipfile
rng = random.Random(7)
words = ("harbour council budget river bridge school garden market railway festival weather storm library "
         "museum election hospital farmers harvest drone startup fishing ferry village mayor concert theatre "
         "energy solar wind forest tourism airport teachers students police court housing water roads").split()
def text(n): return " ".join(rng.choice(words) for _ in range(n))
def article(id, title):
    return json.dumps({"id": id, "title": title + " " + text(4), "date": "2024-0%d-1%d" % (rng.randint(1, 9), rng.randint(0, 9)),
                       "body": "The " + text(rng.randint(12, 41)) + "."})
with open("articles.jsonl", "w") as f:
    for i in range(3000): f.write(article("line-%d" % i, "Line %d" % i) + "\n")
zbuf = io.BytesIO()
with zipfile.ZipFile(zbuf, "w", zipfile.ZIP_DEFLATED) as z:
    for i in range(20): z.writestr("zip/%d.json" % i, article("zip-%d" % i, "Zipped"))
members = []
for i in range(300):
    members.append(("json/story-%03d.json" % i, article("member-%d" % i, "Story").encode()))
    if i == 150: members.append(("nested/inner.zip", zbuf.getvalue()))
for m in range(12):  # JSON Lines members of two chunks each (--max-member-size 8192, chunks of half)
    lines = ""
    for i in range(1000):
        line = article("feed-%d-%d" % (m, i), "Feed") + "\n"
        if len(lines) + len(line) > 8192 - 512: break
        lines += line
    members.append(("feed/lines-%02d.jsonl" % m, lines.encode()))
for i in range(300):
    url = "" if i % 2 else '<meta property="og:url" content="https://gazette.example/2024/page-%d/">' % i
    members.append(("html/page-%03d.html" % i, (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Page %d %s</title>%s</head>'
        '<body><article><h1>Page %d</h1><p>The %s.</p><p>A %s.</p></article></body></html>\n'
        % (i, text(3), url, i, text(25), text(15))).encode()))
with tarfile.open("bundle.tar.gz", "w:gz", format=tarfile.USTAR_FORMAT) as t:
    for name, data in members:
        info = tarfile.TarInfo(name); info.size = len(data); info.mtime = 1700000000
        t.addfile(info, io.BytesIO(data))
EOF

# The run every kill interrupts (small chunks, frequent checkpoints). Started as a simple command,
# so that the process sent SIGKILL ($!) is newsdex itself, not a subshell around it.
options=(--shards 2 --max-member-size 8192 --commit-every 13 --checkpoint-every 37 --progress never articles.jsonl bundle.tar.gz)
now() { date +%s.%N; }
since() { awk -v a="$(now)" -v b="$1" 'BEGIN { printf "%.2f", a - b }'; }
documents() { "$bin" stats --db "$1" --json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])' 2>/dev/null || echo 0; }
databases() {  # the databases of the index: the shards its stub lists, or the directory itself
    if [ -f "$1/XAPIANDB" ]; then awk -v db="$1" 'NF == 2 { print db "/" $2 }' "$1/XAPIANDB"
    elif [ -f "$1/iamglass" ]; then echo "$1"; fi
}
id_terms() {  # "term count" for every id term of every database, sorted (a term in two shards: two lines)
    local s
    for s in $(databases "$1"); do xapian-delve -v -1 -A Q "$s" | tail -n +2; done | LC_ALL=C sort
}
check_shards() {  # prints "shard-00 ok" or "shard-00 FAILED (exit N)"; returns 1 when one failed
    local failed=0 s rc
    for s in $(databases "$1"); do
        rc=0; xapian-check "$s" >"$work/check.txt" 2>&1 || rc=$?
        if [ $rc = 0 ]; then echo "$(basename "$s") ok"; else echo "$(basename "$s") FAILED (exit $rc)"; sed 's/^/    /' "$work/check.txt" | tail -5; failed=1; fi
    done
    return $failed
}
layout() {  # "2 shards" as asked, or what else is there
    if [ -f "$1/XAPIANDB" ] && [ ! -f "$1/iamglass" ]; then echo "$(databases "$1" | wc -l) shards"
    else echo "NOT SHARDED: $(ls -A "$1" | tr '\n' ' ')"; fi
}

# verify DB: prints what the index holds against the uninterrupted run; returns 1 unless it is
# exactly that, each article once, and every shard passes xapian-check.
verify() {
    local db=$1 final ids missing extra duplicated checks shards_ok=1
    id_terms "$db" >found.txt
    final=$(documents "$db")
    ids=$(wc -l <found.txt)
    missing=$(LC_ALL=C comm -23 <(cut -d' ' -f1 expected.txt) <(cut -d' ' -f1 found.txt | uniq) | wc -l)
    extra=$(LC_ALL=C comm -13 <(cut -d' ' -f1 expected.txt) <(cut -d' ' -f1 found.txt | uniq) | wc -l)
    duplicated=$(( $(cut -d' ' -f1 found.txt | uniq -d | wc -l) + $(awk '$NF != 1' found.txt | wc -l) ))
    checks=$(check_shards "$db") || shards_ok=0
    echo "$final documents (uninterrupted run: $expected), $ids id terms; $missing missing, $duplicated duplicated, $extra extra; xapian-check:" $checks "; layout: $(layout "$db")"
    [ "$(layout "$db")" = "2 shards" ] && [ "$final" = "$expected" ] && [ "$ids" = "$expected" ] && [ "$missing" = 0 ] && [ "$duplicated" = 0 ] && [ "$extra" = 0 ] && [ "$shards_ok" = 1 ]
}

echo "kill soak: $bin, $kills kills, seed $seed"
start=$(now)
"$bin" index --db fresh "${options[@]}" >/dev/null 2>>errors.log
reference=$(since "$start")
start=$(now)
"$bin" index --db fresh "${options[@]}" >/dev/null 2>>errors.log
noop=$(since "$start")
expected=$(documents fresh)
id_terms fresh >expected.txt
echo "uninterrupted run: $expected articles in ${reference} s; a run with nothing to do: ${noop} s"

# Kills go to runs on one index until a run finishes it by itself (a round); the finished index is
# checked against the uninterrupted run and removed, and the next round starts a new one, so that
# the kills keep falling into real work, index creation included.
committed=0 landed=0 finished=0 survived=0 problems=0 round=1 round_kills=0 rounds_ok=0 stuck=0
soak_start=$(now)
for ((i = 1; i <= kills; i++)); do
    # From 2 ms to the length this run would have: startup plus the share of the work left,
    # doubled after every kill that let no new document be committed (a resumed run first passes
    # over what is done), at most the whole run; a third of the delays evenly spread, two thirds
    # evenly in log scale.
    delay=$(python3 -c 'import math, random, sys
seed, i, done, expected, reference, noop, stuck = sys.argv[1:]
rng = random.Random(seed + "/" + i)
length = (float(noop) + (1 - int(done) / int(expected)) * float(reference)) * 2 ** int(stuck)
length = max(min(length, float(noop) + float(reference)), 0.002)
u = rng.random()
print("%.4f" % (0.002 * math.exp(u * math.log(length / 0.002)) if rng.random() < 2 / 3 else 0.002 + u * (length * 1.1 - 0.002)))' \
        "$seed" "$i" "$committed" "$expected" "$reference" "$noop" "$stuck")
    "$bin" index --db killed "${options[@]}" >/dev/null 2>>errors.log &
    pid=$!
    sleep "$delay"
    kill -KILL "$pid" 2>/dev/null || true
    rc=0; wait "$pid" 2>/dev/null || rc=$?
    if kill -0 "$pid" 2>/dev/null; then echo "kill soak: process $pid outlived its SIGKILL" >&2; exit 2; fi
    round_kills=$((round_kills + 1))
    if [ $rc = 137 ]; then landed=$((landed + 1)); outcome=killed
    elif [ $rc = 0 ]; then finished=$((finished + 1)); outcome="finished first"
    else outcome="exit $rc"; fi
    ok=1
    [ $rc = 137 ] || [ $rc = 0 ] || ok=0
    docs=$committed
    if [ -f killed/XAPIANDB ] || [ -f killed/iamglass ]; then
        docs=$(documents killed)
        [ "$docs" -ge "$committed" ] || { ok=0; echo "kill $i: $docs documents after, $committed before: documents lost"; }
        check_shards killed >"$work/checks.txt" || { ok=0; cat "$work/checks.txt"; }
    fi
    [ $ok = 1 ] && survived=$((survived + 1)) || problems=$((problems + 1))
    if [ "$docs" -gt "$committed" ] || [ $rc != 137 ]; then stuck=0; else stuck=$((stuck + 1)); fi
    committed=$(( docs > committed ? docs : committed ))
    printf 'kill %d (round %d): after %s s (%s), %s documents committed%s\n' "$i" "$round" "$delay" "$outcome" "$docs" \
        "$([ $ok = 1 ] || echo ', PROBLEM')"
    if [ $rc = 0 ] && [ $i -lt $kills ]; then
        if result=$(verify killed); then rounds_ok=$((rounds_ok + 1)); else problems=$((problems + 1)); fi
        echo "round $round finished after $round_kills kills: $result"
        rm -rf killed
        committed=0 round=$((round + 1)) round_kills=0 stuck=0
    fi
done
soak=$(since "$soak_start")

start=$(now)
last_rc=0; "$bin" index --db killed "${options[@]}" >last.out 2>>errors.log || last_rc=$?
last=$(since "$start")
echo "last run: exit $last_rc in ${last} s: $(cat last.out)"
final_ok=1; result=$(verify killed) || final_ok=0
[ $final_ok = 1 ] && rounds_ok=$((rounds_ok + 1))
echo "round $round finished by the last run after $round_kills kills: $result"

echo
echo "kills: $kills sent in ${soak} s; $landed landed during a run, $finished runs finished before theirs"
echo "kills survived: $survived of $kills (index opened, kept every committed document, xapian-check clean after each)"
echo "rounds: $round, $rounds_ok of them ending with exactly the uninterrupted run's articles, each once, and clean shards"
echo "final index: $result"
if [ "$problems" = 0 ] && [ "$last_rc" = 0 ] && [ "$final_ok" = 1 ]; then
    echo "PASS"
else
    echo "FAIL (stderr of the runs: $work/errors.log)"
    [ "$keep" = 1 ] || trap - EXIT
    exit 1
fi
