#!/usr/bin/env bash
# Load test of `piimask serve` on loopback with wrk (Debian package `wrk`), and the
# baselines: the filter's MB/s on the same events, Presidio per message. Not run in CI.
#
#     benchmarks/load/run.sh [SECONDS]        (default 10 s per wrk run)
#
# Builds piimask (release) if needed, writes inputs to .build-load/, starts the server on
# 127.0.0.1:18090 with its log to .build-load/serve.log, and runs, each bounded in time:
#   /v1/mask with 200-byte messages: wrk -t1 -c1, -t1 -c4, -t2 -c4, -t2 -c16 (--latency)
#   /v1/events with a 1 MiB NDJSON body: wrk -t1 -c1 and -t2 -c2
#   the filter on 100 MB of the same events: --format ndjson --threads 1 and 2, --stats
#   Presidio per message (when .build-load/presidio-venv has it; see benchmarks/compare.sh)
# Everything goes to loopback only; the server is stopped at the end (SIGTERM).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
work=.build-load
port=18090
mkdir -p "$work"

swift build -c release --product piimask >/dev/null
piimask=$(swift build -c release --show-bin-path)/piimask
python3 benchmarks/load/make_inputs.py "$work"

"$piimask" serve --listen "127.0.0.1:$port" 2>"$work/serve.log" &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do
    grep -q listening "$work/serve.log" && break
    sleep 0.1
done

echo "== /v1/mask, 200-byte messages (server log at info, to a file)"
for setting in "1 1" "1 4" "2 4" "2 16"; do
    set -- $setting
    echo "-- wrk -t$1 -c$2 -d${seconds}s --latency"
    BODIES="$work/mask-bodies.txt" timeout $((seconds + 30)) wrk -t"$1" -c"$2" -d"${seconds}s" --latency \
        -s benchmarks/load/mask.lua "http://127.0.0.1:$port" | grep -E "Requests/sec|^ +(50|75|90|99)%|requests in"
done

echo "== /v1/events, 1 MiB NDJSON bodies"
for setting in "1 1" "2 2"; do
    set -- $setting
    echo "-- wrk -t$1 -c$2 -d${seconds}s"
    EVENTS="$work/events.ndjson" timeout $((seconds + 30)) wrk -t"$1" -c"$2" -d"${seconds}s" \
        -s benchmarks/load/events.lua "http://127.0.0.1:$port" | grep -E "^events:"
done

echo "== the filter on 100 MB of the same events"
for threads in 1 2; do
    echo "-- piimask --format ndjson --threads $threads --stats"
    "$piimask" --format ndjson --threads "$threads" --stats <"$work/events-100MB.ndjson" 2>&1 >/dev/null | grep elapsed
done

if [ -x "$work/presidio-venv/bin/python" ]; then
    echo "== Presidio analyzer+anonymizer in-process, per message (200-byte messages)"
    timeout $((seconds + 120)) "$work/presidio-venv/bin/python" benchmarks/load/presidio_per_message.py \
        "$work/spacy-blank-en" "$work/messages.txt" "$seconds"
else
    echo "== Presidio skipped: no $work/presidio-venv (python3 -m venv $work/presidio-venv && $work/presidio-venv/bin/pip install presidio-analyzer presidio-anonymizer)"
fi
