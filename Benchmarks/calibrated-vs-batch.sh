#!/usr/bin/env bash
# `batch` with a release's learned scoring against `batch` with its rules alone, in the same run.
#
# Builds release, makes a CSV of RECORDS arXiv abstracts (the dev abstracts repeated), then
# times, alternating, RUNS rounds of
#   batch FILE --threads 2 -o /dev/null --metadata M --uncalibrated          (the rules alone)
#   batch FILE --threads 2 -o /dev/null --metadata M --taxonomy CALIBRATED   (probabilities)
# where CALIBRATED is the shipped release 2026.1 (its learned scoring) unless it names another
# folder (e.g. one Scripts/calibrate-2026.1.sh wrote), and prints each wall time, MB/s and the
# ratio of the medians. The answers are checked on a run of each into a file: both outputs have
# one line a record, in input order, and every area the calibrated run assigns has a probability
# of at least the release's cut.
#
#   Benchmarks/calibrated-vs-batch.sh [RECORDS] [RUNS]        (default 50000 3)
#   CALIBRATED=/tmp/calibrated SCRATCH=.build Benchmarks/calibrated-vs-batch.sh
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-50000}
runs=${2:-3}
scratch=${SCRATCH:-.build-batch}
work=${WORK:-/tmp/dualscope-calibrated-bench}
mkdir -p "$work"
src=../shared/corpora/arxiv-dev.jsonl.gz
if [[ ! -s "$src" ]]; then
  echo "calibrated-vs-batch: needs $src (the abstracts)" >&2
  exit 2
fi

swift build -c release --scratch-path "$scratch" --product dualscope >&2
bin="$scratch/release/dualscope"
calibrated=${CALIBRATED:-Taxonomy/2026.1}
if [[ ! -s "$calibrated/calibration.yaml" ]]; then
  echo "calibrated-vs-batch: '$calibrated' has no calibration.yaml" >&2
  exit 2
fi
cut=$(awk '/^cut:/ {print $2}' "$calibrated/calibration.yaml")

csv="$work/abstracts-$records.csv"
if [[ ! -s "$csv" ]]; then
  python3 - "$src" "$csv" "$records" <<'PY'
import csv, gzip, json, sys
src, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
with gzip.open(src, "rt", encoding="utf-8") as f:
    rows = [[r["title"], r["abstract"]] for r in map(json.loads, f)]
with open(out, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "title", "abstract"])
    for n in range(count):
        w.writerow([f"r{n}"] + rows[n % len(rows)])
PY
fi
mb=$(awk -v b="$(stat -c %s "$csv")" 'BEGIN {print b / 1e6}')

seconds() { local s=$EPOCHREALTIME; "$@" > /dev/null; awk -v s="$s" -v e="$EPOCHREALTIME" 'BEGIN {print e - s}'; }
# Timed with the results written to /dev/null, as Benchmarks/screening-vs-batch.sh is: written to
# a file, the rounds measured this machine's page cache as much as the tool. The answers are
# checked on one run of each into files after the timed rounds.
plain_times=()
calibrated_times=()
for round in $(seq 1 "$runs"); do
  plain_times+=("$(seconds "$bin" batch "$csv" --threads 2 --quiet -o /dev/null --metadata "$work/plain.meta.json" \
    --uncalibrated)")
  calibrated_times+=("$(seconds "$bin" batch "$csv" --threads 2 --quiet -o /dev/null \
    --metadata "$work/calibrated.meta.json" --taxonomy "$calibrated")")
  printf 'round %d: rules alone %.2f s, calibrated %.2f s\n' "$round" "${plain_times[-1]}" "${calibrated_times[-1]}"
done
"$bin" batch "$csv" --threads 2 --quiet -o "$work/plain.jsonl" --uncalibrated
"$bin" batch "$csv" --threads 2 --quiet -o "$work/calibrated.jsonl" --taxonomy "$calibrated"
python3 - "$work/plain.jsonl" "$work/calibrated.jsonl" "$records" "$cut" <<'PY'
import json, sys
plain, calibrated, records, cut = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
n = assigned = 0
with open(plain, encoding="utf-8") as a, open(calibrated, encoding="utf-8") as b:
    for x, y in zip(a, b):
        x, y = json.loads(x), json.loads(y)
        assert x["id"] == y["id"] == f"r{n}", f"line {n + 1}: {x['id']} / {y['id']}"
        for area in y["areas"]:
            p = area["probability"]
            assert p >= cut, f"{y['id']}: {area['id']} assigned at p {p} < cut {cut}"
            assigned += 1
        n += 1
assert n == records, f"{n} lines compared for {records} records"
print(f"checked: {n} records in order in both outputs; {assigned} calibrated assignments, each at p >= {cut}")
PY
python3 - "$mb" "${plain_times[*]}" "${calibrated_times[*]}" <<'PY'
import statistics, sys
mb = float(sys.argv[1])
p = statistics.median(map(float, sys.argv[2].split()))
c = statistics.median(map(float, sys.argv[3].split()))
print(f"median: rules alone {p:.2f} s ({mb / p:.0f} MB/s), calibrated {c:.2f} s ({mb / c:.0f} MB/s); "
      f"calibrated takes {c / p:.2f}x the time of the rules alone")
PY
