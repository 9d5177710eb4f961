import Foundation

/// A labelled piece of personal data in a corpus document: where it is, in UTF-8 bytes.
public struct CorpusLabel: Sendable, Codable, Hashable {
    public var type: PersonalDataType
    public var offset: Int
    public var length: Int
}

/// One document of the labelled corpus: a support ticket, a CRM note, a call transcript or log
/// lines, in French or English, with its personal data labelled and its near misses (values a
/// digit or a key off, which no detector may report) listed apart.
public struct CorpusDocument: Sendable, Codable {
    public var kind: String
    public var language: String
    public var text: String
    public var labels: [CorpusLabel]
    public var nearMisses: [CorpusLabel]

    enum CodingKeys: String, CodingKey {
        case kind, language, text, labels
        case nearMisses = "near_misses"
    }
}

/// Writes the labelled French and English corpus the detectors are measured on. The same seed
/// gives the same documents.
public struct CorpusGenerator {
    private var values: CorpusValues
    private let personalData: Bool

    /// - Parameters:
    ///   - seed: the documents' seed.
    ///   - personalData: false for text of the same kinds with no personal data at all (order
    ///     numbers, amounts, timestamps, versions): the speed benchmark's PII-free side.
    public init(seed: UInt64, personalData: Bool = true) {
        values = CorpusValues(random: SeededGenerator(seed: seed))
        self.personalData = personalData
    }

    /// The next document.
    public mutating func next() -> CorpusDocument {
        let french = values.chance(0.6)
        var builder = DocumentBuilder(french: french)
        let kind: String
        switch Int.random(in: 0..<4, using: &values.random) {
        case 0: kind = "ticket"; ticket(&builder)
        case 1: kind = "crm-note"; crmNote(&builder)
        case 2: kind = "transcript"; transcript(&builder)
        default: kind = "log"; logLines(&builder)
        }
        return CorpusDocument(
            kind: kind, language: french ? "fr" : "en", text: String(decoding: builder.text, as: UTF8.self), labels: builder.labels,
            nearMisses: builder.nearMisses)
    }

    // MARK: Kinds

    private mutating func ticket(_ b: inout DocumentBuilder) {
        b.add(b.french ? "Ticket n° \(values.digits(6)) — " : "Ticket #\(values.digits(6)) - ")
        b.add(values.pick(b.french ? ["Réclamation facturation", "Problème de connexion", "Changement de coordonnées"] : ["Billing complaint", "Login issue", "Change of details"]) + "\n")
        customerLine(&b)
        b.add(b.french ? "Bonjour, " : "Hello, ")
        b.add(values.pick(b.french ? ["ma dernière facture était erronée. ", "je n'arrive plus à me connecter. ", "je souhaite mettre à jour mon dossier. "] : ["my last invoice was wrong. ", "I cannot log in any more. ", "I would like to update my file. "]))
        contactSentence(&b)
        someOf(&b, count: 3)
        distractors(&b)
        signOff(&b)
    }

    private mutating func crmNote(_ b: inout DocumentBuilder) {
        b.add(b.french ? "Note CRM du \(date(birth: false)) — compte \(values.digits(7))\n" : "CRM note of \(date(birth: false)) - account \(values.digits(7))\n")
        customerLine(&b)
        if values.chance(0.5) { company(&b) }
        contactSentence(&b)
        someOf(&b, count: 2)
        distractors(&b)
    }

    private mutating func transcript(_ b: inout DocumentBuilder) {
        b.add(b.french ? "Transcription d'appel, durée 04:32\nAgent : Bonjour, à qui ai-je l'honneur ?\nAppelant : " : "Call transcript, duration 04:32\nAgent: Good morning, who am I speaking with?\nCaller: ")
        if personalData {
            b.add(b.french ? "Je suis " : "This is ")
            b.add(values.pick(b.french ? ["M.", "Mme"] : ["Mr", "Mrs", "Ms"]) + " ")
            name(&b)
        } else {
            b.add(b.french ? "C'est au sujet d'une commande" : "It is about an order")
        }
        b.add(b.french ? ".\nAgent : Pouvez-vous me confirmer vos coordonnées ?\nAppelant : " : ".\nAgent: Can you confirm your details?\nCaller: ")
        contactSentence(&b)
        someOf(&b, count: 2)
        distractors(&b)
        b.add(b.french ? "Agent : Merci, bonne journée.\n" : "Agent: Thank you, have a nice day.\n")
    }

