#!/usr/bin/env bash
# Throughput of `piimask stream` with 1 and 2 workers, and of the Spark job against one
# filter process (see bench.py). Usage: benchmarks/stream/run.sh [EVENTS] [SPARK_MB]
# [--only stream|spark] (defaults 50000 events and 100 MB). Prints one JSON line per measurement.
set -euo pipefail
cd "$(dirname "$0")/../.."
events="${1:-50000}"
spark_mb="${2:-100}"
shift $(( $# > 2 ? 2 : $# ))

PYSPARK_VERSION=4.0.1
venv="${PIIMASK_SPARK_VENV:-$HOME/.cache/piimask/spark-venv-$PYSPARK_VERSION}"
if ! "$venv/bin/python" -c "import pyspark, nats" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "pyspark==$PYSPARK_VERSION" "nats-py==2.16.0"
fi

swift build -c release --product piimask >/dev/null
swift build -c release --product piimask-fixtures >/dev/null
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
.build/release/piimask-fixtures --events --lines "$events" --seed 7 -o "$data/stream.ndjson"
.build/release/piimask-fixtures --events --bytes "${spark_mb}M" --seed 8 -o "$data/spark.ndjson"
"$venv/bin/python" benchmarks/stream/bench.py --stream-archive "$data/stream.ndjson" --spark-archive "$data/spark.ndjson" "$@"
