#!/usr/bin/env bash
# End-to-end throughput of `dualscope batch`: read, parse, classify, write JSONL.
#
# Builds release, makes about 1 GB of CSV by repeating the arXiv dev abstracts (from
# ../shared/corpora/arxiv-dev.jsonl.gz when present, else the sample portfolio), runs the batch
# with --threads 1 and 2, and reports MB/s and peak resident memory (/usr/bin/time -v).
#
#   Benchmarks/batch-throughput.sh [SIZE_MB]        (default 1000)
#   TAXONOMY=path/to/release Benchmarks/batch-throughput.sh 200
#   SCRATCH=.build-batch Benchmarks/batch-throughput.sh   (SwiftPM scratch path)
#
# DUALSCOPE_BATCH_TIMING=1 makes the summary say where the time went: reading and finding
# records (reader thread), parsing fields + classifying + encoding (summed over workers),
# and writing.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-1000}
scratch=${SCRATCH:-.build-batch}
work=${WORK:-/tmp/dualscope-batch-bench}
mkdir -p "$work"
taxonomy_args=()
if [[ -n "${TAXONOMY:-}" ]]; then taxonomy_args=(--taxonomy "$TAXONOMY"); fi

swift build -c release --scratch-path "$scratch" --product dualscope >&2
bin="$scratch/release/dualscope"

csv="$work/arxiv-${size_mb}mb.csv"
if [[ ! -s "$csv" ]]; then
  python3 - "$csv" "$size_mb" <<'PY'
import csv, gzip, json, os, sys
out, size = sys.argv[1], int(sys.argv[2]) * 1_000_000
src = "../shared/corpora/arxiv-dev.jsonl.gz"
rows = []
if os.path.exists(src):
    with gzip.open(src, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            rows.append([r["title"], r["abstract"], r.get("primary_cat") or ""])
else:
    with open("Corpora/portfolio-university.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows.append([r["title"], r["abstract"], r["department"]])
with open(out, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "title", "abstract", "category"])
    n = 0
    while f.tell() < size:
        for title, abstract, cat in rows:
            w.writerow([f"r{n}", title, abstract, cat])
            n += 1
            if n % 1000 == 0 and f.tell() >= size:
                break
print(f"{out}: {os.path.getsize(out) / 1e6:.0f} MB, {n} records", file=sys.stderr)
PY
fi
bytes=$(stat -c %s "$csv")

for threads in 1 2; do
  out="$work/out-$threads.jsonl"
  log="$work/time-$threads.txt"
  start=$(date +%s%N)
  DUALSCOPE_BATCH_TIMING=1 /usr/bin/time -v "$bin" batch "$csv" "${taxonomy_args[@]}" \
    --text-columns title,abstract --carry-columns category --threads "$threads" -o "$out" 2> "$log" || true
  end=$(date +%s%N)
  rss=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$log")
  awk -v t="$threads" -v b="$bytes" -v ns="$((end - start))" -v rss="$rss" 'BEGIN {
    s = ns / 1e9; printf "threads %d: %.0f MB in %.1f s = %.1f MB/s, peak RSS %.0f MB\n", t, b / 1e6, s, b / 1e6 / s, rss / 1024 }'
  grep -E '^[0-9]+ records|^time:|MB/s\)' "$log" | sed 's/^/  /'
done
if cmp -s "$work/out-1.jsonl" "$work/out-2.jsonl"; then
  echo "outputs of 1 and 2 threads: byte-identical"
else
  echo "outputs of 1 and 2 threads DIFFER" >&2
  exit 1
fi
