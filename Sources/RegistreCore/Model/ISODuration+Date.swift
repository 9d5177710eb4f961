import Foundation

extension ISODuration {
    /// The instant `self` after `date`, in UTC. Months and years are counted as Regulation
    /// (EEC, Euratom) 1182/71 art. 3(2)(c) counts them: the same day number in the later month, or
    /// its last day when it is shorter (31 January + 1 month = last day of February).
    public func added(to date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        // Foundation's calendar clamps to the end of a shorter month, which is the rule above.
        var components = DateComponents()
        components.year = years
        components.month = months
        components.day = weeks * 7 + days
        components.hour = hours
        components.minute = minutes
        components.second = seconds
        return calendar.date(byAdding: components, to: date) ?? date.addingTimeInterval(approximateDays * 86_400)
    }
}
