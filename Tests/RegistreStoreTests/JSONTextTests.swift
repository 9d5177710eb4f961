import Foundation
@testable import RegistreCore
import Testing
@testable import RegistreStore

/// The hand-written JSON of the consent path against Foundation's, and the calendar arithmetic
/// against Foundation's calendar.
@Suite struct JSONTextTests {
    static func parse(_ text: String) -> JSONReader.Value? {
        Array(text.utf8).withUnsafeBytes { JSONReader.parse($0) }
    }

    @Test(arguments: [
        #"{"a":"b","c":["d","e"],"f":{"g":null,"h":true,"i":false},"j":-12.5e+3,"k":0}"#,
        #"  [ "é", "\u00e9", "\ud83d\ude00", "\"\\\/\b\f\n\r\t" ] "#,
        #"{}"#, #"[]"#, #""plain""#, #"0"#, #"-0.0E-1"#, #"{"nested":[[[{"x":[1,2,3]}]]]}"#,
    ])
    func validJSONParsesAsJSONSerializationReadsIt(_ text: String) throws {
        let parsed = try #require(Self.parse(text))
        let expected = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        #expect((Self.foundationValue(parsed) as! NSObject) == (expected as! NSObject))
    }

    @Test(arguments: [
        "", " ", "{", "}", #"{"a"}"#, #"{"a":}"#, #"{"a":1,}"#, "[1,]", "[1 2]", #"{"a":1}x"#, "01", "1.", ".5", "-", "+1", "1e",
        "tru", "nul", "\"unterminated", "\"tab\there\"", #""\x""#, #""\u12""#, #""\ud83d""#, #""\ude00""#, #"{"a":1,"a":2}"#,
        "\"\u{0}\"", String(repeating: "[", count: 40) + String(repeating: "]", count: 40), "NaN", "'single'",
    ])
    func invalidJSONIsRefused(_ text: String) {
        #expect(Self.parse(text) == nil)
    }

    @Test func listsOfStringsReadAsTheGeneralParserReadsThem() {
        for text in [#"[]"#, #" [ "a" , "b/c", "\u00e9" ] "#, #"["a",1]"#, #"["a",]"#, #"{"a":"b"}"#, #"["a"] x"#, #""a""#] {
            let general = Self.parse(text)?.strings
            let direct = Array(text.utf8).withUnsafeBytes { JSONReader.parseStrings($0) }
            #expect(direct == general, "\(text)")
        }
        #expect(Array(#" [ "a" , "b/c", "\u00e9" ] "#.utf8).withUnsafeBytes { JSONReader.parseStrings($0) } == ["a", "b/c", "é"])
    }

