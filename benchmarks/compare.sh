#!/usr/bin/env bash
# benchmarks/compare.sh: piimask's throughput against `cat`, a naive Perl masker and
# Microsoft Presidio, in one run on the same generated files. See benchmarks/README.md.
#
# From a fresh clone: builds release piimask and piimask-fixtures (in .build-compare, so it
# never waits on a developer's .build), generates the corpora (chat, digits, PII-dense and
# adversarial text, adversarial text in 1 MiB lines, chat events as NDJSON) into a
# git-ignored work folder, times every tool on them with its output to /dev/null, and
# prints one table: MB/s (10^6 bytes per second of input; median of --runs runs, after one
# untimed warm-up run), that rate as a share of `cat`'s on the same corpus, MB per
# CPU-second (user + system time of the tool's processes, median run), and how many cores
# the rest of the machine kept busy meanwhile (from /proc/stat: a 2-thread figure means
# little when that is near 1 on a 2-core machine). Timing is `date +%s.%N` around each run
# and bash's `time` for CPU time (hyperfine is not needed).
#
# usage: benchmarks/compare.sh [--size SIZE] [--adversarial-size SIZE] [--runs N]
#                              [--work DIR] [--no-presidio] [--callgrind]
#   --size SIZE     size of the chat, digits, PII-dense and events corpora: MiB, or KiB
#                   with a K suffix for quick runs (default 100)
#   --adversarial-size SIZE
#                   size of the two adversarial corpora, same units (default 2: engine v1
#                   needs several CPU-seconds per MiB of them)
#   --runs N        timed runs per measurement, 1-9 (default 5; Perl and Presidio: 3)
#   --work DIR      where corpora, the Perl/Presidio slices and the Presidio venv go
#                   (default: .build-compare-work at the repository root, git-ignored)
#   --no-presidio   do not install or time Presidio
#   --hostile-size SIZE
#                   size of each `@`-line corpus (lines of 250,000 `a@`, `1@`, `a%40` or
#                   `a＠`), same units (default 20)
#   --no-memory     do not measure the peak-memory cases (a 16 MiB line of `[` as NDJSON,
#                   a 40 MB line of no-break space and digit, a 16 MiB full-width line, and
#                   `serve` after one and after four concurrent 10 MB /v1/mask/batch bodies)
#   --callgrind     also count instructions per input byte of `piimask --threads 1` on the
#                   first 256 KB of each corpus with valgrind's callgrind (start-up, measured
#                   on an empty input, subtracted): repeatable on a busy machine; and per
#                   stage of the engine (benchmarks/callgrind-stages.sh)
#
# Needs: swift, libpcre2-dev + pkg-config, perl, coreutils (timeout, head, sort), awk,
# Linux /proc. Presidio needs python3 with venv and pip reaching PyPI; without them it is
# skipped. --callgrind needs valgrind and strip (binutils). The memory cases need GNU time
# (/usr/bin/time, Debian package `time`) and curl; without them they are skipped.
# Exit status: 0 done, 1 a tool is missing, a build or a run failed, 2 usage error.
set -euo pipefail

