#!/usr/bin/env bash
# Rebuilds the calibrated release 2026.1 from the terms of Taxonomy/2026.1 (FROM=RELEASE for
# another) and the development data: arXiv and
# CORDIS in ../shared/corpora when present (their validation parts, FNV-1a 64 of the ID modulo 10
# in 7-9, are held out and measured, never fitted), and the project's own labelled corpora
# (Corpora/labelled-*.jsonl and Corpora/projects-*-train*.jsonl), which a clone always has. Without
# ../shared/corpora the release is learned from the own corpora alone (say so with SHARED=none to
# be sure): fewer documents, lower figures (README, "Quality"), the same file format. The same data
# gives the same bytes. The shipped 2026.1 is not calibrated (README, "Quality"): the release is
# written to OUTPUT (default .build/calibrated-2026.1); OUTPUT=Taxonomy/2026.1 would replace the
# shipped release and regenerate the embedded copy. DUALSCOPE=PATH uses that binary instead of
# a release build.
#
#   OUTPUT=/tmp/calibrated Scripts/calibrate-2026.1.sh
#   OUTPUT=/tmp/own SHARED=none Scripts/calibrate-2026.1.sh    # the own corpora only
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
shared="${SHARED:-../shared/corpora}"
output="${OUTPUT:-.build/calibrated-2026.1}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

have_shared=false
if [ -f "$shared/arxiv-dev.jsonl.gz" ] && [ -f "$shared/cordis-dev.jsonl.gz" ] && [ -f "$shared/cordis-dev-labels.jsonl" ]; then
  have_shared=true
else
  echo "note: no arXiv and CORDIS development data in '$shared': learning from the own corpora only" >&2
fi

# CORDIS: the objectives joined with their hand labels (same order, joined on id).
if $have_shared; then
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
fi

bin="${DUALSCOPE:-}"
if [ -z "$bin" ]; then
  swift build -c release --product dualscope >/dev/null
  bin="$(swift build -c release --show-bin-path)/dualscope"
fi

inputs=(Corpora/labelled-en.jsonl Corpora/labelled-nl.jsonl)
ids=(id id)
texts=(title,text title,text)
labels=(labels labels)
maps=(- -)
weights=(15 15)
holdouts=(- -)
context=(- -)
if $have_shared; then
  inputs=("$shared/arxiv-dev.jsonl.gz" "$work/cordis.jsonl" "${inputs[@]}")
  ids=(arxiv_id id "${ids[@]}")
  texts=(title,abstract title,objective "${texts[@]}")
  labels=(categories labels "${labels[@]}")
  maps=(Corpora/label-maps/arxiv.yaml - "${maps[@]}")
  weights=(1 40 "${weights[@]}")
  holdouts=(7-9 7-9 "${holdouts[@]}")
  context=(- fundingScheme,topics "${context[@]}")
fi
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
"$bin" calibrate "${inputs[@]}" "${args[@]}" --from "${FROM:-Taxonomy/2026.1}" --output "$output" --release 2026.1 \
  --l2-evidence 0.003 --l2-context 0.001 --cut 0.5 --prune 0.02

if [ "$output" = "Taxonomy/2026.1" ]; then
  python3 Scripts/embed-taxonomy.py
fi
