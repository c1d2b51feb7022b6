#if canImport(Glibc)
import Glibc
#endif

/// C copies of Swift strings for the C client's configuration structs, which hold `char *`
/// fields: each copy lives until `free()`, called once the C call has returned.
struct CStrings {
    private var copies: [UnsafeMutablePointer<CChar>] = []

    /// A NUL-terminated copy of `string`, valid until `free()`.
    mutating func copy(_ string: String) -> UnsafePointer<CChar> {
        let copy = strdup(string)!
        copies.append(copy)
        return UnsafePointer(copy)
    }

    /// A copy of `string`, or nil for nil.
    mutating func copy(_ string: String?) -> UnsafePointer<CChar>? {
        string.map { copy($0) }
    }

    /// Frees every copy.
    mutating func free() {
        copies.forEach { Glibc.free($0) }
        copies.removeAll()
    }
}
