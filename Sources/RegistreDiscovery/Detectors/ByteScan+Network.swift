extension ByteScan {
    /// Reads an e-mail address around the `@` at `at` and reports it. Returns the index past it.
    ///
    /// The local part is read backwards from `@` (at most 64 bytes, RFC 5321), the domain
    /// forwards: labels of letters, digits and hyphens, at least two, the last alphabetic.
    mutating func email(at sign: Int) -> Int {
        guard isEnabled(.email) else { return sign + 1 }
        var start = sign
        while start > 0, sign - start < 64, Self.isLocalPart(bytes[start - 1]) { start -= 1 }
        while start < sign, bytes[start] == UInt8(ascii: ".") { start += 1 }
        guard start < sign, bytes[sign - 1] != UInt8(ascii: ".") else { return sign + 1 }
        var index = sign + 1
        var labelStart = index
        var labels = 0
        while index < count, index - sign < 254 {
            let current = bytes[index]
            if current.isASCIIAlphanumeric || current == UInt8(ascii: "-") {
                index += 1
            } else if current == UInt8(ascii: "."), index > labelStart, byte(index + 1).isASCIIAlphanumeric {
                labels += 1
                index += 1
                labelStart = index
            } else {
                break
            }
        }
        guard labels >= 1, index - labelStart >= 2, index > labelStart else { return max(index, sign + 1) }
        for offset in labelStart..<index where !bytes[offset].isASCIILetter { return index }
        if index < count, bytes[index] >= 0x80, bytes[index] != 0xC2, bytes[index] != 0xE2 { return index }
        report(.email, start, index, confidence: 0.95, .syntax)
        return index
    }

    private static func isLocalPart(_ byte: UInt8) -> Bool {
        if byte.isASCIIAlphanumeric { return true }
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "%"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "'"):
            return true
        default:
            return false
        }
    }

    /// Reads an IPv6 address from `start` (a hexadecimal digit, or `:` of a leading `::`) and
    /// reports it; nil when there is none, so the caller reads what else starts there.
    mutating func ipv6(at start: Int) -> Int? {
        guard isEnabled(.ipv6) else { return nil }
        // Cheap test first: a colon within the first five bytes.
        var colon = start
        while colon < count, colon - start < 5, bytes[colon].isHexDigit { colon += 1 }
        guard byte(colon) == UInt8(ascii: ":") else { return nil }
        var index = start
        var groupsRead = 0
        var compressed = false
        if bytes[index] == UInt8(ascii: ":") {
            guard byte(index + 1) == UInt8(ascii: ":") else { return nil }
            compressed = true
            index += 2
        }
        while index < count {
            let groupStart = index
            while index < count, index - groupStart < 5, bytes[index].isHexDigit { index += 1 }
            let width = index - groupStart
            if width == 0 { break }
            if width > 4 { return nil }
            if byte(index) == UInt8(ascii: "."), byte(index + 1).isDigit, groupsRead <= 6,
                UnsafeBufferPointer(rebasing: bytes[groupStart..<index]).allSatisfy(\.isDigit)
            {
                // An embedded IPv4 address ends it (::ffff:192.0.2.1) and counts as two groups.
                guard let end = embeddedIPv4(at: groupStart) else { return nil }
                groupsRead += 2
                index = end
                break
            }
            groupsRead += 1
            if byte(index) == UInt8(ascii: ":"), byte(index + 1) == UInt8(ascii: ":") {
                if compressed { return nil }
                compressed = true
                index += 2
            } else if byte(index) == UInt8(ascii: ":"), byte(index + 1).isHexDigit {
                index += 1
            } else {
                break
            }
        }
        guard groupsRead >= 1, compressed ? groupsRead <= 7 : groupsRead == 8 else { return nil }
        if index < count, bytes[index].continuesWord || bytes[index] == UInt8(ascii: ":") { return nil }
        let confidence = groupsRead == 8 ? 0.95 : groupsRead >= 3 ? 0.85 : 0.6
        report(.ipv6, start, index, confidence: confidence, .hexGroups)
        return index
    }

    /// An IPv6 address written with a leading `::` (`::1`, `::ffff:10.0.0.1`).
    mutating func compressedIPv6(at index: Int) -> Int {
        guard byte(index + 1) == UInt8(ascii: ":"), !isWordBefore(index), byte(index - 1) != UInt8(ascii: ":") else { return index + 1 }
        return ipv6(at: index) ?? index + 2
    }

    /// The index past four dotted octets starting at `start`, or nil.
    private func embeddedIPv4(at start: Int) -> Int? {
        var index = start
        for part in 0..<4 {
            let partStart = index
            var octet = 0
            while index < count, index - partStart < 3, bytes[index].isDigit {
                octet = octet * 10 + Int(bytes[index] &- 48)
                index += 1
            }
            guard index > partStart, octet <= 255 else { return nil }
            if part < 3 {
                guard byte(index) == UInt8(ascii: ".") else { return nil }
                index += 1
            }
        }
        return index < count && bytes[index].isDigit ? nil : index
    }
}