script_dir=${BASH_SOURCE[0]%/*}
[ "$script_dir" = "${BASH_SOURCE[0]}" ] && script_dir=.
root=$(cd "$script_dir/.." && pwd)
size=100
adversarial_size=2
runs=5
slow_runs=3
work="$root/.build-compare-work"
use_presidio=1
use_callgrind=0
hostile_size=20
use_memory=1
callgrind_slice_kb=256
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
        --size) [ $# -ge 2 ] || usage; size=$2; shift 2 ;;
        --adversarial-size) [ $# -ge 2 ] || usage; adversarial_size=$2; shift 2 ;;
        --runs) [ $# -ge 2 ] || usage; runs=$2; shift 2 ;;
        --work) [ $# -ge 2 ] || usage; work=$2; shift 2 ;;
        --no-presidio) use_presidio=0; shift ;;
        --hostile-size) [ $# -ge 2 ] || usage; hostile_size=$2; shift 2 ;;
        --no-memory) use_memory=0; shift ;;
        --callgrind) use_callgrind=1; shift ;;
        -h|--help) usage ;;
        *) echo "compare.sh: unknown argument '$1'" >&2; usage ;;
    esac
done
for value in "$size" "$adversarial_size" "$hostile_size"; do
    [[ "$value" =~ ^[1-9][0-9]*K?$ ]] || { echo "compare.sh: a size is a whole number of MiB, or of KiB with K (512K)" >&2; exit 2; }
done
# A size for file names and for piimask-fixtures --bytes: 20 -> 20M, 512K -> 512K.
[[ "$size" =~ K$ ]] || size="${size}M"
[[ "$adversarial_size" =~ K$ ]] || adversarial_size="${adversarial_size}M"
[[ "$hostile_size" =~ K$ ]] || hostile_size="${hostile_size}M"
[[ "$runs" =~ ^[1-9]$ ]] || { echo "compare.sh: --runs wants 1 to 9" >&2; exit 2; }
[ "$runs" -lt "$slow_runs" ] && slow_runs=$runs

# ---- tools ---------------------------------------------------------------------------
need() { # tool, how to install it, [0 when not needed this run]
    [ "${3:-1}" -eq 0 ] && return
    command -v "$1" >/dev/null 2>&1 || die "'$1' not found: $2"
}
need swift "install the Swift toolchain (swift.org) and put it on PATH"
need pkg-config "apt-get install pkg-config"
need perl "apt-get install perl"
need timeout "apt-get install coreutils"
need awk "apt-get install gawk (or mawk)"
need head "apt-get install coreutils"
need sed "apt-get install sed"
need sort "apt-get install coreutils"
need valgrind "apt-get install valgrind (or leave out --callgrind)" "$use_callgrind"
need strip "apt-get install binutils (or leave out --callgrind)" "$use_callgrind"
need callgrind_annotate "apt-get install valgrind (or leave out --callgrind)" "$use_callgrind"
pkg-config --exists libpcre2-8 || die "PCRE2 not found: apt-get install libpcre2-dev"
[ -r /proc/stat ] || die "/proc/stat not readable: CPU time of the rest of the machine is measured from it"
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
chat="$work/chat-${size}.txt"
digits="$work/digits-${size}.txt"
dense="$work/pii-dense-${size}.txt"
events="$work/events-${size}.ndjson"
adversarial="$work/adversarial-${adversarial_size}.txt"
long_lines="$work/adversarial-1MiB-lines-${adversarial_size}.txt"
# file, size, profile, seed, flags…: (re)generated when missing or older than the generator.
generate() {
    local file=$1 bytes=$2 profile=$3 seed=$4
    shift 4
    if [ -s "$file" ] && [ "$file" -nt "$fixtures" ]; then return; fi
    note "generating $(basename "$file")"
    timeout 900 "$fixtures" --profile "$profile" --seed "$seed" --bytes "$bytes" "$@" \
        --output "$file.partial" || die "piimask-fixtures failed for $(basename "$file")"
    mv "$file.partial" "$file"
}
generate "$chat" "$size" chat 1 --text-only
generate "$digits" "$size" digits 2 --text-only
generate "$dense" "$size" pii-dense 4 --text-only
generate "$events" "$size" chat 3 --events
generate "$adversarial" "$adversarial_size" adversarial 5 --text-only
generate "$long_lines" "$adversarial_size" adversarial 6 --text-only --line-bytes 1M

# Lines of one unit repeated 250,000 times (issue 16: each `@` once cost a scan of the rest
# of its line), whole lines up to a size: `a@`, `1@`, `a%40`, `a＠` (full-width).
bytes_of() { # 20M or 512K -> bytes
    case "$1" in *K) echo $(( ${1%K} * 1024 )) ;; *M) echo $(( ${1%M} * 1048576 )) ;; esac
}
declare -A at_units=([at]='a@' [digit-at]='1@' [percent-40]='a%40' [full-width-at]='a＠')
for name in at digit-at percent-40 full-width-at; do
    file="$work/at-lines-$name-${hostile_size}.txt"
    if [ ! -s "$file" ]; then
        note "generating $(basename "$file")"
        UNIT="${at_units[$name]}" BYTES="$(bytes_of "$hostile_size")" perl -CO -e '
            my $line = ($ENV{UNIT} x 250000) . "\n"; utf8::encode($line);
            my $lines = int($ENV{BYTES} / length($line)) || 1; binmode STDOUT; print $line for 1 .. $lines;' \
            > "$file.partial" || die "could not write $file"
        mv "$file.partial" "$file"
    fi
done

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
# CPU-seconds the whole machine has spent busy since boot (all cores; /proc/stat counts
# user, nice, system, irq, softirq and steal in ticks of 1/100 s).
busy_seconds() { awk '/^cpu / { printf "%.2f\n", ($2 + $3 + $4 + $7 + $8 + $9) / 100 }' /proc/stat; }

# Prints "wall-seconds cpu-seconds" of one run of `command < input > /dev/null` (CPU time:
# user + system of the command and its children, from bash's `time`); status 124 on
# time-out.
run_once() { # limit, input, command…
    local limit=$1 input=$2 start end times status=0
    shift 2
    start=$(now)
    times=$( { TIMEFORMAT='%3U %3S'; time timeout "$limit" "$@" < "$input" > /dev/null 2> "$work/run.err"; } 2>&1 ) \
        || status=$?
    end=$(now)
    [ "$status" -eq 0 ] || return "$status"
    awk -v s="$start" -v e="$end" -v t="$times" 'BEGIN { split(t, p, " "); printf "%.6f %.3f\n", e - s, p[1] + p[2] }'
}

# Presidio reports its own masking time, wall and CPU (engine load and Python start-up
# excluded).
run_presidio_once() { # limit, input
    local limit=$1 input=$2 status=0
    timeout "$limit" "$presidio_python" "$root/benchmarks/presidio_mask.py" "$work/spacy-blank-en" \
        < "$input" > /dev/null 2> "$work/presidio-run.err" || status=$?
    [ "$status" -eq 0 ] || return "$status"
    echo "$(sed -n 's/^seconds=//p' "$work/presidio-run.err") $(sed -n 's/^cpu_seconds=//p' "$work/presidio-run.err")"
}

# piimask's start-up (rule compilation and JIT): median CPU-seconds of 5 runs on an empty
# input, subtracted from its CPU time per corpus, so that MB/cpu-s measures the masking
# whatever the corpus size.
start_up_cpu() {
    local i
    for i in 1 2 3 4 5; do run_once 60 /dev/null "$piimask" --threads 1 | cut -d' ' -f2; done | median
}

declare -a rows=()
declare -A cat_rate=()
# Times `runs` runs after one warm-up and appends a table row. A time-out of a slow tool
# is reported in the table; any other failure stops the script. The rest of the machine's
# load is taken over the whole measurement (warm-up included, Presidio's start-up counted
# as the machine's), only when it lasts a second or more: /proc/stat counts in 1/100 s.
measure() { # kind (fast|perl|presidio), tool label, corpus label, cat key, input, command…
    local kind=$1 tool=$2 corpus=$3 key=$4 input=$5
    shift 5
    local limit=$fast_limit count=$runs runner=run_once
    case "$kind" in
        perl) limit=$perl_limit; count=$slow_runs ;;
        presidio) limit=$presidio_limit; count=$slow_runs; runner=run_presidio_once ;;
    esac
    local bytes times=() cpus=() result status i seconds cpu cpu_total=0 busy_start span_start
    bytes=$(wc -c < "$input")
    note "timing $tool on $corpus: 1 warm-up + $count runs (time box ${limit}s each)"
    busy_start=$(busy_seconds)
    span_start=$(now)
    for ((i = 0; i <= count; i++)); do
        status=0
        result=$("$runner" "$limit" "$input" "$@") || status=$?
        if [ "$status" -eq 124 ]; then
            [ "$kind" = fast ] && die "$tool on $corpus took over ${limit}s"
            rows+=("$tool|$corpus|timed out (> ${limit} s)||||")
            return
        fi
        [ "$status" -eq 0 ] && [ -n "$result" ] || die "$tool failed on $corpus (exit status $status)"
        read -r seconds cpu <<< "$result"
        cpu_total=$(awk -v a="$cpu_total" -v c="$cpu" 'BEGIN { print a + c }')
        if [ "$i" -gt 0 ]; then times+=("$seconds"); cpus+=("$cpu"); fi
    done
    local other="-" span
    span=$(awk -v s="$span_start" -v e="$(now)" 'BEGIN { print e - s }')
    if [ "$kind" != presidio ] && awk -v w="$span" 'BEGIN { exit !(w >= 1) }'; then
        other=$(awk -v b="$busy_start" -v a="$(busy_seconds)" -v c="$cpu_total" -v w="$span" -v n="$(nproc)" \
            'BEGIN { o = (a - b - c) / w; o = o < 0 ? 0 : o > n ? n : o; printf "%.2f", o }')
    fi
    local med best worst rate low high ratio="" cpu_rate="-"
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
    local cpu_median
    cpu_median=$(printf '%s\n' "${cpus[@]}" | median)
    case "$tool" in piimask*) cpu_median=$(awk -v c="$cpu_median" -v s="$start_up" 'BEGIN { print c - s }') ;; esac
    if awk -v c="$cpu_median" 'BEGIN { exit !(c > 0) }'; then
        cpu_rate=$(short "$(awk -v b="$bytes" -v c="$cpu_median" 'BEGIN { print b / 1e6 / c }')")
    fi
    rows+=("$tool|$corpus|$(short "$rate")|$(short "$low")-$(short "$high")|$ratio|$cpu_rate|$other")
}

# A number with three significant digits, without exponent: 1312, 72.4, 6.91, 0.0813.
short() {
    awk -v x="$1" 'BEGIN {
        if (x >= 100) printf "%.0f", x; else if (x >= 10) printf "%.1f", x;
        else if (x >= 1) printf "%.2f", x; else if (x >= 0.1) printf "%.3f", x;
        else if (x >= 0.01) printf "%.4f", x; else printf "%.5f", x }'
}

mb() { awk -v b="$(wc -c < "$1")" 'BEGIN { x = b / 1e6; if (x >= 10) printf "%.0f MB", x; else printf "%.1f MB", x }'; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
start_up=$(start_up_cpu)

# key, label, file, piimask flags…: cat, then piimask at 1 and 2 threads.
measure_corpus() {
    local key=$1 label="$2, $(mb "$3")" file=$3 threads
    shift 3
    measure fast cat "$label" "$key" "$file" cat
    for threads in 1 2; do
        measure fast "piimask ${*:+$* }--threads $threads" "$label" "$key" "$file" \
            "$piimask" "$@" --threads "$threads"
    done
}
measure_corpus chat "chat text" "$chat"
measure_corpus digits "digits text" "$digits"
measure_corpus dense "PII-dense text" "$dense"
measure_corpus events "chat events" "$events" --format ndjson
# The same events without conversation tracking (tracking, the default, masks on one thread).
measure fast "piimask --format ndjson --no-conversations --threads 1" "chat events, $(mb "$events")" events \
    "$events" "$piimask" --format ndjson --no-conversations --threads 1
measure_corpus adversarial "adversarial text" "$adversarial"
measure_corpus long "adversarial, 1 MiB lines" "$long_lines"
for name in at digit-at percent-40 full-width-at; do
    file="$work/at-lines-$name-${hostile_size}.txt"
    measure fast cat "\`${at_units[$name]}\` lines, $(mb "$file")" "at-$name" "$file" cat
    measure fast "piimask --threads 1" "\`${at_units[$name]}\` lines, $(mb "$file")" "at-$name" "$file" \
        "$piimask" --threads 1
done
measure perl "perl -p naive-mask.pl" "chat text, first $(mb "$perl_slice")" chat "$perl_slice" \
    perl -p "$root/benchmarks/naive-mask.pl"
if [ -n "$presidio_python" ]; then
    measure presidio "Presidio (patterns only)" "chat text, first $(mb "$presidio_slice")" chat "$presidio_slice"
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

# Values left undecided (a PCRE2 match limit hit: masked whole) on the adversarial corpora,
# from one `--stats` run: counts only, never text.
undecided() { # file
    "$piimask" --stats --threads 1 < "$1" 2>&1 >/dev/null \
        | sed -n 's/.*undecided (match limit) \([0-9]*\).*/\1/p' | head -1
}
undecided_adversarial=$(undecided "$adversarial")
undecided_long=$(undecided "$long_lines")

