/// The templates of the privacy notice (swift-mustache). The Markdown one turns HTML escaping off.
enum NoticeTemplates {
    static let markdown = #"""
{{% CONTENT_TYPE: TEXT }}
# {{labels.title}} — {{organizationName}}

{{#prevailingNote}}
_{{.}}_

{{/prevailingNote}}
{{#dateLine}}
{{.}}

{{/dateLine}}
## 1. {{labels.controller}}

**{{organizationName}}**{{#organizationDetails}}, {{.}}{{/organizationDetails}}
{{#registration}}

{{labels.registration}}{{colon}}{{.}}
{{/registration}}
{{#dpo}}

{{labels.dpo}}{{colon}}{{.}}
{{/dpo}}
{{#representative}}

{{labels.representative}}{{colon}}{{.}}
{{/representative}}
{{#hasJointControllers}}

{{labels.jointControllers}}{{colon}}

{{/hasJointControllers}}
{{#jointControllers}}
- {{.}}
{{/jointControllers}}

## 2. {{labels.purposes}}

{{#activities}}
### {{name}}

{{#description}}
{{.}}

{{/description}}
| | |
|---|---|
| {{labels.legalBasis}} | {{basis}} |
{{#legitimateInterest}}
| {{labels.legitimateInterest}} | {{.}} |
{{/legitimateInterest}}
{{#legalObligation}}
| {{labels.legalObligation}} | {{.}} |
{{/legalObligation}}
| {{labels.categories}} | {{categories}} |
| {{labels.subjects}} | {{subjects}} |
| {{labels.sources}} | {{sources}} |
| {{labels.mandatory}} | {{mandatory}} |
| {{labels.recipients}} | {{recipients}} |
| {{labels.retention}} | {{retention}} |
| {{labels.jointController}} | {{controllership}} |
{{#withdrawal}}
| {{labels.withdrawal}} | {{.}} |
{{/withdrawal}}

{{/activities}}
## 3. {{labels.recipients}}

{{labels.recipientsIntro}}

| {{labels.recipients}} | {{labels.kind}} | {{labels.role}} | {{labels.location}} |
|---|---|---|---|
{{#recipients}}
| {{name}} | {{kind}} | {{role}} | {{location}} |
{{/recipients}}

## 4. {{labels.transfers}}

{{^transfers}}
{{^transfersUnknown}}
{{labels.noTransfers}}
{{/transfersUnknown}}
{{/transfers}}
{{#transfersUnknown}}
{{.}}
{{/transfersUnknown}}
{{#hasTransfers}}
{{labels.transfersIntro}}

| {{labels.transferWho}} | {{labels.destination}} | {{labels.safeguard}} | {{labels.occasional}} |
|---|---|---|---|
{{/hasTransfers}}
{{#transfers}}
| {{who}} | {{destination}} | {{safeguard}} | {{frequency}} |
{{/transfers}}

## 5. {{labels.rights}}

{{labels.rightsIntro}}

{{#rights}}
- **{{name}}**{{colon}}{{detail}}
{{/rights}}

### {{labels.exercise}}

{{exercise}}
{{#responseTime}}

{{.}}
{{/responseTime}}
{{#identity}}

{{.}}
{{/identity}}

### {{labels.complaint}}

{{complaint}}
{{#automated}}

## {{automatedNumber}}. {{labels.automated}}

{{.}}
{{/automated}}
{{#hasTrackers}}

## {{trackersNumber}}. {{labels.trackers}}

{{trackersIntro}}

| {{labels.tracker}} | {{labels.provider}} | {{labels.purpose}} | {{labels.category}} | {{labels.lifetime}} | {{labels.consentNeeded}} |
|---|---|---|---|---|---|
{{/hasTrackers}}
{{#trackers}}
| `{{name}}` | {{provider}} | {{purpose}} | {{category}} | {{lifetime}} | {{consent}} |
{{/trackers}}
{{#hasSecurity}}

## {{securityNumber}}. {{labels.security}}

{{/hasSecurity}}
{{#security}}
- {{.}}
{{/security}}
{{#changes}}

## {{changesNumber}}. {{labels.changes}}

{{.}}
{{/changes}}
"""#

    static let html = #"""
<!DOCTYPE html>
<html lang="{{language}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{labels.title}} — {{organizationName}}</title>
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
<h1>{{labels.title}} — {{organizationName}}</h1>
{{#prevailingNote}}<p class="note">{{.}}</p>{{/prevailingNote}}
{{#dateLine}}<p>{{.}}</p>{{/dateLine}}

<section id="controller">
<h2>1. {{labels.controller}}</h2>
<p><strong>{{organizationName}}</strong>{{#organizationDetails}}, {{.}}{{/organizationDetails}}</p>
{{#registration}}<p>{{labels.registration}}{{colon}}{{.}}</p>{{/registration}}
{{#dpo}}<p>{{labels.dpo}}{{colon}}{{.}}</p>{{/dpo}}
{{#representative}}<p>{{labels.representative}}{{colon}}{{.}}</p>{{/representative}}
{{#hasJointControllers}}<p>{{labels.jointControllers}}{{colon}}</p><ul>{{/hasJointControllers}}
{{#jointControllers}}<li>{{.}}</li>{{/jointControllers}}
{{#hasJointControllers}}</ul>{{/hasJointControllers}}
</section>

<section id="purposes">
<h2>2. {{labels.purposes}}</h2>
{{#activities}}
<section id="activity-{{id}}">
<h3>{{name}}</h3>
{{#description}}<p>{{.}}</p>{{/description}}
<div class="table-wrap"><table>
<tr><th scope="row">{{labels.legalBasis}}</th><td>{{basis}}</td></tr>
{{#legitimateInterest}}<tr><th scope="row">{{labels.legitimateInterest}}</th><td>{{.}}</td></tr>{{/legitimateInterest}}
{{#legalObligation}}<tr><th scope="row">{{labels.legalObligation}}</th><td>{{.}}</td></tr>{{/legalObligation}}
<tr><th scope="row">{{labels.categories}}</th><td>{{categories}}</td></tr>
<tr><th scope="row">{{labels.subjects}}</th><td>{{subjects}}</td></tr>
<tr><th scope="row">{{labels.sources}}</th><td>{{sources}}</td></tr>
<tr><th scope="row">{{labels.mandatory}}</th><td>{{mandatory}}</td></tr>
<tr><th scope="row">{{labels.recipients}}</th><td>{{recipients}}</td></tr>
<tr><th scope="row">{{labels.retention}}</th><td>{{retention}}</td></tr>
<tr><th scope="row">{{labels.jointController}}</th><td>{{controllership}}</td></tr>
{{#withdrawal}}<tr><th scope="row">{{labels.withdrawal}}</th><td>{{.}}</td></tr>{{/withdrawal}}
</table></div>
</section>
{{/activities}}
</section>

<section id="recipients">
<h2>3. {{labels.recipients}}</h2>
<p>{{labels.recipientsIntro}}</p>
<div class="table-wrap"><table>
<thead><tr><th scope="col">{{labels.recipients}}</th><th scope="col">{{labels.kind}}</th><th scope="col">{{labels.role}}</th><th scope="col">{{labels.location}}</th></tr></thead>
<tbody>
{{#recipients}}<tr><td>{{name}}</td><td>{{kind}}</td><td>{{role}}</td><td>{{location}}</td></tr>
{{/recipients}}
</tbody>
</table></div>
</section>

<section id="transfers">
<h2>4. {{labels.transfers}}</h2>
{{> transfers}}
</section>

<section id="rights">
<h2>5. {{labels.rights}}</h2>
{{> rights}}
</section>

{{#automated}}<section id="automated">
<h2>{{automatedNumber}}. {{labels.automated}}</h2>
<p>{{.}}</p>
</section>{{/automated}}

{{#hasTrackers}}
<section id="trackers">
<h2>{{trackersNumber}}. {{labels.trackers}}</h2>
<p>{{trackersIntro}}</p>
<div class="table-wrap"><table>
<thead><tr><th scope="col">{{labels.tracker}}</th><th scope="col">{{labels.provider}}</th><th scope="col">{{labels.purpose}}</th><th scope="col">{{labels.category}}</th><th scope="col">{{labels.lifetime}}</th><th scope="col">{{labels.consentNeeded}}</th></tr></thead>
<tbody>
{{/hasTrackers}}
{{#trackers}}<tr><td><code>{{name}}</code></td><td>{{provider}}</td><td>{{purpose}}</td><td>{{category}}</td><td>{{lifetime}}</td><td>{{consent}}</td></tr>
{{/trackers}}
{{#hasTrackers}}
</tbody>
</table></div>
</section>
{{/hasTrackers}}

{{#hasSecurity}}<section id="security"><h2>{{securityNumber}}. {{labels.security}}</h2><ul>{{/hasSecurity}}
{{#security}}<li>{{.}}</li>{{/security}}
{{#hasSecurity}}</ul></section>{{/hasSecurity}}

{{#changes}}<section id="changes"><h2>{{changesNumber}}. {{labels.changes}}</h2><p>{{.}}</p></section>{{/changes}}
</main>
</body>
</html>
"""#

    /// The HTML of the transfers outside the EEA (Art. 13(1)(f), 15(2)), shared by the notice and
    /// the access page. Partials end with a blank line: a multiline literal drops its last line
    /// break, and the page's tag line needs one back.
    static let transfersHTML = #"""
{{^transfers}}{{^transfersUnknown}}<p>{{labels.noTransfers}}</p>{{/transfersUnknown}}{{/transfers}}
{{#transfersUnknown}}<p>{{.}}</p>{{/transfersUnknown}}
{{#hasTransfers}}<p>{{labels.transfersIntro}}</p>
<div class="table-wrap"><table>
<thead><tr><th scope="col">{{labels.transferWho}}</th><th scope="col">{{labels.destination}}</th><th scope="col">{{labels.safeguard}}</th><th scope="col">{{labels.occasional}}</th></tr></thead>
<tbody>{{/hasTransfers}}
{{#transfers}}<tr><td>{{who}}</td><td>{{destination}}</td><td>{{safeguard}}</td><td>{{frequency}}</td></tr>
{{/transfers}}
{{#hasTransfers}}</tbody></table></div>{{/hasTransfers}}

"""#

    /// The HTML of the rights, how to exercise them and the complaint (Art. 13(2)(b)-(d),
    /// 15(1)(e)-(f)), shared by the notice and the access page.
    static let rightsHTML = #"""
<p>{{labels.rightsIntro}}</p>
<ul>
{{#rights}}<li><strong>{{name}}</strong>{{colon}}{{detail}}</li>
{{/rights}}
</ul>
<h3>{{labels.exercise}}</h3>
<p>{{exercise}}</p>
{{#responseTime}}<p>{{.}}</p>{{/responseTime}}
{{#identity}}<p>{{.}}</p>{{/identity}}
<h3>{{labels.complaint}}</h3>
<p>{{complaint}}</p>

"""#
}
