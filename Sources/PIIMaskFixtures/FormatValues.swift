import Foundation

/// The values of the `formats` profile, one generator per family, all computed here: card
/// numbers with their Luhn digit, IBANs with mod-97 check digits, BSNs that pass the 11-proof,
/// phone numbers from national numbering shapes.
///
/// Phone patterns use `#` for any digit and `N` for a digit 2–9; other characters are copied.
enum FormatValues {
    // MARK: Cards

    /// Issuer prefixes in no brand's table: JCB's 35 outside 3528–3589, Maestro's 50 below
    /// 5018, 62 below UnionPay, 640–643 below Discover, Mastercard's 2 below 2221, 7–9.
    private static let unusualPrefixes: [ClosedRange<Int>] = [
        3500...3527, 3590...3599, 5000...5017, 6200...6239, 6400...6439, 2000...2130,
        7000...9999,
    ]

    /// A Luhn-valid card with an unusual prefix, 13–19 digits, compact or in fours.
    static func unusualPrefixCard(_ rng: inout SplitMix64) -> String {
        let range = rng.pick(unusualPrefixes)
        let prefix = rng.int(in: range)
        let length = rng.pick([13, 15, 16, 16, 16, 16, 19])
        let digits = luhnDigits(prefix: prefix, length: length, &rng)
        return rng.chance(500) ? digits : GroupFormatter.group(digits, sizes: [], every: 4, separator: " ")
    }

    /// A real brand's valid card in its grouping, groups joined by `separator`.
    static func card(_ rng: inout SplitMix64, separator: String) -> String {
        let (digits, groups) = CardGenerator.validDigits(&rng)
        return GroupFormatter.group(digits.map(String.init).joined(), sizes: groups, every: 4, separator: separator)
    }

    /// A 16-digit number with a Visa or Mastercard prefix that fails Luhn, grouped in fours
    /// by a separator people paste, or compact.
    static func luhnInvalidCard(_ rng: inout SplitMix64) -> String {
        var digits = Array(luhnDigits(prefix: rng.pick([4, 51, 52, 53, 54, 55]), length: 16, &rng))
        let last = Int(String(digits.removeLast())) ?? 0
        digits.append(Character(String((last + 1 + rng.below(9)) % 10)))
        let separator = rng.pick(["", " ", ".", "\u{00A0}", "\u{2009}", "  ", "-"])
        return GroupFormatter.group(String(digits), sizes: [], every: 4, separator: separator)
    }

    private static func luhnDigits(prefix: Int, length: Int, _ rng: inout SplitMix64) -> String {
        var digits = String(prefix).compactMap(\.wholeNumberValue)
        while digits.count < length - 1 { digits.append(rng.below(10)) }
        digits.append(Luhn.checkDigit(for: digits))
        return digits.map(String.init).joined()
    }

    // MARK: Phones

    private static let dutchAreas2 = ["10", "13", "15", "20", "23", "24", "26", "30", "33", "35", "36",
                                      "38", "40", "43", "45", "50", "53", "55", "58", "70", "71", "72",
                                      "73", "74", "75", "76", "77", "78", "79"]
    private static let dutchAreas3 = ["113", "161", "172", "180", "222", "251", "297", "318", "341",
                                      "413", "475", "492", "513", "548", "575", "592"]
    private static let britishAreas = ["0113", "0114", "0115", "0116", "0117", "0118", "0121", "0131",
                                       "0141", "0151", "0161", "0191"]

    /// `(030)-2345678`, `(0161) 4961234`, `(020) 7946 0123`, `(089) 12345678`.
    static func bracketedArea(_ rng: inout SplitMix64) -> String {
        switch rng.below(4) {
        case 0:
            return "(0" + rng.pick(dutchAreas2) + ")" + rng.pick(["-", " "]) + fill(rng.pick(["N######", "N## ####"]), &rng)
        case 1:
            return "(0" + rng.pick(dutchAreas3) + ")" + rng.pick(["-", " "]) + fill("N#####", &rng)
        case 2:
            if rng.chance(300) { return fill(rng.pick(["(020) 7### ####", "(020) 3### ####"]), &rng) }
            return "(" + rng.pick(britishAreas) + ") " + fill(rng.pick(["N######", "N## ####"]), &rng)
        default:
            return "(0" + rng.pick(["30", "40", "89", "69", "221", "211"]) + ")" + rng.pick([" ", "-", "/"])
                + fill(rng.pick(["N#######", "N######"]), &rng)
        }
    }