# ---- instructions per byte (callgrind) -----------------------------------------------
# Instructions of one `piimask --threads 1` run, from callgrind's "Collected" line; the
# profile goes to a file for the stage table (benchmarks/callgrind-stages.sh). On a copy
# without debug information (valgrind gives up on that of Swift 6.3 release builds), its
# symbols kept.
instructions() { # profile file, input, piimask flags…
    local profile=$1 input=$2
    shift 2
    timeout 1800 valgrind --tool=callgrind --callgrind-out-file="$profile" \
        "$work/piimask-stripped" "$@" --threads 1 < "$input" 2>&1 >/dev/null \
        | sed -n 's/^==[0-9]*== Collected : *\([0-9]*\).*/\1/p'
}
declare -a instruction_rows=()
declare -a stage_columns=()
if [ "$use_callgrind" -eq 1 ]; then
    : > "$work/empty.txt"
    strip --strip-debug -o "$work/piimask-stripped" "$piimask" || die "strip failed on $piimask"
    start_up_instructions=$(instructions "$work/callgrind-empty.out" "$work/empty.txt")
    [ -n "$start_up_instructions" ] || die "callgrind gave no instruction count (valgrind --tool=callgrind)"
    # label|file|flags|the stage table's column
    for entry in "chat text|$chat||chat" "digits text|$digits||digits" "PII-dense text|$dense||dense" \
            "chat events|$events|--format ndjson|events" "adversarial text|$adversarial||advers." \
            "adversarial, 1 MiB lines|$long_lines||adv. 1 MiB"; do
        IFS='|' read -r label file flags column <<< "$entry"
        sample="$work/callgrind-sample.txt"
        # The first whole lines up to 256 KB, or the first line when it is longer.
        head -c "$((callgrind_slice_kb * 1000))" "$file" | sed '$d' > "$sample"
        [ -s "$sample" ] || head -n 1 "$file" > "$sample"
        note "counting instructions on the first $(mb "$sample") of $label (callgrind)"
        # shellcheck disable=SC2086 # flags is empty or two words
        total=$(instructions "$work/callgrind-sample.out" "$sample" $flags)
        [ -n "$total" ] || die "callgrind failed on $label"
        stage_columns+=("$column|$(bash "$script_dir/callgrind-stages.sh" "$work/callgrind-sample.out" \
            "$work/callgrind-empty.out" "$(wc -c < "$sample")" | cut -f2 | paste -sd ' ')")
        instruction_rows+=("$label|$(mb "$sample")|$(awk -v t="$total" -v s="$start_up_instructions" -v b="$(wc -c < "$sample")" 'BEGIN { printf "%.0f", (t - s) / b }')")
    done
