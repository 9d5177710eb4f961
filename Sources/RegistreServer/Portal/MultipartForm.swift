import Foundation
import NIOCore

/// The parts of a form posted as `multipart/form-data` (RFC 7578): each part's field name, file
/// name if any, and bytes. Only what the portal's file form needs; nil for a body that does not
/// follow the format.
struct MultipartForm {
    struct Part {
        var name: String
        var fileName: String?
        var bytes: Data
    }

    var parts: [Part]

    /// Reads `buffer` with the boundary of `contentType` (`multipart/form-data; boundary=...`).
    init?(_ buffer: ByteBuffer, contentType: String) {
        guard contentType.lowercased().hasPrefix("multipart/form-data"),
              let parameter = contentType.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }).first(where: { $0.lowercased().hasPrefix("boundary=") })
        else { return nil }
        let boundary = parameter.dropFirst("boundary=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        guard !boundary.isEmpty, boundary.count <= 70 else { return nil }
        let body = Data(buffer.readableBytesView)
        let delimiter = Data("--\(boundary)".utf8)
        guard var start = body.range(of: delimiter)?.upperBound else { return nil }
        var parts: [Part] = []
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if body[start...].starts(with: Data("--".utf8)) { break }
            guard body[start...].starts(with: Data("\r\n".utf8)) else { return nil }
            let headersStart = start + 2
            guard let headersEnd = body.range(of: Data("\r\n\r\n".utf8), in: headersStart..<body.endIndex),
                  let next = body.range(of: Data("\r\n".utf8) + delimiter, in: headersEnd.upperBound..<body.endIndex)
            else { return nil }
            guard let headers = String(data: body[headersStart..<headersEnd.lowerBound], encoding: .utf8),
                  let part = Self.part(headers: headers, bytes: body[headersEnd.upperBound..<next.lowerBound])
            else { return nil }
            parts.append(part)
            start = next.upperBound
        }
        self.parts = parts
    }

    /// The first part named `name`.
    subscript(name: String) -> Part? { parts.first { $0.name == name } }

    /// A part from its headers: `Content-Disposition: form-data; name="..."; filename="..."`.
    private static func part(headers: String, bytes: Data) -> Part? {
        for line in headers.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            var name: String?, fileName: String?
            for parameter in line.split(separator: ";").dropFirst().map({ $0.trimmingCharacters(in: .whitespaces) }) {
                let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2 else { continue }
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                switch pair[0].lowercased() {
                case "name": name = value
                case "filename": fileName = value
                default: break
                }
            }
            return name.map { Part(name: $0, fileName: fileName, bytes: Data(bytes)) }
        }
        return nil
    }
}
