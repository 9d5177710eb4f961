import Foundation

/// An ISO 8601 duration such as `P3Y`, `P13M`, `P30D` or `P1Y6M`: how long data is kept, how long
/// a tracker lives, how long the controller has to answer.
///
/// Only the calendar form is accepted (years, months, weeks, days, and hours, minutes, seconds
/// after `T`), never negative, never fractional: a retention period must be something a database
/// can compare.
public struct ISODuration: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Whole years (`Y`).
    public var years = 0
    /// Whole months (`M` before `T`).
    public var months = 0
    /// Whole weeks (`W`).
    public var weeks = 0
    /// Whole days (`D`).
    public var days = 0
    /// Whole hours (`H`).
    public var hours = 0
    /// Whole minutes (`M` after `T`).
    public var minutes = 0
    /// Whole seconds (`S`).
    public var seconds = 0

    /// Creates a duration from its parts.
    public init(years: Int = 0, months: Int = 0, weeks: Int = 0, days: Int = 0, hours: Int = 0, minutes: Int = 0, seconds: Int = 0) {
        self.years = years
        self.months = months
        self.weeks = weeks
        self.days = days
        self.hours = hours
        self.minutes = minutes
        self.seconds = seconds
    }

    /// Parses `text`, or throws an error whose message says how to write the period instead.
    public init(parsing text: String) throws(DurationError) {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard text.first == "P" else { throw DurationError(text: text, reason: Self.hint(for: text)) }
        var inTime = false
        var number: Int?
        var seen: Set<String> = []
        var result = ISODuration()
        for character in text.dropFirst() {
            if let digit = character.wholeNumberValue, character.isASCII {
                let (scaled, overflowA) = (number ?? 0).multipliedReportingOverflow(by: 10)
                let (sum, overflowB) = scaled.addingReportingOverflow(digit)
                guard !overflowA, !overflowB, sum < 100_000 else {
                    throw DurationError(text: text, reason: "the number is too large")
                }
                number = sum
                continue
            }
            if character == "." || character == "," {
                throw DurationError(text: text, reason: "fractions are not accepted; use a smaller unit (P18M rather than P1.5Y)")
            }
            if character == "T" {
                guard !inTime, number == nil else { throw DurationError(text: text, reason: "'T' is misplaced") }
                inTime = true
                continue
            }
            guard let value = number else {
                throw DurationError(text: text, reason: "'\(character)' must follow a whole number (fractions and signs are not accepted)")
            }
            let designator = (inTime ? "T" : "") + String(character)
            guard !seen.contains(designator) else {
                throw DurationError(text: text, reason: "'\(character)' appears twice")
            }
            seen.insert(designator)
            switch designator {
            case "Y": result.years = value
            case "M": result.months = value
            case "W": result.weeks = value
            case "D": result.days = value
            case "TH": result.hours = value
            case "TM": result.minutes = value
            case "TS": result.seconds = value
            default:
                throw DurationError(text: text, reason: "'\(character)' is not a unit; use Y, M, W, D (and H, M, S after T)")
            }
            number = nil
        }
        guard number == nil else { throw DurationError(text: text, reason: "the number at the end has no unit") }
        guard !seen.isEmpty else { throw DurationError(text: text, reason: "it has no value; write P0D for zero") }
        if inTime, !seen.contains(where: { $0.hasPrefix("T") }) {
            throw DurationError(text: text, reason: "'T' must be followed by hours, minutes or seconds")
        }
        self = result
    }

    /// A hint for periods written in words, such as `3 ans` or `13 months`.
    private static func hint(for text: String) -> String {
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" })
        if text.hasPrefix("-") { return "a duration cannot be negative" }
        if words.count == 2, let amount = Int(words[0]) {
            let unit: String? = switch words[1] {
            case "an", "ans", "année", "années", "year", "years": "Y"
            case "mois", "month", "months": "M"
            case "semaine", "semaines", "week", "weeks": "W"
            case "jour", "jours", "day", "days": "D"
            default: nil
            }
            if let unit { return "write it as P\(amount)\(unit)" }
        }
        return "write it in ISO 8601 form: P3Y (3 years), P13M (13 months), P30D (30 days), P1Y6M"
    }

    /// The sum of two durations, part by part.
    public func adding(_ other: ISODuration) -> ISODuration {
        ISODuration(
            years: years + other.years, months: months + other.months, weeks: weeks + other.weeks, days: days + other.days,
            hours: hours + other.hours, minutes: minutes + other.minutes, seconds: seconds + other.seconds)
    }

    /// True when every part is zero.
    public var isZero: Bool { self == ISODuration() }

    /// The fewest seconds the duration lasts on any wall clock: years of 365 days, months of 28,
    /// less the hour a change to summer time takes away.
    public var shortestSeconds: TimeInterval {
        let days = Double(years * 365 + months * 28 + weeks * 7 + days)
        return max(days * 86_400 - 3600, 0) + Double(hours * 3600 + minutes * 60 + seconds)
    }

    /// The length in days, counting a month as the Gregorian average (30.436875 days), so that
    /// `P13M` and `P1Y1M` are equal and `P396D` is longer than both.
    public var approximateDays: Double {
        Double(years) * 365.2425 + Double(months) * 30.436875 + Double(weeks * 7 + days)
            + Double(hours) / 24 + Double(minutes) / 1440 + Double(seconds) / 86400
    }

    /// The length in whole months, when the duration is made of years and months only.
    public var wholeMonths: Int? {
        weeks == 0 && days == 0 && hours == 0 && minutes == 0 && seconds == 0 ? years * 12 + months : nil
    }

    /// Compares lengths, see ``approximateDays``.
    public func isLonger(than other: ISODuration) -> Bool { approximateDays > other.approximateDays + 1e-9 }

    /// The ISO 8601 text.
    public var description: String {
        var text = "P"
        if years > 0 { text += "\(years)Y" }
        if months > 0 { text += "\(months)M" }
        if weeks > 0 { text += "\(weeks)W" }
        if days > 0 { text += "\(days)D" }
        if hours > 0 || minutes > 0 || seconds > 0 {
            text += "T"
            if hours > 0 { text += "\(hours)H" }
            if minutes > 0 { text += "\(minutes)M" }
            if seconds > 0 { text += "\(seconds)S" }
        }
        return text == "P" ? "P0D" : text
    }

    /// Decodes the ISO 8601 text.
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try ISODuration(parsing: text)
    }

    /// Encodes the ISO 8601 text.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// One month: the deadline to answer a request (GDPR Art. 12(3)).
    public static let oneMonth = ISODuration(months: 1)
    /// Two months: the one extension of that deadline (GDPR Art. 12(3)).
    public static let twoMonths = ISODuration(months: 2)
    /// Thirteen months: the CNIL's bound on a tracker's lifetime and on keeping a consent.
    public static let thirteenMonths = ISODuration(months: 13)
    /// Twenty-five months: the CNIL's bound on keeping audience-measurement data without consent.
    public static let twentyFiveMonths = ISODuration(months: 25)
}

/// A period that is not an ISO 8601 duration, with how to write it.
public struct DurationError: Error, Sendable, CustomStringConvertible {
    /// The text as written.
    public var text: String
    /// Why it was refused and how to write it.
    public var reason: String

    public var description: String { "'\(shown(text))' is not a valid duration: \(reason)" }
}
