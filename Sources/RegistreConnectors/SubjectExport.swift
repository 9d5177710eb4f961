import Foundation
import RegistreCore
import ZIPFoundation

/// Writes what a data subject receives: for each collection one JSON file (an array of objects,
/// one row per line) and one CSV file, an `index.html` page for an access request, and a zip of
/// them all. The rows are streamed: a search that kept only the columns linking the rows
/// (``SubjectFinder/Keeping/links``) gives their keys, and each collection's rows are read again
/// by primary key a batch at a time and written straight to the files, so memory holds the keys,
/// never the rows (a collection without a primary key is kept whole by the search and written
/// from there). The zip is made from the files; without loose files (the server's exports) a
/// file stays in memory up to `memoryPerFile` bytes, beyond which it goes to a hidden folder
/// beside the zip, removed once the zip is made.
public struct SubjectExport: Sendable {
    /// What the export answers.
    public enum Kind: String, Sendable {
        /// Art. 15: every row found, every column the dataset declares, with the page.
        case access
        /// Art. 20: only fields the person provided, from activities under consent or contract.
        case portability
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
        /// How many queries reading the rows again took.
        public var queries: Int
    }

    public let kind: Kind
    let dataset: Dataset

    /// How much of one file an export without loose files keeps in memory before writing it out:
    /// a person's usual rows never touch the disk but in the zip, 100,000 rows do.
    var memoryPerFile = 1 << 20

    /// Creates an export of `kind` for rows of `dataset`.
    public init(kind: Kind, dataset: Dataset) {
        self.kind = kind
        self.dataset = dataset
    }

    /// The columns an export of this kind gives of `collection`, or why it leaves the collection
    /// out: for access every declared column of a collection with personal data; for portability
    /// only the fields marked `registre.provided` in collections serving an activity based on
    /// consent or a contract (Art. 20(1)(a)). Credentials are never given (``isWithheld(_:)``).
    func columns(of collection: DatasetCollection, policy: Policy?) -> Result<[String], Refusal> {
        switch kind {
        case .access:
            guard collection.isPersonal else {
                return .failure(Refusal("holds no personal data (no user.* category), only rows the person's rows refer to"))
            }
            return .success(collection.fields.filter { !Self.isWithheld($0) }.map(\.name))
        case .portability:
            let provided = collection.fields.filter { $0.provided && !Self.isWithheld($0) }.map(\.name)
            guard !provided.isEmpty else { return .failure(Refusal("no field is marked registre.provided: true")) }
            let bases = collection.activities.compactMap { policy?.activity($0)?.legalBasis }
            guard bases.contains(where: { $0 == .consent || $0 == .contract }) else {
                return .failure(Refusal(collection.activities.isEmpty
                    ? "the dataset does not say which activity it serves (registre.activities)"
                    : "its activities rest on neither consent nor a contract (Art. 20(1)(a))"))
            }
            return .success(provided)
        }
    }

    /// Why a collection with rows of the person is left out of the export.
    struct Refusal: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// A credential (`user.authorization.*`: a password hash, a token) is not copied: handing it
    /// out would put the account at risk, which Art. 15(4) allows to weigh; the export says so.
    public static func isWithheld(_ field: DatasetField) -> Bool {
        field.dataCategories.contains { $0.hasPrefix("user.authorization") }
    }

