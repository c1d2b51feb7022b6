#!/usr/bin/env bash
# benchmarks/compare.sh: piimask's throughput against `cat`, a naive Perl masker and
# Microsoft Presidio, in one run on the same generated files. See benchmarks/README.md.
#
# From a fresh clone: builds release piimask and piimask-fixtures (in .build-compare, so it
# never waits on a developer's .build), generates the corpora (chat and digits text, chat
# events as NDJSON) into a git-ignored work folder, times every tool on them with its output
# to /dev/null, and prints one table: MB/s (10^6 bytes per second of input; median of
# --runs runs, after one untimed warm-up run) and that rate as a share of `cat`'s on the
# same corpus. Timing is `date +%s.%N` around each run (hyperfine is not needed).
#
# usage: benchmarks/compare.sh [--size MIB] [--runs N] [--work DIR] [--no-presidio]
#   --size MIB      size of each corpus in MiB (default 100)
#   --runs N        timed runs per measurement, 1-9 (default 5; Perl and Presidio: 3)
#   --work DIR      where corpora, the Perl/Presidio slices and the Presidio venv go
#                   (default: .build-compare-work at the repository root, git-ignored)
#   --no-presidio   do not install or time Presidio
#
# Needs: swift, libpcre2-dev + pkg-config, perl, coreutils (timeout, head, sort), awk.
# Presidio needs python3 with venv and pip reaching PyPI; without them it is skipped.
# Exit status: 0 done, 1 a tool is missing, a build or a run failed, 2 usage error.
set -euo pipefail

