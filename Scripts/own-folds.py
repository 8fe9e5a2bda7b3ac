#!/usr/bin/env python3
"""Seven folds of the own train descriptions that keep near-twins together.

    Scripts/own-folds.py OUT_DIR [FOLDS]

The own train files hold descriptions written as variations of one another: the same project
told twice, a project and its study-about twin on the same technology. Folds by hash of the ID
put twins on both sides of a fold, and cross-validation then measures how well a model
remembers a description's twin, not how it reads a new one. This script groups the
descriptions of Corpora/projects-{en,nl}-train*.jsonl into near-twin groups and deals the
groups, largest first, to the fold with the fewest descriptions so far (ties to the lower
fold), so a group never straddles two folds.

Two descriptions are near-twins as Scripts/near_twins.py measures them: the cosine of their
word weights (tf-idf over words of three letters or more, within one language) is at least
0.25, the bar the validation files were cleared at. Groups are the connected components of that relation. (The other bar used there,
titles sharing a third of their words, chains through words such as "van", "het" and "for":
with it, 466 of the 626 Dutch descriptions fell into one group.)

Writes OUT_DIR/own-fold-K-train-LANG.jsonl (every description outside fold K) and
OUT_DIR/own-fold-K-held-LANG.jsonl (fold K) for K in 0..FOLDS-1 and LANG in en, nl, and prints
the folds' sizes and the largest group.
"""
import json
import os
import sys

from near_twins import COSINE, cosine, read, train_files, vectors


def groups(docs):
    parent = list(range(len(docs)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i, j):
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    vs = vectors(docs)
    for i in range(len(docs)):
        for j in range(i + 1, len(docs)):
            if cosine(vs[i], vs[j]) >= COSINE:
                join(i, j)
    members = {}
    for i in range(len(docs)):
        members.setdefault(find(i), []).append(i)
    return list(members.values())


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    folds = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    os.makedirs(out, exist_ok=True)
    for lang in ("en", "nl"):
        docs = [d for path in train_files(lang) for d in read(path)]
        found = groups(docs)
        # Largest first, each to the fold with the fewest descriptions so far; ties by the
        # group's first ID, so the folds are the same on every run.
        found.sort(key=lambda g: (-len(g), min(docs[i]["id"] for i in g)))
        sizes = [0] * folds
        fold_of = {}
        for g in found:
            k = min(range(folds), key=lambda f: (sizes[f], f))
            sizes[k] += len(g)
            for i in g:
                fold_of[i] = k
        for k in range(folds):
            with open(os.path.join(out, f"own-fold-{k}-train-{lang}.jsonl"), "w", encoding="utf-8") as train, \
                    open(os.path.join(out, f"own-fold-{k}-held-{lang}.jsonl"), "w", encoding="utf-8") as held:
                for i, doc in enumerate(docs):
                    (held if fold_of[i] == k else train).write(json.dumps(doc, ensure_ascii=False) + "\n")
        twins = sum(len(g) for g in found if len(g) > 1)
        print(f"{lang}: {len(docs)} descriptions, {len(found)} groups ({twins} descriptions have a near-twin, "
              f"largest group {len(found[0])}); folds {sizes}", file=sys.stderr)


if __name__ == "__main__":
    main()