    /// Writes the export of the rows `found` into `folder` (created if needed) and zips it into
    /// `<kind>.zip` there, reading the rows again through `connector`; `page` renders the access
    /// page from the report once the files are named. With `writesLooseFiles` false only the
    /// zip stays (a server keeps no second copy of the person's data beside it). Portability
    /// leaves out rows with nothing provided.
    public func write(
        _ found: SubjectRows, policy: Policy?, reading connector: any Connector, to folder: URL, page: ((AccessReport) -> String)?,
        writesLooseFiles: Bool = true
    ) async throws -> Summary {
        let manager = FileManager.default
        // Without loose files, the hidden folder is made only by a file that outgrows memory.
        let files = writesLooseFiles ? folder : folder.appendingPathComponent(".files-\(UUID().uuidString)")
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ConnectorError(code: "out-unwritable", message: "cannot create the folder \(folder.path): \(error.localizedDescription)")
        }
        defer { if !writesLooseFiles, manager.fileExists(atPath: files.path) { try? manager.removeItem(at: files) } }
        let memory = writesLooseFiles ? 0 : memoryPerFile
        var entries: [(name: String, content: BufferedFile.Content)] = []
        var collections: [AccessReport.Collection] = []
        var counts: [String: Int] = [:]
        var withheld: [String: [String]] = [:]
        var left: [String: String] = [:]
        var queries = 0
        for collection in dataset.collections {
            guard let rows = found.rows[collection.name], !rows.isEmpty else { continue }
            let columns: [String]
            switch self.columns(of: collection, policy: policy) {
            case .success(let given): columns = given
            case .failure(let refusal): left[collection.name] = refusal.reason; continue
            }
            let json = Self.fileName(collection.name, "json"), csv = Self.fileName(collection.name, "csv")
            let part = try PartWriter(
                kind: kind, columns: columns, withheld: collection.fields.filter(Self.isWithheld).map(\.name),
                json: files.appendingPathComponent(json), csv: files.appendingPathComponent(csv), memory: memory)
            do {
                try await Self.readAgain(rows, of: collection, schema: dataset.schema, through: connector, queries: &queries) { try part.add($0) }
                try part.close()
            } catch let error as ConnectorError {
                throw error
            } catch {
                throw ConnectorError(code: "out-unwritable", message: "cannot write \(files.appendingPathComponent(json).path): \(error)")
            }
            guard part.count > 0 else {
                part.discard()
                continue
            }
            entries += [(json, part.json.content), (csv, part.csv.content)]
            counts[collection.name] = part.count
            if !part.withheldHeld.isEmpty { withheld[collection.name] = part.withheldHeld }
            collections.append(AccessReport.Collection(
                name: collection.name, activities: collection.activities,
                categories: Array(Set(collection.fields.filter { part.holding.contains($0.name) && $0.isPersonal }.flatMap(\.dataCategories))).sorted(),
                columns: columns, withheld: part.withheldHeld, rows: part.shown, total: part.count, files: [csv, json]))
        }
        if let page {
            let report = AccessReport(collections: collections, answeredOn: CivilDate.split(Date()).0.description)
            let html = Data(page(report).utf8)
            if writesLooseFiles, !manager.createFile(atPath: files.appendingPathComponent("index.html").path, contents: html) {
                throw ConnectorError(code: "out-unwritable", message: "cannot write \(files.appendingPathComponent("index.html").path)")
            }
            entries.insert(("index.html", .data(html)), at: 0)
        }
        let archive = folder.appendingPathComponent("\(kind.rawValue).zip")
        try? manager.removeItem(at: archive)
        do {
            let zip = try Archive(url: archive, accessMode: .create)
            for (name, content) in entries { try Self.add(content, as: name, to: zip) }
        } catch {
            throw ConnectorError(code: "out-unwritable", message: "cannot write \(archive.path): \(error)")
        }
        return Summary(rows: counts, withheld: withheld, left: left, archive: archive, files: entries.map(\.name), queries: queries)
    }

    /// Adds `content` to `zip` as the entry `name`, compressed, read from memory or from its
    /// file a chunk at a time. (Adding by file URL asks Foundation about the file three times
    /// through `NSURL`, which on Linux cost more than compressing a person's rows.)
    static func add(_ content: BufferedFile.Content, as name: String, to zip: Archive) throws {
        switch content {
        case .data(let data):
            try zip.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<min(data.count, Int(position) + size))
            }
        case .file(let path):
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw ConnectorError(code: "out-unwritable", message: "cannot read \(path) again")
            }
            defer { try? handle.close() }
            let size = try handle.seekToEnd()
            try zip.addEntry(with: name, type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate) { position, size in
                try handle.seek(toOffset: UInt64(position))
                return try handle.read(upToCount: size) ?? Data()
            }
        }
    }

    /// Hands `body` the whole rows of `collection` for the rows `found`, a batch at a time, in
    /// key order. Rows the search kept whole are handed as they are; otherwise they are read again
    /// by the first column of the primary key, at most ``maximumBatch`` values a query, and only
    /// the rows whose whole key was found are kept (a row added since is not the person's find).
    static func readAgain(
        _ found: [Row], of collection: DatasetCollection, schema: String?, through connector: any Connector, queries: inout Int,
        _ body: ([Row]) throws -> Void
    ) async throws {
        let columns = collection.fields.map(\.name)
        guard let first = collection.primaryKey.first?.name, found.first?.columns != columns else {
            for start in stride(from: 0, to: found.count, by: maximumBatch) {
                try body(Array(found[start..<min(start + maximumBatch, found.count)]))
            }
            return
        }
        // A key of one column names one row: the leads are the keys, in order. A longer key is
        // read by its first column, and the rows whose whole key was not found are left.
        let keys = collection.primaryKey.count > 1 ? Set(found.map { SubjectFinder.key(of: $0, in: collection) }) : nil
        var leads: [SQLValue] = []
        leads.reserveCapacity(found.count)
        for row in found {
            let lead = row[first] ?? .null
            if leads.last != lead { leads.append(lead) }
        }
        let table = TableName(schema: schema, name: collection.name)
        for start in stride(from: 0, to: leads.count, by: maximumBatch) {
            queries += 1
            let rows = try await connector.rows(
                of: table, columns: columns, where: first, matchesAnyOf: Array(leads[start..<min(start + maximumBatch, leads.count)]),
                caseInsensitive: false)
            let keyed = rows.map { (SubjectFinder.key(of: $0, in: collection), $0) }.filter { keys?.contains($0.0) ?? true }
            try body(keyed.sorted { $0.0.lexicographicallyPrecedes($1.0) }.map(\.1))
        }
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
}

