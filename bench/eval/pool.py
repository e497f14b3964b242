#!/usr/bin/env python3
"""Pools the rankings of several systems into documents to judge, as TREC pools them.

    pool.py RUN.tsv TOPICS.tsv OUT_DIR --corpus news.jsonl.gz [--corpus ...] [--depth 15] [--qrels done.tsv]

RUN.tsv is what `newsdex-eval run --run` writes. For every query of TOPICS.tsv (qid, query,
description), the first DEPTH documents of every variant are pooled, in an order that does not
show which system found them (sorted by a hash of qid and docid). Documents already in --qrels
are left out, so a later pool adds only what is new. One packet per language is written to
OUT_DIR: the query, what counts as relevant, then each document's id, title and opening text
from the original corpus (with its title, which the known-item corpus removes), for an assessor
to grade 0, 1 or 2; the grades go into a qrels file "qid<TAB>docid<TAB>grade".
"""
import argparse
import collections
import gzip
import hashlib
import json
import os
import sys

OPENING_CHARS = 900


def open_text(path):
    return gzip.open(path, "rt", encoding="utf-8") if path.endswith(".gz") else open(path, encoding="utf-8")


def read_topics(path):
    topics = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) < 3:
                sys.exit(f"{path}: expected qid<TAB>query<TAB>description: {line!r}")
            topics.append((fields[0], fields[1], fields[2]))
    return topics


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("run")
    ap.add_argument("topics")
    ap.add_argument("out_dir")
    ap.add_argument("--corpus", action="append", required=True)
    ap.add_argument("--depth", type=int, default=15)
    ap.add_argument("--qrels", help="judgments made already: their documents are not pooled again")
    args = ap.parse_args()

    topics = read_topics(args.topics)
    wanted = {qid for qid, _, _ in topics}
    judged = set()
    if args.qrels and os.path.exists(args.qrels):
        with open(args.qrels, encoding="utf-8") as f:
            for line in f:
                fields = line.split()
                if len(fields) >= 3 and not line.startswith("#"):
                    judged.add((fields[0], fields[1]))

    pool = collections.defaultdict(set)
    with open(args.run, encoding="utf-8") as f:
        next(f)  # header
        for line in f:
            _, _, qid, rank, docid = line.rstrip("\n").split("\t")
            if qid in wanted and int(rank) <= args.depth and (qid, docid) not in judged:
                pool[qid].add(docid)

    needed = set().union(*pool.values()) if pool else set()
    docs = {}
    for path in args.corpus:
        with open_text(path) as f:
            for line in f:
                article = json.loads(line)
                if article["id"] in needed:
                    docs[article["id"]] = article
    missing = needed - docs.keys()
    if missing:
        sys.exit(f"{len(missing)} pooled documents are in no --corpus, e.g. {sorted(missing)[0]}")

    os.makedirs(args.out_dir, exist_ok=True)
    by_lang = collections.defaultdict(list)
    for qid, query, description in topics:
        by_lang[qid.split("-")[0]].append((qid, query, description))
    total = 0
    for lang, lang_topics in by_lang.items():
        path = os.path.join(args.out_dir, f"pool-{lang}.txt")
        with open(path, "w", encoding="utf-8") as out:
            for qid, query, description in lang_topics:
                ids = sorted(pool.get(qid, ()), key=lambda d: hashlib.sha1(f"{qid}\t{d}".encode()).hexdigest())
                total += len(ids)
                out.write(f"######## TOPIC {qid}\nquery: {query}\nrelevant: {description}\ndocuments: {len(ids)}\n\n")
                for docid in ids:
                    a = docs[docid]
                    body = " ".join(a.get("body", "").split())
                    out.write(f"--- {qid} {docid}\ntitle: {a.get('title', '')}\n")
                    out.write(f"date: {a.get('published', '')}  source: {a.get('source', '')[:60]}\n")
                    out.write(f"text: {body[:OPENING_CHARS]}{' ...' if len(body) > OPENING_CHARS else ''}\n\n")
        print(f"{path}: {len(lang_topics)} topics")
    print(f"{total} documents to judge")


if __name__ == "__main__":
    main()
