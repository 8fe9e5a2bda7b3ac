#!/usr/bin/env bash
# Hostile inputs at full size against the release `dualscope`: each must end with the expected
# exit status and message within a time and peak-memory bound (measured with /usr/bin/time -v).
# The unit tests (Tests/DualScopeTests/HostileInputTests.swift) run smaller sizes in debug builds.
#
# Usage: Scripts/hostile-inputs.sh [DUALSCOPE_BINARY]
#   Without an argument the release binary is built first (swift build -c release).
#   HOSTILE_SCRATCH=PATH sets the build folder (default .build).
# Prints one line per case: name, status, seconds, peak MB, bounds, and ok or FAIL; exits 1 if
# any case fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

if [ $# -ge 1 ]; then
  bin=$1
else
  scratch=${HOSTILE_SCRATCH:-$root/.build}
  swift build -c release --product dualscope --package-path "$root" --scratch-path "$scratch" >&2
  bin=$(swift build -c release --package-path "$root" --scratch-path "$scratch" --show-bin-path)/dualscope
fi
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (GNU time)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/dualscope-hostile.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0

# check NAME EXPECTED_STATUS MAX_SECONDS MAX_MB PATTERN -- COMMAND...
# PATTERN is an extended regular expression that standard output or standard error must match.
check() {
  local name=$1 want=$2 max_s=$3 max_mb=$4 pattern=$5
  shift 6
  local status=0
  /usr/bin/time -v -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err" || status=$?
  local secs kb mb
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$work/$name.time")
  kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$name.time")
  mb=$((kb / 1024))
  local verdict=ok
  [ "$status" -eq "$want" ] || verdict="FAIL (status $status, expected $want)"
  awk -v s="$secs" -v m="$max_s" 'BEGIN { exit !(s <= m) }' || verdict="FAIL (over ${max_s} s)"
  [ "$mb" -le "$max_mb" ] || verdict="FAIL (over ${max_mb} MB)"
  grep -Eq -- "$pattern" "$work/$name.out" "$work/$name.err" || verdict="FAIL (no match for '$pattern')"
  printf '%-28s status %-3s %7.2f s %6d MB   (bounds %s s, %s MB)  %s\n' "$name" "$status" "$secs" "$mb" "$max_s" "$max_mb" "$verdict"
  if [ "$verdict" != ok ]; then
    failures=$((failures + 1))
    head -c 2000 "$work/$name.err" >&2
  fi
}

# expect NAME PATTERN ERRORS_FILE RECORDS OUTPUT: the error record and the number of output records.
expect() {
  local lines
  lines=$(wc -l <"$5" 2>/dev/null || echo missing)
  if ! grep -Eq -- "$2" "$3" || [ "$lines" != "$4" ]; then
    echo "$1: expected an error record matching '$2' and $4 output records, found $lines" >&2
    failures=$((failures + 1))
  fi
}

python3 - "$work" <<'PY'
import os, sys
work = sys.argv[1]
MB = 1 << 20

def letters(n):
    out = ""
    while True:
        out = chr(97 + n % 26) + out
        n //= 26
        if n == 0:
            return out

def repeat(f, byte, count):
    block = byte * MB
    while count > 0:
        f.write(block[:min(count, MB)])
        count -= MB

# Readers: a 100 MB CSV row and JSONL line, 500 MB of digits on one line, one unterminated quote.
with open(f"{work}/long-row.csv", "wb") as f:
    f.write(b"id,title,abstract\n1,Qubits,quantum key distribution\n2,")
    repeat(f, b"a", 100 * MB)
    f.write(b",x\n3,after,the long row\n")
with open(f"{work}/long-line.jsonl", "wb") as f:
    f.write(b'{"id": "1", "title": "Qubits"}\n{"id": "2", "title": "')
    repeat(f, b"a", 100 * MB)
    f.write(b'"}\n{"id": "3", "title": "after"}\n')
with open(f"{work}/digits.jsonl", "wb") as f:
    f.write(b'{"id": "1", "title": "Qubits"}\n')
    repeat(f, b"1234567890", 50 * MB)
    f.write(b'\n{"id": "3", "title": "after"}\n')
with open(f"{work}/quote.csv", "wb") as f:
    f.write(b'"')
with open(f"{work}/small.csv", "w") as f:
    f.write("id,title,abstract\n")
    for i in range(1000):
        f.write(f"{i},Qubits for word{letters(i)},t{letters(i * 997)} and quantum key distribution\n")
with open(f"{work}/long-text.txt", "wb") as f:
    for _ in range(100):
        f.write(b"qubit " * (MB // 6) + b" " * (MB % 6))
    f.write(b"\n")

def release(name, areas, manifest_areas=None):
    folder = f"{work}/{name}"
    os.makedirs(folder, exist_ok=True)
    names = manifest_areas or sorted(areas)
    with open(f"{folder}/taxonomy.yaml", "w") as f:
        f.write('schema_version: 1\nid: hostile\nversion: "1"\ntitle: Hostile\nlanguages: [en, nl]\n')
        f.write("areas: [" + ", ".join(names) + "]\n")
    for file, text in areas.items():
        with open(f"{folder}/{file}", "w" if isinstance(text, str) else "wb") as f:
            f.write(text)

# A million terms over ten files, and the same terms as a terms file for `match`.
areas = {}
terms = []
for a in range(10):
    parts = [f"area:\n  id: a{a}\n  name: {{en: A, nl: A}}\nfields:\n"]
    for fld in range(100):
        parts.append(f"  - id: a{a}.f{fld}\n    name: {{en: F, nl: F}}\n    terms:\n      en:\n")
        for t in range(1000):
            word = "t" + letters(a * 100000 + fld * 1000 + t)
            terms.append(word)
            parts.append(f"        - {word}\n")
    areas[f"a{a}.yaml"] = "".join(parts)
release("million", areas)
areas["a9.yaml"] += "  - id: a9.extra\n    name: {en: E, nl: E}\n    terms: {en: [one-too-many]}\n"
release("million-plus-one", areas)
with open(f"{work}/qubit.txt", "w") as f:
    f.write("qubit\n")
with open(f"{work}/million-terms.txt", "w") as f:
    f.write("\n".join(terms) + "\n")

# One field with 50,000 terms.
field = ["area:\n  id: big\n  name: {en: B, nl: B}\nfields:\n  - id: big.one\n    name: {en: O, nl: O}\n    terms:\n      en:\n"]
field += [f"        - word{letters(i)}\n" for i in range(50000)]
release("field50k", {"big.yaml": "".join(field)})

# A chain of 50,000 explicit parents, and a cycle of 10,000 fields across two files.
chain = ["area:\n  id: c\n  name: {en: C, nl: C}\nfields:\n"]
for i in range(50000):
    parent = "c" if i == 0 else f"c.f{i - 1}"
    chain.append(f"  - {{id: c.f{i}, name: {{en: F, nl: F}}, parent: {parent}, terms: {{en: [t{letters(i)}]}}}}\n")
release("chain", {"c.yaml": "".join(chain)})
cyc = {"a": ["area:\n  id: a\n  name: {en: A, nl: A}\nfields:\n"], "b": ["area:\n  id: b\n  name: {en: B, nl: B}\nfields:\n"]}
for i in range(10000):
    here, there = ("a", "b") if i % 2 == 0 else ("b", "a")
    parent = "a.n0" if i == 9999 else f"{there}.n{i + 1}"
    cyc[here].append(f"  - {{id: {here}.n{i}, name: {{en: N, nl: N}}, parent: {parent}, terms: {{en: [t{letters(i)}]}}}}\n")
release("cycle", {"a.yaml": "".join(cyc["a"]), "b.yaml": "".join(cyc["b"])})

# YAML bombs as area files: billion laughs, quadratic blowup, 10,000-deep nesting, NUL, bad UTF-8.
laughs = ["a0: &a0 [lol]\n"] + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 10)]
release("laughs", {"x.yaml": "area:\n  id: x\n  name: {en: X, nl: X}\n" + "".join(laughs)})
big = "[" + ", ".join(["q"] * 100000) + "]"
release("quadratic", {"x.yaml": f"base: &b {big}\n" + "refs: [" + ", ".join(["*b"] * 1000) + "]\n"})
release("deep", {"x.yaml": "[" * 10000 + "]" * 10000 + "\n"})
release("nul", {"x.yaml": b"area:\n  id: x\0\n"})
release("utf8", {"x.yaml": b"area:\n  id: \xff\xfe\n"})
# A 100 MB area file (refused without reading it whole).
os.makedirs(f"{work}/oversized", exist_ok=True)
release("oversized", {"x.yaml": "area:\n  id: x\n"})
with open(f"{work}/oversized/huge.yaml", "wb") as f:
    repeat(f, b"#", 100 * MB)
PY

d=$bin
w=$work
echo "dualscope: $d"
check long-row-csv      1 10 200 '3 records: .*1 errors' -- "$d" batch "$w/long-row.csv" -o "$w/o1.jsonl" --errors "$w/e1.jsonl"
expect long-row-csv '"line":3,.*row longer than 16777216 bytes' "$w/e1.jsonl" 2 "$w/o1.jsonl"
check long-line-jsonl   1 10 200 '3 records: .*1 errors' -- "$d" batch "$w/long-line.jsonl" --text-columns title -o "$w/o2.jsonl" --errors "$w/e2.jsonl"
expect long-line-jsonl '"line":2,.*line longer than 16777216 bytes' "$w/e2.jsonl" 2 "$w/o2.jsonl"
check digits-500mb      1 20 200 '3 records: .*1 errors' -- "$d" batch "$w/digits.jsonl" --text-columns title -o "$w/o3.jsonl" --errors "$w/e3.jsonl"
expect digits-500mb '"line":2,.*line longer than 16777216 bytes' "$w/e3.jsonl" 2 "$w/o3.jsonl"
check one-quote-csv     1 5 100 '1 records: .*1 errors' -- "$d" batch "$w/quote.csv" -o "$w/o4.jsonl" --errors "$w/e4.jsonl"
expect one-quote-csv '"line":1,.*header row: unterminated quoted field' "$w/e4.jsonl" 0 "$w/o4.jsonl"
check match-100mb-line  0 15 300 '^17476200$' -- "$d" match --terms "$w/qubit.txt" --count "$w/long-text.txt"
check million-validate  0 60 1000 '1000000 terms' -- "$d" validate "$w/million"
check million-plus-one  2 60 1000 'a9.yaml:[0-9]+:[0-9]+: error: the release has more than 1000000 terms' -- "$d" validate "$w/million-plus-one"
check million-batch     0 90 1600 '1000 records' -- "$d" batch "$w/small.csv" --taxonomy "$w/million" -o "$w/o5.jsonl"
check million-match     0 30 700 '^[0-9]+$' -- "$d" match --terms "$w/million-terms.txt" --count "$w/small.csv"
check field-50k-batch   0 10 300 '1000 records' -- "$d" batch "$w/small.csv" --taxonomy "$w/field50k" -o "$w/o6.jsonl"
check chain-50k         2 10 400 "field 'c.f32' is nested deeper than 32 levels" -- "$d" validate "$w/chain"
check cycle-10k         2 5 200 'parent cycle: a.n0 -> b.n1 -> ' -- "$d" validate "$w/cycle"
check billion-laughs    2 5 200 'alias expansion exceeds 10000 nodes' -- "$d" validate "$w/laughs"
check quadratic-blowup  2 5 300 'alias expansion exceeds 10000 nodes' -- "$d" validate "$w/quadratic"
check nesting-10k       2 5 200 'nesting deeper than 64 levels' -- "$d" validate "$w/deep"
check nul-byte          2 5 200 'NUL byte in input' -- "$d" validate "$w/nul"
check invalid-utf8      2 5 200 'invalid UTF-8' -- "$d" validate "$w/utf8"
check oversized-file    2 5 200 'huge.yaml:1:1: error: file is larger than 8388608 bytes' -- "$d" validate "$w/oversized"

if [ "$failures" -gt 0 ]; then
  echo "$failures hostile-input check(s) failed" >&2
  exit 1
fi
echo "all hostile-input checks passed"
