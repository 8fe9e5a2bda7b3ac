#!/usr/bin/env bash
# Builds the libFuzzer harnesses and runs each for a bounded time.
#
#   Fuzz/run.sh [SECONDS] [HARNESS...]
#
# SECONDS (default 60) is each harness's -max_total_time; 0 only replays the seeds and the
# working corpus once. HARNESS names (default: all) are YAMLReader, TaxonomyLoader, CSVReader,
# JSONLReader, Matcher, Diff. Stops with a non-zero status at the first crash, leak, timeout or
# broken invariant and prints the path of the input that caused it.
#
# Environment: FUZZ_SCRATCH (build folder, default Fuzz/.build-fuzz), FUZZ_RSS_MB (default 2048),
# FUZZ_SKIP_BUILD=1 to use the binaries already built.
set -euo pipefail
cd "$(dirname "$0")"

seconds=${1:-60}
[[ $# -gt 0 ]] && shift
all=(YAMLReader TaxonomyLoader CSVReader JSONLReader Matcher Diff)
if [[ $# -gt 0 ]]; then harnesses=("$@"); else harnesses=("${all[@]}"); fi

scratch=${FUZZ_SCRATCH:-.build-fuzz}
rss=${FUZZ_RSS_MB:-2048}

max_len() {
  case $1 in
    YAMLReader) echo 4096 ;;
    TaxonomyLoader) echo 8192 ;;
    CSVReader | JSONLReader) echo 4096 ;;
    Matcher) echo 1024 ;;
    Diff) echo 96 ;;
    *) echo "unknown harness '$1' (known: ${all[*]})" >&2; exit 2 ;;
  esac
}
for h in "${harnesses[@]}"; do max_len "$h" >/dev/null; done

if [[ ${FUZZ_SKIP_BUILD:-0} != 1 ]]; then
  start=$(date +%s)
  swift build -c release --scratch-path "$scratch" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DDUALSCOPE_INTERNAL_CHECKS
  echo "fuzz build: $(($(date +%s) - start)) s"
fi
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DDUALSCOPE_INTERNAL_CHECKS)

for h in "${harnesses[@]}"; do
  corpus=.corpus/$h
  artifacts=.corpus/artifacts/$h/
  mkdir -p "$corpus" "$artifacts"
  log=.corpus/$h.log
  args=(-max_len="$(max_len "$h")" -rss_limit_mb="$rss" -timeout=20 -artifact_prefix="$artifacts" -print_final_stats=1)
  if [[ $seconds -gt 0 ]]; then args+=(-max_total_time="$seconds"); else args+=(-runs=0); fi
  [[ -f Dictionaries/$h.dict ]] && args+=(-dict="Dictionaries/$h.dict")
  echo "== $h: ${seconds}s, corpus $corpus, seeds Seeds/$h"
  status=0
  SWIFT_BACKTRACE=enable=no "$bin/Fuzz$h" "${args[@]}" "$corpus" "Seeds/$h" >"$log" 2>&1 || status=$?
  grep -E '^(stat::number_of_executed_units|stat::new_units_added|stat::peak_rss_mb)' "$log" | sed 's/^/   /' || true
  if [[ $status -ne 0 ]]; then
    crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
    echo "!! $h failed (exit $status); log: Fuzz/$log" >&2
    grep -E -m 5 'invariant failed|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|Fatal error|SUMMARY' "$log" >&2 || true
    [[ -n $crash ]] && echo "!! crashing input: Fuzz/$crash" >&2
    exit 1
  fi
done
echo "all harnesses passed: ${harnesses[*]}"
