#!/usr/bin/env python3
"""Figures at several cuts from `evaluate --predictions` lines of a calibrated release.

    Scripts/cut-sweep.py FOLDER...

Pools FOLDER/{arxiv,cordis,en,nl}.jsonl (those present) and prints, per corpus and cut, micro
precision / recall / F1, macro F1 and precision, and the documents labelled with no area that get
none. An area is counted as assigned when its probability reaches the cut (the rule of a calibrated
release: a probability exists only where a term of the area counts); the line's own `predicted`
must agree at the release's cut (CUT in the environment, default 0.5; unless a probability rounds
to it), else the script stops. A release with an add_cut (ADD_CUT in the environment) decides by
two cuts: it is scored once, by the areas it assigned. A release that decides by its rules first
writes probability 0 for the areas its rules reject, so the same sweep gives its figures. Weakly
labelled areas are left out of their counts, as `evaluate` does; arXiv has no energy category
and is scored without it; CORDIS macro figures count areas with at least three projects.
"""
import json
import os
import sys

RELEASE_CUT = float(os.environ.get("CUT", "0.5"))
# With an add_cut the lines carry the probability of every area with a counted term, and which of
# them the rules assigned is not in them: no single cut reproduces the decision, so such a release
# is scored by what it decided (`predicted`), once, not swept.
ADD_CUT = os.environ.get("ADD_CUT")

CUTS = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]
CORPORA = [("arxiv", "arXiv", 1), ("cordis", "CORDIS", 3), ("en", "own English", 1), ("nl", "own Dutch", 1)]


def figures(rows, areas, cut, min_support):
    counts = {a: [0, 0, 0] for a in areas}
    unflagged = none = 0
    for d in rows:
        gold, weak = set(d["gold"]), set(d.get("weak") or [])
        predicted = {a for a, p in (d.get("probabilities") or {}).items() if p >= cut and a in counts}
        if not gold:
            none += 1
            unflagged += not predicted
        for a in areas:
            if a in weak and a not in gold:
                continue
            c = counts[a]
            if a in gold and a in predicted:
                c[0] += 1
            elif a in predicted:
                c[1] += 1
            elif a in gold:
                c[2] += 1
    tp, fp, fn = (sum(c[i] for c in counts.values()) for i in range(3))
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    f1s, ps = [], []
    for c in counts.values():
        if c[0] + c[2] < min_support:
            continue
        pa, ra = c[0] / max(1, c[0] + c[1]), c[0] / max(1, c[0] + c[2])
        f1s.append(2 * pa * ra / (pa + ra) if pa + ra else 0.0)
        ps.append(pa)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1, sum(f1s) / max(1, len(f1s)), sum(ps) / max(1, len(ps)), unflagged, none


for name, label, min_support in CORPORA:
    rows = []
    for folder in sys.argv[1:]:
        path = os.path.join(folder, name + ".jsonl")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                rows += [json.loads(line) for line in f]
    if not rows:
        continue
    areas = sorted({a for d in rows for a in d["gold"]} - ({"energy"} if name == "arxiv" else set()))
    if ADD_CUT:
        decided = [dict(d, probabilities={a: 1.0 for a in d["predicted"]}) for d in rows]
        p, r, f1, macro, macro_p, unflagged, none = figures(decided, areas, 0.5, min_support)
        print(f"{label}: {len(rows)} documents, out of fold")
        print(f"  as decided (cut {RELEASE_CUT:g}, add_cut {ADD_CUT})  micro P {p:.3f} R {r:.3f} F1 {f1:.3f}"
              f"  macro F1 {macro:.3f} (P {macro_p:.3f})  no-area documents unflagged {unflagged}/{none}")
        continue
    for d in rows:
        probabilities = d.get("probabilities") or {}
        if any(abs(p - RELEASE_CUT) < 1e-4 for p in probabilities.values()):
            continue  # rounded to four decimals: too close to the cut to check
        at_cut = {a for a, p in probabilities.items() if p >= RELEASE_CUT and a in areas}
        if at_cut != {a for a in d["predicted"] if a in areas}:
            sys.exit(f"{name} {d['id']}: predicted {d['predicted']} is not the probabilities at {RELEASE_CUT}")
    print(f"{label}: {len(rows)} documents, out of fold")
    for cut in CUTS:
        p, r, f1, macro, macro_p, unflagged, none = figures(rows, areas, cut, min_support)
        print(f"  cut {cut:.2f}  micro P {p:.3f} R {r:.3f} F1 {f1:.3f}  macro F1 {macro:.3f} (P {macro_p:.3f})"
              f"  no-area documents unflagged {unflagged}/{none}")
