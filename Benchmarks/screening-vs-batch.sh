#!/usr/bin/env bash
# `batch` with screening columns against plain `batch` of the same portfolio, in the same run.
#
# Builds release, makes a CSV of 100,000 abstracts (the arXiv dev abstracts repeated, from
# ../shared/corpora/arxiv-dev.jsonl.gz when present, else the sample portfolio) with a partner
# country, a partner organisation and a nationality column filled the way a grant portfolio is:
# most records with one or two partner countries (several in scope of a regime), some with a
# listed organisation, a third with a nationality. Then times, alternating, RUNS rounds of
#   batch FILE --threads 2 -o /dev/null --metadata M    (classify only)
#   batch FILE --threads 2 -o /dev/null --metadata M --partner-country-column partner_country \
#     --partner-org-column partner_org --nationality-column nationality --date 2026-01-15
# and prints each wall time and the ratio of the medians (target: screening keeps at least 80%
# of plain throughput, a ratio of at most 1.25), then the same ratio by CPU time (user and
# system), which moves less from round to round on a shared machine. Every answer is checked on a run of each into a
# file: both outputs have one line a record, the classification of every record is the same in
# both, and every screened line has a triage.
#
#   Benchmarks/screening-vs-batch.sh [RECORDS] [RUNS]      (default 100000 3)
#   SCRATCH=.build-batch Benchmarks/screening-vs-batch.sh
#   MIX=consortia Benchmarks/screening-vs-batch.sh         # 3 to 10 partner countries a record
#
# With MIX=consortia each record names 3 to 10 partner countries drawn from 40, as a consortium
# does, so nearly every record's cells are new to the workers: what a portfolio of consortia costs.
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-100000}
runs=${2:-3}
scratch=${SCRATCH:-.build-batch}
work=${WORK:-/tmp/dualscope-screening-bench}
mkdir -p "$work"

swift build -c release --scratch-path "$scratch" --product dualscope >&2
bin="$scratch/release/dualscope"

mix=${MIX:-partners}
case "$mix" in
  partners) csv="$work/portfolio-$records.csv" ;;
  consortia) csv="$work/portfolio-$records-consortia.csv" ;;
  *) echo "MIX must be partners or consortia, not '$mix'" >&2; exit 2 ;;
esac
if [[ ! -s "$csv" ]]; then
  python3 - "$csv" "$records" "$mix" <<'PY'
import csv, gzip, json, os, random, sys
out, count, mix = sys.argv[1], int(sys.argv[2]), sys.argv[3]
src = "../shared/corpora/arxiv-dev.jsonl.gz"
if os.path.exists(src):
    with gzip.open(src, "rt", encoding="utf-8") as f:
        rows = [[r["title"], r["abstract"]] for r in map(json.loads, f)]
else:
    with open("Corpora/portfolio-university.csv", encoding="utf-8") as f:
        rows = [[r["title"], r["abstract"]] for r in csv.DictReader(f)]
rng = random.Random(7)
countries = ["DE", "FR", "US", "China", "CN", "Russia", "IR", "Belgium", "Japan", "KP", "Canada", "UK", ""]
orgs = ["", "", "", "Universiteit Leiden", "Kestrel Harbour Tech", "ETH Zürich", "Golzar Institute of Propulsion Research"]
consortium = ["DE", "FR", "US", "CN", "RU", "IR", "BE", "JP", "KP", "CA", "GB", "NL", "IT", "ES", "PT", "PL", "SE",
    "FI", "DK", "NO", "AT", "CH", "IE", "GR", "CZ", "HU", "RO", "BG", "HR", "SI", "SK", "LT", "LV", "EE", "IL", "TR", "IN",
    "BR", "ZA", "AU"]
with open(out, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "title", "abstract", "partner_country", "partner_org", "nationality"])
    for n in range(count):
        if mix == "consortia":
            partners = "; ".join(rng.sample(consortium, rng.randint(3, 10)))
        else:
            partners = "; ".join(c for c in {rng.choice(countries), rng.choice(countries)} if c)
        nationality = rng.choice(countries) if rng.random() < 0.33 else ""
        w.writerow([f"r{n}"] + rows[n % len(rows)] + [partners, rng.choice(orgs), nationality])
print(f"{out}: {os.path.getsize(out) / 1e6:.0f} MB, {count} records", file=sys.stderr)
PY
fi

