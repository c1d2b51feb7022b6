/// Checks an outgoing agent message against the composer of the agent desktop before it is
/// sent: at most `limit` characters, none of the `reserved` characters (`<` and `>` hold
/// template parameters), and no PII the field category's policy detects.
///
/// Characters are Unicode scalars: a count that does not change with the Unicode version's
/// grapheme rules and is never below the grapheme count, so a message within the limit
/// here is within it for a composer that counts either way.
public struct ComposerCheck: Sendable {
    /// The composer's limit in the source document: 1,000 characters.
    public static let defaultLimit = 1_000
    /// The characters the composer reserves for template parameters.
    public static let defaultReserved: Set<Unicode.Scalar> = ["<", ">"]

    /// Detects the PII.
    public let masker: Masker
    /// The field category whose detectors run over the message.
    public let policy: FieldPolicy
    /// The most characters a message may have.
    public let limit: Int
    /// Characters a message may not hold.
    public let reserved: Set<Unicode.Scalar>

    /// A check with `masker`'s policy for `field` (nil or unknown: the default policy).
    public init(masker: Masker, field: String? = nil, limit: Int = defaultLimit,
                reserved: Set<Unicode.Scalar> = defaultReserved) {
        self.masker = masker
        policy = masker.policy(for: field)
        self.limit = limit
        self.reserved = reserved
    }

    /// The findings in `text`, in order of position (too long last).
    public func check(_ text: String) -> [ComposerFinding] {
        var findings: [ComposerFinding] = []
        var scalarOffsets: [Int] = []
        scalarOffsets.reserveCapacity(text.utf8.count + 1)
        var byteOffset = 0
        var characterOffset = 0
        var overflowByte: Int?
        for scalar in text.unicodeScalars {
            let width = UTF8.width(scalar)
            for _ in 0..<width { scalarOffsets.append(characterOffset) }
            if characterOffset == limit { overflowByte = byteOffset }
            if reserved.contains(scalar) {
                findings.append(ComposerFinding(reason: .reservedCharacter(scalar),
                                                characters: characterOffset..<(characterOffset + 1),
                                                bytes: byteOffset..<(byteOffset + width)))
            }
            byteOffset += width
            characterOffset += 1
        }
        scalarOffsets.append(characterOffset)
        for finding in masker.findings(in: text, policy: policy) {
            findings.append(ComposerFinding(
                reason: .pii(type: finding.type, ruleID: finding.ruleID),
                characters: scalarOffsets[finding.range.lowerBound]..<scalarOffsets[finding.range.upperBound],
                bytes: finding.range))
        }
        findings.sort { $0.bytes.lowerBound < $1.bytes.lowerBound }
        if let overflowByte {
            findings.append(ComposerFinding(reason: .tooLong(length: characterOffset, limit: limit),
                                            characters: limit..<characterOffset, bytes: overflowByte..<byteOffset))
        }
        return findings
    }
}

private extension Masker {
    /// The findings in `text` under `policy`.
    func findings(in text: String, policy: FieldPolicy) -> [Finding] {
        var text = text
        return text.withUTF8 { findings(inUTF8: UnsafeRawBufferPointer($0), policy: policy) }
    }
}
