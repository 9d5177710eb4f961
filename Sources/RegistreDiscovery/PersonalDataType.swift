/// A kind of personal data the detectors recognise in text.
///
/// The raw values are the names Registre prints and reads (`registre scan --types`, JSON output,
/// the labelled corpus), so they never change once published.
public enum PersonalDataType: String, CaseIterable, Sendable, Codable, Comparable {
    case email
    case phone
    case iban
    case paymentCard = "payment_card"
    case siren
    case siret
    case nir
    case ipv4
    case ipv6
    case dateOfBirth = "date_of_birth"
    case postalAddress = "postal_address"
    case personName = "person_name"

    /// Whether a finding of this type passed a checksum or a registry check, not just a shape:
    /// the types held to the corpus's 0.99 precision and recall.
    public var isChecksumValidated: Bool {
        switch self {
        case .iban, .paymentCard, .siren, .siret, .nir: true
        default: false
        }
    }

    /// The fideslang data category a value of this type belongs to.
    public var dataCategory: String {
        switch self {
        case .email: "user.contact.email"
        case .phone: "user.contact.phone_number"
        case .iban: "user.financial.bank_account"
        case .paymentCard: "user.financial.credit_card"
        case .siren, .siret: "user.workplace"
        case .nir: "user.government_id.national_identification_number"
        case .ipv4, .ipv6: "user.device.ip_address"
        case .dateOfBirth: "user.demographic.date_of_birth"
        case .postalAddress: "user.contact.address"
        case .personName: "user.name"
        }
    }

    /// The type's place in `allCases`: its order in lists and its bit in the scanner's mask.
    public var ordinal: Int {
        switch self {
        case .email: 0
        case .phone: 1
        case .iban: 2
        case .paymentCard: 3
        case .siren: 4
        case .siret: 5
        case .nir: 6
        case .ipv4: 7
        case .ipv6: 8
        case .dateOfBirth: 9
        case .postalAddress: 10
        case .personName: 11
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.ordinal < rhs.ordinal
    }
}

/// One piece of personal data found in a stream of bytes.
public struct DiscoveryFinding: Sendable, Hashable {
    /// What was found.
    public var type: PersonalDataType
    /// Where it starts, in bytes from the start of the input.
    public var offset: Int
    /// How many bytes it spans.
    public var length: Int
    /// How sure the detector is, from 0 to 1.
    public var confidence: Double
    /// The check the value passed (`luhn+issuer`, `mod97`, `nir-key`, `numbering-plan`...).
    public var validation: Validation

    public init(type: PersonalDataType, offset: Int, length: Int, confidence: Double, validation: Validation) {
        self.type = type
        self.offset = offset
        self.length = length
        self.confidence = confidence
        self.validation = validation
    }

    /// The byte just past the finding.
    public var end: Int { offset + length }

    /// The checks a finding can have passed, named as Registre prints them.
    public enum Validation: String, Sendable, Codable {
        /// Shape alone (an e-mail's local part, `@`, a domain with an alphabetic top level).
        case syntax
        /// Luhn's checksum and a card issuer's number range and length.
        case luhnAndIssuer = "luhn+issuer"
        /// Luhn's checksum (SIREN, SIRET).
        case luhn
        /// La Poste's establishments: digits summing to a multiple of 5 (SIRET of SIREN 356 000 000).
        case laPoste = "la-poste"
        /// ISO 13616's mod-97 check and the country's length.
        case mod97
        /// The NIR's key (97 minus the number mod 97; Corsica's 2A and 2B as 19 and 18).
        case nirKey = "nir-key"
        /// A number in the French numbering plan (ARCEP), or a known country code's length.
        case numberingPlan = "numbering-plan"
        /// Four octets from 0 to 255.
        case octets
        /// Eight hexadecimal groups, or fewer with one `::`.
        case hexGroups = "hex-groups"
        /// A real calendar date after a birth context word.
        case contextDate = "context+date"
        /// A context word and the shape that follows it (a name, a street).
        case context
    }
}
