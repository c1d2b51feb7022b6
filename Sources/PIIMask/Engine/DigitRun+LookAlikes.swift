/// Digit runs that are no value of any type, whatever words stand around them.
extension DigitRun {
    /// Whether `groups` (a whole run) are an IPv4 address: four groups of 1–3 digits, each at
    /// most 255 without a leading zero, joined by single dots (`192.168.1.20`). Four pairs
    /// (`20.49.12.34`) are the way several countries write a phone number and are not taken
    /// for an address. O(1): a run of another group count is rejected first.
    static func isIPv4Address(_ groups: [DigitGroup], in value: UnsafeRawBufferPointer) -> Bool {
        guard groups.count == 4 else { return false }
        let dot = UInt32(UInt8(ascii: ".")) | 1 << 24
        var allPairs = true
        for (index, group) in groups.enumerated() {
            let length = group.end - group.start
            guard length >= 1, length <= 3, index == 0 || group.gap == dot else { return false }
            if length != 2 { allPairs = false }
            if length > 1 && value[group.start] == UInt8(ascii: "0") { return false }
            var octet = 0
            for position in group.start..<group.end { octet = octet * 10 + Int(value[position] &- 0x30) }
            if octet > 255 { return false }
        }
        return !allPairs
    }
}
