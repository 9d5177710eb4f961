/// What a byte can start, so the scanner's loop decides with one table read per byte.
enum ByteClass: UInt8 {
    /// Spaces, punctuation, control bytes: nothing starts here.
    case other = 0
    case digit
    /// ASCII letters and the bytes of UTF-8 letters (lead bytes other than 0xC2 and 0xE2,
    /// continuation bytes).
    case letter
    case at
    case plus
    case colon
    /// 0xC2: the lead byte of Latin-1's punctuation (no-break space, °, «, »).
    case latinPunctuation
    /// 0xE2: the lead byte of general punctuation (narrow no-break space, quotes, dashes).
    case generalPunctuation

    /// Whether a byte of this class continues a word (letters and digits of any script).
    @inline(__always) var continuesWord: Bool { self == .letter || self == .digit }

    /// `table` in memory that is never freed, for the scanner's loop to read without bounds
    /// checks or reference counting. Written once, before any reader, and never again.
    nonisolated(unsafe) static let pointer: UnsafePointer<ByteClass> = {
        let memory = UnsafeMutablePointer<ByteClass>.allocate(capacity: 256)
        memory.initialize(from: table, count: 256)
        return UnsafePointer(memory)
    }()

    /// One class per byte value.
    static let table: [ByteClass] = (0...255).map { value -> ByteClass in
        switch UInt8(value) {
        case 48...57: .digit
        case 65...90, 97...122: .letter
        case 64: .at
        case 43: .plus
        case 58: .colon
        case 0xC2: .latinPunctuation
        case 0xE2: .generalPunctuation
        case 0x80...0xBF, 0xC3...0xDF, 0xE0, 0xE1, 0xE3...0xEF, 0xF0...0xF4: .letter
        default: .other
        }
    }
}

extension UInt8 {
    @inline(__always) var isDigit: Bool { self &- 48 < 10 }
    @inline(__always) var isASCIILetter: Bool { (self | 0x20) &- 97 < 26 }
    @inline(__always) var isASCIIUpper: Bool { self &- 65 < 26 }
    @inline(__always) var isASCIILower: Bool { self &- 97 < 26 }
    @inline(__always) var isASCIIAlphanumeric: Bool { isDigit || isASCIILetter }
    @inline(__always) var isHexDigit: Bool { isDigit || (self | 0x20) &- 97 < 6 }
    /// ASCII lower case; other bytes unchanged.
    @inline(__always) var asciiLowercased: UInt8 { isASCIIUpper ? self | 0x20 : self }
    /// A byte that continues a word: ASCII letters and digits, and UTF-8 letters' bytes.
    @inline(__always) var continuesWord: Bool {
        if self < 0x80 { return isASCIIAlphanumeric }
        return self != 0xC2 && self != 0xE2 && self < 0xF5
    }
}
