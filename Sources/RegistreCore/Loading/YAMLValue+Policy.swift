import Foundation

/// Conversions from YAML values to the policy's own small types.
extension YAMLValue {
    /// A text in one or several languages: a plain text, or a mapping of language codes.
    func localizedText() -> LocalizedText? {
        if case .scalar = node {
            return nonEmptyString().map { LocalizedText($0, at: location) }
        }
        guard case .mapping(let mapping) = node else {
            _ = string()
            return nil
        }
        var translations: [String: String] = [:]
        for (key, value) in mapping {
            let keyLocation = context.location(key.mark)
            guard let language = key.scalar?.string, Self.isLanguageCode(language) else {
                context.error(
                    "schema-invalid-value",
                    "\(path): '\(key.scalar?.string ?? "?")' is not a language code; write a text per language as fr: ..., en: ...",
                    at: keyLocation)
                continue
            }
            let item = YAMLValue(node: value, path: "\(path).\(language)", context: context)
            if let text = item.nonEmptyString() { translations[language] = text }
        }
        if translations.isEmpty {
            context.error("schema-invalid-value", "\(path) must give a text, or a text per language (fr: ..., en: ...)", at: location)
            return nil
        }
        return LocalizedText(translations: translations, at: location)
    }

    /// A list of texts in one or several languages.
    func localizedTexts() -> [LocalizedText] {
        (list() ?? []).compactMap { $0.localizedText() }
    }

    /// An ISO 8601 duration; `3 ans`, `P3Q` or `-P1Y` are reported with how to write them.
    func duration() -> ISODuration? {
        guard let text = nonEmptyString() else { return nil }
        do {
            return try ISODuration(parsing: text)
        } catch {
            context.error("schema-invalid-duration", "\(path): \(error)", at: location)
            return nil
        }
    }

    /// A date `YYYY-MM-DD` or `YYYY-MM`.
    func date() -> PolicyDate? {
        guard let text = nonEmptyString() else { return nil }
        guard let date = PolicyDate(parsing: text) else {
            context.error("schema-invalid-value", "\(path): '\(shown(text))' is not a date; write YYYY-MM-DD (or YYYY-MM)", at: location)
            return nil
        }
        return date
    }

    /// A country code of ISO 3166-1 alpha-2.
    func country() -> Located<String>? {
        guard let text = nonEmptyString() else { return nil }
        let code = text.uppercased()
        guard Country.codes.contains(code) else {
            context.error(
                "schema-invalid-value",
                "\(path): '\(shown(text))' is not an ISO 3166-1 alpha-2 country code (such as FR, DE, US)", at: location)
            return nil
        }
        return Located(code, at: location)
    }

    /// One of the cases of a string enumeration.
    func keyword<T: RawRepresentable & CaseIterable>(_ type: T.Type, what: String) -> T? where T.RawValue == String {
        keyword(T.allCases.map(\.rawValue), what: what).flatMap(T.init(rawValue:))
    }

    /// An identifier: letters, digits, `_`, `-` and `.`.
    func identifier() -> String? {
        guard let text = nonEmptyString() else { return nil }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "_-."))
        guard text.unicodeScalars.allSatisfy({ allowed.contains($0) && $0.isASCII }) else {
            context.error(
                "schema-invalid-value", "\(path): '\(shown(text))' is not an identifier; use letters, digits, '_', '-' and '.'",
                at: location)
            return nil
        }
        return text
    }

    /// A contact: an e-mail address as plain text, or a mapping with name, email, address, url, phone.
    func contact() -> Contact? {
        if case .scalar = node {
            guard let text = nonEmptyString() else { return nil }
            if text.contains("@") { return Contact(email: text, location: location) }
            let isPhone = text.allSatisfy { $0.isNumber || " +.-()".contains($0) } && text.filter(\.isNumber).count >= 6
            return isPhone ? Contact(phone: text, location: location) : Contact(url: text, location: location)
        }
        return mapping { map in
            Contact(
                name: map.optional("name")?.nonEmptyString(),
                email: map.optional("email")?.nonEmptyString(),
                postalAddress: map.optional("address")?.nonEmptyString(),
                url: map.optional("url")?.nonEmptyString(),
                phone: map.optional("phone")?.nonEmptyString(),
                location: location)
        }
    }

    static func isLanguageCode(_ text: String) -> Bool {
        (2...3).contains(text.count) && text.allSatisfy { $0.isASCII && $0.isLowercase }
    }
}

extension YAMLMapping {
    /// The locations of every key present, for findings that point at a key.
    func keyLocations(_ keys: [String]) -> [String: SourceLocation] {
        var result: [String: SourceLocation] = [:]
        for key in keys where contains(key) { result[key] = location(of: key) }
        return result
    }

    /// Reads the list under `key`, each item a mapping read by `body`; nil items are dropped.
    func list<T>(_ key: String, _ body: (YAMLMapping, Int) -> T?) -> [T] {
        guard let value = optional(key) else { return [] }
        if case .scalar = value.node {
            value.context.error("schema-wrong-type", "\(value.path) must be a list of mappings, found a single value", at: value.location)
            return []
        }
        guard let items = value.list() else { return [] }
        return items.enumerated().compactMap { index, item in item.mapping { body($0, index) } }
    }
}
