/// One kind of number in a country's numbering plan (mobile, a group of area codes, …)
/// and the ways people write it.
///
/// Patterns use `#` for one digit of the national significant number (the number after
/// the country code, without trunk prefix); every other character is copied, so a
/// national pattern carries its own trunk prefix: `0#-########` writes `06-12345678`.
struct PhoneNumberPlan: Sendable {
    /// Possible leading digits of the national significant number. `N` stands for a digit
    /// 2–9 (the NANP exchange code).
    let leads: [String]
    /// Length of the national significant number.
    let length: Int
    /// How the number is written for calls inside the country; empty where people quote
    /// it with the country code only.
    let national: [String]
    /// How the national significant number is written after `+CC `; a pattern that starts
    /// with a separator (`-###-###-####`) is joined to the country code without a space.
    let international: [String]
    /// Whole international forms with unusual spacing, the country code included
    /// (`+ 1 (###) ### ####`).
    let oddForms: [String]

    init(
        leads: [String], length: Int, national: [String], international: [String],
        oddForms: [String] = []
    ) {
        self.leads = leads
        self.length = length
        self.national = national
        self.international = international
        self.oddForms = oddForms
    }
}

/// A country's calling code, its numbering plans and how often the corpus uses it.
struct PhoneCountry: Sendable {
    /// The calling code without `+`, e.g. `31`.
    let callingCode: String
    /// Whether people write the trunk zero in brackets after the code (`+31 (0)6 …`).
    let bracketedTrunk: Bool
    /// The country's plans.
    let plans: [PhoneNumberPlan]
    /// Relative weight in English messages.
    let englishWeight: Int
    /// Relative weight in Dutch messages.
    let dutchWeight: Int
}
