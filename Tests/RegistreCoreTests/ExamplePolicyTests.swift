import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import RegistreCore

/// The five seed companies and the clean example: each loads without schema errors, and its
/// notice (both languages, both formats) and register carry every activity, retention period
/// and recipient of the file.
@Suite struct ExamplePolicyTests {
    static let examples = ["odoip", "odigo-www", "odigo-helpcenter", "ouicom", "octoop", "exemple-sas"]

    static func path(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples/\(name).yaml").path
    }

    static func load(_ name: String) throws -> Policy {
        let result = try PolicyLoader.load(contentsOf: path(name))
        let errors = result.findings.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(name): \(errors.map(\.description))")
        return try #require(result.policy)
    }

    @Test(arguments: examples)
    func theNoticeCarriesEveryActivityPeriodAndRecipient(_ name: String) throws {
        let policy = try Self.load(name)
        #expect(!policy.activities.isEmpty)
        for language in policy.languages {
            let words = Vocabulary(language)
            for format in NoticeRenderer.Format.allCases {
                let notice = NoticeRenderer(policy: policy).render(language: language, format: format)
                let plain = format == .html ? Self.unescapeHTML(notice) : notice.replacingOccurrences(of: "\\|", with: "|")
                for activity in policy.activities {
                    let title = activity.name.text(in: language, fallback: policy.languages.first)
                    let heading = format == .html ? "<h3>\(title)</h3>" : "### \(title)\n"
                    let section = try #require(Self.section(of: heading, in: plain), "\(name) \(language) \(format): no section for '\(activity.id)'")
                    for rule in activity.retention {
                        for phase in rule.phases {
                            if let duration = phase.duration, !duration.isZero {
                                #expect(Self.containsPhrase(words.words(for: duration), in: section), "\(name) \(language): '\(activity.id)' lacks \(duration)")
                            }
                            if phase.duration != nil {
                                #expect(section.contains(words.done(phase.action)), "\(name) \(language): '\(activity.id)' lacks its action")
                            } else {
                                #expect(section.contains(words.pick("no set limit", "sans limite fixée")))
                            }
                        }
                        if let reference = rule.legalReference { #expect(section.contains(reference)) }
                    }
                    for recipient in activity.recipients {
                        let recipientName = try #require(policy.recipient(recipient.value)).name.text(in: language, fallback: policy.languages.first)
                        #expect(section.contains(recipientName), "\(name) \(language): '\(activity.id)' lacks recipient \(recipient.value)")
                    }
                }
                for recipient in policy.recipients {
                    #expect(plain.contains(recipient.name.text(in: language, fallback: policy.languages.first)))
                }
                for tracker in policy.trackers {
                    #expect(plain.contains(tracker.name), "\(name): tracker \(tracker.name) missing")
                }
            }
        }
    }

    @Test(arguments: examples)
    func theRegisterHasOneEntryPerActivityWithEveryPeriodAndRecipient(_ name: String) throws {
        let policy = try Self.load(name)
        for language in policy.languages {
            let json = RegisterRenderer(policy: policy).render(language: language, format: .json)
            struct Register: Decodable { var entries: [RegisterEntry] }
            let register = try JSONDecoder().decode(Register.self, from: Data(json.utf8))
            #expect(register.entries.map(\.reference) == policy.activities.map(\.id))
            for (entry, activity) in zip(register.entries, policy.activities) {
                #expect(entry.retention.count == activity.retention.count)
                #expect(entry.recipients.count == activity.recipients.count)
                #expect(entry.dataCategories.count == activity.dataCategories.count)
                for rule in activity.retention {
                    for phase in rule.phases {
                        if let duration = phase.duration, !duration.isZero {
                            #expect(Self.containsPhrase(Vocabulary(language).words(for: duration), in: entry.retention.joined(separator: " | ")))
                        }
                    }
                }
            }
            let html = Self.unescapeHTML(RegisterRenderer(policy: policy).render(language: language, format: .html))
            for entry in register.entries {
                for value in [entry.name, entry.dpo, entry.representative] + entry.recipients + entry.transfers where !value.isEmpty {
                    #expect(html.contains(value), "\(name) \(language): the HTML register lacks '\(value)'")
                }
            }
            let csv = RegisterRenderer(policy: policy).render(language: language, format: .csv)
            let rows = try Self.parseCSV(csv)
            #expect(rows.count == policy.activities.count + 1)
            #expect(rows.allSatisfy { $0.count == rows[0].count })
            #expect(rows.dropFirst().map { $0[0] } == policy.activities.map(\.id))
        }
    }

    @Test(arguments: examples)
    func theMapIsWellFormedSVGAndDOTWithEveryNode(_ name: String) throws {
        let policy = try Self.load(name)
        let map = DataFlowMap(policy: policy, language: policy.languages[0])
        let svg = map.render(format: .svg)
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "\(name): the SVG does not parse: \(String(describing: parser.parserError))")
        let dot = map.render(format: .dot)
        #expect(dot.hasPrefix("digraph registre {") && dot.hasSuffix("}\n"))
        for activity in policy.activities { #expect(dot.contains("\"a:\(activity.id)\"")) }
        for recipient in policy.recipients { #expect(dot.contains("\"r:\(recipient.id)\"")) }
        // Every recipient outside the EEA is drawn with the colour of its safeguard, on its own edge.
        let edges = dot.split(separator: "\n").filter { $0.contains(" -> ") }
        for recipient in policy.recipients {
            for country in recipient.countries where !Country.isInEEA(country.value) {
                let safeguard = recipient.safeguard ?? (Country.adequate.contains(country.value) ? .adequacy : nil)
                let color = map.style(.transfer(safeguard)).color
                let edge = edges.first { $0.contains("\"r:\(recipient.id)\" -> \"c:\(country.value)\"") }
                #expect(edge?.contains("color=\"\(color)\"") == true, "\(name): \(recipient.id) -> \(country.value) is not drawn in \(color)")
            }
        }
    }

    /// True when `phrase` stands in `text` on its own: "1 year" is not found inside "11 years".
    static func containsPhrase(_ phrase: String, in text: String) -> Bool {
        var searchRange = text.startIndex..<text.endIndex
        while let range = text.range(of: phrase, range: searchRange) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            if !(before?.isNumber ?? false), !(after?.isLetter ?? false) { return true }
            searchRange = range.upperBound..<text.endIndex
        }
        return false
    }

    /// The text of the section that starts at `title` and ends at the next heading.
    static func section(of title: String, in document: String) -> String? {
        guard let start = document.range(of: title) else { return nil }
        let rest = document[start.upperBound...]
        let end = ["\n### ", "\n## ", "<h3>", "<h2>"].compactMap { rest.range(of: $0)?.lowerBound }.min() ?? rest.endIndex
        return String(rest[..<end])
    }

    static func unescapeHTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// A strict RFC 4180 reader, so the test does not trust the writer's own idea of quoting.
    static func parseCSV(_ text: String) throws -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false, index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if quoted {
                if character == "\"" {
                    let next = text.index(after: index)
                    if next < text.endIndex, text[next] == "\"" { field.append("\""); index = next } else { quoted = false }
                } else { field.append(character) }
            } else if character == "\"" { quoted = true
            } else if character == "," { row.append(field); field = ""
            } else if character == "\r\n" || character == "\n" { row.append(field); rows.append(row); row = []; field = ""
            } else { field.append(character) }
            index = text.index(after: index)
        }
        return rows
    }
}
