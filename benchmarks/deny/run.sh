#!/usr/bin/env bash
# Builds the release piimask and runs bench.py (load time, memory and cost per byte of a
# deny dictionary of 1,000,000 values). Options go to bench.py (--megabytes, --runs, --values,
# --callgrind for instructions per byte as well, --binary PATH for another build).
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product piimask >&2
python3 benchmarks/deny/bench.py "$@"
