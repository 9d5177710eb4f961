extension BannerAssets {
    /// The banner's behaviour. `__REGISTRE_CONFIG__` is replaced by the JSON configuration: the
    /// endpoint, and per language the banner id, hash, policy version, content and texts.
    static let script = #"""
(function () {
  "use strict";
  var config = __REGISTRE_CONFIG__;
  var COOKIE = "registre_consent";
  var doc = document, root = doc.documentElement;

  function pickLanguage() {
    var wanted = [root.getAttribute("lang"), navigator.language].concat(navigator.languages || []);
    for (var i = 0; i < wanted.length; i++) {
      var code = (wanted[i] || "").slice(0, 2).toLowerCase();
      if (config.banners[code]) return code;
    }
    return config.fallback;
  }
  var lang = pickLanguage(), banner = config.banners[lang], content = banner.content, text = content.texts;
  var origin = (doc.currentScript && doc.currentScript.src) ? new URL(doc.currentScript.src, location.href).origin : location.origin;
  var purposes = content.purposes.map(function (p) { return p.id; });

  function readChoice() {
    var match = doc.cookie.match(/(?:^|; )registre_consent=([^;]*)/);
    if (!match) return null;
    try {
      var value = JSON.parse(decodeURIComponent(match[1]));
      if (!value || value.e < Date.now() || value.p !== banner.policyVersion) return null;
      return value;
    } catch (e) { return null; }
  }
  function visitorId() {
    var previous = readChoice() || {};
    if (previous.v) return previous.v;
    var bytes = new Uint8Array(16);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }
  function writeChoice(choices, method, visitor) {
    var granted = purposes.some(function (p) { return choices[p]; });
    var lifetime = granted ? config.consentDays : config.refusalDays;
    var value = { v: visitor, c: choices, m: method, p: banner.policyVersion, e: Date.now() + lifetime * 864e5 };
    doc.cookie = COOKIE + "=" + encodeURIComponent(JSON.stringify(value)) + "; path=/; max-age=" + (lifetime * 86400) + "; SameSite=Lax" +
      (location.protocol === "https:" ? "; Secure" : "");
    return value;
  }

  function record(choices, method) {
    var visitor = visitorId();
    var body = {
      visitor_id: visitor, method: method, language: lang, policy_version: banner.policyVersion,
      banner: { id: banner.id, hash: banner.hash }, page_url: location.origin + location.pathname,
      granted: purposes.filter(function (p) { return choices[p]; }),
      refused: purposes.filter(function (p) { return !choices[p]; })
    };
    var saved = writeChoice(choices, method, visitor);
    apply(saved.c);
    return fetch(origin + "/v1/consents", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), keepalive: true, credentials: "omit"
    }).then(function (response) {
      doc.dispatchEvent(new CustomEvent("registre:recorded", { detail: { status: response.status, method: method } }));
      return response.status;
    }).catch(function () { return 0; });
  }

  // Scripts typed text/plain with data-category stay inert until their purpose is granted.
  function isGranted(category, choices) {
    if (purposes.indexOf(category) >= 0) return !!choices[category];
    var owners = content.purposes.filter(function (p) {
      return p.trackers.some(function (t) { return t.category === category; });
    });
    return owners.length > 0 && owners.every(function (p) { return choices[p.id]; });
  }
  function apply(choices) {
    var inert = doc.querySelectorAll('script[type="text/plain"][data-category]');
    Array.prototype.forEach.call(inert, function (node) {
      if (!isGranted(node.getAttribute("data-category"), choices) || node.hasAttribute("data-registre-ran")) return;
      var live = doc.createElement("script");
      Array.prototype.forEach.call(node.attributes, function (a) { if (a.name !== "type") live.setAttribute(a.name, a.value); });
      live.text = node.text;
      node.setAttribute("data-registre-ran", "");
      node.parentNode.insertBefore(live, node.nextSibling);
    });
    content.purposes.forEach(function (p) { if (!choices[p.id]) erase(p); });
  }
  // On refusal or withdrawal, delete the first-party cookies of the purpose that the page can reach.
  function erase(purpose) {
    var names = doc.cookie.split("; ").map(function (c) { return c.split("=")[0]; });
    purpose.trackers.forEach(function (t) {
      var prefix = t.name.replace(/\s*\{[^}]*\}.*$/, "").replace(/\*$/, "");
      names.forEach(function (name) {
        if (name !== t.name && !(prefix !== t.name && prefix && name.indexOf(prefix) === 0)) return;
        var parts = location.hostname.split(".");
        for (var i = 0; i < parts.length; i++) {
          var domain = parts.slice(i).join(".");
          doc.cookie = name + "=; path=/; max-age=0; domain=" + domain;
        }
        doc.cookie = name + "=; path=/; max-age=0";
      });
    });
  }

  var dialog, lastFocus;
  function el(tag, attributes, children) {
    var node = doc.createElement(tag);
    for (var key in attributes) node.setAttribute(key, attributes[key]);
    (children || []).forEach(function (child) { node.appendChild(typeof child === "string" ? doc.createTextNode(child) : child); });
    return node;
  }
  function button(label, action, cls) {
    var b = el("button", { type: "button", "class": "rg-button " + (cls || ""), "data-action": action }, [label]);
    b.addEventListener("click", function () { actions[action](); });
    return b;
  }
  var actions = {
    accept: function () { finish(all(true), "accept_all"); },
    reject: function () { finish(all(false), "reject_all"); },
    customise: function () { render(true); },
    save: function () {
      var choices = {}, previous = readChoice(), hadGranted = false;
      Array.prototype.forEach.call(dialog.querySelectorAll("input[data-purpose]"), function (box) {
        choices[box.getAttribute("data-purpose")] = box.checked;
      });
      if (previous) purposes.forEach(function (p) { if (previous.c[p] && !choices[p]) hadGranted = true; });
      var method = hadGranted && !purposes.some(function (p) { return choices[p]; }) ? "withdraw" : "save";
      finish(choices, method);
    },
    back: function () { render(false); }
  };
  function all(value) { var c = {}; purposes.forEach(function (p) { c[p] = value; }); return c; }
  function finish(choices, method) { close(); return record(choices, method); }

  function render(detailed) {
    var title = el("h2", { id: "rg-title", tabindex: "-1" }, [text.title]);
    var body = [title, el("p", { id: "rg-description" }, [text.description])];
    if (detailed) {
      var current = (readChoice() || {}).c || {};
      content.purposes.forEach(function (p) {
        var box = el("input", { type: "checkbox", role: "switch", id: "rg-p-" + p.id, "data-purpose": p.id });
        box.checked = !!current[p.id];
        var rows = p.trackers.map(function (t) { return el("tr", {}, [el("td", {}, [t.name]), el("td", {}, [t.provider]), el("td", {}, [t.lifetime])]); });
        var table = rows.length ? el("table", {}, [el("caption", {}, [text.trackers]),
          el("thead", {}, [el("tr", {}, [el("th", { scope: "col" }, [text.name]), el("th", { scope: "col" }, [text.provider]), el("th", { scope: "col" }, [text.lifetime])])]),
          el("tbody", {}, rows)]) : el("p", {}, [text.noTrackers]);
        body.push(el("section", { "class": "rg-purpose" }, [
          el("label", { "for": "rg-p-" + p.id }, [box, el("span", {}, [p.name])]),
          el("p", {}, [p.description]), table]));
      });
      body.push(el("div", { "class": "rg-actions" }, [button(text.reject, "reject"), button(text.accept, "accept"), button(text.save, "save")]));
      body.push(el("p", {}, [button(text.back, "back", "rg-link")]));
    } else {
      body.push(el("div", { "class": "rg-actions" }, [button(text.accept, "accept"), button(text.reject, "reject"), button(text.customise, "customise")]));
    }
    if (content.privacyNotice) body.push(el("p", { "class": "rg-small" }, [el("a", { href: content.privacyNotice }, [text.notice])]));
    var panel = el("div", { "class": "rg-panel" }, body);
    if (!dialog) {
      lastFocus = doc.activeElement;
      dialog = el("div", { id: "registre-banner", role: "dialog", "aria-modal": "true", "aria-labelledby": "rg-title", "aria-describedby": "rg-description", lang: lang });
      dialog.addEventListener("keydown", trap);
      doc.body.appendChild(dialog);
    }
    dialog.innerHTML = "";
    dialog.appendChild(panel);
    // Focus goes to the title, not to a button: no choice is preselected.
    title.focus();
  }
  function focusables() {
    return Array.prototype.filter.call(dialog.querySelectorAll("button, input, a[href]"), function (n) { return !n.disabled; });
  }
  // Keyboard users stay inside the dialog until they choose; Escape goes back from the details.
  function trap(event) {
    if (event.key === "Escape" && dialog.querySelector("[data-action=back]")) { event.preventDefault(); render(false); return; }
    if (event.key !== "Tab") return;
    var items = focusables(), first = items[0], last = items[items.length - 1];
    if (event.shiftKey && (doc.activeElement === first || doc.activeElement.id === "rg-title")) { event.preventDefault(); last.focus(); }
    else if (!event.shiftKey && doc.activeElement === last) { event.preventDefault(); first.focus(); }
  }
  function close() {
    if (!dialog) return;
    dialog.parentNode.removeChild(dialog);
    dialog = null;
    if (lastFocus && lastFocus.focus) lastFocus.focus();
  }
  function open() { render(false); }

  function reopenLink() {
    if (doc.getElementById("registre-reopen")) return;
    var link = button(text.reopen, "customise", "rg-reopen");
    link.id = "registre-reopen";
    link.removeAttribute("data-action");
    link.addEventListener("click", function () { lastFocus = link; render(true); });
    doc.body.appendChild(link);
  }

  function start() {
    link();
    reopenLink();
    Array.prototype.forEach.call(doc.querySelectorAll("[data-registre-open]"), function (node) {
      node.addEventListener("click", function (event) { event.preventDefault(); lastFocus = node; render(true); });
    });
    var choice = readChoice();
    if (choice) { apply(choice.c); return; }
    if (navigator.globalPrivacyControl === true) { record(all(false), "gpc"); return; }
    open();
  }
  function link() {
    if (doc.getElementById("registre-style")) return;
    doc.head.appendChild(el("link", { id: "registre-style", rel: "stylesheet", href: origin + "/consent/banner.css" }));
  }

  window.Registre = { open: function () { render(true); }, choices: function () { return (readChoice() || {}).c || null; } };
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", start); else start();
})();
"""#

    /// The banner's look: both first-layer choices with the same weight, visible focus, readable
    /// on a phone.
    static let stylesheet = #"""
