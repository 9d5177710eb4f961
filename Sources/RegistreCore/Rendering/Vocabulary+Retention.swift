extension Vocabulary {
    /// A retention rule in plain words: "3 years after the last contact, then deleted
    /// (Commercial Code)", "Until the end of the contract, then deactivated; deleted 30 days later".
    /// - Parameters:
    ///   - addressingReader: True in a notice ("if you object"), false in a register ("if the person objects").
    func describe(_ rule: RetentionRule, taxonomy: Taxonomy, addressingReader: Bool = true) -> String {
        var clauses: [String] = []
        for phase in rule.phases {
            if phase.after != nil {
                guard let duration = phase.duration else {
                    clauses.append(pick("then kept with no set limit", "puis conservées sans limite fixée"))
                    continue
                }
                clauses.append(duration.isZero
                    ? pick("then \(done(phase.action))", "puis \(done(phase.action))")
                    : pick("\(done(phase.action)) \(words(for: duration)) later", "\(done(phase.action)) \(words(for: duration)) plus tard"))
                continue
            }
            guard let anchor = phase.anchor else { continue }
            guard let duration = phase.duration else {
                clauses.append(pick("kept with no set limit", "conservées sans limite fixée"))
                continue
            }
            var clause = duration.isZero
                ? "\(until(anchor)), " + pick("then \(done(phase.action))", "puis \(done(phase.action))")
                : "\(words(for: duration)) \(after(anchor)), " + pick("then \(done(phase.action))", "puis \(done(phase.action))")
            if rule.isRolling {
                clause += pick(" (rolling window: each record from its own date)", " (période glissante : chaque enregistrement à compter de sa propre date)")
            }
            clauses.append(clause)
        }
        var text = clauses.joined(separator: pick("; ", "\u{00A0}; "))
        if !rule.endsEarlyOn.isEmpty {
            let events = rule.endsEarlyOn.map { earlyEnd($0, addressingReader: addressingReader) }
            let joined = events.count == 1 ? events[0] : events.dropLast().joined(separator: ", ") + pick(" or ", " ou ") + events.last!
            let endless = rule.phases.contains { $0.isIndefinite }
            text += endless ? pick(", unless \(joined)", ", sauf si \(joined)") : pick(", or earlier if \(joined)", ", ou plus tôt si \(joined)")
        }
        if let reference = rule.legalReference { text += " (\(reference))" }
        let scope = rule.subjects.map { taxonomy.name(of: $0.value, kind: .dataSubject, language: language) }
            + rule.categories.map { taxonomy.name(of: $0.value, kind: .dataCategory, language: language) }
        if !scope.isEmpty {
            text = scope.joined(separator: ", ") + colon + text
        }
        return text.prefix(1).uppercased() + text.dropFirst()
    }
}