    @Test func invalidUTF8InAStringIsRefused() {
        // Broken sequences, an overlong form, a lone continuation byte, an encoded surrogate, a
        // truncated sequence, bytes UTF-8 never uses; before and after ASCII text.
        for broken: [UInt8] in [[0xC3, 0x28], [0xC0, 0x80], [0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xFF], [0xFE]] {
            for bytes in [[0x22] + broken + [0x22], [0x22, 0x61] + broken + [0x62, 0x22], Array(#"{"k":""#.utf8) + broken + Array(#""}"#.utf8)] {
                #expect(bytes.withUnsafeBytes { JSONReader.parse($0) } == nil, "\(bytes)")
            }
        }
        // Valid multi-byte text around ASCII reads back as itself.
        #expect(Self.parse(#"["a", "é", "x€y", "😀"]"#)?.strings == ["a", "é", "x€y", "😀"])
    }

    @Test func aSubmissionReadsAsJSONDecoderReadsIt() throws {
        let texts = [
            #"{"visitor_id":"v-1","granted":["statistics"],"refused":["newsletter"],"method":"save","banner":{"id":"b","hash":"h"},"policy_version":"1","language":"fr","page_url":"https://exemple.fr/"}"#,
            #"{"subject_id":"client-42","visitor_id":null,"granted":[],"refused":[],"method":"withdraw","banner":{"id":"b","hash":"h","extra":1},"policy_version":"1","language":"en","unknown":[1,{"x":2}]}"#,
        ]
        for text in texts {
            let fast = try #require(Self.parse(text).flatMap(ConsentSubmission.init(json:)))
            #expect(fast == (try JSONDecoder().decode(ConsentSubmission.self, from: Data(text.utf8))))
        }
    }

    @Test(arguments: [
        #"{"granted":[],"refused":[],"method":"save","banner":{"id":"b","hash":"h"},"policy_version":"1"}"#,
        #"{"visitor_id":"v","granted":"statistics","refused":[],"method":"save","banner":{"id":"b","hash":"h"},"policy_version":"1","language":"fr"}"#,
        #"{"visitor_id":"v","granted":[],"refused":[],"method":"sometimes","banner":{"id":"b","hash":"h"},"policy_version":"1","language":"fr"}"#,
        #"{"visitor_id":7,"granted":[],"refused":[],"method":"save","banner":{"id":"b","hash":"h"},"policy_version":"1","language":"fr"}"#,
        #"{"visitor_id":"v","granted":[],"refused":[],"method":"save","banner":"b","policy_version":"1","language":"fr"}"#,
    ])
    func aSubmissionJSONDecoderRefusesIsNotReadEither(_ text: String) throws {
        let parsed = try #require(Self.parse(text))
        #expect(ConsentSubmission(json: parsed) == nil)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ConsentSubmission.self, from: Data(text.utf8)) }
    }

    @Test func writtenJSONIsWhatJSONEncoderWrites() throws {
        struct Sample: Encodable {
            var text: String
            var list: [String]
            var when: Date
        }
        let sample = Sample(text: "quote \" slash / back \\ line \n tab \t nul \u{0} bell \u{7} é 😀", list: ["a", "b/c", "é 😀 \u{7F}", ""], when: Date(timeIntervalSince1970: 1_795_000_123.9))
        var writer = JSONWriter()
        writer.object { object in
            object.field("a_null", nil)
            object.key("list")
            object.strings(sample.list)
            object.field("text", sample.text)
            object.key("when")
            object.date(sample.when)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let expected = String(decoding: try encoder.encode(sample), as: UTF8.self)
        #expect(writer.text == expected.replacingOccurrences(of: "{", with: #"{"a_null":null,"#))
        let reread = try JSONSerialization.jsonObject(with: Data(writer.text.utf8)) as? [String: Any]
        #expect(reread?["text"] as? String == sample.text)
    }

    /// Summaries (requests, holds, limits) as `JSONSerialization` wrote them, keys sorted, with
    /// a stored outcome copied as it is and an optional as its value or `null`.
    @Test func summariesAreWrittenAsJSONSerializationWritesThem() throws {
        let missing: String? = nil
        let summary: [String: Any] = [
            "id": 42, "right": "access", "overdue": false, "state": "in_progress", "ratio": 0.25, "whole": 3.0, "big": Int64(1) << 40,
            "identities": ["email=a@b.fr", "phone=+33 6 12 34 56 78"], "nothing": NSNull(), "maybe": Optional("là" as String) as Any,
            "rows": ["customer": 1, "order_line": 3, "b": 0], "nested": [["z": true, "a": [String]()], [String: Any]()],
            "text": "quote \" backslash \\ slash / newline \n tab \t bell \u{7} é 😀",
        ]
        let expected = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys, .withoutEscapingSlashes])
        let written = try summaryJSON(summary)
        #expect((try JSONSerialization.jsonObject(with: Data(written.utf8)) as! NSObject) == (try JSONSerialization.jsonObject(with: expected) as! NSObject))
        #expect(written == String(decoding: expected, as: UTF8.self))
        #expect(try summaryJSON(["absent": missing as Any]) == #"{"absent":null}"#)

        let outcome = #"{"status":"completed","rows":{"customer":1}}"#
        let request = SubjectRequest(
            id: 7, right: .access, state: .completed, subjectHash: "h", sealedDetails: "", receivedAt: Date(timeIntervalSince1970: 1_790_000_000), outcome: outcome)
        #expect(try summaryJSON(request.summary()).contains(#""outcome":\#(outcome)"#))
        let plain = SubjectRequest(
            id: 8, right: .access, state: .refused, subjectHash: "h", sealedDetails: "", receivedAt: Date(timeIntervalSince1970: 1_790_000_000), outcome: "not JSON {")
        #expect(try summaryJSON(plain.summary()).contains(#""outcome":"not JSON {""#))
        #expect(throws: EncodingError.self) { try summaryJSON(["when": Date()]) }
    }

    @Test func timestampsMatchISO8601AcrossCenturiesAndLeapDays() {
        let formatter = ISO8601DateFormatter()
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let date = Date(timeIntervalSince1970: Double(seed % 8_000_000_000) - 1_000_000_000)
            var bytes: [UInt8] = []
            JSONWriter.appendTimestamp(date, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == formatter.string(from: date))
        }
    }

    @Test func durationsAddAsTheGregorianCalendarAddsThem() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var seed: UInt64 = 42
        func next(_ bound: UInt64) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % bound)
        }
        for _ in 0..<2000 {
            let date = Date(timeIntervalSince1970: Double(next(4_000_000_000)) + Double(next(1000)) / 1000)
            let duration = ISODuration(years: next(12), months: next(30), weeks: next(3), days: next(40), hours: next(30), minutes: next(70), seconds: next(70))
            // Years and months as one count of months: 29 February + 5 years 21 months is the
            // 29th of the last month (1182/71 art. 3(2)(c)); adding the years first would clamp
            // to the 28th and carry that day on.
            var components = DateComponents()
            components.month = duration.years * 12 + duration.months
            components.day = duration.weeks * 7 + duration.days
            components.hour = duration.hours
            components.minute = duration.minutes
            components.second = duration.seconds
            let expected = calendar.date(byAdding: components, to: date)!
            #expect(abs(duration.added(to: date).timeIntervalSince(expected)) < 0.001, "\(duration.years)y \(duration.months)m \(duration.weeks)w \(duration.days)d after \(date): \(expected) vs \(duration.added(to: date))")
        }
        let days = [CivilDate(year: 1600, month: 2, day: 29), CivilDate(year: 1969, month: 12, day: 31), CivilDate(year: 2100, month: 3, day: 1)]
        for day in days { #expect(CivilDate(daysSince1970: day.daysSince1970) == day) }
    }

    static func foundationValue(_ value: JSONReader.Value) -> Any {
        switch value {
        case .object(let members): return members.mapValues(foundationValue) as NSDictionary
        case .array(let items): return items.map(foundationValue) as NSArray
        case .string(let text): return text as NSString
        case .number(let text): return (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) ?? NSNull()
        case .bool(let flag): return NSNumber(value: flag)
        case .null: return NSNull()
        }
    }
}
