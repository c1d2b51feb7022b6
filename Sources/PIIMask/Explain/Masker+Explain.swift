extension Masker {
    /// The longest value `explain` reads, in bytes: an explanation asks every rule of the
    /// category about every candidate in the part, a bounded amount of work on a bounded value.
    public static let maxExplainedBytes = 64 * 1024

    /// Explains what masking does with `range` of `text` (byte offsets into its UTF-8) under
    /// `field`'s rules: what is masked there, which candidates the engine finds in or across
    /// it, which rules are asked about each and why each matched or declined — no context
    /// word in its window, a deny word nearer, the validator refused it, a look-alike's
    /// shape, a higher-priority rule took the span — and which rules were not asked.
    ///
    /// The candidates are read on the value as written (a value read through its folded view,
    /// such as full-width digits, is explained as written); `masked` is what masking the
    /// whole value gives. The explanation holds offsets, rule ids, masked forms and rule-file
    /// words, never the value's bytes.
    ///
    /// - Parameters:
    ///   - range: clamped to the value; an empty range stands for the byte at its start.
    ///   - field: the value's field category; nil or unknown uses the default.
    /// - Complexity: O(n) in the length of `text` (at most `maxExplainedBytes` are read) times
    ///   the category's rules.
    public func explain(_ text: String, range: Range<Int>, field: String? = nil) -> Explanation {
        let policy = policy(for: field)
        var bytes = Array(text.utf8.prefix(Self.maxExplainedBytes))
        let lower = min(max(0, range.lowerBound), bytes.count)
        var upper = min(max(lower, range.upperBound), bytes.count)
        if upper == lower { upper = min(bytes.count, lower + 1) }
        let asked = lower..<upper
        let findings = maskWithFindings(String(decoding: bytes, as: UTF8.self), field: field).findings
        return bytes.withUnsafeMutableBytes { buffer in
            var explainer = Explainer(masker: self, policy: policy, value: UnsafeRawBufferPointer(buffer),
                                      range: asked, findings: findings)
            explainer.run()
            return Explanation(range: asked, field: policy.id,
                               masked: findings.filter { Explainer.overlaps($0.range, asked) },
                               candidates: explainer.candidates, notAsked: explainer.notAsked)
        }
    }
}
