import Foundation

/// A calendar date written in a policy (`2026-05-25`), or a month (`2025-02`) when the seed only
/// gives one ("Last updated: February 2025").
public struct PolicyDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The year, such as 2026.
    public var year: Int
    /// The month, 1 to 12.
    public var month: Int
    /// The day, or nil when only the month is known.
    public var day: Int?

    /// Creates a date.
    public init(year: Int, month: Int, day: Int?) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` or `YYYY-MM`; nil when the text is neither or names no real day.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts[0].count == 4,
              parts.dropFirst().allSatisfy({ $0.count == 2 }),
              let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month)
        else { return nil }
        var day: Int?
        if parts.count == 3 {
            guard let value = Int(parts[2]), (1...PolicyDate.daysIn(month: month, year: year)).contains(value) else {
                return nil
            }
            day = value
        }
        self.init(year: year, month: month, day: day)
    }

    /// The date of `date` in UTC.
    public init(_ date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// The number of days in a month of the Gregorian calendar.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Whole months from `self` to `later`, counted as Regulation 1182/71 art. 3(2)(c) counts
    /// months (a month has passed on the same day number, or on the last day of a shorter month).
    public func months(until later: PolicyDate) -> Int {
        var months = (later.year - year) * 12 + (later.month - month)
        let startDay = day ?? 1
        let endDay = later.day ?? 1
        let endMonthLength = PolicyDate.daysIn(month: later.month, year: later.year)
        if endDay < startDay && endDay < endMonthLength { months -= 1 }
        return months
    }

    /// Earlier dates first; a month without a day sorts before every day of that month.
    public static func < (lhs: PolicyDate, rhs: PolicyDate) -> Bool {
        (lhs.year, lhs.month, lhs.day ?? 0) < (rhs.year, rhs.month, rhs.day ?? 0)
    }

    /// `YYYY-MM-DD`, or `YYYY-MM` when the day is not known.
    public var description: String {
        let head = String(format: "%04d-%02d", year, month)
        guard let day else { return head }
        return head + String(format: "-%02d", day)
    }

    /// Decodes `YYYY-MM-DD` or `YYYY-MM`.
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = PolicyDate(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
        }
        self = date
    }

    /// Encodes the text form.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
