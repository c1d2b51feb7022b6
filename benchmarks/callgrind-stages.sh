#!/usr/bin/env bash
# benchmarks/callgrind-stages.sh: instructions per input byte per stage of the engine, from a
# callgrind profile of `piimask --threads 1` on an input and one on an empty input (start-up,
# subtracted stage by stage). compare.sh --callgrind calls it for every corpus.
#
# usage: benchmarks/callgrind-stages.sh PROFILE EMPTY-PROFILE INPUT-BYTES
#   prints one line per stage: its name, a tab, instructions per input byte (one decimal)
#
# A function's own instructions (callgrind's exclusive cost: what it runs itself, not its
# callees) go to the first stage whose pattern its symbol matches, in this order:
#   skip        the prefilter's byte scan, line breaks, the first folded character
#   candidates  digit runs, IBAN and e-mail sites, folding, the candidate pass itself
#   context     context words (the word table, its memo, the rules' decisions)
#   rules       asking rules about a span (firstAcceptingRule and what it inlines: start
#               bytes, the order of checks, small validators)
#   validation  validators called out of line (Luhn, mod-97, elfproef, numbering plans, deny
#               dictionaries)
#   patterns    PCRE2, its JIT-compiled code (symbols callgrind cannot name)
#   tiling      choosing spans in a run, tracking runs, merging spans, allow lists
#   rendering   writing masks and tokens, counting findings
#   json        the NDJSON rewriter and field map
#   io          reading and writing blocks, the block loop, copies (memcpy)
#   runtime     Swift's reference counting, allocation, hashing, array growth and the
#               protocol-conformance look-ups made on first use
#   other       the rest
# The stages are read from symbol names, so an inlined function counts where it was inlined
# (most of the `rules` stage is context and validation work inlined into firstAcceptingRule).
#
# Needs callgrind_annotate (valgrind) and awk.
set -euo pipefail
[ $# -eq 3 ] || { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
profile=$1 empty=$2 bytes=$3

costs() { # profile: "cost<TAB>symbol" per function, exclusive
    callgrind_annotate --threshold=100 "$1" 2>/dev/null | awk '
        /file:function/ { go = 1; next }
        go && match($0, /^ *[0-9,]+ /) {
            cost = substr($0, RSTART, RLENGTH); gsub(/[ ,]/, "", cost)
            symbol = substr($0, RLENGTH + 1); sub(/^\([^)]*\) */, "", symbol)
            print cost "\t" symbol
        }'
}

{ costs "$profile" | sed 's/^/+\t/'; costs "$empty" | sed 's/^/-\t/'; } | awk -F '\t' -v bytes="$bytes" '
    BEGIN {
        n = split("skip candidates context rules validation patterns tiling rendering json io runtime other", order, " ")
        pattern["skip"] = "Prefilter|piimask_scan|lineStart|9firstFold|memchr"
        pattern["candidates"] = "DigitRun|IBANCandidate|detectCandidates|detectEmail|SpelledAddress|TextFolding|FoldedView|8classify|StandingApart|marksValue|addressTakes|detectIBAN|detectFormatFreeIBAN|detectBySearch|MaskingWorkerC6detect|phoneExtension|emailMatch|goesOnWithLocalPart|detectFolded|detectAsIs|detectIfCandidate|mayEndInRun|mentionsMail|ibanStart|MaskingWorkerC5clear"
        pattern["context"] = "ContextWord|ContextRule|NearestWords"
        pattern["rules"] = "firstAcceptingRule|MaskingWorkerC7accepts|MaskingWorkerC3ask|CandidateCheck"
        pattern["validation"] = "Validator|6Digits|TokenDictionary|PhoneNumberingPlan|PhoneRegion|PhonePlan"
        pattern["patterns"] = "pcre2|5PCRE27Pattern|\\?\\?\\?:0x[0-9a-f]+ \\[\\?\\?\\?\\]"
        pattern["tiling"] = "RunTiling|TrackingRun|4Tile|mergeSpans|removeAllowed|AllowList"
        pattern["rendering"] = "6render|4MaskV|9TokenMask|MaskingWorkerC5count|countAllowed|countFindings|MaskCounters|12MaskCountersV"
        pattern["json"] = "JSON|FieldMap|MaskingVisitor|FieldPath"
        pattern["io"] = "FileDescriptorIO|BlockProcessor|ParallelBlockMasker|StreamFilter|LineBlockReader|maskLines|libc_read|libc_write|memcpy|memmove"
        pattern["runtime"] = "swift_retain|swift_release|swift_bridgeObject|malloc|_int_free|_int_malloc|cfree|swift_beginAccess|swift_endAccess|swift_isUniquely|Hasher|Dictionary|ContiguousArrayBuffer|replaceSubrange|swift_allocObject|swift_dealloc|swift_once|conformsToProtocol|ConformanceCandidate|Sa6append|uninitializedCount"
    }
    {
        stage = "other"
        for (i = 1; i < n; i++) if ($3 ~ pattern[order[i]]) { stage = order[i]; break }
        total[stage] += ($1 == "+" ? $2 : -$2)
    }
    END { for (i = 1; i <= n; i++) printf "%s\t%.1f\n", order[i], total[order[i]] / bytes }'