/// One collection's two files, JSON and CSV, written a batch of rows at a time, with what the
/// access page needs kept on the way: the count, the columns holding something, the first rows.
final class PartWriter {
    let kind: SubjectExport.Kind
    let columns: [String]
    let withheld: [String]
    let json: BufferedFile
    let csv: BufferedFile
    /// Rows written.
    private(set) var count = 0
    /// Columns holding a value in at least one row written.
    private(set) var holding: Set<String> = []
    /// Withheld credentials holding a value in at least one row.
    private(set) var withheldHeld: [String] = []
    /// The first rows, as the page shows them.
    private(set) var shown: [[String]] = []

    /// Creates both files (kept in memory up to `memory` bytes each) and writes the CSV header
    /// and the opening of the JSON array.
    init(kind: SubjectExport.Kind, columns: [String], withheld: [String], json: URL, csv: URL, memory: Int = 0) throws {
        self.kind = kind
        self.columns = columns
        self.withheld = withheld
        self.json = try BufferedFile(creating: json, inMemoryUpTo: memory)
        self.csv = try BufferedFile(creating: csv, inMemoryUpTo: memory)
        try self.json.write(Data("[".utf8))
        try self.csv.write(Data(CSV.line(columns.map(CSV.field)).utf8))
    }

    /// Writes `rows`: one object per line in the JSON file, one line in the CSV file (texts
    /// disarmed for spreadsheets by ``CSV/field(_:)``, numbers as they are, NULL empty).
    func add(_ rows: [Row]) throws {
        guard let sample = rows.first else { return }
        let positions = columns.map { sample.columns.firstIndex(of: $0) }
        let credentials = withheld.compactMap { name in sample.columns.firstIndex(of: name).map { (name, $0) } }
        for row in rows {
            for (name, position) in credentials where row.values[position] != .null && !withheldHeld.contains(name) {
                withheldHeld.append(name)
            }
            let values = positions.map { $0.map { row.values[$0] } ?? .null }
            if kind == .portability, !values.contains(where: { $0 != .null }) { continue }
            var object = JSONWriter()
            object.object { object in
                for (column, value) in zip(columns, values) {
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
            try json.write(Data((count == 0 ? "\n" : ",\n").utf8))
            try json.write(Data(object.bytes))
            let fields = values.map { value -> String in
                switch value {
                case .null: ""
                case .integer(let number): String(number)
                case .real(let number): String(number)
                case .text(let text): CSV.field(text)
                case .blob: value.jsonText ?? ""
                }
            }
            try csv.write(Data(CSV.line(fields).utf8))
            for (column, value) in zip(columns, values) where value != .null { holding.insert(column) }
            if shown.count < AccessReportRenderer.shownRows { shown.append(values.map { $0.jsonText ?? "" }) }
            count += 1
        }
    }

    /// Closes the JSON array and both files.
    func close() throws {
        try json.write(Data("\n]\n".utf8))
        try json.close()
        try csv.close()
    }

    /// Removes both files: the collection gave nothing to write.
    func discard() {
        json.remove()
        csv.remove()
    }
}

/// A file written through a buffer of about 64 KB, or kept in memory while it holds at most a
/// given number of bytes (its file, and the folder for it, made only when it grows beyond).
final class BufferedFile {
    /// Where a closed file's bytes are.
    enum Content {
        case data(Data)
        case file(path: String)
    }

    private let url: URL
    private let memory: Int
    private var handle: FileHandle?
    private var buffer = Data()

    /// Creates the file at `url`, or replaces it; with `memory` above zero, only once it holds
    /// more than that.
    init(creating url: URL, inMemoryUpTo memory: Int = 0) throws {
        self.url = url
        self.memory = memory
        buffer.reserveCapacity(memory > 0 ? 1 << 12 : 1 << 16)
        if memory == 0 { try open() }
    }

    /// The bytes written, from memory or from the file.
    var content: Content { handle == nil ? .data(buffer) : .file(path: url.path) }

    func write(_ data: Data) throws {
        buffer.append(data)
        if handle == nil {
            guard buffer.count > memory else { return }
            try open()
        }
        if buffer.count >= 1 << 16 { try flush() }
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

    /// Removes the file, if it was made, and forgets what memory holds.
    func remove() {
        if handle != nil { try? FileManager.default.removeItem(at: url) }
        buffer = Data()
    }

    private func open() throws {
        let manager = FileManager.default
        let folder = url.deletingLastPathComponent()
        if !manager.fileExists(atPath: folder.path) {
            try? manager.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        guard manager.createFile(atPath: url.path, contents: nil), let handle = FileHandle(forWritingAtPath: url.path) else {
            throw ConnectorError(code: "out-unwritable", message: "cannot write \(url.path)")
        }
        self.handle = handle
    }
}