fi

# ---- peak memory ---------------------------------------------------------------------
# Peak resident memory (GNU time's %M, in KB) of one run per case, and of `serve` (its
# VmHWM) after one 10 MB /v1/mask/batch body and after four sent at once.
declare -a memory_rows=()
peak_rss() { # input, command…: prints KB
    local input=$1
    shift
    /usr/bin/time -f '%M' -o "$work/time.out" "$@" < "$input" > /dev/null 2> "$work/run.err" \
        || die "a memory case failed: $*"
    tail -1 "$work/time.out"
}
memory_case() { # label, input, command…
    local label=$1 input=$2 kb
    shift 2
    note "peak memory: $label"
    kb=$(peak_rss "$input" "$@")
    memory_rows+=("$label|$(mb "$input")|$(awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }')|$(awk -v k="$kb" -v b="$(wc -c < "$input")" 'BEGIN { printf "%.1f", k * 1024 / b }')")
}
serve_case() {
    local body="$work/batch-10MB.json" port=18090 pid kb i
    perl -e 'my $item = "{\"text\": \"" . ("bel 0612345678 of mail jan.jansen\@ziggo.nl, kaart 4111 1111 1111 1111 " x 12) . "\"}";
             my $n = int(9_500_000 / (length($item) + 1)); print "{\"items\": [", join(",", ($item) x $n), "]}";' > "$body"
    "$piimask" serve --listen "127.0.0.1:$port" --log-level error > /dev/null 2>&1 &
    pid=$!
    for i in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/health/ready" && break; sleep 0.1; done
    curl -s -o /dev/null --data-binary @"$body" "http://127.0.0.1:$port/v1/mask/batch" || { kill "$pid"; die "serve did not answer a batch"; }
    kb=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status")
    memory_rows+=("serve, one /v1/mask/batch|$(mb "$body")|$(awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }')|$(awk -v k="$kb" -v b="$(wc -c < "$body")" 'BEGIN { printf "%.1f", k * 1024 / b }')")
    local clients=()
    for i in 1 2 3 4; do
        curl -s -o /dev/null --data-binary @"$body" "http://127.0.0.1:$port/v1/mask/batch" &
        clients+=($!)
    done
    wait "${clients[@]}" || true
    kb=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status")
    memory_rows+=("serve, then four at once|4 × $(mb "$body")|$(awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }')|$(awk -v k="$kb" -v b="$(wc -c < "$body")" 'BEGIN { printf "%.1f", k * 1024 / b / 4 }')")
    kill "$pid"; wait "$pid" 2>/dev/null || true
}
if [ "$use_memory" -eq 1 ] && [ -x /usr/bin/time ] && command -v curl >/dev/null 2>&1; then
    brackets="$work/memory-brackets-16MiB.ndjson"
    nbsp_digits="$work/memory-nbsp-digit-40MB.txt"
    full_width="$work/memory-full-width-16MiB.txt"
    [ -s "$brackets" ] || perl -e 'print "[" x 16777216, "\n"' > "$brackets"
    [ -s "$nbsp_digits" ] || perl -e 'print "\xc2\xa01" x 13333333, "\n"' > "$nbsp_digits"
    [ -s "$full_width" ] || perl -e 'print "\xef\xbc\x91" x 5592405, "\n"' > "$full_width"
    memory_case "one line of \`[\`, --format ndjson" "$brackets" "$piimask" --format ndjson
    memory_case "one line of no-break space + digit" "$nbsp_digits" "$piimask"
    memory_case "one line of full-width digits" "$full_width" "$piimask"
    serve_case
