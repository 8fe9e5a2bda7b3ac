#!/usr/bin/env bash
# Rebuilds the calibrated release Taxonomy/2026.1 from release 2025.1 and the development data:
# arXiv and CORDIS in ../shared/corpora (their validation parts, FNV-1a 64 of the ID modulo 10 in
# 7-9, are held out and measured, never fitted), and the project's own labelled corpora
# (Corpora/labelled-*.jsonl and, when present, Corpora/projects-*-train*.jsonl). The same data
# gives the same bytes. Then regenerates the embedded copy the tool ships.
#
#   Scripts/calibrate-2026.1.sh            # release build, writes Taxonomy/2026.1
#   OUTPUT=/tmp/r Scripts/calibrate-2026.1.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
shared="${SHARED:-../shared/corpora}"
output="${OUTPUT:-Taxonomy/2026.1}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# CORDIS: the objectives joined with their hand labels (same order, joined on id).
python3 - "$shared" "$work/cordis.jsonl" <<'PY'
import gzip, json, sys
shared, out = sys.argv[1], sys.argv[2]
labels = {}
for line in open(f"{shared}/cordis-dev-labels.jsonl", encoding="utf-8"):
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
PY

swift build -c release --product dualscope >/dev/null
bin="$(swift build -c release --show-bin-path)/dualscope"

inputs=("$shared/arxiv-dev.jsonl.gz" "$work/cordis.jsonl" Corpora/labelled-en.jsonl Corpora/labelled-nl.jsonl)
ids=(arxiv_id id id id)
texts=(title,abstract title,objective title,text title,text)
labels=(categories labels labels labels)
maps=(Corpora/label-maps/arxiv.yaml - - -)
weights=(1 40 15 15)
holdouts=(7-9 7-9 - -)
context=(- fundingScheme,topics - -)
for f in Corpora/projects-en-train*.jsonl Corpora/projects-nl-train*.jsonl; do
  if [ -f "$f" ]; then
    inputs+=("$f"); ids+=(id); texts+=(title,text); labels+=(labels); maps+=(-); weights+=(15); holdouts+=(-); context+=(-)
  fi
done
args=()
for i in "${!inputs[@]}"; do
  args+=(--id-column "${ids[$i]}" --text-columns "${texts[$i]}" --labels-column "${labels[$i]}"
         --label-map "${maps[$i]}" --weight "${weights[$i]}" --holdout "${holdouts[$i]}"
         --context-columns "${context[$i]}")
done
"$bin" calibrate "${inputs[@]}" "${args[@]}" --from 2025.1 --output "$output" --release 2026.1 \
  --l2-evidence 0.003 --l2-context 0.001 --cut 0.5 --prune 0.02

if [ "$output" = "Taxonomy/2026.1" ]; then
  python3 Scripts/embed-taxonomy.py
fi
