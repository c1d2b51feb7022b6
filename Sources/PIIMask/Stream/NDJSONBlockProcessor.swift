/// NDJSON: each line is parsed as one JSON value and rewritten in one pass; every string
/// value is masked under the policy of the field category its path maps to (the default
/// policy when unmapped). A line that is not valid JSON is handled by the invalid-line policy.
///
/// A line too long to hold whole cannot be parsed as JSON in bounded memory: it is masked
/// as text under the default policy, in pieces (fail closed), and counted in `longLines`.
final class NDJSONBlockProcessor: BlockProcessor {
    private let rewriter = JSONLineRewriter()
    private var visitor: MaskingVisitor
    private let onInvalid: InvalidLinePolicy
    private let longLine: LongLineMasker

    /// With `conversations`, each event's chat text is masked with its conversation's
    /// earlier text in view (values typed across messages).
    init(worker: MaskingWorker, masker: Masker, onInvalid: InvalidLinePolicy,
         conversations: ConversationTracker? = nil) {
        visitor = MaskingVisitor(worker: worker, masker: masker, conversations: conversations)
        self.onInvalid = onInvalid
        longLine = LongLineMasker(worker: worker, policy: masker.defaultPolicy)
    }

    func processLongLinePiece(_ piece: UnsafeRawBufferPointer, isLast: Bool, hasNewline: Bool,
                              into output: inout [UInt8], report: inout BlockReport) {
        feed(longLine, piece, isLast: isLast, hasNewline: hasNewline, into: &output, report: &report)
    }

    func process(_ block: UnsafeRawBufferPointer, into output: inout [UInt8], report: inout BlockReport) {
        var index = 0
        var start = 0
        visitor.conversations?.beginBlock()
        while start < block.count {
            let end = Lines.end(in: block, from: start)
            let line = UnsafeRawBufferPointer(rebasing: block[start..<end])
            let hasNewline = end < block.count
            report.stats.lines += 1
            visitor.counters = MaskCounters()
            visitor.conversations?.beginEvent()
            let mark = output.count
            var valid = rewriter.rewrite(line, into: &output, visitor: &visitor)
            if valid, let conversations = visitor.conversations, conversations.needsSecondPass {
                // The chat text came before the conversation id: rewrite once more, id known.
                output.removeSubrange(mark...)
                visitor.counters = MaskCounters()
                conversations.beginSecondPass()
                valid = rewriter.rewrite(line, into: &output, visitor: &visitor)
            }
            if valid {
                report.stats.counters.add(visitor.counters)
                if hasNewline { output.append(UInt8(ascii: "\n")) }
                visitor.conversations?.finishEvent()
            } else {
                report.invalidLines.append(index)
                report.stats.invalidLines += 1
                switch onInvalid {
                case .mask:
                    visitor.maskAsText(line, into: &output, counters: &report.stats.counters)
                    if hasNewline { output.append(UInt8(ascii: "\n")) }
                case .drop:
                    break
                case .fail:
                    report.failure = (index, output.count)
                    return
                }
            }
            index += 1
            start = end + 1
        }
        if let conversations = visitor.conversations { report.stats.conversations = conversations.takeCounters() }
    }
}

/// Masks each string value of a JSON line under its field category's policy.
struct MaskingVisitor: JSONStringVisitor {
    let worker: MaskingWorker
    let masker: Masker
    /// The stream's conversations, when followed.
    let conversations: ConversationTracker?
    /// Findings of the line being rewritten (discarded when the line turns out invalid).
    var counters = MaskCounters()
    /// Whether some rule's mask is a token scoped per conversation: values need the event's
    /// conversation id (without one they get stars).
    private let scopedTokens: Bool
    /// `conversations`, `masker.defaultPolicy` and `masker.conversationWords` without
    /// reference counting on the per-string path (the strong references above keep them).
    private unowned(unsafe) let tracker: ConversationTracker?
    private unowned(unsafe) let defaultPolicy: FieldPolicy
    private unowned(unsafe) let conversationWords: ContextWordTable

    init(worker: MaskingWorker, masker: Masker, conversations: ConversationTracker? = nil) {
        self.worker = worker
        self.masker = masker
        self.conversations = conversations
        scopedTokens = masker.ruleSet.usesConversationScopedTokens
        tracker = conversations
        defaultPolicy = masker.defaultPolicy
        conversationWords = masker.conversationWords
    }

    mutating func visit(_ string: JSONStringValue, at path: JSONPath, replacement: inout [UInt8]) -> JSONStringEdit {
        let mapped = masker.fieldMapPolicy(at: path)
        let policy = mapped ?? defaultPolicy
        if let tracker {
            tracker.note(string.bytes, at: path)
            // Chat text: the strings the field map gives the default category explicitly.
            if mapped === defaultPolicy, let slot = tracker.slotForChatText() {
                return tracker.mask(string.bytes, slot: slot, worker: worker, policy: policy, words: conversationWords,
                                    into: &replacement, counters: &counters) ? .replace : .keep
            }
        }
        guard worker.detectIfCandidate(string.bytes, policy: policy) else { return .keep }
        worker.count(into: &counters)
        render(string.bytes, into: &replacement)
        return .replace
    }

    /// Writes `value` with the spans of the last detection masked, conversation-scoped tokens
    /// keyed with the event's conversation id.
    private func render(_ value: UnsafeRawBufferPointer, into output: inout [UInt8], from start: Int = 0) {
        guard scopedTokens, let tracker else {
            worker.render(value, into: &output, from: start)
            return
        }
        tracker.withID { worker.render(value, into: &output, from: start, conversation: $0) }
    }

    /// A plain integer that holds a value (a phone or card written as a number) becomes
    /// the string of its masked form; other numbers are kept.
    mutating func visitInteger(_ digits: UnsafeRawBufferPointer, range: Range<Int>, at path: JSONPath,
                               replacement: inout [UInt8]) -> JSONStringEdit {
        guard digits.count >= MaskingWorker.minimumIntegerDigits else { return .keep }
        let policy = masker.fieldMapPolicy(at: path) ?? masker.defaultPolicy
        let masked: Void? = worker.detectInteger(digits, key: path.innermostKey, policy: policy) { text, start in
            worker.count(into: &counters)
            render(text, into: &replacement, from: start)
        }
        return masked == nil ? .keep : .replace
    }

    /// Masks a line that is not JSON as text under the default policy.
    func maskAsText(_ line: UnsafeRawBufferPointer, into output: inout [UInt8], counters: inout MaskCounters) {
        worker.detect(line, policy: masker.defaultPolicy)
        if worker.spans.isEmpty {
            output.append(contentsOf: line)
        } else {
            worker.count(into: &counters)
            worker.render(line, into: &output)
        }
    }
}