    private mutating func logLines(_ b: inout DocumentBuilder) {
        for _ in 0..<Int.random(in: 3...8, using: &values.random) {
            b.add("2024-\(String(format2: Int.random(in: 1...12, using: &values.random)))-\(String(format2: Int.random(in: 1...28, using: &values.random)))T\(String(format2: Int.random(in: 0...23, using: &values.random))):\(String(format2: Int.random(in: 0...59, using: &values.random))):\(String(format2: Int.random(in: 0...59, using: &values.random)))Z ")
            b.add(values.pick(["INFO ", "WARN ", "DEBUG "]))
            guard personalData else {
                b.add("request id=\(values.alphanumerics(12)) status=\(values.pick(["200", "302", "404", "500"])) bytes=\(values.digits(5)) took=\(values.digits(3))ms version=\(Int.random(in: 1...9, using: &values.random)).\(values.digits(1)).\(values.digits(2))\n")
                continue
            }
            switch Int.random(in: 0..<4, using: &values.random) {
            case 0:
                b.add("login user=")
                b.value(.email, email())
                b.add(" ip=")
                b.value(.ipv4, values.ipv4())
                b.add(" status=ok\n")
            case 1:
                b.add("sms sent to=")
                b.value(.phone, values.frenchPhone())
                b.add(" campaign=\(values.digits(4))\n")
            case 2:
                b.add("connection from ")
                b.value(.ipv6, values.ipv6())
                b.add(" port \(Int.random(in: 1024...65535, using: &values.random)) closed after \(values.digits(3)) ms\n")
            default:
                b.add("payment refused iban=")
                let iban = values.iban()
                if values.chance(0.2) {
                    b.nearMiss(.iban, values.oneDigitOff(iban, avoidingFirst: 4))
                } else {
                    b.value(.iban, iban)
                }
                b.add(" amount=\(values.digits(3)),\(values.digits(2)) EUR\n")
            }
        }
    }

    // MARK: Parts

    private mutating func customerLine(_ b: inout DocumentBuilder) {
        guard personalData else {
            b.add(b.french ? "Client : compte professionnel n° \(values.digits(6))\n" : "Customer: business account #\(values.digits(6))\n")
            return
        }
        if values.chance(0.3) {
            b.add(b.french ? "Nom : " : "Name: ")
            b.value(.personName, values.pick(Names.last).uppercased())
            b.add(b.french ? " ; Prénom : " : "; First name: ")
            b.value(.personName, values.pick(Names.first))
            b.add("\n")
            return
        }
        b.add(b.french ? "Client : " : "Customer: ")
        b.add(values.pick(b.french ? ["M.", "Mme", "Monsieur", "Madame"] : ["Mr", "Mrs", "Ms", "Dr"]) + " ")
        name(&b)
        if values.chance(0.5) {
            b.add(", ")
            address(&b)
        }
        b.add("\n")
    }

    private mutating func name(_ b: inout DocumentBuilder) {
        b.value(.personName, values.pick(Names.first) + " " + values.pick(Names.last))
    }

    private mutating func email() -> String {
        let first = values.pick(Names.first).folded, last = values.pick(Names.last).folded
        let local = values.pick(["\(first).\(last)", "\(first.prefix(1))\(last)", "\(first)_\(last)\(values.digits(2))", "\(last)+rgpd"])
        return local + "@" + values.pick(["exemple.fr", "orange.fr", "gmail.com", "laposte.net", "entreprise.co.uk", "mail.example.com"])
    }

    private mutating func contactSentence(_ b: inout DocumentBuilder) {
        guard personalData else {
            b.add(b.french ? "Le dossier \(values.digits(6)) est en cours depuis 3 jours. " : "Case \(values.digits(6)) has been open for 3 days. ")
            return
        }
        b.add(b.french ? "Vous pouvez me joindre au " : "You can reach me on ")
        b.value(.phone, values.frenchPhone())
        b.add(b.french ? " ou par courriel à " : " or by e-mail at ")
        b.value(.email, email())
        b.add(".\n")
    }

