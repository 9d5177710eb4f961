/// Builds the fideslang default taxonomy from the rows generated into `DefaultTaxonomy+Data.swift`.
enum DefaultTaxonomy {
    /// fideslang categories that are special categories under GDPR Art. 9(1): health, genetic and
    /// biometric data used to identify, racial or ethnic origin, political opinions, religious
    /// beliefs, sex life or sexual orientation.
    static let specialCategories: Set<String> = [
        "user.health_and_medical", "user.biometric", "user.demographic.political_opinion",
        "user.demographic.race_ethnicity", "user.demographic.religious_belief",
        "user.demographic.sexual_orientation", "user.authorization.biometric",
    ]

    /// fideslang categories covered by GDPR Art. 10.
    static let criminalData: Set<String> = ["user.criminal_history"]

    static func make() -> Taxonomy {
        var categories: [String: TaxonomyEntry] = [:]
        var uses: [String: TaxonomyEntry] = [:]
        var subjects: [String: TaxonomyEntry] = [:]
        for line in rows.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5 else { continue }
            let entry = TaxonomyEntry(
                key: fields[1],
                parent: fields[2].isEmpty ? nil : fields[2],
                name: fields[3],
                description: fields[4],
                isSpecialCategory: specialCategories.contains(fields[1]),
                isCriminalData: criminalData.contains(fields[1]),
                translations: [:]
            )
            switch fields[0] {
            case "category": categories[entry.key] = entry
            case "use": uses[entry.key] = entry
            default: subjects[entry.key] = entry
            }
        }
        // The notices print these names; fideslang's own names are tool labels in Title Case.
        for (language, names) in [("fr", frenchNames), ("en", englishNames)] {
            for line in names.split(separator: "\n") {
                let fields = line.split(separator: "\t", maxSplits: 1).map(String.init)
                guard fields.count == 2 else { continue }
                categories[fields[0]]?.translations[language] = fields[1]
                uses[fields[0]]?.translations[language] = fields[1]
                subjects[fields[0]]?.translations[language] = fields[1]
            }
        }
        return Taxonomy(dataCategories: categories, dataUses: uses, dataSubjects: subjects)
    }
}