elif [ "$use_memory" -eq 1 ]; then
    note "GNU time (/usr/bin/time) or curl missing: memory cases skipped"
fi

# ---- report --------------------------------------------------------------------------
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo "?")
memory=$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo "?")
echo
echo "piimask compare.sh, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$root" describe --always --dirty 2>/dev/null || echo "?")"
echo "machine: $(nproc) cores, $cpu, $memory; $(swift --version 2>&1 | head -1); PCRE2 $(pkg-config --modversion libpcre2-8)"
echo "load average (1/5/15 min) before: $load_before, after: $load_after"
echo "MB/s = 10^6 bytes of input per second, median of $runs runs ($slow_runs for Perl and Presidio), output to /dev/null"
echo "MB/cpu-s = 10^6 bytes per CPU-second (user + system) of the tool, median run; for piimask its"
echo "start-up ($(awk -v s="$start_up" 'BEGIN { printf "%.0f", s * 1000 }') ms CPU on an empty input, median of 5) is subtracted, MB/s includes it."
echo "others = cores the rest of the machine kept busy during the measurement (/proc/stat; '-' when it"
echo "lasted under 1 s): on these $(nproc) cores a 2-thread run had a second core to itself only when"
echo "others stayed well under $(( $(nproc) - 1 ))."
echo
printf '| %-36s | %-34s | %7s | %13s | %9s | %8s | %6s |\n' tool corpus "MB/s" "runs min-max" "% of cat" "MB/cpu-s" others
printf '|%s|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..38})" "$(printf -- '-%.0s' {1..36})" \
    "$(printf -- '-%.0s' {1..8}):" "$(printf -- '-%.0s' {1..14}):" "$(printf -- '-%.0s' {1..10}):" \
    "$(printf -- '-%.0s' {1..9}):" "$(printf -- '-%.0s' {1..7}):"
