#!/usr/bin/env bash
# Builds the libFuzzer target (fuzz/Package.swift) with AddressSanitizer and runs it for a
# bounded time over the seed corpus in fuzz/corpus/.
#
#     bash fuzz/run.sh [SECONDS] [extra libFuzzer flags…]     (default: 60 seconds)
#
# Exits 0 when the fuzzer found nothing in that time, non-zero when the build failed or the
# fuzzer found a crash, a hang, a memory error or a broken invariant (see
# Tests/PIIMaskTests/FuzzInvariants.swift); the reproducer is then in fuzz/artifacts/ and
# the script prints its path and how to replay it. Inputs the fuzzer finds interesting go to
# .build-fuzz/corpus/ (not committed); copy the worthwhile ones to fuzz/corpus/, where
# `swift test` replays them (FuzzCorpusReplayTests).
set -euo pipefail
cd "$(dirname "$0")"
fuzz_dir=$(pwd)
root=$(cd .. && pwd)
seconds=${1:-60}
shift || true

scratch="$root/.build-fuzz"
binary="$scratch/release/PIIMaskFuzz"
work_corpus="$scratch/corpus"
artifacts="$fuzz_dir/artifacts"
mkdir -p "$work_corpus" "$artifacts"

echo "fuzz: building PIIMaskFuzz (release, -sanitize=fuzzer,address)"
build_log="$scratch/build.log"
mkdir -p "$scratch"
# Optimized (a debug build runs about ten times fewer inputs a second), with -enable-testing
# for `@testable import PIIMask`. The linker warns about every ASan symbol it cannot export:
# that stays in the log.
if ! swift build -c release -Xswiftc -enable-testing -Xswiftc -sanitize=fuzzer,address --product PIIMaskFuzz \
        --scratch-path "$scratch" >"$build_log" 2>&1; then
    grep -v "Cannot export local symbol" "$build_log" | tail -40
    echo "fuzz: build failed (full log: $build_log)"
    exit 2
fi

log="$scratch/fuzz.log"
echo "fuzz: running for ${seconds}s over fuzz/corpus/ (log: $log)"
status=0
# SWIFT_BACKTRACE=enable=no: let libFuzzer, not Swift's backtracer, handle a crash.
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
    "$binary" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len=8192 \
    -print_final_stats=1 -dict="$fuzz_dir/piimask.dict" -artifact_prefix="$artifacts/" \
    "$@" "$work_corpus" "$fuzz_dir/corpus" >"$log" 2>&1 || status=$?

grep -E '^(INFO: (Seed|Loaded [0-9]+ PC)|#[0-9]+[[:space:]]+(INITED|DONE)|stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb|new_units_added))' "$log" || true
if [ "$status" -ne 0 ]; then
    grep -E 'invariant broken|ERROR: (libFuzzer|AddressSanitizer)|SUMMARY|==[0-9]+==' "$log" | head -20 || true
    reproducer=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
    echo "fuzz: FAILED (exit $status); full log: $log"
    if [ -n "$reproducer" ]; then
        echo "fuzz: reproducer: $reproducer"
        echo "fuzz: replay it with: SWIFT_BACKTRACE=enable=no $binary $reproducer"
        echo "fuzz: once fixed, copy it to fuzz/corpus/ so that swift test replays it"
    fi
    exit 1
fi
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
echo "fuzz: ${runs:-0} passed, 0 failed"
