extension Mask {
    /// Writes the part `value[from...]` of `value` as masking the whole of `value` would
    /// write it: for a value typed across messages, the part in the latest message. A label
    /// is written whole (the earlier part was masked already).
    func renderPart(of value: UnsafeRawBufferPointer, from offset: Int, into output: inout [UInt8]) {
        if let label {
            output.append(contentsOf: label)
            return
        }
        // The masked scope: the whole value, or the local part of an address.
        var scopeEnd = value.count
        if scope == .localPart, let at = value.lastIndex(of: UInt8(ascii: "@")) { scopeEnd = at }
        // Where the kept tail of `keepLast` characters of `keepClass` starts.
        var keptFrom = scopeEnd
        if keepLast > 0 {
            var found = 0
            var index = scopeEnd
            while index > 0, found < keepLast {
                index -= 1
                if keeps(value[index]) {
                    found += 1
                    keptFrom = index
                }
            }
            // As `render`: kept only when something of the class is left to mask before it.
            if found < keepLast || !value[..<keptFrom].contains(where: keeps) { keptFrom = scopeEnd }
        }
        var characters = 0
        for byte in value[..<scopeEnd] where byte != 0x20 && byte != 0x09 && byte & 0xC0 != 0x80 { characters += 1 }
        let keepFirst = characters > keepFirst ? keepFirst : 0
        var seen = 0
        // Continuation bytes of a UTF-8 character follow the decision for its lead byte: a
        // masked character becomes one mask character.
        var characterKept = false
        for index in 0..<value.count {
            let byte = value[index]
            let write: UInt8?
            if index >= scopeEnd {
                write = byte
            } else if byte & 0xC0 == 0x80 {
                write = characterKept ? byte : nil
            } else if byte == 0x20 || byte == 0x09 {
                write = keepWhitespace ? byte : nil
            } else {
                characterKept = seen < keepFirst || (index >= keptFrom && keeps(byte))
                write = characterKept ? byte : character
                seen += 1
            }
            if index >= offset, let write { output.append(write) }
        }
    }

    /// Whether `byte` belongs to `keepClass`.
    private func keeps(_ byte: UInt8) -> Bool {
        switch keepClass {
        case .digit: return byte &- 0x30 < 10
        case .alnum: return byte &- 0x30 < 10 || (byte | 0x20) &- 0x61 < 26
        case .any: return byte != 0x20 && byte != 0x09
        }
    }
}