for row in "${rows[@]}"; do
    IFS='|' read -r tool corpus rate spread ratio cpu_rate other <<< "$row"
    printf '| %-36s | %-34s | %7s | %13s | %9s | %8s | %6s |\n' "$tool" "$corpus" "$rate" "$spread" "$ratio" "$cpu_rate" "$other"
done
if [ "${#instruction_rows[@]}" -gt 0 ]; then
    echo
    echo "Instructions per input byte, piimask --threads 1 (callgrind; start-up on an empty input subtracted):"
    echo
    printf '| %-30s | %-9s | %17s |\n' corpus sample "instructions/byte"
    printf '|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..32})" "$(printf -- '-%.0s' {1..11})" "$(printf -- '-%.0s' {1..18}):"
    for row in "${instruction_rows[@]}"; do
        IFS='|' read -r corpus sample per_byte <<< "$row"
        printf '| %-30s | %-9s | %17s |\n' "$corpus" "$sample" "$per_byte"
    done
    echo
    echo "Instructions per input byte by stage (benchmarks/callgrind-stages.sh: each function's own"
    echo "instructions by its name; inlined work counts where it was inlined):"
    echo
    header="| stage      "
    rule="|------------"
    for column in "${stage_columns[@]}"; do
        header+="| $(printf '%-11.11s' "${column%%|*}") "
        rule+="|------------:"
    done
    echo "$header|"
    echo "$rule|"
    stage_index=0
    for stage in skip candidates context rules validation patterns tiling rendering json io runtime other; do
        stage_index=$((stage_index + 1))
        line="| $(printf '%-10s' "$stage") "
        for column in "${stage_columns[@]}"; do
            line+="| $(printf '%11s' "$(echo "${column#*|}" | cut -d ' ' -f "$stage_index")") "
        done
        echo "$line|"
    done