# Wall seconds of a run, and its CPU seconds (user and system) into $cpu: the CPU time varies
# less from round to round on a shared machine, a second figure beside the wall time's ratio.
seconds() {
  local s=$EPOCHREALTIME
  local -a before after
  times > "$work/times"
  read -r -a before < <(tail -1 "$work/times" | sed 's/m/ /g; s/s//g')
  "$@" > /dev/null
  local e=$EPOCHREALTIME
  times > "$work/times"
  read -r -a after < <(tail -1 "$work/times" | sed 's/m/ /g; s/s//g')
  cpu=$(awk -v a="${before[*]}" -v b="${after[*]}" 'BEGIN {
    split(a, x, " "); split(b, y, " ");
    print (y[1] * 60 + y[2] + y[3] * 60 + y[4]) - (x[1] * 60 + x[2] + x[3] * 60 + x[4]) }')
  awk -v s="$s" -v e="$e" 'BEGIN {print e - s}'
}
screen=(--partner-country-column partner_country --partner-org-column partner_org --nationality-column nationality
  --date 2026-01-15)
# Timed with the results written to /dev/null: written to a file, the rounds measured this
# machine's page cache, not the tool (the same screened run took 0.82 to 1.89 s into tmpfs and
# 1.16 to 1.61 s onto disk, its system time alone 0.2 to 0.8 s; to /dev/null 0.8 to 0.9 s). The
# answers are checked on one run of each into files after the timed rounds.
plain_times=()
screen_times=()
plain_cpu=()
screen_cpu=()
for round in $(seq 1 "$runs"); do
  seconds "$bin" batch "$csv" --threads 2 --quiet -o /dev/null --metadata "$work/plain.meta.json" > "$work/wall"
  plain_times+=("$(cat "$work/wall")")
  plain_cpu+=("$cpu")
  seconds "$bin" batch "$csv" --threads 2 --quiet -o /dev/null --metadata "$work/screened.meta.json" \
    "${screen[@]}" > "$work/wall"
  screen_times+=("$(cat "$work/wall")")
  screen_cpu+=("$cpu")
  printf 'round %d: batch %.2f s (CPU %.2f s), batch with screening %.2f s (CPU %.2f s)\n' "$round" \
    "${plain_times[-1]}" "${plain_cpu[-1]}" "${screen_times[-1]}" "${screen_cpu[-1]}"
done
"$bin" batch "$csv" --threads 2 --quiet -o "$work/plain.jsonl"
"$bin" batch "$csv" --threads 2 --quiet -o "$work/screened.jsonl" "${screen[@]}"
python3 - "$work/plain.jsonl" "$work/screened.jsonl" "$records" <<'PY'
import json, sys
plain, screened, records = sys.argv[1], sys.argv[2], int(sys.argv[3])
n = 0
levels = {}
with open(plain, encoding="utf-8") as a, open(screened, encoding="utf-8") as b:
    for x, y in zip(a, b):
        x, y = json.loads(x), json.loads(y)
        s = y.pop("screening")
        assert x == y, f"classification differs for {x['id']}"
        levels[s["triage"]["level"]] = levels.get(s["triage"]["level"], 0) + 1
        n += 1
assert n == records, f"{n} lines compared for {records} records"
print("checked: every record classified the same with and without screening; triage levels:",
      ", ".join(f"{k} {v}" for k, v in sorted(levels.items())))
PY
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
p=$(median "${plain_times[@]}")
s=$(median "${screen_times[@]}")
mb=$(awk -v b="$(stat -c %s "$csv")" 'BEGIN {print b / 1e6}')
printf 'median: batch %.2f s (%.0f MB/s), with screening %.2f s (%.0f MB/s): %.0f%% of plain throughput\n' \
  "$p" "$(awk -v m="$mb" -v t="$p" 'BEGIN {print m / t}')" "$s" "$(awk -v m="$mb" -v t="$s" 'BEGIN {print m / t}')" \
  "$(awk -v p="$p" -v s="$s" 'BEGIN {print 100 * p / s}')"
pc=$(median "${plain_cpu[@]}")
sc=$(median "${screen_cpu[@]}")
printf 'median CPU time: batch %.2f s, with screening %.2f s: %.0f%% (the same ratio by CPU time)\n' \
  "$pc" "$sc" "$(awk -v p="$pc" -v s="$sc" 'BEGIN {print 100 * p / s}')"
