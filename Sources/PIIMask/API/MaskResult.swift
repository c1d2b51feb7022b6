/// A finding together with the text its rule's mask wrote for it.
///
/// Holds the masked form only, never the raw value: safe to return to callers, log or report.
public struct MaskedFinding: Sendable, Hashable {
    /// The data type (`phone`, `email`, `card`, `iban`, `ssn`, a user type, or `undecided`).
    public let type: String
    /// The id of the rule that matched (empty for `undecided`).
    public let ruleID: String
    /// The byte range in the value's UTF-8 bytes.
    public let range: Range<Int>
    /// The span as the mask wrote it (e.g. `*********7542`).
    public let masked: String

    /// Creates a masked finding.
    public init(type: String, ruleID: String, range: Range<Int>, masked: String) {
        self.type = type
        self.ruleID = ruleID
        self.range = range
        self.masked = masked
    }
}

/// A masked value and what was found in it.
public struct MaskResult: Sendable, Hashable {
    /// The value with every finding masked.
    public let text: String
    /// The findings, in order of position (offsets into the input's UTF-8 bytes).
    public let findings: [MaskedFinding]
    /// Findings written unchanged because an allow entry lists their value, per data type
    /// (counted, never reported with their text).
    public let allowedByType: [String: Int]

    /// Creates a result.
    public init(text: String, findings: [MaskedFinding], allowedByType: [String: Int] = [:]) {
        self.text = text
        self.findings = findings
        self.allowedByType = allowedByType
    }
}

/// A masked chat event (one JSON value) and what masking saw in it.
public struct EventMaskResult: Sendable, Equatable {
    /// Whether the input was one valid JSON value. When it was not, the event was masked as
    /// text under the default policy (fail closed) and `bytes` is that text.
    public let isValidJSON: Bool
    /// Counts of what was masked.
    public let counters: MaskCounters

    /// Creates a result.
    public init(isValidJSON: Bool, counters: MaskCounters) {
        self.isValidJSON = isValidJSON
        self.counters = counters
    }
}

extension Masker {
    /// Returns `text` masked, together with its findings and their masked forms.
    ///
    /// Token masks scoped per conversation (`token_scope: conversation`) are keyed with
    /// `conversation`, as `mask(_:field:conversation:)` and the events of that conversation
    /// key them: one value gets one token within a conversation, unrelated tokens across
    /// conversations. Without a conversation they write stars over the value (fail closed),
    /// never a global token; globally scoped token masks give their token either way.
    ///
    /// ```swift
    /// let result = masker.maskWithFindings("bel 06-12345678", conversation: "C-20261124-0042")
    /// result.findings.first?.masked   // "[PHONE:k1:…:5678]" with a conversation-scoped token mask
    /// ```
    ///
    /// - Parameters:
    ///   - field: the value's field category; nil or unknown uses the default.
    ///   - conversation: the id of the conversation the value belongs to, or nil.
    /// - Complexity: O(n) in the length of `text` for the built-in rules.
    public func maskWithFindings(_ text: String, field: String? = nil, conversation: String? = nil) -> MaskResult {
        var text = text
        let policy = policy(for: field)
        guard var conversation else {
            return text.withUTF8 { maskWithFindings(UnsafeRawBufferPointer($0), policy: policy, conversation: nil) }
        }
        return conversation.withUTF8 { id in
            text.withUTF8 { maskWithFindings(UnsafeRawBufferPointer($0), policy: policy, conversation: UnsafeRawBufferPointer(id)) }
        }
    }

    /// `maskWithFindings(_:field:conversation:)` over UTF-8 bytes, the conversation id as
    /// its UTF-8 bytes (nil: conversation-scoped token masks write stars).
    private func maskWithFindings(_ value: UnsafeRawBufferPointer, policy: FieldPolicy,
                                  conversation: UnsafeRawBufferPointer?) -> MaskResult {
        withWorker { worker in
            let found = worker.detectIfCandidate(value, policy: policy)
            var allowed = MaskCounters()
            worker.countAllowed(into: &allowed)
            guard found else {
                return MaskResult(text: String(decoding: value, as: UTF8.self), findings: [],
                                  allowedByType: allowed.allowedByType)
            }
            var output: [UInt8] = []
            output.reserveCapacity(value.count)
            worker.render(value, into: &output, conversation: conversation)
            // Each finding's masked form is its span rendered on its own, keyed as the text is.
            var masked: [UInt8] = []
            let findings = worker.findings.map { finding in
                masked.removeAll(keepingCapacity: true)
                worker.render(value, into: &masked, from: finding.range.lowerBound, upTo: finding.range.upperBound,
                              conversation: conversation)
                return MaskedFinding(type: finding.type, ruleID: finding.ruleID, range: finding.range,
                                     masked: String(decoding: masked, as: UTF8.self))
            }
            return MaskResult(text: String(decoding: output, as: UTF8.self), findings: findings,
                              allowedByType: allowed.allowedByType)
        }
    }

    /// Masks one chat event (one JSON value, without its line break) and appends the result
    /// to `output`: the same byte-preserving rewrite as the filter's `--format ndjson`, each
    /// string value under the field category its path maps to, and a plain integer that
    /// holds a value (`{"phone":31612345678}`) as a string of its masked form. A line that
    /// is not valid JSON is masked as text under the default policy (fail closed).
    ///
    /// - Complexity: O(n) in the length of the event for the built-in rules.
    @discardableResult
    public func maskEvent(utf8 event: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) -> EventMaskResult {
        withWorker { worker in
            var visitor = MaskingVisitor(worker: worker, masker: self)
            if worker.eventRewriter.rewrite(event, into: &output, visitor: &visitor) {
                return EventMaskResult(isValidJSON: true, counters: visitor.counters)
            }
            var counters = MaskCounters()
            visitor.maskAsText(event, into: &output, counters: &counters)
            return EventMaskResult(isValidJSON: false, counters: counters)
        }
    }

    /// Masks one chat event given as a `String`; see `maskEvent(utf8:appendingTo:)`.
    public func maskEvent(_ event: String) -> (text: String, result: EventMaskResult) {
        var event = event
        return event.withUTF8 { bytes in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            let result = maskEvent(utf8: UnsafeRawBufferPointer(bytes), appendingTo: &output)
            return (String(decoding: output, as: UTF8.self), result)
        }
    }
}
