#!/usr/bin/env python3
"""Splits known-item headline queries by whether the target's indexed text shares a rare word
with the query, and prints MRR@10 of each part per half and language.

A headline whose target body holds none of the query's rare words (a company named only in the
removed title, a ticker such as PZL that Reuters puts in titles) can be found only through common
words that hundreds of other articles share: that part of a set measures the set more than the
ranking. Words are lower-cased runs of letters and digits, as a first approximation of the
analyzer; "rare" is a document frequency of at most --rare in the whole judged collection.

usage: answerable.py [--rare N] [--variant NAME] KNOWN_ITEM_DIR PER_QUERY.tsv
  KNOWN_ITEM_DIR  what `newsdex-eval make-known-item --out` wrote (corpus.jsonl, headline-*.tsv)
  PER_QUERY.tsv   what `newsdex-eval run --per-query` wrote for those sets
"""
import argparse
import collections
import json
import re
import sys


def words(text):
    return set(re.findall(r"\w+", text.lower()))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rare", type=int, default=100, help="document frequency up to which a word is rare")
    ap.add_argument("--variant", default="default", help="the variant of PER_QUERY.tsv to split")
    ap.add_argument("known_item_dir")
    ap.add_argument("per_query")
    args = ap.parse_args()

    doc_words = {}
    df = collections.Counter()
    with open(f"{args.known_item_dir}/corpus.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            w = words((d.get("title") or "") + " " + (d.get("body") or ""))
            doc_words[d["id"]] = w
            df.update(w)

    shares_rare = {}
    for half in ("tune", "test"):
        try:
            with open(f"{args.known_item_dir}/headline-{half}.queries.tsv", encoding="utf-8") as f:
                queries = dict(line.rstrip("\n").split("\t", 1) for line in f if "\t" in line)
            with open(f"{args.known_item_dir}/headline-{half}.qrels.tsv", encoding="utf-8") as f:
                target = dict(line.split("\t")[:2] for line in f if "\t" in line)
        except FileNotFoundError as e:
            sys.exit(f"answerable.py: {e.filename}: no such file (run newsdex-eval make-known-item first)")
        for qid, text in queries.items():
            if target.get(qid) in doc_words:
                body = doc_words[target[qid]]
                shares_rare[(half, qid)] = any(0 < df[w] <= args.rare and w in body for w in words(text))

    scores = collections.defaultdict(list)
    with open(args.per_query, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        col = {name: i for i, name in enumerate(header)}
        for line in f:
            row = line.rstrip("\n").split("\t")
            set_name, variant = row[col["set"]], row[col["variant"]]
            if variant != args.variant or not set_name.startswith("headline-"):
                continue
            half = set_name.split("-", 1)[1]
            key = (half, row[col["qid"]])
            if key in shares_rare:
                part = "shares a rare word" if shares_rare[key] else "no rare word"
                scores[(half, row[col["lang"]], part)].append(float(row[col["rr@10"]]))

    if not scores:
        sys.exit(f"answerable.py: no headline rows of variant '{args.variant}' in {args.per_query}")
    print(f"| half | lang | target's text (rare: df <= {args.rare}) | queries | share | MRR@10 |")
    print("|---|---|---|---:|---:|---:|")
    for half in ("tune", "test"):
        for lang in sorted({k[1] for k in scores if k[0] == half}):
            total = sum(len(scores[(half, lang, p)]) for p in ("shares a rare word", "no rare word"))
            for part in ("shares a rare word", "no rare word"):
                rr = scores.get((half, lang, part), [])
                if rr:
                    print(f"| {half} | {lang} | {part} | {len(rr)} | {len(rr) / total:.0%} | {sum(rr) / len(rr):.3f} |")


if __name__ == "__main__":
    main()
