#!/usr/bin/env bash
# Load on `dualscope serve`: POST /api/v1/classify with a 1.5 KB abstract, from `wrk` on the
# same machine, over loopback only, for a bounded time.
#
# Builds release, starts the server on 127.0.0.1 (access log off), runs wrk with a Lua script
# for DURATION seconds (default 60) over CONNECTIONS connections (default 32) and THREADS wrk
# threads (default 1), samples the server's resident memory every 5 s, stops the server with
# SIGTERM and prints requests/s, p99 latency, errors and the memory samples.
#
#   Benchmarks/serve-load.sh                      (needs wrk: apt-get install -y wrk)
#   DURATION=20 CONNECTIONS=16 Benchmarks/serve-load.sh
#   DUALSCOPE_BIN=.build/release/dualscope Benchmarks/serve-load.sh   (skip the build)
#
# Target on 2 cores: at least 5,000 requests/s, p99 at most 20 ms, no errors, flat memory.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-60}
connections=${CONNECTIONS:-32}
wrk_threads=${THREADS:-1}
port=${PORT:-18080}
work=${WORK:-/tmp/dualscope-serve-bench}
mkdir -p "$work"
command -v wrk >/dev/null || { echo "wrk not found (apt-get install -y wrk)" >&2; exit 2; }
if (( duration > 600 )); then echo "DURATION is capped at 600 s" >&2; exit 2; fi

if [[ -z "${DUALSCOPE_BIN:-}" ]]; then
  swift build -c release --product dualscope >&2
  bin=.build/release/dualscope
else
  bin=$DUALSCOPE_BIN
fi

# A 1.5 KB abstract: abstracts of the sample portfolio joined, cut at a word near 1,500 bytes.
python3 - "$work/body.json" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open("Corpora/portfolio-university.csv", encoding="utf-8")))
text = ""
for r in rows:
    if len(text.encode()) >= 1500:
        break
    text += r["title"] + ". " + r["abstract"] + " "
text = text.encode()[:1500].decode("utf-8", "ignore").rsplit(" ", 1)[0]
json.dump({"text": text}, open(sys.argv[1], "w"))
PY
echo "body: $(wc -c < "$work/body.json") bytes of JSON" >&2

cat > "$work/classify.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = assert(io.open("$work/body.json", "rb"))
wrk.body = f:read("*a")
f:close()
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("requests: %d in %.1f s\n", summary.requests, seconds))
  io.write(string.format("requests/s: %.0f\n", summary.requests / seconds))
  io.write(string.format("latency p50: %.2f ms, p99: %.2f ms, max: %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("errors: connect %d, read %d, write %d, status %d, timeout %d\n",
    e.connect, e.read, e.write, e.status, e.timeout))
end
LUA

"$bin" serve --host 127.0.0.1 --port "$port" --quiet 2> "$work/server.log" &
server=$!
trap 'kill -TERM $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  grep -q "listening on" "$work/server.log" 2>/dev/null && break
  sleep 0.1
done
curl -sf "http://127.0.0.1:$port/api/v1/healthz" > /dev/null

rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
echo "rss before: $(rss) kB" >&2
: > "$work/rss.txt"
(
  for _ in $(seq $((duration / 5))); do
    sleep 5
    echo -n "$(rss) " >> "$work/rss.txt"
  done
) & sampler=$!
wrk -t "$wrk_threads" -c "$connections" -d "${duration}s" --latency -s "$work/classify.lua" \
  "http://127.0.0.1:$port/api/v1/classify" | tee "$work/wrk.txt"
wait $sampler || true
echo "rss every 5 s (kB): $(cat "$work/rss.txt")"
echo "rss after: $(rss) kB"
kill -TERM $server
wait $server && echo "server stopped cleanly on SIGTERM"
trap - EXIT