    /// National patterns of Brazil, Mexico, Argentina, Colombia, Chile and Peru.
    private static let latinAmerica = [
        "11 N###-####", "21 N###-####", "(11) 9####-####", "(21) 9####-####", "11 9####-####",
        "(31) N###-####", "55 N### ####", "(33) N### ####", "81 N###-####", "011 4###-####",
        "(011) 15-N###-####", "30# ### ####", "31# ### ####", "(601) N## ####", "9 N### ####",
        "9## ### ###",
    ]
    /// Turkish mobile and Istanbul/Ankara patterns.
    private static let turkey = [
        "053# ### ## ##", "054# ### ## ##", "055# ### ####", "(053#) ### ## ##", "0 53# ### ## ##",
        "0212 N## ## ##", "0216 N## ## ##", "0312 N## ## ##", "053#-###-####",
    ]
    /// South Africa, Nigeria, Kenya, Egypt and Ghana.
    private static let africa = [
        "082 ### ####", "07# ### ####", "021 N## ####", "011 N## ####", "080# ### ####",
        "0803-###-####", "070# ### ####", "07## ######", "07## ### ###", "010 #### ####",
        "012 #### ####", "02# ### ####", "05# ### ####",
    ]
    /// Japan, India, the Philippines, Indonesia, China, Korea, Vietnam, Thailand, Malaysia.
    private static let asia = [
        "03-N###-####", "06-N###-####", "090-####-####", "080-####-####", "09#### #####",
        "08#### #####", "9#### #####", "09## ### ####", "08##-####-####", "13# #### ####",
        "010-N### ####", "010-####-####", "02-N###-####", "09# ### ## ##", "08#-###-####",
        "01#-### ####",
    ]

    /// A national number of the region `family` names.
    static func foreignNational(_ family: FormatFamily, _ rng: inout SplitMix64) -> String {
        switch family {
        case .phoneNationalLatinAmerica: return fill(rng.pick(latinAmerica), &rng)
        case .phoneNationalTurkey: return fill(rng.pick(turkey), &rng)
        case .phoneNationalAfrica: return fill(rng.pick(africa), &rng)
        default: return fill(rng.pick(asia), &rng)
        }
    }

    /// A bare 10-digit number: Dutch mobile or geographic with the trunk 0, or NANP.
    static func bareTenDigits(_ rng: inout SplitMix64) -> String {
        switch rng.below(3) {
        case 0: return fill("06########", &rng)
        case 1: return "0" + rng.pick(dutchAreas2) + fill("N######", &rng)
        default: return fill("N##N######", &rng)
        }
    }

    /// A number and its extension: `020 123 4567 toestel 12`, `(212) 555-0123 x123`.
    static func withExtension(_ rng: inout SplitMix64, language: Language) -> String {
        if language == .dutch {
            let number = fill(rng.pick(["0" + rng.pick(dutchAreas2) + " N## ####", "0" + rng.pick(dutchAreas2) + "-N######",
                                        "+31 " + rng.pick(dutchAreas2) + " N## ####"]), &rng)
            return number + fill(rng.pick([" toestel ##", " toestel ###", " tst. ##", " ext. ##"]), &rng)
        }
        let number = fill(rng.pick(["(N##) N##-####", "N##-N##-####", "+1 N## N## ####", "020 7### ####",
                                    rng.pick(britishAreas) + " N## ####"]), &rng)
        return number + fill(rng.pick([" ext. ##", " ext ###", " x###", " x ##", " ext. #", " extension ##"]), &rng)
    }

    /// The number part of a `wa.me/` or `tel:` link, and the URL text before it.
    static func link(_ rng: inout SplitMix64) -> (url: String, number: String) {
        if rng.chance(500) {
            let number = fill(rng.pick(["316########", "447#########", "324########", "4915#########", "1N##N######"]), &rng)
            return (rng.pick(["wa.me/", "https://wa.me/", "http://wa.me/"]), number)
        }
        let number = fill(rng.pick(["+316########", "06########", "+1-N##-N##-####", "+447#########", "+3220#######"]), &rng)
        return ("tel:", number)
    }

    /// `06 - 12345678`, `020 - 123 4567`.
    static func spacedDash(_ rng: inout SplitMix64) -> String {
        if rng.chance(500) {
            return fill(rng.pick(["06 - ########", "06 - #### ####", "06 - ## ## ## ##"]), &rng)
        }
        return "0" + rng.pick(dutchAreas2) + " - " + fill(rng.pick(["N######", "N## ####"]), &rng)
    }

    /// Replaces `#` by a digit and `N` by a digit 2–9.
    static func fill(_ pattern: String, _ rng: inout SplitMix64) -> String {
        var result = ""
        for character in pattern {
            switch character {
            case "#": result += String(rng.below(10))
            case "N": result += String(rng.int(in: 2...9))
            default: result.append(character)
            }
        }
        return result
    }

    // MARK: IBANs, SSNs

