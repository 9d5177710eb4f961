import Foundation
import Testing
@testable import RegistreCore

/// Months as Regulation 1182/71 counts them, moved past weekends and French public holidays.
@Suite struct LegalDeadlineTests {
    static func day(_ text: String) -> CivilDate { CivilDate(iso: text)! }

    @Test(arguments: [
        ("2026-01-31", 1, "2026-03-02"),  // no 31 February: the last day, Saturday 28 February, then Monday
        ("2028-01-31", 1, "2028-02-29"),  // a leap year's last day of February, a Tuesday
        ("2026-03-16", 1, "2026-04-16"),  // the same day number, a Thursday
        ("2026-10-10", 1, "2026-11-10"),  // a Tuesday before 11 November
        ("2026-10-11", 1, "2026-11-12"),  // 11 November (Armistice) is a holiday: the next day
        ("2026-03-06", 2, "2026-05-06"),  // a Wednesday
        ("2026-04-01", 1, "2026-05-04"),  // 1 May is a Friday and a holiday, then the weekend
        ("2026-11-30", 3, "2027-03-01"),  // 28 February 2027 is a Sunday
        ("2026-12-25", 1, "2027-01-25"),
        ("2026-11-22", 1, "2026-12-22"),
    ])
    func periodsEndWhereTheRegulationSays(start: String, months: Int64, end: String) {
        #expect(LegalDeadline.end(months: months, from: Self.day(start)) == Self.day(end))
    }

    @Test func easterAndTheHolidaysItMoves() {
        #expect(LegalDeadline.easterSunday(2026) == Self.day("2026-04-05"))
        #expect(LegalDeadline.easterSunday(2027) == Self.day("2027-03-28"))
        #expect(LegalDeadline.easterSunday(2038) == Self.day("2038-04-25"))
        for holiday in ["2026-04-06", "2026-05-14", "2026-05-25", "2026-07-14", "2026-08-15", "2026-12-25"] {
            #expect(LegalDeadline.isFrenchPublicHoliday(Self.day(holiday)), "\(holiday)")
        }
        #expect(!LegalDeadline.isFrenchPublicHoliday(Self.day("2026-04-07")))
        #expect(!LegalDeadline.isWorkingDay(Self.day("2026-11-22")), "a Sunday")
        #expect(LegalDeadline.isWorkingDay(Self.day("2026-11-23")))
    }

    @Test func theDayOfReceiptIsReadInParis() {
        // 23:30 UTC on 31 January is already 1 February in Paris.
        let late = Date(timeIntervalSince1970: 1_769_902_200)
        #expect(LegalDeadline.day(of: late) == Self.day("2026-02-01"))
    }

    @Test func isoDatesAreReadStrictly() {
        #expect(CivilDate(iso: "2026-02-28")?.description == "2026-02-28")
        for bad in ["2026-02-29", "2026-2-28", "26-02-28", "2026-13-01", "2026-02-28T00:00", ""] { #expect(CivilDate(iso: bad) == nil, "\(bad)") }
    }

    @Test func datesAreWrittenAsPeopleReadThem() {
        #expect(Self.day("2026-04-01").words(in: "fr") == "1er avril 2026" && Self.day("2026-04-20").words(in: "fr") == "20 avril 2026")
        #expect(Self.day("2026-08-01").words(in: "en") == "1 August 2026" && Self.day("2026-12-31").words(in: "de") == "31 December 2026")
    }
}
