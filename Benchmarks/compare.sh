#!/usr/bin/env bash
# Side-by-side speed on the shared workload (../shared/bench/README.md): `dualscope match --count`
# (the whole process: read, compile 3,000 phrases, count) against flashtext, pyahocorasick,
# ahocorasick_rs, Python regex and Hyperscan, in one run, one core each. Prints MB/s, match
# counts and ratios. Environment: SHARED (default ../../shared), OUT (default ../bench-out),
# RUNS (timed runs of dualscope, default 5; the best is reported), DUALSCOPE_BIN (use this
# binary instead of building one).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
shared="${SHARED:-$root/../shared}"
out="${OUT:-$root/bench-out}"
runs="${RUNS:-5}"
pin=()
command -v taskset > /dev/null && pin=(taskset -c 1)

bin="${DUALSCOPE_BIN:-}"
if [[ -z "$bin" ]]; then
  echo "== building dualscope (release)"
  swift build --package-path "$root" --scratch-path "$root/.build-release" -c release --product dualscope > /dev/null
  bin="$root/.build-release/release/dualscope"
fi
if ! "$bin" match --help > /dev/null 2>&1; then
  echo "error: this dualscope has no 'match' subcommand registered" >&2
  exit 2
fi

if [[ ! -f "$out/corpus.txt" || ! -f "$out/terms.txt" ]]; then
  if [[ ! -f "$shared/bench/make_bench_inputs.py" ]]; then
    echo "error: no bench inputs in $out and no $shared/bench/make_bench_inputs.py to make them" >&2
    exit 2
  fi
  echo "== making bench inputs in $out"
  python3 "$shared/bench/make_bench_inputs.py" "$shared/corpora/arxiv-dev.jsonl.gz" "$out"
fi
terms="$out/terms.txt"
corpus="$out/corpus.txt"
bytes=$(stat -c %s "$corpus")

venv="$here/.venv-bench"
if [[ ! -x "$venv/bin/python" ]]; then
  echo "== creating $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q flashtext==2.7 pyahocorasick==2.3.1 ahocorasick-rs==1.0.3 regex hyperscan==0.9.1
fi

results="$(mktemp)"
trap 'rm -f "$results"' EXIT

echo "== dualscope match --count ($runs runs, whole process)"
best=""
count=""
for _ in $(seq "$runs"); do
  start=$(date +%s.%N)
  count=$("${pin[@]}" "$bin" match --terms "$terms" --count "$corpus")
  end=$(date +%s.%N)
  t=$(python3 -c "print(f'{$end - $start:.4f}')")
  echo "   ${t}s  $count matches"
  if [[ -z "$best" ]] || python3 -c "import sys; sys.exit(0 if $t < $best else 1)"; then best=$t; fi
done
python3 -c "print(f'dualscope {$bytes/1e6/$best:.1f} {$count}')" >> "$results"

echo "== comparators.py"
"${pin[@]}" "$venv/bin/python" "$shared/bench/comparators.py" "$terms" "$corpus" | tee -a "$results"
echo "== hyperscan_cmp.py"
"${pin[@]}" "$venv/bin/python" "$shared/bench/hyperscan_cmp.py" "$terms" "$corpus" | tee -a "$results"

echo
python3 - "$results" "$bytes" <<'PY'
import re, sys
rows = []
for line in open(sys.argv[1]):
    m = re.match(r"^(dualscope) ([\d.]+) (\d+)$", line.strip())
    if not m:
        m = re.match(r"^(.+?)\s+([\d.]+) MB/s\s+(\d+) matches", line.strip())
    if m:
        rows.append((m.group(1).strip(), float(m.group(2)), int(m.group(3))))
ours = next(r for r in rows if r[0] == "dualscope")
print(f"{'tool':26s} {'MB/s':>8s} {'matches':>10s} {'dualscope is':>14s}")
for name, mbs, n in rows:
    ratio = "" if name == "dualscope" else f"{ours[1] / mbs:10.2f}x"
    print(f"{name:26s} {mbs:8.1f} {n:10d} {ratio:>14s}")
print(f"corpus {int(sys.argv[2]) / 1e6:.1f} MB; dualscope time is the whole process, the others in-process")
PY
