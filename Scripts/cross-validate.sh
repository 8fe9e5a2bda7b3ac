#!/usr/bin/env bash
# Seven-fold cross-validation of the calibrated release over the train parts, and the figures at
# each cut: what a cut, an option or a corpus change should be decided on (the validation parts,
# arXiv's and CORDIS's buckets 7-9 and Corpora/projects-*-validation*.jsonl, are never read).
#
# Fold K fits Scripts/calibrate-2026.1.sh with FOLD=K (bucket K of arXiv and CORDIS held out, and
# fold K of the own train files: Scripts/own-folds.py's folds, which keep near-twin descriptions
# together; OWN_FOLDS=buckets holds out the buckets B mod 7 = K instead, which splits twins) and
# writes `evaluate --predictions` of what it held out; the out-of-fold probabilities of the
# seven folds are then pooled and scored at cuts 0.05 to 0.6 (Scripts/cut-sweep.py): arXiv
# macro figures by its protocol, CORDIS micro and macro (areas with at least three projects) and
# the own English and Dutch descriptions, each with the documents labelled with no area left
# unflagged. Without ../shared/corpora only the own train files are cross-validated.
#
#   Scripts/cross-validate.sh                       # WORK=/tmp/... keeps the folds there
#   CALIBRATE_ARGS=--no-shared-context Scripts/cross-validate.sh
#   DECISION=rules-then-probability CUT=0.2 Scripts/cross-validate.sh   # the rules first
#   DECISION=rules-then-probability CUT=0.2 ADD_CUT=0.65 Scripts/cross-validate.sh   # shipped 2026.1
#     (a release with an add_cut is scored once, by what it decided, not swept)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
shared="${SHARED:-../shared/corpora}"
work="${WORK:-$(mktemp -d)}"
mkdir -p "$work"

bin="${DUALSCOPE:-}"
if [ -z "$bin" ]; then
  swift build -c release --product dualscope >/dev/null
  bin="$(swift build -c release --show-bin-path)/dualscope"
fi
have_shared=false
if [ -f "$shared/arxiv-dev.jsonl.gz" ] && [ -f "$shared/cordis-dev.jsonl.gz" ] && [ -f "$shared/cordis-dev-labels.jsonl" ]; then
  have_shared=true
  python3 Scripts/cordis-with-labels.py "$shared" "$work/cordis.jsonl"
fi
cat Corpora/projects-en-train*.jsonl > "$work/en-train.jsonl"
cat Corpora/projects-nl-train*.jsonl > "$work/nl-train.jsonl"
own_folds="${OWN_FOLDS:-groups}"
case "$own_folds" in
  groups) python3 Scripts/own-folds.py "$work/own" 7 ;;
  buckets) ;;
  *) echo "OWN_FOLDS must be groups or buckets, not '$own_folds'" >&2; exit 2 ;;
esac

for k in 0 1 2 3 4 5 6; do
  out="$work/fold-$k"
  own_train=""
  if [ "$own_folds" = groups ]; then own_train="$work/own/own-fold-$k-train-en.jsonl $work/own/own-fold-$k-train-nl.jsonl"; fi
  FOLD=$k OWN_TRAIN="$own_train" OUTPUT="$out/release" DUALSCOPE="$bin" SHARED="$shared" Scripts/calibrate-2026.1.sh \
    > "$out.log" 2>&1 || { cat "$out.log" >&2; exit 1; }
  own="$k"
  if [ "$k" -le 2 ]; then own="$k,$((k + 7))"; fi
  if $have_shared; then
    "$bin" evaluate "$shared/arxiv-dev.jsonl.gz" --taxonomy "$out/release" --label-map Corpora/label-maps/arxiv.yaml \
      --id-column arxiv_id --text-columns title,abstract --labels-column categories --buckets "$k" \
      --predictions "$out/arxiv.jsonl" > /dev/null
    "$bin" evaluate "$work/cordis.jsonl" --taxonomy "$out/release" --text-columns title,objective \
      --context-columns fundingScheme,topics --buckets "$k" --predictions "$out/cordis.jsonl" > /dev/null
  fi
  for lang in en nl; do
    if [ "$own_folds" = groups ]; then
      "$bin" evaluate "$work/own/own-fold-$k-held-$lang.jsonl" --taxonomy "$out/release" --text-columns title,text \
        --predictions "$out/$lang.jsonl" > /dev/null
    else
      "$bin" evaluate "$work/$lang-train.jsonl" --taxonomy "$out/release" --text-columns title,text --buckets "$own" \
        --predictions "$out/$lang.jsonl" > /dev/null
    fi
  done
  echo "fold $k fitted and measured" >&2
done
CUT="${CUT:-0.5}" python3 Scripts/cut-sweep.py "$work"/fold-?
