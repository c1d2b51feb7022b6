/// The allow entries in effect for one field category, compiled into sets of normalised
/// values: a finding is written unchanged when its value, normalised the same way, is in
/// the set of its rule's type. The comparison is exact on the normalised form, so an entry
/// never lets a different value through:
///
/// | type | normalised form | matches |
/// |---|---|---|
/// | `phone` | the digits (a `(0)` trunk prefix and a leading `00` dropped), and whether `+`/`00` led | the number written internationally (`+31 20 555 0100`, `0031…`, `+31 (0)20…`), or nationally with or without its trunk prefix (`020 555 0100`, `20 555 0100`), or with the country code but no `+` |
/// | `email` | the address, ASCII letters lower-cased | the address in any letter case; with `domains`, every address whose domain (after the last `@`) is one listed, in any case (not its subdomains) |
/// | `iban` | the letters and digits, upper-cased | the IBAN compact or grouped, any case |
///
/// Cards, SSNs and BSNs are never allowed: an entry for one is refused at load, and so is a
/// value that is not itself valid (a phone number without its country code or outside its
/// country's plan, an IBAN that fails mod-97, an address without a dotted domain).
///
/// - Complexity: per finding of an allowed type, O(length of the finding) to normalise it and
///   one hash look-up; nothing for values without findings.
final class AllowList: Sendable {
    /// The types an allow entry may name.
    static let allowableTypes = ["phone", "email", "iban"]
    /// The types that are never allowed, with the reason given at load.
    static let refusedTypes = ["card", "ssn", "bsn"]

    /// `PhoneKey` forms of every allowed number.
    private let phones: Set<[UInt8]>
    /// Lower-cased addresses.
    private let addresses: Set<[UInt8]>
    /// Lower-cased domains.
    private let domains: Set<[UInt8]>
    /// Upper-cased IBANs, compact.
    private let ibans: Set<[UInt8]>
    /// The entries compiled, as written.
    let entries: [AllowEntry]

    /// Compiles and checks `entries`.
    ///
    /// - Throws: `RuleError` (naming the entry's file and line, never its values) for a type
    ///   that can never be allowed, and for a value that is not a valid value of its type.
    init(_ entries: [AllowEntry], ruleID: String? = nil, subject: RuleError.Subject = .rule) throws(RuleError) {
        var phones: Set<[UInt8]> = []
        var addresses: Set<[UInt8]> = []
        var domains: Set<[UInt8]> = []
        var ibans: Set<[UInt8]> = []
        for entry in entries {
            func fail(_ problem: String) -> RuleError {
                RuleError(file: entry.source.file, line: entry.source.line, ruleID: ruleID, subject: subject,
                          problem: "allow: \(problem)")
            }
            if Self.refusedTypes.contains(entry.type) {
                throw fail("type `\(entry.type)` can never be allowed: card numbers, SSNs and BSNs are masked wherever they stand")
            }
            guard Self.allowableTypes.contains(entry.type) else {
                throw fail("type `\(entry.type)` cannot be allowed (allow entries are for \(Self.allowableTypes.joined(separator: ", ")))")
            }
            if !entry.domains.isEmpty, entry.type != "email" {
                throw fail("`domains` applies to type email only")
            }
            for (index, value) in entry.values.enumerated() {
                let bytes = Array(value.utf8)
                switch entry.type {
                case "phone":
                    guard let forms = Self.phoneForms(bytes) else {
                        throw fail("values[\(index)] is not a valid phone number written with its country code (such as +31 20 555 0100)")
                    }
                    phones.formUnion(forms)
                case "email":
                    guard let address = Self.address(bytes) else {
                        throw fail("values[\(index)] is not an e-mail address (local@domain.tld)")
                    }
                    addresses.insert(address)
                default:
                    let compact = Self.ibanKey(bytes)
                    guard compact.count == bytes.filter({ $0 != 0x20 && $0 != UInt8(ascii: "-") }).count,
                          compact.withUnsafeBytes(IBANValidator.isValid) else {
                        throw fail("values[\(index)] is not a valid IBAN (country, length and mod-97 check)")
                    }
                    ibans.insert(compact)
                }
            }
            for (index, domain) in entry.domains.enumerated() {
                let bytes = Self.lowercased(Array(domain.utf8))
                guard Self.isDomain(bytes[...]) else {
                    throw fail("domains[\(index)] is not a domain name (such as example.com)")
                }
                domains.insert(bytes)
            }
        }
        self.phones = phones
        self.addresses = addresses
        self.domains = domains
        self.ibans = ibans
        self.entries = entries
    }

    /// Whether nothing is allowed.
    var isEmpty: Bool { phones.isEmpty && addresses.isEmpty && domains.isEmpty && ibans.isEmpty }

