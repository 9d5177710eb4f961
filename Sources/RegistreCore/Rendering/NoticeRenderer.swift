import Mustache

/// Renders the privacy notice a visitor reads, in Markdown or HTML, in one of the policy's
/// languages (GDPR Art. 12-14).
public struct NoticeRenderer: Sendable {
    /// The output formats.
    public enum Format: String, Sendable, CaseIterable {
        case markdown = "md"
        case html
    }

    let policy: Policy

    /// Creates a renderer for `policy`.
    public init(policy: Policy) {
        self.policy = policy
    }

    /// The notice in `language` (`fr`, `en`) as `format`.
    public func render(language: String, format: Format) -> String {
        let model = NoticeModelBuilder(policy: policy, language: language, escapeMarkdown: format == .markdown).build()
        let context = MustacheContext.make(model)
        switch format {
        case .markdown: return Templates.noticeMarkdown.render(context)
        case .html: return Templates.html(.notice, context)
        }
    }
}

/// The parsed templates, built once.
enum Templates {
    static let noticeMarkdown = parse(NoticeTemplates.markdown)
    static let registerHTML = parse(RegisterTemplates.html)

    /// The HTML pages that share sections (transfers, rights) as partials.
    enum Page: String {
        case notice, access
        case accessProcessing = "access-processing"
    }

    /// The page rendered with `context`.
    static func html(_ page: Page, _ context: Any) -> String {
        guard let text = pages.render(context, withTemplate: page.rawValue) else {
            preconditionFailure("the built-in template \(page.rawValue) is not in the library")
        }
        return text
    }

    private static let pages = MustacheLibrary(templates: [
        Page.notice.rawValue: parse(NoticeTemplates.html),
        Page.access.rawValue: parse(AccessTemplates.html),
        Page.accessProcessing.rawValue: parse(AccessTemplates.processingHTML),
        "transfers": parse(NoticeTemplates.transfersHTML),
        "rights": parse(NoticeTemplates.rightsHTML),
    ])

    private static func parse(_ text: String) -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: text)
        } catch {
            preconditionFailure("a built-in template does not parse: \(error)")
        }
    }
}
