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
