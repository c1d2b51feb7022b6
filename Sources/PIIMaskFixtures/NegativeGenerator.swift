/// Generates the look-alike values that must survive masking: identifiers, dates, times,
/// amounts, codes and handles that resemble personal data.
enum NegativeGenerator {
    private static let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    private static let hex = Array("0123456789abcdef")

    /// A value of `kind`, written as it appears in chat.
    static func generate(_ kind: NegativeKind, _ rng: inout SplitMix64, language: Language) -> String {
        switch kind {
        case .order: return order(&rng)
        case .ticket: return ticket(&rng)
        case .tracking: return tracking(&rng)
        case .date: return date(&rng)
        case .time: return time(&rng)
        case .amount: return amount(&rng, language: language)
        case .postcode: return postcode(&rng, language: language)
        case .uuid: return uuid(&rng)
        case .ipv4: return ipv4(&rng)
        case .version: return version(&rng)
        case .luhnInvalid: return CardGenerator.luhnInvalid(&rng)
        case .ssnInvalid: return SSNGenerator.invalid(&rng)
        case .ibanBadCheck: return IBANGenerator.badCheck(&rng, language: language)
        case .mention: return mention(&rng)
        case .imageAt: return imageAt(&rng)
        case .zip4: return rng.digits(5) + "-" + rng.digits(4)
        case .timestamp: return timestamp(&rng)
        case .digitRun, .digitSoup, .symbolRun, .ibanLike, .plusDigits, .quantity:
            return HostileValueGenerator.generate(kind, &rng)
        case .proseAt: return FormatValues.prose(&rng)
        }
    }

    private static func year(_ rng: inout SplitMix64) -> String {
        String(rng.int(in: 2019...2026))
    }

