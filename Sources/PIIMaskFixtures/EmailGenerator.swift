/// Generates e-mail addresses with realistic local parts (dots, plus tags, digits,
/// hyphens, underscores) and domains (free mail, company, multi-level, a few IDN).
enum EmailGenerator {
    private static let freeMail = [
        "gmail.com", "hotmail.com", "hotmail.nl", "outlook.com", "live.nl", "ziggo.nl",
        "kpnmail.nl", "xs4all.nl", "planet.nl", "icloud.com", "me.com", "yahoo.com",
        "yahoo.co.uk", "btinternet.com", "proton.me", "protonmail.com", "telenet.be",
        "skynet.be", "web.de", "gmx.de", "gmx.net", "orange.fr", "libero.it", "wp.pl",
        "eircom.net", "aol.com", "msn.com", "mail.com",
    ]
    private static let companies = [
        "acme-logistics", "bakkerij-visser", "northwind", "contoso", "brightline",
        "hollandsolar", "tulpentech", "greenfield-energy", "fietsenwinkel", "bluebird",
    ]
    private static let companySuffixes = [
        ".com", ".nl", ".be", ".co.uk", ".de", ".eu", ".io", ".org", ".com.au", ".net",
    ]
    private static let institutional = [
        "students.uu.nl", "student.kuleuven.be", "cs.ox.ac.uk", "nhs.net", "mail.tudelft.nl",
        "amsterdam.nl", "rijksoverheid.nl", "ugent.be", "ed.ac.uk", "uni-koeln.de",
    ]
    private static let internationalized = [
        "müller.de", "bücherwurm.de", "café-amsterdam.nl", "zoë.nl", "straße.de",
        "smørrebrød.dk", "ñandú.es", "société.fr",
    ]
    private static let tags = ["shop", "orders", "news", "bol", "amazon", "work", "promo", "2024"]
    private static let roles = [
        "info", "support", "klantenservice", "admin", "sales", "facturen", "hr",
    ]
    private static let nicknames = [
        "coolcat", "sunny", "tiger", "dutchie", "gamer", "pixel", "mr.x", "ladybird",
    ]

    /// An e-mail address as a chat user would type it.
    static func generate(_ rng: inout SplitMix64) -> String {
        // Role addresses (info@, support@) belong to organisations, not to free mail.
        let address = rng.chance(60)
            ? rng.pick(roles) + "@" + companyDomain(&rng)
            : personalLocalPart(&rng) + "@" + domain(&rng)
        return rng.chance(30) ? capitalized(address) : address
    }

    private static func personalLocalPart(_ rng: inout SplitMix64) -> String {
        let first = asciiFirstName(&rng)
        let last = rng.pick(Names.surnames)
        switch rng.below(10) {
        case 0, 1: return first + "." + last
        case 2: return first + "." + String(last.prefix(1))
        case 3: return String(first.prefix(1)) + "." + last
        case 4: return first + "_" + last
        case 5: return first + "-" + rng.pick(["marie", "willem", "jan", "paul", "anne"]) + "." + last
        case 6: return first + last + String(rng.int(in: 1...99))
        case 7: return String(first.prefix(1)) + last + String(rng.int(in: 1950...2008))
        case 8: return first + (rng.chance(500) ? "." + last : "") + "+" + rng.pick(tags)
        default: return rng.pick(nicknames) + "_" + String(rng.int(in: 1...999))
        }
    }

    private static func companyDomain(_ rng: inout SplitMix64) -> String {
        let base = rng.pick(companies) + rng.pick(companySuffixes)
        return rng.chance(250) ? rng.pick(["mail.", "eu.", "support.", "nl."]) + base : base
    }

    private static func domain(_ rng: inout SplitMix64) -> String {
        switch rng.weighted([60, 22, 10, 8]) {
        case 0:
            return rng.pick(freeMail)
        case 1:
            return companyDomain(&rng)
        case 2:
            return rng.pick(institutional)
        default:
            return rng.pick(internationalized)
        }
    }

    /// A first name folded to the ASCII letters people use in addresses (`Zoë` → `zoe`).
    private static func asciiFirstName(_ rng: inout SplitMix64) -> String {
        let name = rng.chance(500) ? rng.pick(Names.englishFirst) : rng.pick(Names.dutchFirst)
        var folded = ""
        for scalar in name.lowercased().unicodeScalars {
            switch scalar {
            case "é", "è", "ë", "ê": folded += "e"
            case "á", "à", "ä", "â", "å": folded += "a"
            case "ï", "í", "î": folded += "i"
            case "ö", "ó", "ô", "ø": folded += "o"
            case "ü", "ú", "û": folded += "u"
            case "ç": folded += "c"
            case "ñ": folded += "n"
            case "ß": folded += "ss"
            default:
                // Anything else outside ASCII is dropped, as address forms do.
                if scalar.isASCII { folded.unicodeScalars.append(scalar) }
            }
        }
        return folded
    }

    private static func capitalized(_ address: String) -> String {
        address.prefix(1).uppercased() + address.dropFirst()
    }
}