script_dir=${BASH_SOURCE[0]%/*}
[ "$script_dir" = "${BASH_SOURCE[0]}" ] && script_dir=.
root=$(cd "$script_dir/.." && pwd)
size_mib=100
runs=5
slow_runs=3
work="$root/.build-compare-work"
use_presidio=1
perl_slice_mb=10
presidio_slice_mb=2
# Time boxes, in seconds per run.
fast_limit=120
perl_limit=300
presidio_limit=600

die() { echo "compare.sh: error: $*" >&2; exit 1; }
note() { echo "compare.sh: $*" >&2; }
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }

while [ $# -gt 0 ]; do
    case "$1" in
        --size) [ $# -ge 2 ] || usage; size_mib=$2; shift 2 ;;
        --runs) [ $# -ge 2 ] || usage; runs=$2; shift 2 ;;
        --work) [ $# -ge 2 ] || usage; work=$2; shift 2 ;;
        --no-presidio) use_presidio=0; shift ;;
        -h|--help) usage ;;
        *) echo "compare.sh: unknown argument '$1'" >&2; usage ;;
    esac
done
[[ "$size_mib" =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: --size wants a whole number of MiB" >&2; exit 2; }
[[ "$runs" =~ ^[1-9]$ ]] || { echo "compare.sh: --runs wants 1 to 9" >&2; exit 2; }
[ "$runs" -lt "$slow_runs" ] && slow_runs=$runs

# ---- tools ---------------------------------------------------------------------------
need() { command -v "$1" >/dev/null 2>&1 || die "'$1' not found: $2"; }
need swift "install the Swift toolchain (swift.org) and put it on PATH"
need pkg-config "apt-get install pkg-config"
need perl "apt-get install perl"
need timeout "apt-get install coreutils"
need awk "apt-get install gawk (or mawk)"
need head "apt-get install coreutils"
need sed "apt-get install sed"
need sort "apt-get install coreutils"
pkg-config --exists libpcre2-8 || die "PCRE2 not found: apt-get install libpcre2-dev"
date +%s.%N | grep -q '^[0-9]*\.[0-9]\{9\}$' || die "'date +%s.%N' does not give nanoseconds (GNU date needed)"

# ---- build ---------------------------------------------------------------------------
scratch="$root/.build-compare"
note "building release piimask and piimask-fixtures in $scratch (first time: several minutes)"
for product in piimask piimask-fixtures; do
    (cd "$root" && timeout 3600 swift build -c release --scratch-path "$scratch" --product "$product" >&2) \
        || die "release build of $product failed (see above)"
done
bin=$(cd "$root" && swift build -c release --scratch-path "$scratch" --show-bin-path)
piimask="$bin/piimask"
fixtures="$bin/piimask-fixtures"
[ -x "$piimask" ] && [ -x "$fixtures" ] || die "no binaries in $bin after the build"

# Each tool must mask a card number before it is timed.
smoke='Card 4111 1111 1111 1111, mail melissa@gmail.com'
check_masks() { # name, command…
    local name=$1 output
    shift
    output=$(printf '%s\n' "$smoke" | timeout 120 "$@" 2>/dev/null) || die "$name failed on a one-line input"
    case "$output" in
        *"4111 1111 1111 1111"*|"") die "$name did not mask a card number (output: '$output')" ;;
    esac
}
check_masks piimask "$piimask"
check_masks "naive Perl masker" perl -p "$root/benchmarks/naive-mask.pl"

# ---- corpora -------------------------------------------------------------------------
mkdir -p "$work"
work=$(cd "$work" && pwd)
chat="$work/chat-${size_mib}M.txt"
digits="$work/digits-${size_mib}M.txt"
events="$work/events-${size_mib}M.ndjson"
# name, profile, seed, extra flag: (re)generated when missing or older than the generator.
generate() {
    local file=$1 profile=$2 seed=$3 flag=$4
    if [ -s "$file" ] && [ "$file" -nt "$fixtures" ]; then return; fi
    note "generating $(basename "$file")"
    timeout 900 "$fixtures" --profile "$profile" --seed "$seed" --bytes "${size_mib}M" "$flag" \
        --output "$file.partial" || die "piimask-fixtures failed for $(basename "$file")"
    mv "$file.partial" "$file"
}
generate "$chat" chat 1 --text-only
generate "$digits" digits 2 --text-only
generate "$events" chat 3 --events

# The first whole lines of `chat` up to a size in MB (10^6 bytes).
slice() { # MB, output
    head -c "$(($1 * 1000000))" "$chat" | sed '$d' > "$2"
}
perl_slice="$work/chat-slice-${perl_slice_mb}MB.txt"
presidio_slice="$work/chat-slice-${presidio_slice_mb}MB.txt"
slice "$perl_slice_mb" "$perl_slice"
slice "$presidio_slice_mb" "$presidio_slice"

# ---- Presidio ------------------------------------------------------------------------
presidio_python=""
setup_presidio() {
    if ! command -v python3 >/dev/null 2>&1; then
        note "python3 not found: Presidio skipped"; return 1
    fi
    local venv="$work/presidio-venv"
    if ! "$venv/bin/python" -c 'import presidio_analyzer, presidio_anonymizer' >/dev/null 2>&1; then
        note "installing presidio-analyzer and presidio-anonymizer from PyPI into $venv"
        rm -rf "$venv"
        if ! timeout 120 python3 -m venv "$venv" >"$work/presidio-install.log" 2>&1; then
            note "python3 -m venv failed (see $work/presidio-install.log): Presidio skipped"; return 1
        fi
        if ! timeout 900 "$venv/bin/pip" install --disable-pip-version-check --quiet \
                presidio-analyzer presidio-anonymizer >>"$work/presidio-install.log" 2>&1; then
            note "pip install failed (see $work/presidio-install.log): Presidio skipped"; return 1
        fi
    fi
    presidio_python="$venv/bin/python"
    if ! (check_masks Presidio "$presidio_python" "$root/benchmarks/presidio_mask.py" "$work/spacy-blank-en"); then
        note "Presidio did not run (see the message above): Presidio skipped"
        presidio_python=""; return 1
    fi
}
if [ "$use_presidio" -eq 1 ]; then setup_presidio || true; fi

# ---- timing --------------------------------------------------------------------------
now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Prints the seconds of one run of `command < input > /dev/null`; status 124 on time-out.
run_once() { # limit, input, command…
    local limit=$1 input=$2 start end status=0
    shift 2
    start=$(now)
    timeout "$limit" "$@" < "$input" > /dev/null || status=$?
    end=$(now)
    [ "$status" -eq 0 ] || return "$status"
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.6f\n", e - s }'
}

# Presidio reports its own masking time (engine load and Python start-up excluded).
run_presidio_once() { # limit, input
    local limit=$1 input=$2 status=0
    timeout "$limit" "$presidio_python" "$root/benchmarks/presidio_mask.py" "$work/spacy-blank-en" \
        < "$input" > /dev/null 2> "$work/presidio-run.err" || status=$?
    [ "$status" -eq 0 ] || return "$status"
    sed -n 's/^seconds=//p' "$work/presidio-run.err"
}

declare -a rows=()
declare -A cat_rate=()
# Times `runs` runs after one warm-up and appends a table row. A time-out of a slow tool
# is reported in the table; any other failure stops the script.
measure() { # kind (fast|perl|presidio), tool label, corpus label, cat key, input, command…
    local kind=$1 tool=$2 corpus=$3 key=$4 input=$5
    shift 5
    local limit=$fast_limit count=$runs runner=run_once
    case "$kind" in
        perl) limit=$perl_limit; count=$slow_runs ;;
        presidio) limit=$presidio_limit; count=$slow_runs; runner=run_presidio_once ;;
    esac
    local bytes times=() seconds status i
    bytes=$(wc -c < "$input")
    note "timing $tool on $corpus: 1 warm-up + $count runs (time box ${limit}s each)"
    for ((i = 0; i <= count; i++)); do
        status=0
        seconds=$("$runner" "$limit" "$input" "$@") || status=$?
        if [ "$status" -eq 124 ]; then
            [ "$kind" = fast ] && die "$tool on $corpus took over ${limit}s"
            rows+=("$tool|$corpus|timed out (> ${limit} s)||")
            return
        fi
        [ "$status" -eq 0 ] && [ -n "$seconds" ] || die "$tool failed on $corpus (exit status $status)"
        [ "$i" -gt 0 ] && times+=("$seconds")
    done
    local med best worst rate low high ratio=""
    med=$(printf '%s\n' "${times[@]}" | median)
    best=$(printf '%s\n' "${times[@]}" | sort -g | head -1)
    worst=$(printf '%s\n' "${times[@]}" | sort -g | tail -1)
    rate=$(awk -v b="$bytes" -v s="$med" 'BEGIN { print b / 1e6 / s }')
    low=$(awk -v b="$bytes" -v s="$worst" 'BEGIN { print b / 1e6 / s }')
    high=$(awk -v b="$bytes" -v s="$best" 'BEGIN { print b / 1e6 / s }')
    if [ "$tool" = cat ]; then cat_rate[$key]=$rate; fi
    if [ -n "${cat_rate[$key]:-}" ]; then
        ratio=$(awk -v r="$rate" -v c="${cat_rate[$key]}" 'BEGIN { print 100 * r / c }')
        ratio="$(short "$ratio") %"
    fi
    rows+=("$tool|$corpus|$(short "$rate")|$(short "$low")-$(short "$high")|$ratio")
}

# A number with three significant digits, without exponent: 1312, 72.4, 6.91, 0.0813.
short() {
    awk -v x="$1" 'BEGIN {
        if (x >= 100) printf "%.0f", x; else if (x >= 10) printf "%.1f", x;
        else if (x >= 1) printf "%.2f", x; else if (x >= 0.1) printf "%.3f", x;
        else if (x >= 0.01) printf "%.4f", x; else printf "%.5f", x }'
}

mb() { awk -v b="$(wc -c < "$1")" 'BEGIN { printf "%.0f MB", b / 1e6 }'; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

measure fast cat "chat text, $(mb "$chat")" chat "$chat" cat
measure fast cat "digits text, $(mb "$digits")" digits "$digits" cat
measure fast cat "chat events, $(mb "$events")" events "$events" cat
for threads in 1 2; do
    measure fast "piimask --threads $threads" "chat text, $(mb "$chat")" chat "$chat" \
        "$piimask" --threads "$threads"
done
for threads in 1 2; do
    measure fast "piimask --threads $threads" "digits text, $(mb "$digits")" digits "$digits" \
        "$piimask" --threads "$threads"
done
for threads in 1 2; do
    measure fast "piimask --format ndjson --threads $threads" "chat events, $(mb "$events")" events "$events" \
        "$piimask" --format ndjson --threads "$threads"
done
measure perl "perl -p naive-mask.pl" "chat text, first $(mb "$perl_slice")" chat "$perl_slice" \
    perl -p "$root/benchmarks/naive-mask.pl"
if [ -n "$presidio_python" ]; then
    measure presidio "Presidio (patterns only)" "chat text, first $(mb "$presidio_slice")" chat "$presidio_slice"
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

# ---- report --------------------------------------------------------------------------
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo "?")
memory=$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo "?")
echo
echo "piimask compare.sh, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$root" describe --always --dirty 2>/dev/null || echo "?")"
echo "machine: $(nproc) cores, $cpu, $memory; $(swift --version 2>&1 | head -1); PCRE2 $(pkg-config --modversion libpcre2-8)"
echo "load average (1/5/15 min) before: $load_before, after: $load_after"
echo "MB/s = 10^6 bytes of input per second, median of $runs runs ($slow_runs for Perl and Presidio), output to /dev/null"
echo
printf '| %-36s | %-26s | %7s | %13s | %9s |\n' tool corpus "MB/s" "runs min-max" "% of cat"
printf '|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..38})" "$(printf -- '-%.0s' {1..28})" \
    "$(printf -- '-%.0s' {1..8}):" "$(printf -- '-%.0s' {1..14}):" "$(printf -- '-%.0s' {1..10}):"
for row in "${rows[@]}"; do
    IFS='|' read -r tool corpus rate spread ratio <<< "$row"
    printf '| %-36s | %-26s | %7s | %13s | %9s |\n' "$tool" "$corpus" "$rate" "$spread" "$ratio"
done
echo
echo "cat is the I/O floor: page cache to /dev/null with no work per byte; at these sizes its"
echo "runs are tens of milliseconds, so process start-up weighs on its figure too. The Perl and"
echo "Presidio slices are compared with cat on the whole chat corpus. Presidio's time excludes"
echo "Python start-up and engine load; it runs its phone, e-mail, card, IBAN and US SSN"
echo "recognizers on a blank spaCy pipeline (no model; see benchmarks/presidio_mask.py)."
[ "$use_presidio" -eq 1 ] && [ -z "$presidio_python" ] && echo "Presidio: skipped (see the messages above)."
exit 0
