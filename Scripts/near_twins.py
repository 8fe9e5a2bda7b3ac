#!/usr/bin/env python3
"""Near-twin descriptions: the measure Scripts/own-folds.py groups the own train files by, and a
check that a held-out file has no near-twin among them.

    Scripts/near_twins.py FILE.jsonl      # lists each description of FILE with a near-twin in
                                          # Corpora/projects-LANG-train*.jsonl; exit 1 if any
    Scripts/near_twins.py FILE.jsonl REFERENCE.jsonl...   # near-twins in these files instead

Two descriptions are near-twins when the cosine of their word weights is at least 0.25: tf-idf
over the words of three letters or more of title and text, the idf over the descriptions
compared (one language at a time). It is the bar the validation files were cleared at.
"""
import glob
import json
import math
import re
import sys
from collections import Counter

COSINE = 0.25
WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def words(text):
    return [w.lower() for w in WORD.findall(text)]


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def train_files(lang):
    return sorted(glob.glob(f"Corpora/projects-{lang}-train*.jsonl"))


def vectors(docs):
    """Unit tf-idf vectors of the descriptions, idf over these descriptions."""
    counts = [Counter(words(d.get("title", "") + " " + d.get("text", ""))) for d in docs]
    df = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(docs)
    out = []
    for c in counts:
        v = {w: (1 + math.log(k)) * math.log(n / df[w]) for w, k in c.items() if df[w] < n}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1
        out.append({w: x / norm for w, x in v.items()})
    return out


def cosine(a, b):
    small, large = (a, b) if len(a) < len(b) else (b, a)
    return sum(x * large.get(w, 0) for w, x in small.items())


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    held = read(sys.argv[1])
    references = sys.argv[2:]
    twins = 0
    for lang in sorted({d.get("lang", "") for d in held}):
        mine = [d for d in held if d.get("lang", "") == lang]
        paths = references or train_files(lang)
        train = [d for path in paths for d in read(path) if d.get("lang", lang) == lang]
        vs = vectors(mine + train)
        for i, doc in enumerate(mine):
            best = max(((cosine(vs[i], vs[len(mine) + j]), t) for j, t in enumerate(train)),
                       key=lambda x: x[0], default=(0, None))
            if best[0] >= COSINE:
                twins += 1
                print(f"{doc['id']}\t{best[0]:.2f}\t{best[1]['id']}\t{doc['title']} | {best[1]['title']}")
    where = "the given files" if references else "the train files"
    print(f"{twins} of {len(held)} descriptions have a near-twin in {where}", file=sys.stderr)
    sys.exit(1 if twins else 0)


if __name__ == "__main__":
    main()
