import Hummingbird

/// `GET /v1/banner?lang=fr`: the banner's content and the hash a consent must cite.
struct BannerRoutes {
    let catalog: BannerCatalog

    struct BannerResponse: ResponseEncodable {
        var id: String
        var hash: String
        var policyVersion: String
        var language: String
        var content: String

        enum CodingKeys: String, CodingKey {
            case id, hash, language, content
            case policyVersion = "policy_version"
        }
    }

    func add(to group: RouterGroup<RegistreRequestContext>) {
        group.get("v1/banner") { request, _ -> BannerResponse in
            let languages = catalog.banners.keys.sorted()
            let language = request.uri.queryParameters.get("lang") ?? languages.first ?? "en"
            guard let banner = catalog.banners[language] else {
                throw Problem(status: .notFound, code: "language-unknown", detail: "the banner exists in \(languages.joined(separator: ", "))")
            }
            return BannerResponse(id: banner.id, hash: banner.hash, policyVersion: banner.policyVersion, language: banner.language, content: banner.content)
        }
    }
}
