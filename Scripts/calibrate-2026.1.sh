#!/usr/bin/env bash
# Rebuilds the calibrated release 2026.1 from the terms of Taxonomy/2026.1 (FROM=RELEASE for
# another) and the development data: arXiv and
# CORDIS in ../shared/corpora when present (their validation parts, FNV-1a 64 of the ID modulo 10
# in 7-9, are held out and measured, never fitted), and the project's own labelled corpora
# (Corpora/labelled-*.jsonl and Corpora/projects-*-train*.jsonl), which a clone always has. Without
# ../shared/corpora the release is learned from the own corpora alone (say so with SHARED=none to
# be sure): fewer documents, lower figures (docs/quality.md), the same file format. The same data
# gives the same bytes. The shipped 2026.1 is this script's release with
# DECISION=rules-then-probability CUT=0.2 ADD_CUT=0.65 (README, "Quality"): the release is
# written to OUTPUT (default .build/calibrated-2026.1); OUTPUT=Taxonomy/2026.1 replaces the
# shipped release's calibration.yaml and regenerates the embedded copy. DUALSCOPE=PATH uses that
# binary instead of a release build.
#
# CUT and DECISION set the release's cut (default 0.5) and how it assigns areas (default
# probability; DECISION=rules-then-probability keeps the areas the rules assign whose probability
# reaches the cut, e.g. with CUT=0.2; ADD_CUT=0.7 with it also assigns an area the rules do not
# whose probability reaches 0.7). CALIBRATE_ARGS adds options to `calibrate` (e.g. "--no-shared-context"). FOLD=K (0-6) fits one fold of a cross-validation over the train parts: it also holds out bucket K
# of arXiv and CORDIS and the buckets B with B mod 7 = K of the own train files
# (Scripts/cross-validate.sh runs the seven folds and measures each on what it held out).
# OWN_TRAIN="FILE ..." fits these own train files, whole, instead of Corpora/projects-*-train*
# with the fold's buckets held out (cross-validate.sh's folds that keep near-twins together).
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

# CORDIS: the objectives joined with their hand labels.
if $have_shared; then
  python3 Scripts/cordis-with-labels.py "$shared" "$work/cordis.jsonl"
fi

# Held out of the fit: arXiv's and CORDIS's validation buckets, and in a cross-validation fold
# (FOLD=K) one train bucket of theirs and about a seventh of the own train files.
fold="${FOLD:-}"
shared_holdout=7-9
own_holdout=-
if [ -n "$fold" ]; then
  case "$fold" in [0-6]) ;; *) echo "FOLD must be 0 to 6, not '$fold'" >&2; exit 2 ;; esac
  shared_holdout="$fold,7-9"
  own_holdout="$fold"
  if [ "$fold" -le 2 ]; then own_holdout="$fold,$((fold + 7))"; fi
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
  holdouts=("$shared_holdout" "$shared_holdout" "${holdouts[@]}")
  context=(- fundingScheme,topics "${context[@]}")
fi
own_train=(Corpora/projects-en-train*.jsonl Corpora/projects-nl-train*.jsonl)
if [ -n "${OWN_TRAIN:-}" ]; then
  read -r -a own_train <<< "$OWN_TRAIN"
  own_holdout=-
fi
for f in "${own_train[@]}"; do
  if [ -f "$f" ]; then
    inputs+=("$f"); ids+=(id); texts+=(title,text); labels+=(labels); maps+=(-); weights+=(15); holdouts+=("$own_holdout"); context+=(-)
  fi
done
args=()
for i in "${!inputs[@]}"; do
  args+=(--id-column "${ids[$i]}" --text-columns "${texts[$i]}" --labels-column "${labels[$i]}"
         --label-map "${maps[$i]}" --weight "${weights[$i]}" --holdout "${holdouts[$i]}"
         --context-columns "${context[$i]}")
done
"$bin" calibrate "${inputs[@]}" "${args[@]}" --from "${FROM:-Taxonomy/2026.1}" --output "$output" --release 2026.1 \
  --l2-evidence 0.003 --l2-context 0.001 --cut "${CUT:-0.5}" --decision "${DECISION:-probability}" --prune 0.02 \
  ${ADD_CUT:+--add-cut "$ADD_CUT"} \
  ${CALIBRATE_ARGS:-}

if [ "$output" = "Taxonomy/2026.1" ]; then
  python3 Scripts/embed-taxonomy.py
fi
