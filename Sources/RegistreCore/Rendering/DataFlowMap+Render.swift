extension DataFlowMap {
    /// Graphviz DOT: one cluster per column, left to right.
    func dot() -> String {
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        let headings = columnHeadings
        var lines = ["digraph registre {", "  rankdir=LR;", "  graph [label=\(quoted(title)), labelloc=t, fontname=\"Helvetica\", nodesep=0.25, ranksep=1.2];",
                     "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f7f9fc\", fontname=\"Helvetica\", fontsize=11];",
                     "  edge [arrowsize=0.6];"]
        for (index, column) in columns.enumerated() where !column.isEmpty {
            lines.append("  subgraph cluster_\(index) {")
            lines.append("    label=\(quoted(headings[index])); style=dashed; color=\"#c5ccd6\";")
            for node in column {
                let dashed = node.isDashed ? ", style=\"rounded,dashed\"" : ""
                lines.append("    \(quoted(node.id)) [label=\(quoted(node.label + "\n" + node.detail))\(dashed)];")
            }
            lines.append("  }")
        }
        for edge in edges {
            let style = style(edge.flow)
            let label: String
            if case .transfer = edge.flow { label = ", label=\(quoted(style.legend)), fontsize=9, fontcolor=\(quoted(style.color)), penwidth=2" } else { label = "" }
            lines.append("  \(quoted(edge.from)) -> \(quoted(edge.to)) [color=\(quoted(style.color))\(label)];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    var columnHeadings: [String] {
        [words.pick("Sources", "Sources"), words.pick("Processing activities", "Traitements"),
         words.pick("Recipients", "Destinataires"), words.pick("Countries", "Pays")]
    }

    /// A self-contained SVG: four columns of boxes, curved lines, and a legend of the safeguards.
    func svg() -> String {
        let columnWidth = 250.0, gap = 110.0, boxHeight = 52.0, rowGap = 10.0, top = 84.0, left = 20.0
        let width = left * 2 + columnWidth * 4 + gap * 3
        var points: [String: (x: Double, y: Double)] = [:]
        var body: [String] = []
        let columnHeights = columns.map { Double($0.count) * (boxHeight + rowGap) - rowGap }
        let tallest = columnHeights.max() ?? 0
        for (index, column) in columns.enumerated() {
            let x = left + Double(index) * (columnWidth + gap)
            let offset = (tallest - columnHeights[index]) / 2
            body.append("<text x=\"\(x + columnWidth / 2)\" y=\"\(top - 18)\" class=\"heading\">\(escape(columnHeadings[index]))</text>")
            for (row, node) in column.enumerated() {
                let y = top + offset + Double(row) * (boxHeight + rowGap)
                points[node.id] = (x, y + boxHeight / 2)
                let dash = node.isDashed ? " stroke-dasharray=\"4 3\"" : ""
                body.append("<g><title>\(escape(node.label)) — \(escape(node.detail))</title>"
                    + "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(columnWidth)\" height=\"\(boxHeight)\" rx=\"6\" class=\"box\"\(dash)/>"
                    + wrapped(node.label, width: 34, lines: 2).enumerated().map { line, text in
                        "<text x=\"\(x + 10)\" y=\"\(y + 16 + Double(line) * 14)\" class=\"label\">\(escape(text))</text>"
                    }.joined()
                    + "<text x=\"\(x + 10)\" y=\"\(y + 45)\" class=\"detail\">\(escape(truncate(node.detail, 42)))</text></g>")
            }
        }
        var lines: [String] = []
        var used: [String: String] = [:]
        for edge in edges {
            guard let from = points[edge.from], let to = points[edge.to] else { continue }
            let style = style(edge.flow)
            let startX = from.x + columnWidth, endX = to.x, middle = (startX + endX) / 2
            var strokeWidth = 1.2
            switch edge.flow {
            case .transfer:
                strokeWidth = 2.6
                used[style.color] = style.legend
            case .unknownLocation:
                strokeWidth = 1.8
                used[style.color] = style.legend
            default: break
            }
            lines.append("<path d=\"M\(format(startX)),\(format(from.y)) C\(format(middle)),\(format(from.y)) \(format(middle)),\(format(to.y)) \(format(endX - 4)),\(format(to.y))\" stroke=\"\(style.color)\" stroke-width=\"\(strokeWidth)\" fill=\"none\" marker-end=\"url(#arrow)\" opacity=\"0.85\"/>")
        }
        let height = top + tallest + 40 + Double(max(used.count, 1)) * 20 + 30
        var legend: [String] = ["<text x=\"\(left)\" y=\"\(top + tallest + 40)\" class=\"heading-left\">\(escape(words.pick("Transfers, by safeguard, and unknown locations", "Transferts, par garantie, et localisations inconnues")))</text>"]
        for (index, entry) in used.sorted(by: { $0.value < $1.value }).enumerated() {
            let y = top + tallest + 62 + Double(index) * 20
            legend.append("<line x1=\"\(left)\" y1=\"\(y - 4)\" x2=\"\(left + 40)\" y2=\"\(y - 4)\" stroke=\"\(entry.key)\" stroke-width=\"3\"/>"
                + "<text x=\"\(left + 50)\" y=\"\(y)\" class=\"detail\">\(escape(entry.value))</text>")
        }
        if used.isEmpty {
            legend.append("<text x=\"\(left)\" y=\"\(top + tallest + 62)\" class=\"detail\">\(escape(words.pick("No transfer outside the EEA, every location stated", "Aucun transfert hors EEE, toutes les localisations indiquées")))</text>")
        }
        return """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(format(width))" height="\(format(height))" viewBox="0 0 \(format(width)) \(format(height))" role="img" aria-label="\(escape(title))">
        <title>\(escape(title))</title>
        <style>
        .box{fill:#f7f9fc;stroke:#9aa5b1;stroke-width:1}
        .label{font:600 12px Helvetica,Arial,sans-serif;fill:#1a1a1a}
        .detail{font:11px Helvetica,Arial,sans-serif;fill:#555}
        .heading{font:700 14px Helvetica,Arial,sans-serif;fill:#1a1a1a;text-anchor:middle}
        .heading-left{font:700 13px Helvetica,Arial,sans-serif;fill:#1a1a1a}
        .title{font:700 18px Helvetica,Arial,sans-serif;fill:#1a1a1a}
        </style>
        <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#666"/></marker></defs>
        <rect width="100%" height="100%" fill="#ffffff"/>
        <text x="\(left)" y="30" class="title">\(escape(title))</text>
        \(lines.joined(separator: "\n"))
        \(body.joined(separator: "\n"))
        \(legend.joined(separator: "\n"))
        </svg>

        """
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Splits `text` into at most `lines` lines of about `width` characters at spaces; the last
    /// line ends with an ellipsis when text is left over.
    private func wrapped(_ text: String, width: Int, lines: Int) -> [String] {
        var result: [String] = []
        var current = ""
        var words = text.split(separator: " ").map(String.init)[...]
        while let word = words.first {
            if current.isEmpty || current.count + 1 + word.count <= width {
                current += (current.isEmpty ? "" : " ") + word
                words = words.dropFirst()
            } else {
                result.append(current)
                current = ""
                if result.count == lines { break }
            }
        }
        if !current.isEmpty, result.count < lines { result.append(current) }
        if !words.isEmpty, let last = result.last {
            result[result.count - 1] = String(last.prefix(width - 1)) + "…"
        }
        return result.map { truncate($0, width) }
    }

    private func truncate(_ text: String, _ length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }

    private func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}

import Foundation
