/// Splits digit strings into the groups people type and fills `#` patterns.
enum GroupFormatter {
    /// Splits `text` into groups of the given sizes, then into groups of `every` for what
    /// is left, joined by `separator`. `group("123456789", sizes: [4], every: 2, "-")` is
    /// `"1234-56-78-9"`.
    static func group(_ text: String, sizes: [Int], every: Int, separator: String) -> String {
        let characters = Array(text)
        var groups: [String] = []
        var index = 0
        var sizeIndex = 0
        while index < characters.count {
            let size = sizeIndex < sizes.count ? sizes[sizeIndex] : every
            sizeIndex += 1
            let end = min(index + size, characters.count)
            groups.append(String(characters[index..<end]))
            index = end
        }
        return groups.joined(separator: separator)
    }

    /// Replaces each `#` in `pattern` by the next character of `digits`; other characters
    /// are copied. The number of `#` must equal the number of digits.
    static func fill(_ pattern: String, with digits: String) -> String {
        var source = digits.makeIterator()
        var result = ""
        for character in pattern {
            if character == "#" {
                guard let digit = source.next() else {
                    preconditionFailure("pattern \(pattern) has more # than \(digits)")
                }
                result.append(digit)
            } else {
                result.append(character)
            }
        }
        precondition(source.next() == nil, "pattern \(pattern) has fewer # than \(digits)")
        return result
    }
}
