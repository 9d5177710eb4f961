/// The policy file could not be read at all: it is missing, a directory, too large, not UTF-8,
/// or not YAML. `registre check` exits 2 on it.
public struct PolicyReadError: Error, Sendable, CustomStringConvertible {
    /// A stable identifier of what went wrong, such as `not-utf8`.
    public var code: String
    /// What went wrong and, where it helps, how to fix it.
    public var message: String
    /// Where, when the problem is inside the file.
    public var location: SourceLocation?

    /// Creates an error.
    public init(code: String, message: String, location: SourceLocation? = nil) {
        self.code = code
        self.message = message
        self.location = location
    }

    public var description: String {
        if let location { return "\(location): error: \(message) [\(code)]" }
        return "error: \(message) [\(code)]"
    }
}
