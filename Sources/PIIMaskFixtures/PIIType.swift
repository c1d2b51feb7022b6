/// The kinds of personal data the corpus labels; the raw value is the `type` written in JSON.
public enum PIIType: String, CaseIterable, Sendable {
    /// A telephone number in any national or international notation.
    case phone
    /// An e-mail address.
    case email
    /// A Luhn-valid payment card number of a real issuer range.
    case card
    /// An IBAN with the registry length of its country and valid mod-97 check digits.
    case iban
    /// A valid US Social Security Number.
    case ssn
    /// A Dutch citizen service number (burgerservicenummer): nine digits passing the 11-proof.
    case bsn

    /// The types the `chat`, `digits`, `pii-dense` and `adversarial` profiles draw, in the
    /// order of their weights; the `formats` profile draws every type.
    static let classic: [PIIType] = [.phone, .email, .card, .iban, .ssn]
}