    /// Whether `value`, a finding of a rule of type `type`, is allowed.
    func allows(type: String, _ value: UnsafeRawBufferPointer) -> Bool {
        switch type {
        case "phone":
            return !phones.isEmpty && phones.contains(Self.phoneKey(value))
        case "email":
            guard !addresses.isEmpty || !domains.isEmpty else { return false }
            let address = Self.lowercased(Array(value))
            if addresses.contains(address) { return true }
            guard !domains.isEmpty, let at = address.lastIndex(of: UInt8(ascii: "@")) else { return false }
            return domains.contains(Array(address[(at + 1)...]))
        case "iban":
            return !ibans.isEmpty && ibans.contains(Self.ibanKey(value))
        default:
            return false
        }
    }

    // MARK: Normal forms

    /// A phone number's key: `+` when written with `+` or `00`, else `N`, then its ASCII
    /// digits, with a leading `00` and any `(0)` dropped, as the phone validator counts them.
    static func phoneKey(_ bytes: some Collection<UInt8>) -> [UInt8] {
        let bytes = Array(bytes)
        var key: [UInt8] = [UInt8(ascii: "N")]
        key.reserveCapacity(bytes.count + 1)
        var index = 0
        if bytes.count >= 2, bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "0") {
            key[0] = UInt8(ascii: "+")
            index = 2
        } else if bytes.first == UInt8(ascii: "+") {
            key[0] = UInt8(ascii: "+")
        }
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "("), index + 2 < bytes.count,
               bytes[index + 1] == UInt8(ascii: "0"), bytes[index + 2] == UInt8(ascii: ")") {
                index += 3
                continue
            }
            if bytes[index] &- 0x30 < 10 { key.append(bytes[index]) }
            index += 1
        }
        return key
    }

    /// Every key under which the international number `bytes` may be written, or nil when it
    /// is not one: `+` and `00` forms, the country code without `+`, and the national forms
    /// (each trunk prefix its country's regions use, and none).
    static func phoneForms(_ bytes: [UInt8]) -> Set<[UInt8]>? {
        let allowed: Set<UInt8> = Set(" -./()".utf8).union(UInt8(ascii: "0")...UInt8(ascii: "9")).union([UInt8(ascii: "+")])
        guard bytes.allSatisfy(allowed.contains) else { return nil }
        var plan = PhonePlan()
        plan.country = .plan
        let key = phoneKey(bytes)
        guard key.first == UInt8(ascii: "+"),
              bytes.withUnsafeBytes({ PhoneValidator.isValid($0, minDigits: 7, maxDigits: 15, plan: plan) }) else {
            return nil
        }
        let digits = Array(key.dropFirst())
        // Country calling codes are prefix-free: the first 1–3 digits that are one are it.
        var code = 0
        var codeLength = 0
        for length in 1...3 where length < digits.count {
            code = code * 10 + Int(digits[length - 1] - 0x30)
            if PhoneNumberingPlans.countryCodes.contains(UInt16(code)) {
                codeLength = length
                break
            }
        }
        guard codeLength > 0 else { return nil }
        let national = Array(digits[codeLength...])
        var forms: Set<[UInt8]> = [key, [UInt8(ascii: "N")] + digits, [UInt8(ascii: "N")] + national]
        for (region, regionCode) in PhoneNumberingPlans.regionCountryCodes.enumerated() where Int(regionCode) == code {
            let trunk = PhoneNumberingPlans.regionTrunks[region]
            let length = Int(trunk >> 12)
            guard length > 0 else { continue }
            var prefix = Array(String(Int(trunk & 0xFFF)).utf8)
            while prefix.count < length { prefix.insert(UInt8(ascii: "0"), at: 0) }
            forms.insert([UInt8(ascii: "N")] + prefix + national)
        }
        return forms
    }

    /// An IBAN's key: its ASCII letters (upper-cased) and digits.
    static func ibanKey(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var key: [UInt8] = []
        for byte in bytes {
            if byte &- 0x30 < 10 || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) {
                key.append(byte)
            } else if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") {
                key.append(byte - 32)
            }
        }
        return key
    }

    /// The lower-cased address, or nil when `bytes` is not `local@domain` with a dotted domain.
    private static func address(_ bytes: [UInt8]) -> [UInt8]? {
        let lower = lowercased(bytes)
        guard let at = lower.lastIndex(of: UInt8(ascii: "@")), at > 0, at <= 64,
              !lower[..<at].contains(where: { $0 <= 0x20 || $0 == UInt8(ascii: "@") || $0 == 0x7F }),
              isDomain(lower[(at + 1)...]) else { return nil }
        return lower
    }

    /// Whether `bytes` (lower-cased) is a domain: two or more labels of letters, digits,
    /// hyphens (not at a label's ends) or non-ASCII bytes, a top-level label not all digits.
    private static func isDomain(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count <= 253 else { return false }
        let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard (1...63).contains(label.count), label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-"),
                  label.allSatisfy({ $0 >= 0x80 || $0 == UInt8(ascii: "-") || $0 &- 0x30 < 10
                      || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) }) else { return false }
        }
        return !labels.last!.allSatisfy { $0 &- 0x30 < 10 }
    }

    /// `bytes` with ASCII letters lower-cased.
    static func lowercased(_ bytes: [UInt8]) -> [UInt8] {
        bytes.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }
    }
}