    private mutating func someOf(_ b: inout DocumentBuilder, count: Int) {
        guard personalData else { return }
        for _ in 0..<count {
            switch Int.random(in: 0..<8, using: &values.random) {
            case 0:
                b.add(b.french ? "Mon IBAN : " : "My IBAN: ")
                let iban = values.iban()
                b.value(.iban, values.chance(0.5) ? CorpusValues.grouped(iban, Array(repeating: 4, count: 9)) : iban)
                b.add(".\n")
            case 1:
                b.add(b.french ? "La carte " : "The card ")
                let card = values.card()
                b.value(.paymentCard, card.count == 15 && values.chance(0.5) ? CorpusValues.grouped(card, [4, 6, 5]) : values.chance(0.6) ? CorpusValues.grouped(card, [4, 4, 4, 4]) : card)
                b.add(b.french ? " a été débitée deux fois.\n" : " was charged twice.\n")
            case 2:
                company(&b)
            case 3:
                b.add(b.french ? "Numéro de sécurité sociale : " : "French social security number: ")
                let nir = values.nir().compact
                b.value(.nir, values.chance(0.5) ? CorpusValues.grouped(nir, [1, 2, 2, 2, 3, 3, 2]) : nir)
                b.add(".\n")
            case 4:
                b.add(values.pick(b.french ? ["Je suis né le ", "Date de naissance : ", "Cliente née le "] : ["Date of birth: ", "DOB: ", "I was born on "]))
                b.value(.dateOfBirth, date(birth: true))
                b.add(".\n")
            case 5:
                b.add(b.french ? "Dernière connexion depuis " : "Last login from ")
                if values.chance(0.7) { b.value(.ipv4, values.ipv4()) } else { b.value(.ipv6, values.ipv6()) }
                b.add(".\n")
            case 6:
                b.add(b.french ? "Adresse : " : "Address: ")
                address(&b)
                b.add("\n")
            default:
                nearMisses(&b)
            }
        }
    }

    private mutating func company(_ b: inout DocumentBuilder) {
        guard personalData else { return }
        if values.chance(0.5) {
            b.add(values.pick(b.french ? ["Société immatriculée au RCS de Lyon sous le n° ", "SIREN : "] : ["Company number (SIREN) ", "SIREN: "]))
            let siren = values.siren()
            b.value(.siren, values.chance(0.5) ? CorpusValues.grouped(siren, [3, 3, 3]) : siren)
        } else {
            b.add(values.pick(["SIRET : ", "n° SIRET ", "SIRET "]))
            let siret = values.siret()
            b.value(.siret, values.chance(0.5) ? CorpusValues.grouped(siret, [3, 3, 3, 5]) : siret)
        }
        b.add(".\n")
    }

    /// Values a digit or a key off, each after the words that would announce the real thing.
    private mutating func nearMisses(_ b: inout DocumentBuilder) {
        switch Int.random(in: 0..<5, using: &values.random) {
        case 0:
            b.add(b.french ? "Ancien IBAN (erroné) : " : "Old (wrong) IBAN: ")
            b.nearMiss(.iban, values.oneDigitOff(values.iban(), avoidingFirst: 4))
        case 1:
            b.add(b.french ? "Carte refusée : " : "Declined card: ")
            b.nearMiss(.paymentCard, values.oneDigitOff(values.card(), avoidingFirst: 1))
        case 2:
            b.add("SIRET ")
            var miss = values.oneDigitOff(values.siret(), avoidingFirst: 9)
            // La Poste's rule lets one change in nine through: draw again until it fails.
            while CorpusValues.isValidSIRET(miss) { miss = values.oneDigitOff(values.siret(), avoidingFirst: 9) }
            b.nearMiss(.siret, CorpusValues.grouped(miss, [3, 3, 3, 5]))
        case 3:
            b.add("SIREN ")
            b.nearMiss(.siren, values.oneDigitOff(values.siren()))
        default:
            b.add(b.french ? "NIR saisi : " : "NIR entered: ")
            let nir = values.nir().compact
            b.nearMiss(.nir, String(nir.dropLast(2)) + String(format2: (Int(nir.suffix(2))! % 97) + 1))
        }
        b.add(".\n")
    }

    private mutating func address(_ b: inout DocumentBuilder) {
        if b.french {
            b.value(.postalAddress, "\(Int.random(in: 1...180, using: &values.random))\(values.pick(["", "", " bis"])) \(values.pick(Names.streets)), \(values.pick(Names.towns))")
        } else {
            b.value(.postalAddress, "\(Int.random(in: 1...240, using: &values.random)) \(values.pick(["Baker", "Station", "Church", "Victoria", "Mill"])) \(values.pick(["Street", "Road", "Lane"])), \(values.pick(["London SW1A 2AA", "Leeds LS1 4DY", "Bristol BS1 6QF"]))")
        }
    }

