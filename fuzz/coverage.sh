#!/usr/bin/env bash
# What the fuzz corpora reach in the library: builds PIIMaskFuzz with source-based coverage
# (`-profile-generate -profile-coverage-mapping`, libFuzzer without AddressSanitizer), replays
# each target's corpus once (`-runs=0`: every input, no mutation) and prints llvm-cov's line and
# region coverage per file of Sources/PIIMask, per target and for all targets merged.
#
#     bash fuzz/coverage.sh [TARGET…]
#
# The corpora replayed are the committed seeds (fuzz/corpus/TARGET/) and what fuzz/run.sh has
# found (.build-fuzz/corpus/TARGET/, or CORPUS_ROOT/TARGET/ when CORPUS_ROOT is set, e.g. the
# corpus of a campaign run in another checkout). Reports go to .build-fuzz-coverage/report-*.txt;
# the merged one is printed. Exits 2 when the build fails.
set -euo pipefail
cd "$(dirname "$0")"
fuzz_dir=$(pwd)
root=$(cd .. && pwd)
all_targets=(text ndjson conversation scan compose reveal rules)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
for target in "${targets[@]}"; do
    [[ " ${all_targets[*]} " == *" $target "* ]] || { echo "coverage: unknown target $target (targets: ${all_targets[*]})"; exit 2; }
done
corpus_root=${CORPUS_ROOT:-$root/.build-fuzz/corpus}
toolchain=$(dirname "$(readlink -f "$(command -v swift)")")
profdata="$toolchain/llvm-profdata"
cov="$toolchain/llvm-cov"
scratch="$root/.build-fuzz-coverage"
binary="$scratch/release/PIIMaskFuzz"
mkdir -p "$scratch"

echo "coverage: building PIIMaskFuzz (release, -sanitize=fuzzer, coverage mapping)"
if ! swift build -c release -Xswiftc -enable-testing -Xswiftc -sanitize=fuzzer \
        -Xswiftc -profile-generate -Xswiftc -profile-coverage-mapping --product PIIMaskFuzz \
        --scratch-path "$scratch" >"$scratch/build.log" 2>&1; then
    tail -40 "$scratch/build.log"
    echo "coverage: build failed (full log: $scratch/build.log)"
    exit 2
fi

# The library's sources as the build saw them (the fuzz package names them through its path
# dependency on the root package).
sources="$root/Sources/PIIMask"
profiles=()
for target in "${targets[@]}"; do
    rm -f "$scratch/$target"-*.profraw
    corpora=("$fuzz_dir/corpus/$target")
    [ -d "$corpus_root/$target" ] && corpora+=("$corpus_root/$target")
    inputs=$(cat <(for dir in "${corpora[@]}"; do ls "$dir"; done) | wc -l)
    max_len=8192
    [ "$target" = rules ] && max_len=16384
    SWIFT_BACKTRACE=enable=no LLVM_PROFILE_FILE="$scratch/$target-%p.profraw" \
        "$binary" "$target" -runs=0 -timeout=60 -rss_limit_mb=4096 -max_len="$max_len" \
        "${corpora[@]}" >"$scratch/replay-$target.log" 2>&1 \
        || { echo "coverage: $target: replay failed (log: $scratch/replay-$target.log)"; exit 1; }
    "$profdata" merge -sparse "$scratch/$target"-*.profraw -o "$scratch/$target.profdata"
    "$cov" report "$binary" -instr-profile="$scratch/$target.profdata" "$sources" >"$scratch/report-$target.txt"
    total=$(awk '/^TOTAL/ {print "regions " $4 ", lines " $10}' "$scratch/report-$target.txt")
    echo "coverage: $target: $inputs inputs replayed; Sources/PIIMask $total"
    profiles+=("$scratch/$target.profdata")
done
"$profdata" merge -sparse "${profiles[@]}" -o "$scratch/all.profdata"
"$cov" report "$binary" -instr-profile="$scratch/all.profdata" "$sources" >"$scratch/report-all.txt"
echo "coverage: all targets merged (per file: regions, cover, lines, cover; $scratch/report-all.txt):"
awk 'NR > 2 && NF >= 10 && $1 !~ /^-/ {printf "  %-60s regions %7s  lines %7s\n", $1, $4, $10}' "$scratch/report-all.txt"
