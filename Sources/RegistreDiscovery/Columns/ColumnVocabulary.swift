/// What a column's name says, in French and English: the words of names (`date_naissance`,
/// `customerEmail`, `tel_portable`), the data category each rule gives, and the words around
/// them that take it back (`email_verified`, `last_login_at`) or that the table needs before a
/// vague name counts (`name` in `customer`, not in `product`).
enum ColumnVocabulary {
    /// The storage a rule expects of a column.
    enum Storage: Sendable {
        case text, date, number, any
    }

    /// One rule: names, the category they give, and how sure a name alone makes it.
    struct Rule: Sendable {
        /// The category (a key of the fideslang taxonomy).
        var category: String
        /// How sure the name alone makes it.
        var confidence: Double
        /// The storage the category needs: a mismatch halves the confidence.
        var storage: Storage
        /// When true, the other words of the name must be qualifiers (`home`, `client`), not
        /// other nouns: `mobile` alone, not `mobile_app`.
        var isStrict: Bool
        /// When true, the name counts only in a table about people (`nom` of a `client`, not of
        /// a `produit`).
        var needsPeople: Bool
    }

    /// A rule the name matched, and whether the name itself says it is about a person.
    struct Match: Sendable {
        var rule: Rule
        var namesPerson: Bool
    }

