import Foundation
import RegistreCore
import ZIPFoundation

/// Writes what a data subject receives: for each collection one JSON file (an array of objects,
/// one row per line) and one CSV file, an `index.html` page for an access request, and a zip of
/// them all. Loose files are written a row at a time and zipped from disk; without loose files
/// (the server's exports) each file's text is held in memory until it is zipped. Either way the
/// rows found are in memory (``SubjectRows``): an export of 100,000 rows is not streamed.
public struct SubjectExport: Sendable {
    /// What the export answers.
    public enum Kind: String, Sendable {
        /// Art. 15: every row found, every column the dataset declares, with the page.
        case access
        /// Art. 20: only fields the person provided, from activities under consent or contract.
        case portability
    }

    /// One collection's part of the export: the columns written and the rows.
    public struct Part: Sendable {
        public var collection: DatasetCollection
        public var columns: [String]
        public var rows: [[SQLValue]]
        /// Credential fields left out of the copy (``isWithheld(_:)``).
        public var withheld: [String]
    }

    /// What was written.
    public struct Summary: Sendable {
        /// Rows written per collection.
        public var rows: [String: Int]
        /// Credential fields left out, per collection.
        public var withheld: [String: [String]]
        /// Collections with rows of the person that the export leaves out, and why.
        public var left: [String: String]
        /// The zip, inside the folder.
        public var archive: URL
        /// Every file the zip holds, in the order written.
        public var files: [String]
    }

    public let kind: Kind
    let dataset: Dataset

    /// Creates an export of `kind` for rows of `dataset`.
    public init(kind: Kind, dataset: Dataset) {
        self.kind = kind
        self.dataset = dataset
    }

    /// The parts an export of this kind holds: for access every collection with personal data
    /// and rows, every declared column; for portability only the fields marked `registre.provided` in collections
    /// serving an activity based on consent or a contract (Art. 20(1)(a)), rows with nothing
    /// provided left out. `left` says which collections with rows were left out and why.
    public func parts(of found: SubjectRows, policy: Policy?) -> (parts: [Part], left: [String: String]) {
        var parts: [Part] = []
        var left: [String: String] = [:]
        for collection in dataset.collections {
            guard let rows = found.rows[collection.name], !rows.isEmpty else { continue }
            let withheld = collection.fields.filter(Self.isWithheld).map(\.name)
            let columns: [String]
            switch kind {
            case .access:
                guard collection.isPersonal else {
                    left[collection.name] = "holds no personal data (no user.* category), only rows the person's rows refer to"
                    continue
                }
                columns = rows[0].columns.filter { !withheld.contains($0) }
            case .portability:
                let provided = collection.fields.filter { $0.provided && !Self.isWithheld($0) }.map(\.name)
                guard !provided.isEmpty else {
                    left[collection.name] = "no field is marked registre.provided: true"
                    continue
                }
                let bases = collection.activities.compactMap { policy?.activity($0)?.legalBasis }
                guard bases.contains(where: { $0 == .consent || $0 == .contract }) else {
                    left[collection.name] = collection.activities.isEmpty
                        ? "the dataset does not say which activity it serves (registre.activities)"
                        : "its activities rest on neither consent nor a contract (Art. 20(1)(a))"
                    continue
                }
                columns = provided
            }
            let values = rows.map { row in columns.map { row[$0] ?? .null } }.filter { values in
                kind == .access || values.contains { $0 != .null }
            }
            guard !values.isEmpty else { continue }
            parts.append(Part(collection: collection, columns: columns, rows: values, withheld: withheld.filter { name in rows.contains { $0[name] != .null } }))
        }
        return (parts, left)
    }

    /// A credential (`user.authorization.*`: a password hash, a token) is not copied: handing it
    /// out would put the account at risk, which Art. 15(4) allows to weigh; the export says so.
    public static func isWithheld(_ field: DatasetField) -> Bool {
        field.dataCategories.contains { $0.hasPrefix("user.authorization") }
    }

