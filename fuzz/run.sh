#!/usr/bin/env bash
# Builds the libFuzzer program (fuzz/Package.swift) with AddressSanitizer and runs each fuzz
# target in turn, one process (one job) at a time, for a bounded time over its seed corpus
# fuzz/corpus/TARGET/.
#
#     bash fuzz/run.sh [SECONDS] [TARGET…] [-- extra libFuzzer flags…]
#
# SECONDS per target (default 60); the targets (default all): text, ndjson, conversation,
# scan, compose, reveal, rules (FuzzEntryPoint in Tests/PIIMaskTests/FuzzEntryPoint.swift).
# Prints per target the CPU time, executions, corpus size and the result. Exits 0 when no
# target found anything, 1 when one found a crash, a hang, a memory error or a broken
# invariant (the reproducer is then in fuzz/artifacts/TARGET/ and the script prints how to
# replay it), 2 when the build failed. Inputs the fuzzer finds interesting go to
# .build-fuzz/corpus/TARGET/ (not committed); copy a reproducer, once fixed, to
# fuzz/corpus/TARGET/, where `swift test` replays it (FuzzCorpusReplayTests).
set -euo pipefail
cd "$(dirname "$0")"
fuzz_dir=$(pwd)
root=$(cd .. && pwd)
all_targets=(text ndjson conversation scan compose reveal rules)
seconds=60
if [ $# -gt 0 ] && [[ $1 =~ ^[0-9]+$ ]]; then seconds=$1; shift; fi
targets=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do targets+=("$1"); shift; done
[ $# -gt 0 ] && shift
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
for target in "${targets[@]}"; do
    [[ " ${all_targets[*]} " == *" $target "* ]] || { echo "fuzz: unknown target $target (targets: ${all_targets[*]})"; exit 2; }
done

scratch="$root/.build-fuzz"
binary="$scratch/release/PIIMaskFuzz"
mkdir -p "$scratch"

echo "fuzz: building PIIMaskFuzz (release, -sanitize=fuzzer,address)"
build_log="$scratch/build.log"
# Optimized (a debug build runs about ten times fewer inputs a second), with -enable-testing
# for `@testable import PIIMask`. The linker warns about every ASan symbol it cannot export:
# that stays in the log.
if ! swift build -c release -Xswiftc -enable-testing -Xswiftc -sanitize=fuzzer,address --product PIIMaskFuzz \
        --scratch-path "$scratch" >"$build_log" 2>&1; then
    grep -v "Cannot export local symbol" "$build_log" | tail -40
    echo "fuzz: build failed (full log: $build_log)"
    exit 2
fi

failed=()
printf 'fuzz: %-12s %8s %10s %8s %9s  %s\n' target cpu-s executions exec/s corpus result
for target in "${targets[@]}"; do
    work_corpus="$scratch/corpus/$target"
    artifacts="$fuzz_dir/artifacts/$target"
    log="$scratch/fuzz-$target.log"
    mkdir -p "$work_corpus" "$artifacts"
    # Rule files are longer than chat lines: the built-in ones are up to 14 KB.
    max_len=8192
    [ "$target" = rules ] && max_len=16384
    status=0
    # SWIFT_BACKTRACE=enable=no: let libFuzzer, not Swift's backtracer, handle a crash.
    TIMEFORMAT='%U %S'
    cpu=$( { time SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
        "$binary" "$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len="$max_len" \
        -print_final_stats=1 -dict="$fuzz_dir/piimask.dict" -artifact_prefix="$artifacts/" \
        "$@" "$work_corpus" "$fuzz_dir/corpus/$target" >"$log" 2>&1 || echo "status $?" >"$scratch/status"; } 2>&1 )
    unset TIMEFORMAT
    if [ -f "$scratch/status" ]; then status=$(awk '{print $2}' "$scratch/status"); rm -f "$scratch/status"; fi
    cpu=$(echo "$cpu" | awk '{printf "%.0f", $1 + $2}')
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    corpus=$(ls "$work_corpus" | wc -l)
    result=passed
    [ "$status" -eq 0 ] || { result="FAILED (exit $status)"; failed+=("$target"); }
    printf 'fuzz: %-12s %8s %10s %8s %9s  %s\n' "$target" "$cpu" "${runs:-0}" "${rate:-0}" "$corpus" "$result"
    if [ "$status" -ne 0 ]; then
        grep -E 'invariant broken|ERROR: (libFuzzer|AddressSanitizer)|SUMMARY|==[0-9]+==' "$log" | head -20 || true
        reproducer=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
        echo "fuzz: $target: full log: $log"
        if [ -n "$reproducer" ]; then
            echo "fuzz: $target: reproducer: $reproducer"
            echo "fuzz: replay it with: SWIFT_BACKTRACE=enable=no $binary $target $reproducer"
            echo "fuzz: once fixed, copy it to fuzz/corpus/$target/ so that swift test replays it"
        fi
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: FAILED: ${failed[*]}"
    exit 1
fi
echo "fuzz: ${#targets[@]} targets, nothing found"
