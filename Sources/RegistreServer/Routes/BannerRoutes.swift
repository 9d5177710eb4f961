import Hummingbird

/// The banner: `GET /v1/banner?lang=fr` (its content and the hash a consent must cite),
/// `GET /consent/banner.js` and `/consent/banner.css`, and `GET /demo`, a small site whose
/// analytics script the banner guards.
struct BannerRoutes {
    let catalog: BannerCatalog
    let assets: BannerAssets

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
        group.get("consent/banner.js") { _, _ in
            Self.text(assets.javascript, type: "text/javascript; charset=utf-8")
        }
        group.get("consent/banner.css") { _, _ in
            Self.text(assets.css, type: "text/css; charset=utf-8")
        }
        group.get("demo") { request, _ in
            let language = request.uri.queryParameters.get("lang").flatMap { catalog.banners[$0] != nil ? $0 : nil } ?? catalog.banners.keys.sorted().first ?? "en"
            return Self.text(DemoPage.html(language: language), type: "text/html; charset=utf-8")
        }
    }

    static func text(_ text: String, type: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: type, .cacheControl: "public, max-age=300"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// The demo site: a page with an analytics script the banner keeps inert until its purpose is
/// granted, and a line that shows whether it ran.
enum DemoPage {
    static func html(language: String) -> String {
        let french = language == "fr"
        return """
        <!DOCTYPE html>
        <html lang="\(language)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(french ? "Démo du bandeau Registre" : "Registre banner demo")</title>
        <style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5}</style>
        </head>
        <body>
        <main>
        <h1>\(french ? "Démo du bandeau Registre" : "Registre banner demo")</h1>
        <p>\(french ? "Cette page charge un script de mesure d'audience qui ne s'exécute qu'après votre consentement." : "This page carries an audience-measurement script that runs only once you consent.")</p>
        <p>\(french ? "Mesure d'audience\u{00A0}:" : "Audience measurement:") <strong id="analytics-state">\(french ? "inactive" : "inactive")</strong></p>
        <p><a href="#" data-registre-open>\(french ? "Gérer mes choix" : "Manage my choices")</a></p>
        </main>
        <script type="text/plain" data-category="statistics">
          document.cookie = "_pk_id=demo." + Date.now() + "; path=/; max-age=34128000; SameSite=Lax";
          window.registreDemoAnalyticsRuns = (window.registreDemoAnalyticsRuns || 0) + 1;
          document.getElementById("analytics-state").textContent = "active";
        </script>
        <script src="/consent/banner.js"></script>
        </body>
        </html>
        """
    }
}