    /// The words of an identifier: snake_case, kebab-case, camelCase and acronyms split,
    /// lowercased, French accents folded, trailing digits dropped (`address1`, `ipv4`).
    static func words(of identifier: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previous: Character?
        let characters = Array(identifier)
        for (index, character) in characters.enumerated() {
            let folded = fold(character)
            if !(character.isLetter || character.isNumber) {
                if !current.isEmpty { words.append(current) }
                current = ""
                previous = nil
                continue
            }
            if let previous, character.isUppercase {
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                // `userId` -> user, id; `IPAddress` -> ip, address.
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && next?.isLowercase == true) {
                    if !current.isEmpty { words.append(current) }
                    current = ""
                }
            }
            current += folded
            previous = character
        }
        if !current.isEmpty { words.append(current) }
        return words.compactMap { word in
            let letters = String(word.reversed().drop { $0.isNumber }.reversed())
            return letters.isEmpty ? nil : letters
        }
    }

    /// A character lowercased with its accent removed.
    static func fold(_ character: Character) -> String {
        let lower = character.lowercased()
        switch lower {
        case "é", "è", "ê", "ë": return "e"
        case "à", "â", "ä": return "a"
        case "î", "ï": return "i"
        case "ô", "ö": return "o"
        case "ù", "û", "ü": return "u"
        case "ç": return "c"
        case "œ": return "oe"
        case "æ": return "ae"
        default: return lower
        }
    }

    /// The rule the name `words` matches best, the longest name first; nil when no rule
    /// matches or every match is taken back by the words around it.
    static func match(_ words: [String]) -> Match? {
        var candidates: [(length: Int, order: Int, range: Range<Int>, rule: Rule)] = []
        for start in words.indices {
            var joined = ""
            for end in start..<words.count {
                joined += words[end]
                if let (order, rule) = rules[joined] { candidates.append((joined.count, order, start..<(end + 1), rule)) }
            }
        }
        candidates.sort { ($0.length, -$0.order) > ($1.length, -$1.order) }
        for candidate in candidates {
            var rest = Array(words[..<candidate.range.lowerBound] + words[candidate.range.upperBound...])
            // `dob_date`, `naissance_le`: a date says when for any other name, not for a birth.
            if candidate.rule.storage == .date { rest.removeAll(where: temporalWords.contains) }
            if rest.contains(where: disqualifiers.contains) { continue }
            if candidate.rule.isStrict, !rest.allSatisfy({ qualifiers.contains($0) || personWords.contains($0) }) { continue }
            return Match(rule: candidate.rule, namesPerson: rest.contains(where: personWords.contains))
        }
        return nil
    }

    /// True when a table's name says its rows are about people, or about what people do
    /// (orders, tickets, applications) and so carry their details.
    static func isAboutPeople(table: String) -> Bool {
        words(of: table).contains { personWords.contains($0) || personRecords.contains($0) || personWords.contains(singular($0)) || personRecords.contains(singular($0)) }
    }

    private static func singular(_ word: String) -> String {
        word.count > 3 && word.hasSuffix("s") ? String(word.dropLast()) : word
    }

    /// Each rule under each of its names, the words joined (`first name` as `firstname`, which
    /// `firstName`, `first_name` and `firstname` all give), with its order in the table.
    static let rules: [String: (Int, Rule)] = {
        var rules: [String: (Int, Rule)] = [:]
        for (order, entry) in table.enumerated() {
            for name in entry.names.split(separator: ",") {
                let key = name.split(separator: " ").joined()
                precondition(rules[key].map { $0.0 == order } ?? true, "\(key) is named by two rules")
                rules[key] = (order, entry.rule)
            }
        }
        return rules
    }()

    private static func rule(_ category: String, _ confidence: Double, _ storage: Storage = .text, strict: Bool = false, people: Bool = false) -> Rule {
        Rule(category: category, confidence: confidence, storage: storage, isStrict: strict, needsPeople: people)
    }

    /// The rules: names separated by commas, words by spaces, accents folded.
    private static let table: [(names: String, rule: Rule)] = [
        // Contact.
        ("e mail,courriel,mel,email address,mail address,adresse mail,adresse email,adresse electronique,adresse courriel",
         rule("user.contact.email", 0.85)),
        ("mail", rule("user.contact.email", 0.75, strict: true)),
        ("phone,telephone,tel,phone number,numero telephone,numero tel,tel number,telephone number,ligne directe,direct line",
         rule("user.contact.phone_number", 0.85, .any)),
        ("mobile,portable,gsm,cell,cell phone,mobile phone,tel portable,tel mobile,telephone portable,telephone mobile,fixe,tel fixe,telephone fixe",
         rule("user.contact.phone_number", 0.8, .any, strict: true)),
        ("fax,telecopie,fax number,numero fax", rule("user.contact.fax_number", 0.8, .any)),
        ("address,adresse,addr,postal address,adresse postale,mailing address,home address,adresse domicile",
         rule("user.contact.address", 0.75)),
        ("street,rue,voie,street address,address line,adresse ligne,ligne adresse,street number,house number,numero rue,numero voie,complement adresse,adresse complement,lieu dit",
         rule("user.contact.address.street", 0.7)),
        ("city,ville,commune,town,localite,locality", rule("user.contact.address.city", 0.65, strict: true, people: true)),
        ("zip,zip code,postal code,postcode,code postal,cp", rule("user.contact.address.postal_code", 0.65, .any, strict: true, people: true)),
        ("country,pays,country code,code pays", rule("user.contact.address.country", 0.55, strict: true, people: true)),
        ("province,county,departement", rule("user.contact.address.state", 0.55, .any, strict: true, people: true)),
        ("website,site web,site internet,homepage,url,linkedin,linkedin url,profile url,twitter,facebook,instagram",
         rule("user.contact.url", 0.55, strict: true, people: true)),
        // Names.
        ("first name,given name,prenom,fname,forename,prenoms", rule("user.name.first", 0.85)),
        ("last name,surname,family name,nom famille,nom de famille,lname,nom usage,nom naissance,maiden name,nom jeune fille,nom marital",
         rule("user.name.last", 0.85)),
        ("full name,nom complet,nom prenom,prenom nom,contact name,nom contact,customer name,nom client,display name", rule("user.name", 0.8)),
        ("name,nom,initials,initiales", rule("user.name", 0.75, strict: true, people: true)),
        // Demographics.
        ("birth date,date of birth,dob,birthday,date naissance,date de naissance,naissance,ddn,ne le,nee le,born,born on,anniversaire",
         rule("user.demographic.date_of_birth", 0.85, .date)),
        ("birth year,year of birth,annee naissance,annee de naissance", rule("user.demographic.date_of_birth", 0.7, .any)),
        ("birth place,place of birth,lieu naissance,lieu de naissance,ville naissance,ville de naissance,pays naissance,pays de naissance",
         rule("user.demographic", 0.75)),
        ("age", rule("user.demographic.age_range", 0.6, .any, strict: true, people: true)),
        ("age range,age group,age bracket,tranche age,tranche d age", rule("user.demographic.age_range", 0.75, .any)),
        ("gender,sex,sexe,civilite,civility,salutation", rule("user.demographic.gender", 0.75, .any, strict: true)),
        ("genre", rule("user.demographic.gender", 0.6, .any, strict: true, people: true)),
        ("marital status,situation familiale,situation matrimoniale,etat civil", rule("user.demographic.marital_status", 0.8, .any)),
        ("language,langue,locale,preferred language,langue preferee,lang", rule("user.demographic.language", 0.55, .any, strict: true, people: true)),
        ("nationality,nationalite,citizenship", rule("user.demographic", 0.75)),
        ("religion,confession,religious belief", rule("user.demographic.religious_belief", 0.8, .any, strict: true)),
        ("ethnicity,ethnic origin,origine ethnique,race", rule("user.demographic.race_ethnicity", 0.8, .any, strict: true, people: true)),
        ("political opinion,opinion politique,political party,parti politique,syndicat,union membership,appartenance syndicale",
         rule("user.demographic.political_opinion", 0.8, .any)),
        ("sexual orientation,orientation sexuelle", rule("user.demographic.sexual_orientation", 0.85, .any)),
        // Health, biometrics, criminal records (GDPR Art. 9 and 10).
        ("health,sante,medical,diagnosis,diagnostic,allergy,allergies,allergie,handicap,disability,pathologie,pathology,blood type,groupe sanguin,medical notes,antecedents,treatment,medication,medicaments",
         rule("user.health_and_medical", 0.75, .any, strict: true, people: true)),
        ("medical record,dossier medical,medical record number", rule("user.health_and_medical.record_id", 0.8, .any)),
        ("empreinte digitale,fingerprint template,face template,voice print,biometrie,biometric", rule("user.biometric", 0.8, .any)),
        ("criminal record,casier judiciaire,conviction,condamnation,condamnations,infraction,infractions", rule("user.criminal_history", 0.8, .any)),
        // Identifiers issued by a state.
        ("nir,secu,securite sociale,numero securite sociale,num secu,numero secu,ssn,social security,social security number,numero insee,national id,national identification number",
         rule("user.government_id.national_identification_number", 0.85, .any)),
        ("passport,passeport,passport number,numero passeport", rule("user.government_id.passport_number", 0.85)),
        ("driver license,drivers license,driving licence,driving license,permis conduire,permis de conduire,numero permis",
         rule("user.government_id.drivers_license_number", 0.8)),
        ("id card,identity card,carte identite,carte d identite,cni,numero cni,titre sejour,titre de sejour,residence permit",
         rule("user.government_id", 0.8)),
        ("immatriculation,license plate,licence plate,plate number,plaque,vehicle registration", rule("user.government_id.vehicle_registration", 0.7, strict: true, people: true)),
        ("tax id,numero fiscal,tax number", rule("user.government_id", 0.7)),
        // Money.
        ("iban,rib,bank account,compte bancaire,numero compte bancaire,coordonnees bancaires,bank details", rule("user.financial.bank_account", 0.85)),
        ("credit card,card number,numero carte,numero cb,carte bancaire,numero carte bancaire,cvv,cvc,cryptogramme,card last,last four",
         rule("user.financial.credit_card", 0.8, .any)),
        ("card,cb,pan", rule("user.financial.credit_card", 0.6, .any, strict: true, people: true)),
        ("salary,salaire,income,revenu,revenus,remuneration,annual income,revenu annuel", rule("user.financial", 0.7, .any, strict: true, people: true)),
        // Work.
        ("siren,siret,numero siren,numero siret", rule("user.workplace", 0.7, .any)),
        ("employer,employeur,company,company name,societe,entreprise,raison sociale,organisation,organization,nom societe,nom entreprise",
         rule("user.workplace", 0.55, strict: true, people: true)),
        ("job title,job,profession,occupation,metier,intitule poste,fonction", rule("user.job_title", 0.65, strict: true, people: true)),
        // Devices and the web.
        ("ip,ip address,ip addr,adresse ip,ipv,remote addr,remote address,remote ip,client ip", rule("user.device.ip_address", 0.8, .any)),
        ("user agent,ua,navigateur,browser,http user agent", rule("user.device", 0.7, strict: true)),
        ("device id,device token,push token,idfa,gaid,advertising id,imei,udid,mac address,adresse mac,android id",
         rule("user.device.device_id", 0.8)),
        ("cookie id,cookie value", rule("user.device.cookie_id", 0.7)),
        ("visitor id,anonymous id,tracking id,fingerprint", rule("user.unique_id.pseudonymous", 0.6)),
        ("latitude,longitude,lat,lng,lon,geolocation,geoloc,coordinates,coordonnees gps,gps,position gps", rule("user.location.precise", 0.65, .any, strict: true, people: true)),
        // Accounts and credentials.
        ("password,passwd,pwd,mot de passe,mdp,password hash,hashed password,encrypted password,password digest,password salt,crypted password",
         rule("user.authorization.credentials", 0.85, .any)),
        ("pass,pin,pin code,code pin,secret,otp secret,totp secret,mfa secret,two factor secret,security answer,question secrete,reponse secrete,recovery code,recovery codes",
         rule("user.authorization.credentials", 0.75, .any, strict: true, people: true)),
        ("reset token,remember token,session token,auth token,access token,refresh token,api token,jeton",
         rule("user.authorization.credentials", 0.7, .any)),
        ("user name,login,pseudo,nickname,screen name,nom utilisateur,identifiant connexion",
         rule("user.account.username", 0.7, strict: true)),
        ("handle", rule("user.account.username", 0.6, strict: true, people: true)),
        ("photo,avatar,picture,profile picture,profile photo,portrait,selfie,photo profil,photo identite", rule("user.content.self_image", 0.65, .any, strict: true, people: true)),
    ]

    /// Words that make a column about the thing rather than the thing: when, how many,
    /// whether, which kind (`email_verified`, `phone_count`, `created_at`, `email_id`).
    static let disqualifiers: Set<String> = [
        "at", "on", "date", "time", "timestamp", "datetime", "ts", "count", "nb", "nbr", "total", "is", "has", "can", "should",
        "verified", "verification", "validated", "valid", "validity", "confirmed", "confirmation", "opt", "optin", "optout", "opted",
        "consent", "consents", "allowed", "enabled", "disabled", "active", "flag", "status", "statut", "type", "kind", "format",
        "template", "domain", "provider", "sent", "bounce", "bounced", "bounces", "attempts", "attempt", "tries", "changed",
        "updated", "modified", "id", "ids", "uuid", "key", "fk", "pk", "ref", "code", "hash", "length", "len", "size", "max", "min",
        "visibility", "visible", "label", "libelle", "sort", "rank", "version", "source", "channel", "frequency", "regex",
        "pattern", "policy", "request", "requested", "unsubscribe", "unsubscribed", "blacklisted", "blocked", "spam", "mx", "smtp",
        "host", "hostname", "server", "port", "config", "configuration", "field", "column", "error", "errors", "notification",
        "notifications", "reminder", "campaign", "preference", "preferences", "setting", "settings", "list", "group", "category",
        "subject", "body", "url", "link", "file", "filename", "path", "extension", "mime", "width", "height", "score",
    ]

    /// The disqualifiers that say when: part of the name of a date column.
    static let temporalWords: Set<String> = ["at", "on", "date", "time", "timestamp", "datetime", "ts", "le"]

    /// Words that qualify a name without changing what it holds (`billing_address`,
    /// `tel_portable_perso`, `num_tel`, `email_2`).
    static let qualifiers: Set<String> = [
        "billing", "shipping", "delivery", "livraison", "facturation", "home", "work", "pro", "perso", "personal", "personnel",
        "personnelle", "private", "prive", "privee", "primary", "secondary", "main", "principal", "principale", "other", "alt",
        "alternate", "alternative", "backup", "secours", "old", "new", "previous", "current", "last", "first", "real", "full",
        "num", "numero", "no", "number", "n", "de", "du", "des", "la", "le", "les", "d", "l", "of", "the", "a", "legal", "legale",
        "official", "officiel", "display", "public", "mobile", "fixe", "direct", "line", "ligne", "complet", "complete", "value",
        "valeur", "text", "raw", "encrypted", "chiffre", "clear", "contact", "usual", "usuel", "preferred", "prefere", "default",
        "defaut", "international", "intl", "national", "local", "signup", "registration", "inscription", "login",
    ]

    /// Words naming a person (`client_email`, `nom_contact`, table `users`).
    static let personWords: Set<String> = [
        "user", "users", "utilisateur", "customer", "client", "contact", "person", "persons", "people", "personne", "employee", "employe",
        "employes", "salarie", "salaries", "staff", "member", "membre", "adherent", "patient", "candidate", "candidat", "applicant",
        "prospect", "lead", "subscriber", "abonne", "account", "compte", "profile", "profil", "student", "etudiant", "eleve", "visitor",
        "visiteur", "guest", "beneficiary", "beneficiaire", "author", "auteur", "owner", "proprietaire", "tenant", "locataire",
        "recipient", "destinataire", "sender", "expediteur", "buyer", "acheteur", "holder", "titulaire", "signatory", "signataire",
        "contributor", "manager", "interlocuteur", "representant", "parent", "parents", "child", "children", "enfant", "father",
        "mother", "pere", "mere", "spouse", "conjoint", "emergency", "urgence", "referent", "requester", "demandeur", "respondent",
        "participant", "attendee", "speaker", "driver", "conducteur", "passenger", "passager", "traveler", "traveller", "voyageur",
        "resident", "habitant", "citizen", "citoyen", "donor", "donateur", "volunteer", "benevole", "agent", "worker", "collaborateur",
        "individual", "individu", "consumer", "consommateur", "shopper", "partner", "associe", "dirigeant", "gerant", "admin",
        "administrator", "administrateur", "operator", "operateur", "friend", "ami", "family", "famille",
    ]

    /// Words naming what a person does, whose rows carry their details (`orders`, `tickets`).
    static let personRecords: Set<String> = [
        "order", "commande", "invoice", "facture", "booking", "reservation", "subscription", "abonnement", "ticket", "contract",
        "contrat", "application", "candidature", "appointment", "rendez", "rdv", "inscription", "registration", "signup",
        "shipment", "delivery", "livraison", "address", "adresse", "identity", "identite", "payment", "paiement", "review", "avis",
        "message", "conversation", "session", "login", "consent", "consentement", "claim", "reclamation", "dossier", "file",
        "directory", "annuaire", "crm", "hr", "rh", "payroll", "paie", "loyalty", "fidelite", "newsletter", "mailing",
    ]
}
