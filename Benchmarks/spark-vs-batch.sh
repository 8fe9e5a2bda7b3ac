#!/usr/bin/env bash
# The Spark recipe (Examples/spark/classify_portfolio.py) in local[2] against one plain
# `batch --threads 2` of the same portfolio, on the same machine.
#
# Builds release, makes a JSONL of 100,000 records by repeating the arXiv dev abstracts (from
# ../shared/corpora/arxiv-dev.jsonl.gz when present, else the funder sample portfolio), then
# times, alternating, RUNS rounds of
#   batch FILE --threads 2 -o OUT                          (JSONL results)
#   python3 classify_portfolio.py FILE OUT --master local[2]  (Parquet results, JVM start included)
# and prints each wall time, the Spark program's own time from session start (OUT/_metadata.json)
# and the ratio of the medians. Every run's answer is checked: the batch output has one line a
# record, and the Spark run counts every record in, as many results as batch, and no errors.
#
#   Benchmarks/spark-vs-batch.sh [RECORDS] [RUNS]       (default 100000 3)
#   SCRATCH=.build-batch Benchmarks/spark-vs-batch.sh
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-100000}
runs=${2:-3}
scratch=${SCRATCH:-.build-batch}
work=${WORK:-/tmp/dualscope-spark-bench}
mkdir -p "$work"

swift build -c release --scratch-path "$scratch" --product dualscope >&2
bin="$scratch/release/dualscope"
python3 -c "import pyspark" || { echo "PySpark is missing: pip install pyspark==4.0.1" >&2; exit 2; }

jsonl="$work/arxiv-$records.jsonl"
if [[ ! -s "$jsonl" ]]; then
  python3 - "$jsonl" "$records" <<'PY'
import gzip, json, os, sys
out, count = sys.argv[1], int(sys.argv[2])
src = "../shared/corpora/arxiv-dev.jsonl.gz"
if os.path.exists(src):
    with gzip.open(src, "rt", encoding="utf-8") as f:
        rows = [(r["title"], r["abstract"]) for r in map(json.loads, f)]
else:
    with open("Corpora/portfolio-funder.jsonl", encoding="utf-8") as f:
        rows = [(r["title"], r["summary"]) for r in map(json.loads, f)]
with open(out, "w", encoding="utf-8") as f:
    for n in range(count):
        title, abstract = rows[n % len(rows)]
        f.write(json.dumps({"id": f"r{n}", "title": title, "abstract": abstract}, ensure_ascii=False) + "\n")
print(f"{out}: {os.path.getsize(out) / 1e6:.0f} MB, {count} records", file=sys.stderr)
PY
fi

seconds() { local s=$EPOCHREALTIME; "$@" > /dev/null 2> "$work/stderr"; awk -v s="$s" -v e="$EPOCHREALTIME" 'BEGIN {print e - s}'; }
batch_times=()
spark_times=()
for round in $(seq 1 "$runs"); do
  t=$(seconds "$bin" batch "$jsonl" --threads 2 --quiet -o "$work/out.jsonl")
  lines=$(wc -l < "$work/out.jsonl")
  [[ "$lines" -eq "$records" ]] || { echo "batch wrote $lines lines for $records records" >&2; exit 1; }
  batch_times+=("$t")
  rm -rf "$work/spark"
  t=$(seconds python3 Examples/spark/classify_portfolio.py "$jsonl" "$work/spark" --binary "$bin" --master 'local[2]') \
    || { cat "$work/stderr" >&2; exit 1; }
  read -r records_in results errors own < <(python3 -c "
import json, sys
m = json.load(open(sys.argv[1]))
c = m['check']
print(c['records_in'], c['results'], c['errors'], m['seconds'])" "$work/spark/_metadata.json")
  [[ "$records_in" -eq "$records" && "$results" -eq "$lines" && "$errors" -eq 0 ]] \
    || { echo "spark: $records_in in, $results results, $errors errors; batch: $lines" >&2; exit 1; }
  spark_times+=("$t")
  printf 'round %d: batch --threads 2 %.2f s, spark local[2] %.2f s (%.2f s from session start)\n' \
    "$round" "${batch_times[-1]}" "${spark_times[-1]}" "$own"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
b=$(median "${batch_times[@]}")
s=$(median "${spark_times[@]}")
mb=$(awk -v n="$(stat -c %s "$jsonl")" 'BEGIN {print n / 1e6}')
printf 'median: batch %.2f s (%.0f MB/s), spark %.2f s (%.0f MB/s), ratio %.2f\n' \
  "$b" "$(awk -v m="$mb" -v t="$b" 'BEGIN {print m / t}')" "$s" "$(awk -v m="$mb" -v t="$s" 'BEGIN {print m / t}')" \
  "$(awk -v s="$s" -v b="$b" 'BEGIN {print s / b}')"
