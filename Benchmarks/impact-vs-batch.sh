#!/usr/bin/env bash
# `diff --impact` against one plain `batch` run of the same portfolio, in the same run.
#
# Builds release, makes a CSV of 100,000 abstracts by repeating the arXiv dev abstracts (from
# ../shared/corpora/arxiv-dev.jsonl.gz when present, else the sample portfolio), then times,
# alternating, RUNS rounds of
#   batch FILE --threads 2 -o OUT                     (classify with 2025.1, write JSONL)
#   diff 2024.1 2025.1 --impact FILE --threads 2      (classify with both releases, compare)
# and prints each wall time and the ratio of the medians. Every run's answer is checked: the
# batch output has one line a record, and the impact report counts every record.
#
#   Benchmarks/impact-vs-batch.sh [RECORDS] [RUNS]       (default 100000 3)
#   SCRATCH=.build-batch Benchmarks/impact-vs-batch.sh
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-100000}
runs=${2:-3}
scratch=${SCRATCH:-.build-batch}
work=${WORK:-/tmp/dualscope-impact-bench}
mkdir -p "$work"

swift build -c release --scratch-path "$scratch" --product dualscope >&2
bin="$scratch/release/dualscope"

csv="$work/arxiv-$records.csv"
if [[ ! -s "$csv" ]]; then
  python3 - "$csv" "$records" <<'PY'
import csv, gzip, json, os, sys
out, count = sys.argv[1], int(sys.argv[2])
src = "../shared/corpora/arxiv-dev.jsonl.gz"
rows = []
if os.path.exists(src):
    with gzip.open(src, "rt", encoding="utf-8") as f:
        rows = [[r["title"], r["abstract"]] for r in map(json.loads, f)]
else:
    with open("Corpora/portfolio-university.csv", encoding="utf-8") as f:
        rows = [[r["title"], r["abstract"]] for r in csv.DictReader(f)]
with open(out, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "title", "abstract"])
    for n in range(count):
        w.writerow([f"r{n}"] + rows[n % len(rows)])
print(f"{out}: {os.path.getsize(out) / 1e6:.0f} MB, {count} records", file=sys.stderr)
PY
fi

seconds() { local s=$EPOCHREALTIME; "$@" > /dev/null; awk -v s="$s" -v e="$EPOCHREALTIME" 'BEGIN {print e - s}'; }
batch_times=()
impact_times=()
for round in $(seq 1 "$runs"); do
  t=$(seconds "$bin" batch "$csv" --threads 2 --quiet -o "$work/out.jsonl")
  lines=$(wc -l < "$work/out.jsonl")
  [[ "$lines" -eq "$records" ]] || { echo "batch wrote $lines lines for $records records" >&2; exit 1; }
  batch_times+=("$t")
  t=$(seconds "$bin" diff 2024.1 2025.1 --impact "$csv" --threads 2 --format json -o "$work/impact.json" || true)
  documents=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['impact']['documents'])" "$work/impact.json")
  [[ "$documents" -eq "$records" ]] || { echo "impact counted $documents of $records records" >&2; exit 1; }
  impact_times+=("$t")
  printf 'round %d: batch %.2f s, diff --impact %.2f s\n' "$round" "${batch_times[-1]}" "${impact_times[-1]}"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
b=$(median "${batch_times[@]}")
i=$(median "${impact_times[@]}")
printf 'median: batch %.2f s, diff --impact %.2f s, ratio %.2f\n' "$b" "$i" "$(awk -v i="$i" -v b="$b" 'BEGIN {print i / b}')"
