/// The French and English words that announce personal data a shape alone does not reveal:
/// titles and labels before names, birth words before dates, street types in addresses.
enum ContextWords {
    enum Kind {
        /// `M.`, `Mme`, `Mr`, `Dr`...: a name follows.
        case title
        /// `Nom :`, `Name:`: a name follows a colon.
        case nameLabel
        /// `Bonjour`, `Dear`: a name may follow.
        case greeting
        /// `Cordialement`, `Regards`: a name may follow on the next line.
        case signOff
        /// `né le`, `naissance`, `DOB`, `born`: a date of birth follows.
        case birth
        /// `date`: a date of birth follows when `de naissance` or `of birth` does.
        case birthDateLabel
        /// `rue`, `avenue`...: a French street type, after the house number.
        case frenchStreet
        /// `Street`, `Road`...: an English street type, after the number and the name.
        case englishStreet
        /// `Adresse :`, `Address:`: an address follows on the same line.
        case addressLabel
    }

    /// A context word, held as plain values so that looking one up costs no reference counting.
    struct Entry {
        /// Where its lower-case bytes are in `ContextTable.words`, and how many.
        let start: Int
        let length: Int
        /// How many of its bytes a word of the input spans (`m.` spans one: the dot ends it).
        let spanned: Int
        let kind: Kind
        /// Whether the word must start with a capital (`M.`, `Mr`, `Street`).
        let needsCapital: Bool
    }

    /// The words, by kind; `.` ends an abbreviation.
    static let list: [(String, Kind, Bool)] = {
        func make(_ words: [String], _ kind: Kind, capital: Bool = false) -> [(String, Kind, Bool)] {
            words.map { ($0, kind, capital) }
        }
        return make(["m.", "mme", "mme.", "mlle", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr."], .title, capital: true)
            + make(["monsieur", "madame", "mademoiselle"], .title)
            + make(["nom", "prénom", "prenom", "name", "contact", "client", "interlocuteur", "titulaire", "customer"], .nameLabel)
            + make(["bonjour", "hello", "dear", "cher", "chère", "hi"], .greeting)
            + make(["cordialement", "regards", "sincerely", "salutations", "merci"], .signOff)
            + make(["né", "née", "naissance", "dob", "born", "birthdate", "birthday", "birth"], .birth)
            + make(["date"], .birthDateLabel)
            + make([
                "rue", "avenue", "av.", "boulevard", "bd", "bd.", "place", "chemin", "allée", "allee", "impasse", "quai",
                "route", "cours", "square", "passage", "voie", "résidence", "lieu-dit",
            ], .frenchStreet)
            + make(["street", "road", "lane", "drive", "avenue", "boulevard", "close", "court", "way"], .englishStreet, capital: true)
            + make(["adresse", "address"], .addressLabel)
    }()

    /// The words laid out for lookup: one array read per word of the input finds the few
    /// entries sharing its first two bytes.
    static let table = ContextTable(list)

    /// Whether one of the words that announce a company number (SIREN, SIRET, RCS,
    /// immatriculation, company number) ends within 40 bytes before `start`.
    static func hasCompanyNumberWord(in bytes: UnsafeBufferPointer<UInt8>, before start: Int) -> Bool {
        let from = max(0, start - 40)
        guard start - from >= 3 else { return false }
        let window = UnsafeBufferPointer(rebasing: bytes[from..<start])
        for word in companyWords where contains(window, word) { return true }
        return false
    }

    private static let companyWords: [[UInt8]] = ["siren", "siret", "rcs", "immatricul", "company n", "registration n", "tva", "vat"]
        .map { Array($0.utf8) }

    /// Whether `window` holds `word`, ASCII letters compared without case.
    static func contains(_ window: UnsafeBufferPointer<UInt8>, _ word: [UInt8]) -> Bool {
        guard window.count >= word.count else { return false }
        var start = 0
        while start + word.count <= window.count {
            var matched = true
            for offset in 0..<word.count where window[start + offset].asciiLowercased != word[offset] {
                matched = false
                break
            }
            if matched { return true }
            start += 1
        }
        return false
    }

    /// Whether the input's bytes are a word that begins with a capital but is not a name
    /// (articles, pronouns, titles, greetings, common nouns of support text); such a word ends a
    /// name read after a title.
    static func isNotName(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = word.first else { return false }
        for candidate in notNames[Int(first.asciiLowercased)] where candidate.count == word.count {
            var same = true
            for offset in 0..<word.count where word[offset].asciiLowercased != candidate[offset] {
                same = false
                break
            }
            if same { return true }
        }
        return false
    }

    /// Whether a word is a particle that begins surnames (`Le Goff`, `Da Silva`, `Van Damme`).
    static func isNameParticle(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count == 2 || word.count == 3 else { return false }
        let lowered = word.map(\.asciiLowercased)
        return ["le", "la", "de", "du", "da", "di", "van", "von", "del"].contains { Array($0.utf8) == lowered }
    }

    /// The words that are not names, by their first byte.
    private static let notNames: [[[UInt8]]] = {
        var buckets = [[[UInt8]]](repeating: [], count: 256)
        let words = [
            "le", "la", "les", "un", "une", "de", "du", "da", "di", "van", "von", "del", "des", "the", "a", "an", "of", "and", "et", "service", "client",
            "clients", "support", "team", "équipe", "madame", "monsieur", "mademoiselle", "mme", "mlle", "mr", "mrs",
            "ms", "dr", "je", "nous", "vous", "il", "elle", "i", "we", "you", "merci", "thanks", "thank", "bonjour", "hello",
            "cordialement", "regards", "tous", "toutes", "all", "sir", "madam", "customer", "votre", "your", "objet",
            "subject", "re", "tr", "fwd", "date", "tél", "tel", "email", "e-mail", "mail", "adresse", "address", "commande",
            "order", "ticket", "paris", "lyon", "france",
        ]
        for word in words {
            let bytes = Array(word.utf8)
            buckets[Int(bytes[0])].append(bytes)
        }
        return buckets
    }()
}