    private static func two(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    private static func upper(_ count: Int, _ rng: inout SplitMix64) -> String {
        var result = ""
        for _ in 0..<count { result.append(rng.pick(letters)) }
        return result
    }

    private static func order(_ rng: inout SplitMix64) -> String {
        switch rng.below(8) {
        case 0: return String(rng.int(in: 1...9)) + rng.digits(8)
        case 1: return String(rng.int(in: 1...9)) + rng.digits(7)
        case 2: return "#" + String(rng.int(in: 1...9)) + rng.digits(7)
        case 3: return year(&rng) + "-" + rng.digits(6)
        case 4: return "ORD-" + year(&rng) + "-" + rng.digits(5)
        case 5: return "INV-" + year(&rng) + "-" + rng.digits(4)
        case 6: return "NL" + year(&rng) + two(rng.int(in: 1...12)) + rng.digits(4)
        default: return "10" + rng.digits(8)
        }
    }

    private static func ticket(_ rng: inout SplitMix64) -> String {
        switch rng.below(6) {
        case 0: return String(rng.int(in: 1...9)) + rng.digits(9)
        case 1: return "TCK-" + rng.digits(5)
        case 2: return "INC" + rng.digits(7)
        case 3: return "CS-" + year(&rng) + "-" + rng.digits(5)
        case 4: return "#" + String(rng.int(in: 1...9)) + rng.digits(5)
        default: return "0" + rng.digits(7)
        }
    }

    private static func tracking(_ rng: inout SplitMix64) -> String {
        switch rng.below(6) {
        case 0:
            // UPS: 1Z, six-character shipper number, two-digit service, eight digits.
            var shipper = ""
            for _ in 0..<6 {
                shipper += rng.chance(500) ? String(rng.pick(letters)) : String(rng.below(10))
            }
            return "1Z" + shipper + rng.digits(2) + rng.digits(8)
        case 1:
            return "3S" + upper(4, &rng) + rng.digits(rng.int(in: 7...9))
        case 2:
            // UPU S10: two letters, eight digits, a check digit, the country.
            return upper(2, &rng) + rng.digits(9) + rng.pick(["NL", "GB", "DE", "BE", "CN", "US"])
        case 3:
            return String(rng.int(in: 1...9)) + rng.digits(9)
        case 4:
            // FedEx: twelve digits starting with 7.
            return "7" + rng.digits(11)
        default:
            // USPS: twenty-two digits starting 9400, usually in groups of four.
            let digits = "9400" + rng.digits(18)
            guard rng.chance(500) else { return digits }
            return GroupFormatter.group(digits, sizes: [], every: 4, separator: " ")
        }
    }

    private static func date(_ rng: inout SplitMix64) -> String {
        let day = two(rng.int(in: 1...28))
        let month = two(rng.int(in: 1...12))
        let year = year(&rng)
        switch rng.below(5) {
        case 0: return day + "-" + month + "-" + year
        case 1: return month + "/" + day + "/" + year
        case 2: return year + "-" + month + "-" + day
        case 3: return day + "." + month + "." + year
        default: return day + "/" + month + "/" + year
        }
    }

    private static func time(_ rng: inout SplitMix64) -> String {
        let minutes = rng.pick(["00", "15", "30", "45", two(rng.below(60))])
        switch rng.below(5) {
        case 0: return String(rng.int(in: 8...20)) + ":" + minutes
        case 1: return two(rng.int(in: 0...23)) + ":" + minutes
        case 2: return String(rng.int(in: 8...20)) + "." + minutes
        case 3: return two(rng.int(in: 0...23)) + ":" + minutes + ":" + two(rng.below(60))
        default: return String(rng.int(in: 1...12)) + ":" + minutes + rng.pick([" am", " pm", "pm", "am"])
        }
    }

    private static func timestamp(_ rng: inout SplitMix64) -> String {
        let date = year(&rng) + "-" + two(rng.int(in: 1...12)) + "-" + two(rng.int(in: 1...28))
        let clock = two(rng.below(24)) + ":" + two(rng.below(60)) + ":" + two(rng.below(60))
        switch rng.below(4) {
        case 0: return date + "T" + clock + "Z"
        case 1: return date + " " + clock
        case 2: return date + "T" + clock + rng.pick(["+01:00", "+02:00", "-05:00"])
        default: return date + "T" + clock + "." + rng.digits(3) + "Z"
        }
    }

    private static func grouped(_ value: Int, separator: String) -> String {
        var digits = String(value)
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        return groups.joined(separator: separator)
    }

    private static func amount(_ rng: inout SplitMix64, language: Language) -> String {
        let whole = rng.chance(300) ? rng.int(in: 1000...25000) : rng.int(in: 1...999)
        let cents = two(rng.below(100))
        let european = language == .dutch || rng.chance(300)
        switch rng.below(4) {
        case 0:
            return european
                ? "€ " + grouped(whole, separator: ".") + "," + cents
                : "$" + grouped(whole, separator: ",") + "." + cents
        case 1:
            return european ? "€" + String(whole) + "," + cents : "£" + String(whole) + "." + cents
        case 2:
            return rng.pick(["EUR ", "USD ", "GBP "]) + String(whole)
        default:
            return european
                ? grouped(whole, separator: ".") + "," + cents + " euro"
                : String(whole) + "." + cents + " " + rng.pick(["dollars", "pounds", "EUR"])
        }
    }

    private static func postcode(_ rng: inout SplitMix64, language: Language) -> String {
        let dutch = String(rng.int(in: 1000...9999)) + (rng.chance(700) ? " " : "") + upper(2, &rng)
        if language == .dutch || rng.chance(300) { return dutch }
        if rng.chance(300) { return String(rng.int(in: 10000...99999)) }
        let area = rng.pick(["SW1A", "EC1A", "M1", "B33", "LS1", "CR2", "EH1", "BS8", "W1T"])
        return area + " " + String(rng.below(10)) + upper(2, &rng)
    }

    private static func uuid(_ rng: inout SplitMix64) -> String {
        var characters: [Character] = []
        for index in 0..<32 {
            switch index {
            case 12: characters.append("4")
            case 16: characters.append(rng.pick(Array("89ab")))
            default: characters.append(rng.pick(hex))
            }
        }
        let text = String(characters)
        let grouped = GroupFormatter.group(text, sizes: [8, 4, 4, 4, 12], every: 12, separator: "-")
        return rng.chance(100) ? grouped.uppercased() : grouped
    }

    private static func ipv4(_ rng: inout SplitMix64) -> String {
        switch rng.below(4) {
        case 0: return "192.168.\(rng.below(3)).\(rng.int(in: 1...254))"
        case 1: return "10.\(rng.below(256)).\(rng.below(256)).\(rng.int(in: 1...254))"
        case 2: return "172.\(rng.int(in: 16...31)).\(rng.below(256)).\(rng.int(in: 1...254))"
        default: return "\(rng.int(in: 11...223)).\(rng.below(256)).\(rng.below(256)).\(rng.int(in: 1...254))"
        }
    }

    private static func version(_ rng: inout SplitMix64) -> String {
        let major = rng.int(in: 1...24)
        let minor = rng.below(20)
        switch rng.below(4) {
        case 0: return "v\(major).\(minor).\(rng.below(100))"
        case 1: return "\(major).\(minor).\(rng.below(10))"
        case 2: return "\(major).\(minor)"
        default: return "\(major).\(minor).\(rng.below(10)).\(rng.int(in: 1000...9999))"
        }
    }

    private static func mention(_ rng: inout SplitMix64) -> String {
        let handle = rng.pick([
            "support", "team-nl", "billing", "sanne", "daan", "jeroen_b", "emma.w", "tier2",
            "supervisor", "lotte", "james", "backoffice", "koen", "finance-team",
        ])
        return "@" + handle
    }

    private static func imageAt(_ rng: inout SplitMix64) -> String {
        let name = rng.pick(["logo", "icon", "screenshot", "banner", "avatar", "button", "hero"])
        let scale = rng.pick(["@2x", "@3x", "@1.5x"])
        return name + scale + rng.pick([".png", ".jpg", ".webp"])
    }
}
