import Testing

@testable import RegistreDiscovery

@Suite struct StreamingTests {
    /// Reads `bytes` as a stream `chunk` bytes at a time, however the scanner asks.
    func streamed(_ bytes: [UInt8], chunkSize: Int, readSize: Int = .max) throws -> [DiscoveryFinding] {
        var position = 0
        var findings: [DiscoveryFinding] = []
        try StreamingScanner(scanner: PersonalDataScanner(), chunkSize: chunkSize).scan(read: { buffer in
            let count = min(buffer.count, bytes.count - position, readSize)
            for index in 0..<count { buffer[index] = bytes[position + index] }
            position += count
            return count
        }) { window in findings += window.findings }
        return findings
    }

    @Test(arguments: [4096, 5000, 7777])
    func chunksFindWhatTheWholeFinds(chunkSize: Int) throws {
        var generator = CorpusGenerator(seed: 3)
        var text: [UInt8] = []
        while text.count < 300_000 { text += Array(generator.next().text.utf8) }
        let whole = PersonalDataScanner().scan(text)
        #expect(whole.count > 1000)
        #expect(try streamed(text, chunkSize: chunkSize) == whole)
        // Short reads (a pipe gives what it has) change nothing.
        #expect(try streamed(text, chunkSize: chunkSize, readSize: 1000) == whole)
    }

    @Test func aLineOfAHundredMegabytesKeepsTheBufferItsSize() throws {
        // 100 MB without a newline: letters, then an e-mail, a phone and an IBAN near the end.
        let size = 100_000_000
        let tail = Array(" jean@exemple.fr 06 12 34 56 78 FR7630006000011234567890189".utf8)
        var position = 0
        var windows = 0, largest = 0
        var found: [DiscoveryFinding] = []
        try StreamingScanner(scanner: PersonalDataScanner()).scan(read: { buffer in
            let count = min(buffer.count, size + tail.count - position)
            for index in 0..<count {
                let at = position + index
                buffer[index] = at < size ? UInt8(ascii: "a") &+ UInt8(at % 26) : tail[at - size]
            }
            position += count
            return count
        }) { window in
            windows += 1
            largest = max(largest, window.bytes.count)
            found += window.findings
        }
        #expect(windows > 90)
        #expect(largest <= (1 << 20) + 1024)
        #expect(found.map(\.type) == [.email, .phone, .iban])
        #expect(found[0].offset == size + 1)
    }

    @Test func redactionReplacesEachFindingAcrossChunks() throws {
        let line = "Client : M. Jean Dupont, jean@exemple.fr, 06 12 34 56 78, SIRET 732 829 320 00074.\n"
        let text = Array(String(repeating: line, count: 400).utf8)
        for replacement in [Redactor.Replacement.tag, .mask] {
            var output: [UInt8] = []
            var redactor = Redactor(replacement: replacement) { output += $0 }
            var position = 0
            try StreamingScanner(scanner: PersonalDataScanner(), chunkSize: 4096).scan(read: { buffer in
                let count = min(buffer.count, text.count - position)
                for index in 0..<count { buffer[index] = text[position + index] }
                position += count
                return count
            }) { try redactor.consume($0) }
            let redacted = String(decoding: output, as: UTF8.self)
            switch replacement {
            case .tag:
                #expect(redacted == String(repeating: "Client : M. [PERSON_NAME], [EMAIL], [PHONE], SIRET [SIRET].\n", count: 400))
            default:
                #expect(redacted == String(repeating: "Client : M. ***********, ***************, **************, SIRET *****************.\n", count: 400))
            }
        }
    }

    @Test func pseudonymsAreTheSameForOneValueWrittenTwoWays() {
        let national = Array("06 12 34 56 78".utf8), international = Array("+33 6 12 34 56 78".utf8)
        let a = national.withUnsafeBufferPointer { Redactor.normalised($0, type: .phone) }
        let b = international.withUnsafeBufferPointer { Redactor.normalised($0, type: .phone) }
        #expect(a == b)
        #expect(String(decoding: a, as: UTF8.self) == "+33612345678")
    }
}

@Suite struct CorpusTests {
    /// The goals on a corpus of 4,000 documents: 0.99 precision and recall on the
    /// checksum-validated types, no SIRET as a card, no date inside an IP address.
    @Test(arguments: [UInt64(11), 12])
    func checksumTypesReachTheGoal(seed: UInt64) {
        var generator = CorpusGenerator(seed: seed)
        let documents = (0..<4000).map { _ in generator.next() }
        let evaluation = CorpusEvaluation.evaluate(documents, scanner: PersonalDataScanner(), listsMistakes: true)
        for type in PersonalDataType.allCases where type.isChecksumValidated {
            let score = evaluation.scores[type]!
            #expect(score.truePositives > 300, "\(type)")
            #expect(score.precision >= 0.99, "\(type): \(evaluation.mistakes.filter { $0.contains(type.rawValue) }.prefix(5))")
            #expect(score.recall >= 0.99, "\(type): \(evaluation.mistakes.filter { $0.contains(type.rawValue) }.prefix(5))")
        }
        #expect(evaluation.siretsReportedAsCards == 0)
        #expect(evaluation.datesInsideAddresses == 0)
        #expect(evaluation.nearMissesReported == 0)
        // The other types are measured too; these are floors, not goals.
        for type in [PersonalDataType.email, .phone, .ipv4, .ipv6, .dateOfBirth, .postalAddress, .personName] {
            #expect(evaluation.scores[type]!.precision >= 0.95, "\(type)")
            #expect(evaluation.scores[type]!.recall >= 0.95, "\(type)")
        }
    }

    @Test func theSameSeedWritesTheSameCorpus() {
        var first = CorpusGenerator(seed: 5), second = CorpusGenerator(seed: 5), other = CorpusGenerator(seed: 6)
        let a = (0..<50).map { _ in first.next().text }, b = (0..<50).map { _ in second.next().text }
        #expect(a == b)
        #expect(a != (0..<50).map { _ in other.next().text })
    }

    @Test func piiFreeTextHasNothingToFind() {
        var generator = CorpusGenerator(seed: 9, personalData: false)
        let text = (0..<2000).map { _ in generator.next().text }.joined(separator: "\n\n")
        let findings = PersonalDataScanner().scan(text)
        #expect(findings.count <= 10, "\(findings.prefix(10))")
    }
}
