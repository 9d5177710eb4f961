import Foundation

/// Deadlines as EU law counts them (Regulation 1182/71, which the EDPB applies to the GDPR's
/// "one month" of Art. 12(3)): a period of months starting on a day ends on the same day number
/// of the last month, or on that month's last day when it has none (31 January + 1 month = the
/// last day of February); a period ending on a Saturday, a Sunday or a public holiday ends on the
/// next working day (Art. 3(4)). Holidays are France's, where Registre's users answer.
public enum LegalDeadline {
    /// The time zone in which a request's day of receipt is read.
    public static let zone = TimeZone(identifier: "Europe/Paris")!

    /// The day of `date` in ``zone``.
    public static func day(of date: Date) -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return CivilDate(year: Int64(parts.year ?? 1970), month: Int64(parts.month ?? 1), day: Int64(parts.day ?? 1))
    }

    /// The last day of a period of `months` months that starts on `start`, moved to the next
    /// working day when it is not one.
    public static func end(months: Int64, from start: CivilDate) -> CivilDate {
        let index = start.year * 12 + (start.month - 1) + months
        let year = index >= 0 ? index / 12 : (index - 11) / 12
        let month = index - year * 12 + 1
        var end = CivilDate(year: year, month: month, day: min(start.day, CivilDate.daysIn(month: month, of: year)))
        while !isWorkingDay(end) { end = CivilDate(daysSince1970: end.daysSince1970 + 1) }
        return end
    }

    /// False on Saturdays, Sundays and French public holidays.
    public static func isWorkingDay(_ day: CivilDate) -> Bool {
        let weekday = ((day.daysSince1970 % 7) + 7 + 4) % 7  // 1970-01-01 was a Thursday (4); 0 is Sunday
        return weekday != 0 && weekday != 6 && !isFrenchPublicHoliday(day)
    }

    /// The eleven public holidays of metropolitan France (Code du travail, art. L3133-1): eight on
    /// fixed dates, and Easter Monday, Ascension Day and Whit Monday after Easter.
    public static func isFrenchPublicHoliday(_ day: CivilDate) -> Bool {
        let fixed: [(Int64, Int64)] = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
        if fixed.contains(where: { $0 == (day.month, day.day) }) { return true }
        let easter = easterSunday(day.year).daysSince1970
        return [easter + 1, easter + 39, easter + 50].contains(day.daysSince1970)
    }

    /// Easter Sunday of the Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher).
    static func easterSunday(_ year: Int64) -> CivilDate {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CivilDate(year: year, month: month, day: day)
    }
}
