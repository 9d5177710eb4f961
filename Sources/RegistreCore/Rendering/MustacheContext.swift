/// Turns a model made of structs into dictionaries and arrays before it is rendered.
///
/// swift-mustache reads structs through `Mirror`, scanning every property on every lookup; the
/// notice looks up about a hundred names per activity, which made rendering cost more than loading
/// and linting together. One reflection pass here, then dictionary lookups, is several times faster.
enum MustacheContext {
    static func make(_ value: Any) -> Any {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let wrapped = mirror.children.first?.value else { return Optional<Any>.none as Any }
            return make(wrapped)
        case .struct, .class:
            var dictionary: [String: Any] = [:]
            for child in mirror.children {
                guard let label = child.label else { continue }
                let converted = make(child.value)
                if let optional = converted as? OptionalProtocol, optional.isNone { continue }
                dictionary[label] = converted
            }
            return dictionary
        case .collection:
            return mirror.children.map { make($0.value) }
        default:
            return value
        }
    }
}

private protocol OptionalProtocol {
    var isNone: Bool { get }
}

extension Optional: OptionalProtocol {
    var isNone: Bool { self == nil }
}