fi
if [ "${#memory_rows[@]}" -gt 0 ]; then
    echo
    echo "Peak resident memory (GNU time %M; serve: VmHWM after the requests), default threads:"
    echo
    printf '| %-40s | %-12s | %8s | %13s |\n' case input "peak MB" "× input bytes"
    printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..42})" "$(printf -- '-%.0s' {1..14})" "$(printf -- '-%.0s' {1..9}):" "$(printf -- '-%.0s' {1..14}):"
    for row in "${memory_rows[@]}"; do
        IFS='|' read -r label input peak ratio <<< "$row"
        printf '| %-40s | %-12s | %8s | %13s |\n' "$label" "$input" "$peak" "$ratio"
    done
fi
echo
echo "undecided values (piimask --stats, masked whole at a PCRE2 match limit): adversarial text" \
    "${undecided_adversarial:-?} in $(wc -l < "$adversarial") lines, 1 MiB lines ${undecided_long:-?} in $(wc -l < "$long_lines") lines"
echo
echo "cat is the I/O floor: page cache to /dev/null with no work per byte; at these sizes its"
echo "runs are tens of milliseconds, so process start-up weighs on its figure too. The Perl and"
echo "Presidio slices are compared with cat on the whole chat corpus. Presidio's time excludes"
echo "Python start-up and engine load; it runs its phone, e-mail, card, IBAN and US SSN"
echo "recognizers on a blank spaCy pipeline (no model; see benchmarks/presidio_mask.py)."
[ "$use_presidio" -eq 1 ] && [ -z "$presidio_python" ] && echo "Presidio: skipped (see the messages above)."
exit 0
