import ArgumentParser
import Foundation
import RegistreDiscovery

/// `registre corpus ...`: the labelled corpus the detectors are measured on.
struct CorpusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus",
        abstract: "Generate a labelled French and English corpus, and measure the detectors on it.",
        subcommands: [Generate.self, Evaluate.self]
    )

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Write support tickets, CRM notes, call transcripts and logs with their personal data labelled.",
            discussion: """
                Writes OUT/corpus.jsonl (one document per line: kind, language, text, labels and near \
                misses with byte offsets) and OUT/corpus.txt (the texts, a blank line between). Values \
                are valid (check digits computed from their definitions); near misses are a digit or a \
                key off. The same seed writes the same corpus.
                """
        )

        @Option(help: "The folder to write into (created).")
        var out: String

        @Option(help: "How many documents.")
        var documents = 2000

        @Option(help: "The seed.")
        var seed: UInt64 = 1

        @Flag(help: "Documents of the same kinds with no personal data at all (for the speed benchmark).")
        var piiFree = false

        func validate() throws {
            guard documents > 0 else { throw ValidationError("--documents must be at least 1") }
        }

        func run() throws {
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                printError("error: --out \(out): \(error.localizedDescription)")
                throw ExitCode(2)
            }
            var generator = CorpusGenerator(seed: seed, personalData: !piiFree)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var lines = Data(), texts = Data()
            for index in 0..<documents {
                let document = generator.next()
                lines += try encoder.encode(document) + Data([10])
                if index > 0 { texts += Data("\n\n".utf8) }
                texts += Data(document.text.utf8)
            }
            try lines.write(to: URL(fileURLWithPath: out).appendingPathComponent("corpus.jsonl"))
            try texts.write(to: URL(fileURLWithPath: out).appendingPathComponent("corpus.txt"))
            print("wrote \(documents) documents (\(texts.count) bytes) to \(out)")
        }
    }

    struct Evaluate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "evaluate",
            abstract: "Precision and recall of the detectors per type on a labelled corpus.",
            discussion: """
                Reads a corpus.jsonl written by corpus generate. A finding counts as found when it \
                overlaps a label of its type. Exit status: 0; 1 with --require when a checksum-validated \
                type (IBAN, card, SIREN, SIRET, NIR) is below it in precision or recall, or a SIRET was \
                reported as a card, a date inside an IP address, or a near miss as what it imitates; 2 \
                unreadable corpus.
                """
        )

        @Argument(help: "The corpus.jsonl file.")
        var corpus: String

        @Option(help: "The least confidence a finding needs.")
        var minConfidence = 0.5

        @Option(help: "The precision and recall the checksum-validated types must reach.")
        var require: Double?

        @Flag(help: "List each miss and false alarm with its context.")
        var mistakes = false

        func run() throws {
            guard let data = FileManager.default.contents(atPath: corpus) else {
                printError("error: \(corpus): cannot read it")
                throw ExitCode(2)
            }
            var documents: [CorpusDocument] = []
            let decoder = JSONDecoder()
            for (number, line) in data.split(separator: 10).enumerated() {
                do {
                    documents.append(try decoder.decode(CorpusDocument.self, from: Data(line)))
                } catch {
                    printError("error: \(corpus):\(number + 1): not a corpus document: \(error)")
                    throw ExitCode(2)
                }
            }
            let evaluation = CorpusEvaluation.evaluate(documents, scanner: PersonalDataScanner(minimumConfidence: minConfidence), listsMistakes: mistakes)
            print(evaluation.text(), terminator: "")
            for mistake in evaluation.mistakes { print(mistake) }
            if let require, !evaluation.meets(require) { throw ExitCode(1) }
        }
    }
}
