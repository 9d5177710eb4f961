/// The template of the page an access request's export carries (swift-mustache, HTML escaping on:
/// every value from the company's database is escaped), in two parts: the person's data, then
/// what the policy says about its processing.
enum AccessTemplates {
    static let html = #"""
<!DOCTYPE html>
<html lang="{{language}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}} — {{organizationName}}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.8rem}h2{margin-top:2.2rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}h3{margin-top:1.6rem}
table{border-collapse:collapse;width:100%;margin:.8rem 0;font-size:.95rem}th,td{border:1px solid #bbb;padding:.4rem .6rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}th[scope=row]{width:30%}code{font-size:.9em;overflow-wrap:anywhere}.note{font-style:italic;color:#444}
.table-wrap{overflow-x:auto;max-width:100%}td{overflow-wrap:anywhere}
</style>
</head>
<body>
<main>
<h1>{{title}} — {{organizationName}}</h1>
<p>{{dateLine}}</p>
<p>{{intro}}</p>

<section id="data">
<h2>1. {{dataHeading}}</h2>
{{#noData}}<p>{{.}}</p>{{/noData}}
{{#collections}}
<section id="collection-{{name}}">
<h3><code>{{name}}</code> — {{count}}</h3>
{{#purposes}}<p>{{purposesLabel}}{{colon}}{{.}}</p>{{/purposes}}
{{#categories}}<p>{{categoriesLabel}}{{colon}}{{.}}</p>{{/categories}}
<div class="table-wrap"><table>
<thead><tr>{{#columns}}<th scope="col">{{.}}</th>{{/columns}}</tr></thead>
<tbody>
{{#rows}}<tr>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>
{{/rows}}
</tbody>
</table></div>
{{#more}}<p class="note">{{.}}</p>{{/more}}
{{#withheld}}<p class="note">{{.}}</p>{{/withheld}}
<p>{{filesLabel}}{{colon}}<code>{{files}}</code></p>
</section>
{{/collections}}
</section>
"""#

    /// The rest of the page, what the policy says about the activities the collections serve:
    /// the same for everyone whose rows serve the same ones, so rendered once for them all.
    static let processingHTML = #"""


<section id="purposes">
<h2>2. {{purposesHeading}}</h2>
{{#activitiesNote}}<p class="note">{{.}}</p>{{/activitiesNote}}
{{#activities}}
<section id="activity-{{id}}">
<h3>{{name}}</h3>
{{#description}}<p>{{.}}</p>{{/description}}
<div class="table-wrap"><table>
<tr><th scope="row">{{labels.legalBasis}}</th><td>{{basis}}</td></tr>
{{#legitimateInterest}}<tr><th scope="row">{{labels.legitimateInterest}}</th><td>{{.}}</td></tr>{{/legitimateInterest}}
{{#legalObligation}}<tr><th scope="row">{{labels.legalObligation}}</th><td>{{.}}</td></tr>{{/legalObligation}}
<tr><th scope="row">{{labels.categories}}</th><td>{{categories}}</td></tr>
<tr><th scope="row">{{labels.sources}}</th><td>{{sources}}</td></tr>
<tr><th scope="row">{{labels.recipients}}</th><td>{{recipients}}</td></tr>
<tr><th scope="row">{{labels.retention}}</th><td>{{retention}}</td></tr>
</table></div>
</section>
{{/activities}}
</section>

<section id="transfers">
<h2>3. {{labels.transfers}}</h2>
{{> transfers}}
</section>

<section id="automated">
<h2>4. {{labels.automated}}</h2>
<p>{{automated}}</p>
</section>

<section id="rights">
<h2>5. {{labels.rights}}</h2>
{{> rights}}
{{#dpo}}<p>{{labels.dpo}}{{colon}}{{.}}</p>{{/dpo}}
</section>
</main>
</body>
</html>
"""#
}
