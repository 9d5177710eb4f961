/// The template of the Article 30 register as an HTML page (swift-mustache).
enum RegisterTemplates {
    static let html = #"""
<!DOCTYPE html>
<html lang="{{language}}">
<head>
<meta charset="utf-8">
<title>{{title}} — {{controller}}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5rem;color:#1a1a1a}
table{border-collapse:collapse;font-size:.85rem}th,td{border:1px solid #bbb;padding:.35rem .5rem;text-align:left;vertical-align:top}
thead th{background:#e8eef6;position:sticky;top:0}tbody tr:nth-child(even){background:#fafafa}
</style>
</head>
<body>
<h1>{{title}}</h1>
<p><strong>{{controller}}</strong> · {{updated}}</p>
<table>
<thead><tr>{{#columns}}<th scope="col">{{.}}</th>{{/columns}}</tr></thead>
<tbody>
{{#entries}}<tr>{{#.}}<td>{{.}}</td>{{/.}}</tr>
{{/entries}}
</tbody>
</table>
</body>
</html>
"""#
}
