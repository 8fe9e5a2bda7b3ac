#!/usr/bin/env python3
"""The CORDIS development objectives joined with their hand labels, one JSON object a line.

    Scripts/cordis-with-labels.py SHARED_CORPORA OUT.jsonl

Reads SHARED_CORPORA/cordis-dev.jsonl.gz and cordis-dev-labels.jsonl (joined on id) and writes
id, title, objective, fundingScheme, topics (a list joined with ';') and labels, keys sorted, in
the order of the objectives.
"""
import gzip
import json
import sys

shared, out = sys.argv[1], sys.argv[2]
labels = {}
with open(f"{shared}/cordis-dev-labels.jsonl", encoding="utf-8") as f:
    for line in f:
        d = json.loads(line)
        labels[d["id"]] = d["labels"]
with open(out, "w", encoding="utf-8") as f:
    for line in gzip.open(f"{shared}/cordis-dev.jsonl.gz", "rt", encoding="utf-8"):
        d = json.loads(line)
        topics = d.get("topics") or ""
        if isinstance(topics, list):
            topics = ";".join(topics)
        row = {"id": d["id"], "title": d["title"], "objective": d["objective"],
               "fundingScheme": d.get("fundingScheme") or "", "topics": topics, "labels": labels[d["id"]]}
        f.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
