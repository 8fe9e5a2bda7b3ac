#!/usr/bin/env bash
# The Spark recipe (Examples/spark/classify_portfolio.py) in local[2] against one plain
# `batch --threads 2` of the same portfolio, on the same machine.
#
# Builds release, makes a JSONL of RECORDS records by repeating the arXiv dev abstracts (from
# ../shared/corpora/arxiv-dev.jsonl.gz when present, else the funder sample portfolio), then
# times, alternating, RUNS rounds of
#   batch FILE --threads 2 -o OUT                                        (JSONL results)
#   python3 classify_portfolio.py FILE OUT --master local[2] --repeat 5  (Parquet results)
# From each Spark run's OUT/_metadata.json it takes
#   session    starting the JVM and the SparkSession: a fixed cost, whatever the input's size
#   job        the job as a single run has it: the first pass (reading, classifying, writing the
#              results) with the Python workers' start, the first code generation and JIT
#              compilation, then the error records, the checks and the metadata
#   second     the second pass over the same input in the same session: the Python workers run,
#              but the JVM is still compiling the pass's code
#   steady     the median of passes 3 to 5: what the job costs a record once running, its
#              throughput, as in a long job over a large portfolio
# and prints the medians and the ratios job / batch, second pass / batch and steady pass / batch.
# Every run's answer is
# checked: the batch output has one line a record, and the Spark run counts every record in, as
# many results as batch, and no errors.
#
#   Benchmarks/spark-vs-batch.sh [RECORDS] [RUNS]       (default 100000 3)
#   SCRATCH=.build-batch Benchmarks/spark-vs-batch.sh
#   SPARK_ARGS="--compression none" Benchmarks/spark-vs-batch.sh   (more recipe options)
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-100000}
runs=${2:-3}
scratch=${SCRATCH:-.build-batch}
work=${WORK:-/tmp/dualscope-spark-bench}
mkdir -p "$work"

swift build -c release --scratch-path "$scratch" --product dualscope >&2
bin="$scratch/release/dualscope"
python3 -c "import pyspark, pyarrow, pandas" \
  || { echo "missing: pip install pyspark==4.0.1 pyarrow==26.0.1 pandas==3.1.1" >&2; exit 2; }

portfolio() { # portfolio COUNT: the path of a JSONL portfolio of COUNT records, made when missing
  local out="$work/arxiv-$1.jsonl"
  [[ -s "$out" ]] || python3 - "$out" "$1" <<'PY'
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
  echo "$out"
}
file=$(portfolio "$records")

seconds() { local s=$EPOCHREALTIME; "$@" > /dev/null 2> "$work/stderr"; awk -v s="$s" -v e="$EPOCHREALTIME" 'BEGIN {print e - s}'; }
read -r -a spark_args <<< "${SPARK_ARGS:-}"

declare -a bt st sess jt wt sd
for round in $(seq 1 "$runs"); do
  b=$(seconds "$bin" batch "$file" --threads 2 --quiet -o "$work/out.jsonl")
  lines=$(wc -l < "$work/out.jsonl")
  [[ "$lines" -eq "$records" ]] || { echo "batch wrote $lines lines for $records records" >&2; exit 1; }
  rm -rf "$work/spark"
  s=$(seconds python3 Examples/spark/classify_portfolio.py "$file" "$work/spark" --binary "$bin" \
    --master 'local[2]' --repeat 5 "${spark_args[@]}") || { cat "$work/stderr" >&2; exit 1; }
  read -r session job warm steady < <(python3 - "$work/spark/_metadata.json" "$records" "$lines" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
c = m["check"]
count, lines = int(sys.argv[2]), int(sys.argv[3])
if (c["records_in"], c["results"], c["errors"]) != (count, lines, 0):
    sys.exit(f"spark: {c['records_in']} in, {c['results']} results, {c['errors']} errors; batch: {lines}")
passes = m["pass_seconds"]
print(m["session_seconds"], m["job_seconds"] - sum(passes[1:]), passes[1], sorted(passes[2:])[1])
PY
  ) || exit 1
  bt+=("$b"); st+=("$s"); sess+=("$session"); jt+=("$job"); wt+=("$warm"); sd+=("$steady")
  printf 'round %d: batch %.2f s; spark %.2f s wall (five passes): session start %.2f s, job %.2f s, second pass %.2f s, steady pass %.2f s\n' \
    "$round" "$b" "$s" "$session" "$job" "$warm" "$steady"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mb=$(awk -v n="$(stat -c %s "$file")" 'BEGIN {print n / 1e6}')
rate() { awk -v m="$mb" -v t="$1" 'BEGIN {printf "%.0f MB/s", m / t}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
B=$(median "${bt[@]}"); S=$(median "${sess[@]}"); J=$(median "${jt[@]}"); W=$(median "${wt[@]}"); D=$(median "${sd[@]}")
printf 'median of %d, %d records (%.0f MB), load %s:\n' "$runs" "$records" "$mb" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '  batch --threads 2               %6.2f s  (%s)\n' "$B" "$(rate "$B")"
printf '  spark local[2] session start    %6.2f s\n' "$S"
printf '  spark local[2] job              %6.2f s  (%s)  job / batch %s\n' "$J" "$(rate "$J")" "$(ratio "$J" "$B")"
printf '  spark local[2] second pass      %6.2f s  (%s)  second pass / batch %s\n' "$W" "$(rate "$W")" "$(ratio "$W" "$B")"
printf '  spark local[2] steady pass      %6.2f s  (%s)  steady pass / batch %s\n' "$D" "$(rate "$D")" "$(ratio "$D" "$B")"
