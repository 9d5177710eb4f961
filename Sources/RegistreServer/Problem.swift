import Foundation
import Hummingbird
import NIOCore

/// An error response as RFC 9457 problem details: `application/problem+json` with a type, a
/// title, the status and a detail a person can act on. Nothing internal leaks into it.
public struct Problem: Error, Sendable, Encodable {
    /// A URI naming the kind of problem.
    public var type: String
    /// A short summary of the kind.
    public var title: String
    /// The HTTP status.
    public var status: Int
    /// What went wrong with this request.
    public var detail: String
    /// The field at fault, as a JSON pointer into the request body.
    public var pointer: String?

    /// Creates a problem; `code` becomes the last part of its type URI.
    public init(status: HTTPResponse.Status, code: String, detail: String, pointer: String? = nil) {
        self.type = "https://registre.dev/problems/\(code)"
        self.title = status.reasonPhrase.isEmpty ? Self.titles[status.code] ?? "Error" : status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.pointer = pointer
    }

    /// Titles of statuses that HTTPTypes leaves without a reason phrase.
    static let titles = [422: "Unprocessable Content", 429: "Too Many Requests", 413: "Content Too Large"]

    /// The response carrying this problem.
    func response(extraHeaders: HTTPFields = [:]) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        headers.append(contentsOf: extraHeaders)
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
