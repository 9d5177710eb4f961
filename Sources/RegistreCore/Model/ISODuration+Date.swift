import Foundation

extension ISODuration {
    /// The instant `self` after `date`, in UTC. Months and years are counted as Regulation
    /// (EEC, Euratom) 1182/71 art. 3(2)(c) counts them: the same day number in the later month, or
    /// its last day when it is shorter (31 January + 1 month = last day of February). Years and
    /// months count as one number of months from the start day, clamped only in the final month
    /// (29 February 2028 + 5 years 21 months = 29 November 2034, not the 28th that adding the
    /// years first would carry on); then weeks, days and the time are added.
    public func added(to date: Date) -> Date {
        let (start, secondOfDay) = CivilDate.split(date)
        let monthIndex = start.year * 12 + (start.month - 1) + Int64(years) * 12 + Int64(months)
        let year = monthIndex >= 0 ? monthIndex / 12 : (monthIndex - 11) / 12
        let month = monthIndex - year * 12 + 1
        let day = min(start.day, CivilDate.daysIn(month: month, of: year))
        let days = CivilDate(year: year, month: month, day: day).daysSince1970 + Int64(weeks) * 7 + Int64(self.days)
        let time = Double(hours) * 3600 + Double(minutes) * 60 + Double(seconds)
        return Date(timeIntervalSince1970: Double(days) * 86_400 + secondOfDay + time)
    }
}

extension ISODuration {
    /// The instant `self` after `date` on the wall clock of `timeZone`: months and years counted
    /// as ``added(to:)`` counts them, on the date and time `date` shows there, so that midnight
    /// in Paris on 31 January plus one month is midnight in Paris on the last day of February,
    /// whatever the offset did in between (a time that a change to summer time skips moves
    /// forward to the first one that exists).
    public func added(to date: Date, in timeZone: TimeZone) -> Date {
        let wallClock = date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))
        return timeZone.instant(wallClock: added(to: Date(timeIntervalSince1970: wallClock)).timeIntervalSince1970)
    }
}

extension TimeZone {
    /// The instant at which this zone's clocks show `wallClock` (seconds since 1970, read as if
    /// in UTC). A time that a change to summer time skips comes out an hour later; one that
    /// occurs twice when summer time ends, at its second occurrence.
    public func instant(wallClock: Double) -> Date {
        let guess = wallClock - Double(secondsFromGMT(for: Date(timeIntervalSince1970: wallClock)))
        return Date(timeIntervalSince1970: wallClock - Double(secondsFromGMT(for: Date(timeIntervalSince1970: guess))))
    }

    /// The day `date` falls on in this zone.
    public func civilDay(of date: Date) -> CivilDate {
        CivilDate.split(date.addingTimeInterval(Double(secondsFromGMT(for: date)))).day
    }
}
