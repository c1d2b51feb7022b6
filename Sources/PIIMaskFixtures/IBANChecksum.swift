/// ISO 7064 MOD 97-10 as used by IBANs: letters count as 10 (A) to 35 (Z).
enum IBANChecksum {
    /// The two check digits for `country` (two upper-case letters) and `bban`
    /// (upper-case letters and digits), as a two-character string `02`…`98`.
    static func checkDigits(country: String, bban: String) -> String {
        let remainder = mod97(bban + country + "00")
        let check = 98 - remainder
        return check < 10 ? "0\(check)" : "\(check)"
    }

    /// The remainder modulo 97 of the decimal number spelled by `text`, where each letter
    /// stands for its two-digit value.
    private static func mod97(_ text: String) -> Int {
        var remainder = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                remainder = (remainder * 10 + Int(byte - UInt8(ascii: "0"))) % 97
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                remainder = (remainder * 100 + Int(byte - UInt8(ascii: "A")) + 10) % 97
            default:
                preconditionFailure("IBAN characters must be digits or upper-case letters")
            }
        }
        return remainder
    }
}
