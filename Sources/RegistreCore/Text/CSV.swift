/// CSV as RFC 4180 writes it, safe to open in a spreadsheet: the register, access exports and
/// portability exports all write their CSV through here.
public enum CSV {
    /// A field: quoted when it holds a comma, a quote or a line break; a text starting with `=`,
    /// `+`, `-`, `@`, a tab or a carriage return is prefixed with `'` so a spreadsheet shows it
    /// instead of running it as a formula (OWASP's CSV injection advice). Numbers are not text:
    /// give them to ``number(_:)``.
    public static func field(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A line of fields already written by ``field(_:)``, ended by CRLF.
    public static func line(_ fields: some Sequence<String>) -> String {
        fields.joined(separator: ",") + "\r\n"
    }
}