#registre-banner{position:fixed;inset:auto 0 0 0;z-index:2147483000;display:flex;justify-content:center;padding:12px;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
#registre-banner .rg-panel{background:#fff;color:#1a1a1a;max-width:720px;width:100%;max-height:85vh;overflow:auto;border-radius:10px;box-shadow:0 6px 30px rgba(0,0,0,.3);padding:18px 20px}
#registre-banner h2{font-size:18px;margin:0 0 8px}
#registre-banner p{margin:0 0 10px}
#registre-banner .rg-actions{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0 4px}
#registre-banner .rg-button,#registre-reopen{flex:1 1 160px;font:inherit;font-weight:600;padding:10px 14px;border:2px solid #1d4ed8;border-radius:6px;background:#1d4ed8;color:#fff;cursor:pointer}
#registre-banner .rg-link{background:none;color:#1d4ed8;border:0;padding:0;text-decoration:underline;flex:none}
#registre-banner :focus-visible,#registre-reopen:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
#registre-banner .rg-purpose{border-top:1px solid #ddd;padding-top:10px;margin-top:10px}
#registre-banner label{display:flex;align-items:center;gap:10px;font-weight:600}
#registre-banner input[type=checkbox]{width:22px;height:22px;accent-color:#1d4ed8}
#registre-banner table{border-collapse:collapse;width:100%;font-size:13px;margin-bottom:8px}
#registre-banner caption{text-align:left;font-weight:600;padding:4px 0}
#registre-banner th,#registre-banner td{border:1px solid #ccc;padding:4px 6px;text-align:left;overflow-wrap:anywhere}
#registre-banner .rg-small{font-size:13px}
#registre-reopen{position:fixed;left:12px;bottom:12px;z-index:2147482999;flex:none;font-size:13px;padding:6px 10px;background:#fff;color:#1d4ed8}
"""#
}