    /// Writes `parts` into `folder` (created if needed) and zips them into `<kind>.zip` there;
    /// `page` renders the access page from the report once the files are named. With
    /// `writesLooseFiles` false only the zip is written, its entries straight from memory (a server
    /// keeps no second copy of the person's data beside it, and creates no file it would delete).
    public func write(_ parts: [Part], left: [String: String], to folder: URL, page: ((AccessReport) -> String)?, writesLooseFiles: Bool = true) throws -> Summary {
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ConnectorError(code: "out-unwritable", message: "cannot create the folder \(folder.path): \(error.localizedDescription)")
        }
        var files: [String] = []
        var collections: [AccessReport.Collection] = []
        var counts: [String: Int] = [:]
        var entries: [String: Data] = [:]
        func emit(_ file: String, _ body: (BufferedFile) throws -> Void) throws {
            if writesLooseFiles { return try writeFile(folder.appendingPathComponent(file), body) }
            let out = BufferedFile(handle: nil)
            try body(out)
            entries[file] = out.contents
        }
        for part in parts {
            let name = part.collection.name
            let json = Self.fileName(name, "json"), csv = Self.fileName(name, "csv")
            try emit(json) { out in try Self.writeJSON(part, to: out) }
            try emit(csv) { out in try Self.writeCSV(part, to: out) }
            files += [json, csv]
            counts[name] = part.rows.count
            let holding = Set(part.columns.enumerated().filter { index, _ in part.rows.contains { $0[index] != .null } }.map(\.element))
            collections.append(AccessReport.Collection(
                name: name, activities: part.collection.activities,
                categories: Array(Set(part.collection.fields.filter { holding.contains($0.name) && $0.isPersonal }.flatMap(\.dataCategories))).sorted(),
                columns: part.columns, withheld: part.withheld,
                rows: part.rows.prefix(AccessReportRenderer.shownRows).map { $0.map { $0.jsonText ?? "" } },
                total: part.rows.count, files: [csv, json]))
        }
        if let page {
            let report = AccessReport(collections: collections, answeredOn: CivilDate.split(Date()).0.description)
            try emit("index.html") { out in try out.write(Data(page(report).utf8)) }
            files.insert("index.html", at: 0)
        }
        let archive = folder.appendingPathComponent("\(kind.rawValue).zip")
        try? manager.removeItem(at: archive)
        do {
            let zip = try Archive(url: archive, accessMode: .create)
            for file in files {
                if let data = entries[file] {
                    try zip.addEntry(with: file, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                        data.subdata(in: Int(position)..<Int(position) + size)
                    }
                } else {
                    try zip.addEntry(with: file, fileURL: folder.appendingPathComponent(file), compressionMethod: .deflate)
                }
            }
        } catch {
            throw ConnectorError(code: "out-unwritable", message: "cannot write \(archive.path): \(error)")
        }
        let withheld = Dictionary(uniqueKeysWithValues: parts.filter { !$0.withheld.isEmpty }.map { ($0.collection.name, $0.withheld) })
        return Summary(rows: counts, withheld: withheld, left: left, archive: archive, files: files)
    }

    /// A file name for a collection: its name where it is made of letters, digits, `_`, `-` and
    /// `.` (not leading), `_` in place of anything else, so no name from a dataset file can
    /// reach outside the export's folder.
    static func fileName(_ collection: String, _ suffix: String) -> String {
        var name = String(collection.unicodeScalars.map { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "_-.".unicodeScalars.contains(scalar)) ? Character(scalar) : "_"
        })
        while name.hasPrefix(".") { name.replaceSubrange(name.startIndex...name.startIndex, with: "_") }
        return (name.isEmpty ? "_" : name) + "." + suffix
    }

    /// Creates `url` and hands `body` a buffered writer to it.
    private func writeFile(_ url: URL, _ body: (BufferedFile) throws -> Void) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil), let handle = try? FileHandle(forWritingTo: url) else {
            throw ConnectorError(code: "out-unwritable", message: "cannot write \(url.path)")
        }
        let out = BufferedFile(handle: handle)
        do {
            try body(out)
            try out.close()
        } catch {
            try? handle.close()
            throw ConnectorError(code: "out-unwritable", message: "cannot write \(url.path): \(error)")
        }
    }

    /// `[`, one object per row and line, keys in column order, `]`.
    static func writeJSON(_ part: Part, to out: BufferedFile) throws {
        try out.write(Data("[".utf8))
        for (index, row) in part.rows.enumerated() {
            var json = JSONWriter()
            json.object { object in
                for (column, value) in zip(part.columns, row) {
                    object.key(column)
                    switch value {
                    case .null: object.null()
                    case .integer(let number): object.integer(number)
                    case .real(let number): object.real(number)
                    case .text(let text): object.string(text)
                    case .blob: object.string(value.jsonText)
                    }
                }
            }
            try out.write(Data((index == 0 ? "\n" : ",\n").utf8))
            try out.write(Data(json.bytes))
        }
        try out.write(Data("\n]\n".utf8))
        try out.flush()
    }

    /// A header line of column names, then one line per row; texts are disarmed for spreadsheets
    /// (``CSV/field(_:)``), numbers written as they are, NULL as an empty field.
    static func writeCSV(_ part: Part, to out: BufferedFile) throws {
        try out.write(Data(CSV.line(part.columns.map(CSV.field)).utf8))
        for row in part.rows {
            let fields = row.map { value -> String in
                switch value {
                case .null: ""
                case .integer(let number): String(number)
                case .real(let number): String(number)
                case .text(let text): CSV.field(text)
                case .blob: value.jsonText ?? ""
                }
            }
            try out.write(Data(CSV.line(fields).utf8))
        }
        try out.flush()
    }
}

/// A file written through a buffer of about 64 KB, or, without a file, bytes kept in memory.
final class BufferedFile {
    private let handle: FileHandle?
    private var buffer = Data()

    init(handle: FileHandle?) {
        self.handle = handle
        buffer.reserveCapacity(1 << 16)
    }

    /// What was written, when there is no file.
    var contents: Data { buffer }

    func write(_ data: Data) throws {
        buffer.append(data)
        if handle != nil, buffer.count >= 1 << 16 { try flush() }
    }

    func flush() throws {
        guard let handle, !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        try handle?.close()
    }
}
