/// Parses sizes such as `100M` for the command line's `--bytes`.
public enum ByteSize {
    /// The number of bytes `text` names: a whole number with an optional suffix `K`, `M`
    /// or `G` (powers of 1024, either case, optionally followed by `B` or `iB`):
    /// `512`, `64K`, `100M`, `1G`, `100MB`. `nil` if it is not such a size.
    public static func parse(_ text: String) -> Int? {
        var rest = Substring(text)
        for unit in ["iB", "ib", "B", "b"] where rest.hasSuffix(unit) && rest.count > unit.count {
            rest = rest.dropLast(unit.count)
            break
        }
        var multiplier = 1
        switch rest.last {
        case "K", "k": multiplier = 1 << 10
        case "M", "m": multiplier = 1 << 20
        case "G", "g": multiplier = 1 << 30
        default: break
        }
        if multiplier != 1 { rest = rest.dropLast() }
        guard !rest.isEmpty, rest.allSatisfy(\.isASCII), let value = Int(rest), value >= 0 else {
            return nil
        }
        let (product, overflow) = value.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : product
    }
}