    /// A valid IBAN in groups of four joined by `separator`.
    static func iban(_ rng: inout SplitMix64, language: Language, separator: String) -> String {
        GroupFormatter.group(IBANGenerator.validCompact(&rng, language: language), sizes: [], every: 4, separator: separator)
    }

    /// A valid SSN with `separator` between area, group and serial.
    static func ssn(_ rng: inout SplitMix64, separator: String) -> String {
        SSNGenerator.validDashed(&rng).replacingOccurrences(of: "-", with: separator)
    }

    // MARK: E-mail

    private static let asciiFirst = (Names.englishFirst + Names.dutchFirst)
        .filter { $0.unicodeScalars.allSatisfy(\.isASCII) }.map { $0.lowercased() }
    private static let domains = ["ziggo.nl", "gmail.com", "hotmail.com", "kpnmail.nl", "outlook.com",
                                  "telenet.be", "example.org", "yahoo.co.uk", "xs4all.nl", "proton.me"]
    /// Unicode labels and top-level domains, written in Unicode or as Punycode.
    private static let unicodeLabels = ["müller", "bücherwurm", "café-amsterdam", "zoë", "пример", "почта",
                                        "例子", "テスト", "smørrebrød", "δοκιμή"]
    private static let unicodeTLDs = ["рф", "中国", "онлайн", "みんな", "укр", "한국"]
    private static let asciiTLDs = ["de", "nl", "com", "dk", "eu"]

    /// A local part: a first name, or first and last name joined by a dot.
    static func localPart(_ rng: inout SplitMix64) -> String {
        let first = rng.pick(asciiFirst)
        return rng.chance(500) ? first : first + "." + rng.pick(Names.surnames)
    }

    /// An ASCII domain of free mail or a company.
    static func domain(_ rng: inout SplitMix64) -> String {
        rng.pick(domains)
    }

    /// A plain address.
    static func plainEmail(_ rng: inout SplitMix64) -> String {
        localPart(&rng) + "@" + domain(&rng)
    }

    /// An address of the e-mail family `family`.
    static func email(_ family: FormatFamily, _ rng: inout SplitMix64) -> String {
        let local = localPart(&rng)
        let domain = domain(&rng)
        switch family {
        case .emailOneLetter:
            return String(rng.pick(Array("abcdefghijklmnopqrstuvwxyz"))) + "@" + domain
        case .emailPunycode:
            return local + "@" + internationalDomain(&rng, punycode: true)
        case .emailUnicodeDomain:
            return local + "@" + internationalDomain(&rng, punycode: false)
        case .emailQuotedLocal:
            let quoted = rng.chance(500) ? local.replacingOccurrences(of: ".", with: " ") : local + ".." + rng.pick(Names.surnames)
            return "\"" + quoted + "\"@" + domain
        case .emailFullwidthAt:
            return local + "\u{FF20}" + domain
        case .emailPercentAt:
            return local + "%40" + domain
        case .emailSpelledOut:
            return spelled(local, "at", domain, dot: "dot", spaced: true)
        case .emailBracketedAt:
            let (at, dot) = rng.pick([("[at]", "[dot]"), ("(at)", "(dot)"), ("[at]", "."), ("(at)", ".")])
            return spelled(local, at, domain, dot: dot, spaced: rng.chance(300))
        default:
            return local + rng.pick([" @ ", " @", "@ "]) + domain
        }
    }

    /// `local at domain dot tld` with `at` and `dot` (the local part's dots too), spaced or not.
    private static func spelled(_ local: String, _ at: String, _ domain: String, dot: String, spaced: Bool) -> String {
        let join = spaced || dot == "dot" ? " " : ""
        let dotted = dot == "." ? "." : join + dot + join
        let parts = [local, domain].map { $0.replacingOccurrences(of: ".", with: dotted) }
        let separator = spaced || at == "at" ? " " + at + " " : at
        return parts[0] + separator + parts[1]
    }

    /// A domain with a Unicode label, a Unicode top-level domain, or both.
    private static func internationalDomain(_ rng: inout SplitMix64, punycode: Bool) -> String {
        let labels: [String]
        switch rng.below(3) {
        case 0: labels = [rng.pick(unicodeLabels), rng.pick(asciiTLDs)]
        case 1: labels = [rng.pick(["shop", "mail", "post", "info"]), rng.pick(unicodeTLDs)]
        default: labels = [rng.pick(unicodeLabels), rng.pick(unicodeTLDs)]
        }
        return labels.map { punycode ? Punycode.label($0) : $0 }.joined(separator: ".")
    }