    /// Text with numbers that are not personal data: orders, amounts, dates, times, versions.
    private mutating func distractors(_ b: inout DocumentBuilder) {
        b.add(b.french ? "Commande CMD-2024-\(values.digits(5)) du \(date(birth: false)) à 10:\(String(format2: Int.random(in: 0...59, using: &values.random))), montant \(Int.random(in: 1...9, using: &values.random)) \(values.digits(3)),\(values.digits(2)) €. " : "Order ORD-2024-\(values.digits(5)) of \(date(birth: false)) at 10:\(String(format2: Int.random(in: 0...59, using: &values.random))), amount $\(values.digits(3)).\(values.digits(2)). ")
        b.add(b.french ? "Application v\(Int.random(in: 1...5, using: &values.random)).\(values.digits(1)).\(values.digits(1)), colis \(values.digits(4)) \(values.digits(4)) \(values.digits(3)).\n" : "App v\(Int.random(in: 1...5, using: &values.random)).\(values.digits(1)).\(values.digits(1)), parcel \(values.digits(4)) \(values.digits(4)) \(values.digits(3)).\n")
    }

    private mutating func signOff(_ b: inout DocumentBuilder) {
        guard personalData else {
            b.add(b.french ? "Cordialement,\nle service client\n" : "Regards,\nthe support team\n")
            return
        }
        b.add(b.french ? "Cordialement,\n" : "Regards,\n")
        name(&b)
        b.add("\n")
    }

    private mutating func date(birth: Bool) -> String {
        let year = birth ? Int.random(in: 1940...2006, using: &values.random) : Int.random(in: 2019...2025, using: &values.random)
        let month = Int.random(in: 1...12, using: &values.random), day = Int.random(in: 1...28, using: &values.random)
        switch Int.random(in: 0..<3, using: &values.random) {
        case 0: return "\(String(format2: day))/\(String(format2: month))/\(year)"
        case 1: return "\(year)-\(String(format2: month))-\(String(format2: day))"
        default:
            let names = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
            return "\(day) \(names[month - 1]) \(year)"
        }
    }
}

/// A document being written: its bytes and the labels of what it holds.
struct DocumentBuilder {
    let french: Bool
    var text: [UInt8] = []
    var labels: [CorpusLabel] = []
    var nearMisses: [CorpusLabel] = []

    init(french: Bool) {
        self.french = french
    }

    mutating func add(_ plain: String) {
        text += plain.utf8
    }

    mutating func value(_ type: PersonalDataType, _ value: String) {
        labels.append(CorpusLabel(type: type, offset: text.count, length: value.utf8.count))
        text += value.utf8
    }

    mutating func nearMiss(_ type: PersonalDataType, _ value: String) {
        nearMisses.append(CorpusLabel(type: type, offset: text.count, length: value.utf8.count))
        text += value.utf8
    }
}

/// Names, streets and towns the corpus draws from, accents and hyphens included.
enum Names {
    static let first = [
        "Jean", "Marie", "Hélène", "François", "Zoé", "Jérôme", "Anaïs", "Grégoire", "Éloïse", "Chloé", "Benoît", "Noémie",
        "Jean-Luc", "Marie-Claire", "Thomas", "Léa", "John", "Emily", "Oliver", "Charlotte", "Mohamed", "Aïcha", "Yann", "Océane",
    ]
    static let last = [
        "Dupont", "Martin", "Lefèvre", "Ménard", "Çelik", "Rousseau", "Béranger", "Lemaître", "Durand", "Moreau", "Girard",
        "Bonnet", "Château-Thierry", "O'Brien", "Smith", "Taylor", "Nguyen", "Benali", "Da Silva", "Le Goff",
    ]
    static let streets = [
        "rue de la Paix", "avenue des Champs-Élysées", "boulevard Haussmann", "place du Marché", "chemin des Vignes",
        "allée des Tilleuls", "impasse Victor Hugo", "quai de la Loire", "rue Sainte-Catherine", "route de Lyon",
    ]
    static let towns = ["75002 Paris", "69001 Lyon", "13005 Marseille", "33000 Bordeaux", "59000 Lille", "44000 Nantes", "67000 Strasbourg"]
}

extension String {
    /// Lower case without accents or spaces, as an e-mail's local part holds a name.
    var folded: String {
        folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased().filter { $0.isLetter && $0.isASCII }
    }
}
