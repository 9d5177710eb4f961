/// Text a person reads, in one or several languages: `{fr: "...", en: "..."}`, or a single text
/// that is the same in every language (a company name, an address).
public struct LocalizedText: Sendable, Hashable, Codable {
    /// The text per language code (`fr`, `en`).
    public var translations: [String: String]
    /// The text that holds in every language, when it was written without a language.
    public var neutral: String?
    /// Where it was written.
    public var location: SourceLocation?

    /// A text that is the same in every language.
    public init(_ neutral: String, at location: SourceLocation? = nil) {
        self.translations = [:]
        self.neutral = neutral
        self.location = location
    }

    /// A text per language.
    public init(translations: [String: String], at location: SourceLocation? = nil) {
        self.translations = translations
        self.neutral = nil
        self.location = location
    }

    /// The text in `language`, else the language-neutral text, else the text in `fallback`.
    public func text(in language: String, fallback: String? = nil) -> String {
        if let text = translations[language] { return text }
        if let neutral { return neutral }
        if let fallback, let text = translations[fallback] { return text }
        return translations.sorted { $0.key < $1.key }.first?.value ?? ""
    }

    /// True when a reader of `language` gets text written for them.
    public func isAvailable(in language: String) -> Bool {
        neutral != nil || translations[language] != nil
    }

    public static func == (lhs: LocalizedText, rhs: LocalizedText) -> Bool {
        lhs.translations == rhs.translations && lhs.neutral == rhs.neutral
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(translations)
        hasher.combine(neutral)
    }
}