    /// Prose with `at` and `dot` that holds no address.
    static func prose(_ rng: inout SplitMix64) -> String {
        rng.pick([
            "I'm at home dot dot dot", "stuck at work dot dot dot", "bought it at bol dot com",
            "ordered at coolblue dot nl", "look at the dot on the screen", "waiting at the station (dot dot dot)",
            "sitting [at] my desk", "me (at) the office",
        ])
    }

    // MARK: Obfuscation

    /// Zero-width characters that copy-paste and evasion put inside values.
    private static let zeroWidth: [Unicode.Scalar] = ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}"]
    /// Separators that look like a space.
    private static let unicodeSpaces: [Unicode.Scalar] = ["\u{00A0}", "\u{2009}", "\u{202F}"]
    /// Separators that look like a dash.
    private static let unicodeDashes: [Unicode.Scalar] = ["\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}",
                                                          "\u{2014}", "\u{2015}", "\u{2212}"]

    /// A value of `type` with spaces between its groups, to be obfuscated.
    static func spacedValue(_ type: PIIType, _ rng: inout SplitMix64, language: Language) -> String {
        switch type {
        case .phone: return fill(rng.pick(["06 ## ## ## ##", "+31 6 #### ####", "020 N## ####", "+44 7### ######", "(N##) N## ####"]), &rng)
        case .card: return card(&rng, separator: " ")
        case .iban: return iban(&rng, language: language, separator: " ")
        case .ssn: return ssn(&rng, separator: " ")
        case .bsn: return BSNGenerator.grouped(&rng, separator: " ")
        case .email: return plainEmail(&rng)
        }
    }

    /// `value` obfuscated the way `family` names.
    static func obfuscate(_ value: String, _ family: FormatFamily, _ rng: inout SplitMix64) -> String {
        switch family {
        case .obfuscationFullwidthDigits:
            return mapDigits(value, zero: 0xFF10)
        case .obfuscationArabicIndicDigits:
            return mapDigits(value, zero: rng.chance(500) ? 0x0660 : 0x06F0)
        case .obfuscationZeroWidth:
            var scalars = Array(value.unicodeScalars)
            for _ in 0..<rng.int(in: 1...3) {
                scalars.insert(rng.pick(zeroWidth), at: rng.int(in: 1...(scalars.count - 1)))
            }
            return String(String.UnicodeScalarView(scalars))
        case .obfuscationUnicodeSpace:
            return value.replacingOccurrences(of: " ", with: String(rng.pick(unicodeSpaces)))
        default:
            return value.replacingOccurrences(of: " ", with: String(rng.pick(unicodeDashes)))
        }
    }

    private static func mapDigits(_ value: String, zero: UInt32) -> String {
        var result = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            if ("0"..."9").contains(scalar), let mapped = Unicode.Scalar(zero + scalar.value - 48) {
                result.append(mapped)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    // MARK: Look-alikes

    /// A 9-digit number that passes the 11-proof (an order number that looks like a BSN).
    static func elevenProofOrder(_ rng: inout SplitMix64) -> String {
        BSNGenerator.compact(&rng)
    }

    /// A date written with dots, spaces or a Unicode dash.
    static func date(_ rng: inout SplitMix64) -> String {
        let day = twoDigits(rng.int(in: 1...28)), month = twoDigits(rng.int(in: 1...12))
        let year = String(rng.int(in: 2019...2026))
        let separator = rng.pick([".", " ", "\u{2010}", "\u{2013}", "\u{2212}", "-"])
        return rng.chance(300) ? [year, month, day].joined(separator: separator) : [day, month, year].joined(separator: separator)
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    /// An amount with thousands grouped by a (no-break or thin) space or a dot.
    static func amount(_ rng: inout SplitMix64) -> String {
        let thousands = String(rng.int(in: 1...99)), rest = rng.digits(3), cents = rng.digits(2)
        let group = rng.pick([" ", "\u{00A0}", "\u{2009}", "."])
        return rng.pick(["€ ", "€", "EUR "]) + thousands + group + rest + "," + cents
    }

    /// An SSN-shaped number that breaks the SSN rules, with dots or slashes.
    static func invalidSSN(_ rng: inout SplitMix64) -> String {
        let high = String(rng.int(in: 900...999))
        let parts = [rng.pick(["000", "666", high]), rng.digits(2), rng.digits(4)]
        return parts.joined(separator: rng.pick([".", "/"]))
    }

    /// An IBAN with wrong check digits, with dashes or in lower case.
    static func badCheckIBAN(_ rng: inout SplitMix64, language: Language) -> String {
        let compact = IBANGenerator.badCheck(&rng, language: language).replacingOccurrences(of: " ", with: "")
        return rng.chance(500)
            ? GroupFormatter.group(compact, sizes: [], every: 4, separator: "-")
            : compact.lowercased()
    }
}
