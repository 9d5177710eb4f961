import Testing

@testable import RegistreDiscovery

@Suite struct DetectorTests {
    /// `type:text` for each finding in `text`.
    func found(_ text: String, minimumConfidence: Double = 0.5) -> [String] {
        let bytes = Array(text.utf8)
        return PersonalDataScanner(minimumConfidence: minimumConfidence).scan(bytes).map {
            "\($0.type.rawValue):\(String(decoding: bytes[$0.offset..<$0.end], as: UTF8.self))"
        }
    }

    @Test func emails() {
        #expect(found("Écrivez à jean.dupont+rgpd@exemple.fr.") == ["email:jean.dupont+rgpd@exemple.fr"])
        #expect(found("contact: Marie_O'Neil@mail.co.uk, merci") == ["email:Marie_O'Neil@mail.co.uk"])
        #expect(found("not@mail nor a@b.c nor @example.com nor x@y.123") == [])
        #expect(found("0612345678@sms.example.fr") == ["email:0612345678@sms.example.fr"])
    }

    @Test func frenchPhones() {
        #expect(found("Tél : 06 12 34 56 78.") == ["phone:06 12 34 56 78"])
        #expect(found("au 01.45.67.89.10 ou 0745678910") == ["phone:01.45.67.89.10", "phone:0745678910"])
        #expect(found("+33 6 12 34 56 78, +33 (0)1 45 67 89 10, 0033 6 12 34 56 78") == [
            "phone:+33 6 12 34 56 78", "phone:+33 (0)1 45 67 89 10", "phone:0033 6 12 34 56 78",
        ])
        #expect(found("06\u{A0}12\u{A0}34\u{A0}56\u{A0}78") == ["phone:06\u{A0}12\u{A0}34\u{A0}56\u{A0}78"])
        // 07 00 to 07 29 are not attributed; 00 is not a national number.
        #expect(found("0712345678 0012345678") == [])
        #expect(found("La Réunion : 0262 12 34 56, +262 692 12 34 56") == ["phone:0262 12 34 56", "phone:+262 692 12 34 56"])
        #expect(PhoneNumbering.e164("0262 12 34 56") == "+262262123456")
        #expect(PhoneNumbering.e164("06 12 34 56 78") == "+33612345678")
        #expect(PhoneNumbering.e164("+33 (0)6 12-34-56-78") == "+33612345678")
        #expect(PhoneNumbering.e164("0033 1 45 67 89 10") == "+33145678910")
        #expect(PhoneNumbering.e164("07 12 34 56 78") == nil)
        // An overseas number written with +33 is still found, and normalised under its own code.
        #expect(found("Call me at +33 5 96 60 28 21.") == ["phone:+33 5 96 60 28 21"])
        #expect(PhoneNumbering.e164("+33 (0)2 69 34 47 56") == "+262269344756")
    }

    @Test func worldPhones() {
        #expect(found("Call +1 (415) 555-0132 or +44 20 7946 0958") == ["phone:+1 (415) 555-0132", "phone:+44 20 7946 0958"])
        #expect(found("+999 1234 5678") == [])
        #expect(found("C++ 2020") == [])
    }

    @Test func companyNumbers() {
        #expect(found("SIREN 732 829 320 ; SIRET : 73282932000074") == ["siren:732 829 320", "siret:73282932000074"])
        #expect(found("RCS Paris 732 829 320 00074") == ["siret:732 829 320 00074"])
        // La Poste's establishments fail Luhn but sum to a multiple of five.
        #expect(found("SIRET 35600000000010") == ["siret:35600000000010"])
        // A digit off fails Luhn; a Luhn-valid number with no company word is not reported.
        #expect(found("SIREN 732 829 321, SIRET 73282932000075") == [])
        #expect(found("référence 100000009") == [])
        #expect(found("référence 100000009", minimumConfidence: 0.3) == ["siren:100000009"])
    }

    @Test func siretIsNeverACard() {
        // Fourteen digits that pass Luhn, as SIRET and Diners both do.
        #expect(found("n° 30569309025904") == ["siret:30569309025904"] || found("n° 30569309025904").isEmpty)
        #expect(!found("siret 30569309025904").contains { $0.hasPrefix("payment_card") })
        #expect(found("carte 3056 930902 5904") == ["payment_card:3056 930902 5904"])
    }

    @Test func cards() {
        #expect(found("Visa 4111 1111 1111 1111, MC 5555555555554444, Amex 3782 822463 10005") == [
            "payment_card:4111 1111 1111 1111", "payment_card:5555555555554444", "payment_card:3782 822463 10005",
        ])
        #expect(found("4111 1111 1111 1112 and 9111111111111111") == [])
        // "00" inside another number is not an international prefix.
        #expect(found("carte 4344 0084 7596 7158, n° SIRET 639 007 195 00065, NIR 1 97 00 91 228 006 06") == [])
    }

    @Test func nir() {
        #expect(found("NIR 1 85 05 78 006 084 91") == ["nir:1 85 05 78 006 084 91"])
        #expect(found("n° sécu 185057800608491.") == ["nir:185057800608491"])
        #expect(found("Corse : 2 90 01 2A 004 012 02") == ["nir:2 90 01 2A 004 012 02"])
        #expect(found("1 85 05 78 006 084 92 et 2 90 01 2B 004 012 02") == [])
    }

    @Test func ibans() {
        #expect(found("IBAN FR76 3000 6000 0112 3456 7890 189 BIC AGRIFRPP") == ["iban:FR76 3000 6000 0112 3456 7890 189"])
        #expect(found("DE89370400440532013000 GB82WEST12345698765432") == ["iban:DE89370400440532013000", "iban:GB82WEST12345698765432"])
        #expect(found("FR76 3000 6000 0112 3456 7890 188 FR7630006000011234567890") == [])
        // A broken IBAN's groups are not read again as a card or a phone number.
        #expect(found("IBAN FR94 2755 4589 7838 3458 6410 311, IBAN FR52 3905 5863 8902 0041 2968 434") == [])
    }

    @Test func addresses() {
        #expect(found("192.168.1.10 et 10.0.0.256 et 1.2.3.4.5") == ["ipv4:192.168.1.10"])
        #expect(found("from 2001:db8:85a3::8a2e:370:7334 and fe80::1 at 12:30:45") == [
            "ipv6:2001:db8:85a3::8a2e:370:7334", "ipv6:fe80::1",
        ])
        #expect(found("2001:0db8:0000:0000:0000:ff00:0042:8329 ::ffff:192.0.2.1") == [
            "ipv6:2001:0db8:0000:0000:0000:ff00:0042:8329", "ipv6:::ffff:192.0.2.1",
        ])
        #expect(found("MAC 00:1A:2B:3C:4D:5E, std::vector") == [])
        #expect(found("Last login from 2001:db8:6937:de3a::c51a.") == ["ipv6:2001:db8:6937:de3a::c51a"])
    }

    @Test func datesOfBirth() {
        #expect(found("née le 12/03/1985 à Lyon") == ["date_of_birth:12/03/1985"])
        #expect(found("Date de naissance : 1er mars 1985") == ["date_of_birth:1er mars 1985"])
        #expect(found("DOB: 1985-03-12; born on March 12, 1985") == ["date_of_birth:1985-03-12", "date_of_birth:March 12, 1985"])
        // A date needs its context; no date is read inside an address or a version.
        #expect(found("livré le 12/03/2024") == [])
        #expect(found("né le 192.168.1.10") == ["ipv4:192.168.1.10"])
        #expect(found("né le 31/02/1985") == [])
    }

    @Test func postalAddresses() {
        #expect(found("J'habite 12 bis rue de la Paix, 75002 Paris depuis") == ["postal_address:12 bis rue de la Paix, 75002 Paris"])
        #expect(found("au 8, avenue des Champs-Élysées.") == ["postal_address:8, avenue des Champs-Élysées"])
        #expect(found("at 221B Baker Street, London NW1 6XE now") == ["postal_address:221B Baker Street, London NW1 6XE"])
        #expect(found("Adresse : 3 place du Marché 69001 Lyon\nsuite") == ["postal_address:3 place du Marché 69001 Lyon"])
        #expect(found("la rue est calme") == [])
    }

    @Test func names() {
        #expect(found("M. Jean Dupont a appelé") == ["person_name:Jean Dupont"])
        #expect(found("Bonjour Madame Martin,") == ["person_name:Martin"])
        #expect(found("Nom : DUPONT Prénom : Élodie") == ["person_name:DUPONT", "person_name:Élodie"])
        #expect(found("Dear Mrs O'Brien-Smith,") == ["person_name:O'Brien-Smith"])
        #expect(found("Cordialement,\nJean-Luc Mélenchon") == ["person_name:Jean-Luc Mélenchon"])
        #expect(found("Bonjour à tous, Hello Team") == [])
    }

    @Test func streamsOfAnyBytes() {
        var bytes: [UInt8] = [0, 0xFF, 0xFE, 0xC3, 0x28, 0xE2, 0x82]
        bytes += Array("jean@exemple.fr".utf8) + [0, 0xC2]
        let findings = PersonalDataScanner().scan(bytes)
        #expect(findings.map(\.offset) == [7])
        #expect(PersonalDataScanner().scan([UInt8]()).isEmpty)
        #expect(PersonalDataScanner().scan([0xC2]).isEmpty)
        #expect(PersonalDataScanner().scan([0xE2, 0x80]).isEmpty)
    }
}
