"use strict";
(function () {
  var texts = {
    en: {
      title: "DualScope self-check",
      intro: "Paste or type a project description, or pick a text file. The text is classified on this server and not stored.",
      textLabel: "Project description", textHelp: "English or Dutch; title and abstract are enough.",
      fileLabel: "Or pick a text file", tokenLabel: "Access token (only if the server asks for one)",
      submit: "Classify", example: "Try an example", results: "Result", areas: "Areas", fields: "Fields",
      evidence: "Evidence in the text", other: "Touched but not assigned",
      footer: "Texts are never written to disk or logs. API: /api/v1/openapi.json",
      release: "Taxonomy release", level: "Level", working: "Classifying…", done: "Done.",
      empty: "Please enter a text first.", none: "None.", field: "Field", score: "Score",
      threshold: "Threshold", probability: "probability", sensitivity: "Sensitivity", why: "How the score was made",
      failed: "The request failed", status: "Status",
      levels: { none: "none", low: "low", elevated: "elevated", high: "high" },
      screenLegend: "Screening (optional)",
      screenHelp: "With a partner country or organisation, the project is also screened against sanctions and export-control regimes.",
      countriesLabel: "Partner countries", countriesHelp: "ISO codes or names, separated by commas (e.g. IR, Nederland).",
      organisationsLabel: "Partner organisations", organisationsHelp: "One organisation a line, as written.",
      screening: "Screening", disclaimer: "A working aid, not legal advice; no result is not clearance.",
      triage: "Triage", reasons: "Reasons", regimes: "Regimes that apply or may apply", hits: "Organisation-list hits",
      next: "What to check next", date: "screening date", fictional: "fictional example list", via: "through",
      triageLevels: { none: "none", attention: "attention", check: "check", consult: "consult" },
      statuses: { applies: "applies", "may-apply": "may apply" },
      screen_example_text: "Gas centrifuge cascades for uranium enrichment. We model the separative work of gas centrifuge cascades for uranium enrichment and the rotor dynamics of high-speed centrifuges.",
      example_text: "Quantum computing with superconducting qubits. We develop cryogenic control electronics for superconducting transmon qubits and study quantum error correction on a quantum processor, with microwave pulse shaping and Josephson parametric amplifiers."
    },
    nl: {
      title: "DualScope zelftoets",
      intro: "Plak of typ een projectbeschrijving, of kies een tekstbestand. De tekst wordt op deze server geclassificeerd en niet bewaard.",
      textLabel: "Projectbeschrijving", textHelp: "Engels of Nederlands; titel en samenvatting zijn genoeg.",
      fileLabel: "Of kies een tekstbestand", tokenLabel: "Toegangstoken (alleen als de server erom vraagt)",
      submit: "Classificeren", example: "Probeer een voorbeeld", results: "Uitkomst", areas: "Gebieden", fields: "Velden",
      evidence: "Bewijs in de tekst", other: "Geraakt maar niet toegekend",
      footer: "Teksten worden nooit op schijf of in logs geschreven. API: /api/v1/openapi.json",
      release: "Taxonomie-uitgave", level: "Niveau", working: "Bezig met classificeren…", done: "Klaar.",
      empty: "Vul eerst een tekst in.", none: "Geen.", field: "Veld", score: "Score",
      threshold: "Drempel", probability: "kans", sensitivity: "Gevoeligheid", why: "Hoe de score tot stand kwam",
      failed: "Het verzoek is mislukt", status: "Status",
      levels: { none: "geen", low: "laag", elevated: "verhoogd", high: "hoog" },
      screenLegend: "Screening (optioneel)",
      screenHelp: "Met een partnerland of partnerorganisatie wordt het project ook getoetst aan sanctie- en exportcontroleregimes.",
      countriesLabel: "Partnerlanden", countriesHelp: "ISO-codes of namen, gescheiden door komma's (bijv. IR, Nederland).",
      organisationsLabel: "Partnerorganisaties", organisationsHelp: "Eén organisatie per regel, zoals geschreven.",
      screening: "Screening", disclaimer: "Een hulpmiddel, geen juridisch advies; geen uitkomst betekent geen vrijgave.",
      triage: "Triage", reasons: "Redenen", regimes: "Regimes die (mogelijk) van toepassing zijn", hits: "Treffers op organisatielijsten",
      next: "Wat nu na te gaan", date: "screeningsdatum", fictional: "fictieve voorbeeldlijst", via: "via",
      triageLevels: { none: "geen", attention: "aandacht", check: "nagaan", consult: "overleggen" },
      statuses: { applies: "van toepassing", "may-apply": "mogelijk van toepassing" },
      screen_example_text: "Gascentrifugecascades voor uraniumverrijking. We modelleren de scheidingsarbeid van gascentrifuges voor uraniumverrijking en de rotordynamica van snelle centrifuges.",
      example_text: "Kwantumcomputers met supergeleidende qubits. We ontwikkelen cryogene besturingselektronica voor supergeleidende transmon-qubits en onderzoeken kwantumfoutcorrectie op een kwantumprocessor."
    }
  };
  var lang = "en";
  var last = null;

  function $(id) { return document.getElementById(id); }
  function t(key) { return texts[lang][key]; }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function levelText(l) { return (texts[lang].levels[l] || l); }

  function setLanguage(next) {
    lang = next;
    document.documentElement.lang = next;
    document.title = t("title");
    var nodes = document.querySelectorAll("[data-t]");
    for (var i = 0; i < nodes.length; i++) { nodes[i].textContent = t(nodes[i].getAttribute("data-t")); }
    $("lang-en").setAttribute("aria-pressed", String(next === "en"));
    $("lang-nl").setAttribute("aria-pressed", String(next === "nl"));
    if (last) { render(last.doc, last.text); renderScreening(last.screen); }
  }

  function status(message, isError) {
    var s = $("status");
    s.textContent = message;
    s.className = isError ? "error" : "";
  }

  // The text with every counted match of an assigned field marked; spans are UTF-8 byte offsets.
  function marked(text, fields) {
    var bytes = new TextEncoder().encode(text);
    var spans = [];
    fields.forEach(function (f) {
      (f.evidence || []).forEach(function (ev) {
        (ev.matches || []).forEach(function (m) { spans.push({ start: m.start, end: m.end, field: f.id, term: ev.term }); });
      });
    });
    spans.sort(function (a, b) { return a.start - b.start || b.end - a.end; });
    var decoder = new TextDecoder();
    var out = document.createDocumentFragment();
    var pos = 0;
    spans.forEach(function (s) {
      if (s.start < pos || s.end > bytes.length) { return; }
      if (s.start > pos) { out.appendChild(document.createTextNode(decoder.decode(bytes.subarray(pos, s.start)))); }
      var m = el("mark", decoder.decode(bytes.subarray(s.start, s.end)));
      m.title = s.field + ": " + s.term;
      out.appendChild(m);
      pos = s.end;
    });
    if (pos < bytes.length) { out.appendChild(document.createTextNode(decoder.decode(bytes.subarray(pos)))); }
    return out;
  }

  function render(doc, text) {
    var ex = doc.explanation;
    var c = ex.classification;
    var meta = doc.metadata;
    var scores = {};
    (ex.scores || []).forEach(function (s) { scores[s.id] = s; });
    $("release").textContent = t("release") + ": " + meta.taxonomy.id + " " + meta.taxonomy.version +
      " (" + meta.taxonomy.content_hash.slice(0, 12) + "), dualscope " + meta.tool.version;
    var lv = $("level");
    lv.textContent = t("level") + ": " + levelText(c.level) + " · " + t("status") + ": " + c.status;
    lv.className = "level-" + c.level;

    var areas = $("areas");
    clear(areas);
    if (!c.areas.length) { areas.appendChild(el("li", t("none"))); }
    c.areas.forEach(function (a) {
      // As the command line writes it (NumberText.probability): two decimals, never a rounded certainty.
      var p = a.probability === undefined ? "" :
        " · " + t("probability") + " " + (a.probability >= 0.995 ? "> 0.99" : a.probability.toFixed(2));
      areas.appendChild(el("li", a.name + " (" + a.id + "): " + a.score + " / " + a.threshold + p + " · " + levelText(a.level), "level-" + a.level));
    });

    var fields = $("fields");
    clear(fields);
    if (!c.fields.length) { fields.appendChild(el("p", t("none"))); }
    else {
      var wrap = el("div", null, "table-wrap");
      var table = el("table");
      var head = el("tr");
      [t("field"), t("score"), t("threshold"), t("sensitivity"), t("level"), t("why")].forEach(function (h) {
        var th = el("th", h); th.scope = "col"; head.appendChild(th);
      });
      var thead = el("thead"); thead.appendChild(head); table.appendChild(thead);
      var body = el("tbody");
      c.fields.forEach(function (f) {
        var row = el("tr");
        var name = el("th", f.name + " (" + f.id + ")"); name.scope = "row"; row.appendChild(name);
        row.appendChild(el("td", f.score));
        row.appendChild(el("td", f.threshold));
        row.appendChild(el("td", f.sensitivity));
        row.appendChild(el("td", levelText(f.level), "level-" + f.level));
        var cell = el("td");
        var list = el("ul", null, "arith");
        ((scores[f.id] || {}).arithmetic || []).forEach(function (line) { list.appendChild(el("li", line)); });
        cell.appendChild(list);
        row.appendChild(cell);
        body.appendChild(row);
      });
      table.appendChild(body);
      wrap.appendChild(table);
      fields.appendChild(wrap);
    }

    var box = $("marked");
    clear(box);
    box.appendChild(marked(text, c.fields));

    var other = $("unassigned");
    clear(other);
    var rest = (ex.scores || []).filter(function (s) { return !s.assigned; });
    if (!rest.length) { other.appendChild(el("li", t("none"))); }
    rest.forEach(function (s) { other.appendChild(el("li", s.id + ": " + s.score + " / " + s.threshold + " · " + s.reason)); });
    $("results").hidden = false;
  }

  function listItems(node, items) {
    clear(node);
    if (!items.length) { node.appendChild(el("li", t("none"))); }
    items.forEach(function (item) { node.appendChild(el("li", item.text, item.cls)); });
  }

  // The screening's triage, its reasons, the regimes that apply or may apply and the list hits.
  function renderScreening(doc) {
    var box = $("screening");
    if (!doc) { box.hidden = true; return; }
    var level = doc.triage.level;
    var tr = $("triage");
    tr.textContent = t("triage") + ": " + (texts[lang].triageLevels[level] || level) + " (" + t("date") + " " + doc.date + ")";
    tr.className = "triage-" + level;
    listItems($("reasons"), doc.triage.reasons.map(function (r) {
      var where = r.regime ? r.regime + (r.measure ? "/" + r.measure : "") + ": " : "";
      return { text: (texts[lang].triageLevels[r.level] || r.level) + " · " + where + r.text, cls: "triage-" + r.level };
    }));
    listItems($("regimes"), doc.regimes.filter(function (g) { return g.status === "applies" || g.status === "may-apply"; })
      .map(function (g) {
        var why = g.reasons.length ? ": " + g.reasons.join(" ") : "";
        return { text: g.name + " (" + g.id + ") · " + (texts[lang].statuses[g.status] || g.status) + why, cls: "triage-" + g.level };
      }));
    listItems($("hits"), doc.organisations.map(function (h) {
      return {
        text: h.partner + " → " + h.name + " (" + h.list + " " + h.list_version + (h.list_fictional ? ", " + t("fictional") : "") +
          ") " + t("via") + " '" + h.alias + "'",
        cls: "triage-" + h.level
      };
    }));
    listItems($("next"), doc.triage.next.map(function (n) { return { text: n }; }));
    box.hidden = false;
  }

  // The partner countries (comma-separated) and organisations (one a line) the form holds.
  function partners() {
    function split(value, separator) {
      return value.split(separator).map(function (s) { return s.trim(); }).filter(function (s) { return s.length > 0; });
    }
    return { countries: split($("countries").value, /[,;]/), organisations: split($("organisations").value, /\n/) };
  }

  function post(path, headers, body) {
    return fetch(path, { method: "POST", headers: headers, body: JSON.stringify(body) }).then(function (response) {
      return response.json().then(function (doc) {
        if (!response.ok) { throw new Error(response.status + ": " + (doc.error || "")); }
        return doc;
      });
    });
  }

  function submit(event) {
    if (event) { event.preventDefault(); }
    var text = $("text").value;
    if (!text.trim()) { status(t("empty"), true); $("text").focus(); return; }
    status(t("working"), false);
    var headers = { "Content-Type": "application/json" };
    var token = $("token").value.trim();
    if (token) { headers.Authorization = "Bearer " + token; }
    var p = partners();
    var screened = p.countries.length || p.organisations.length
      ? post("/api/v1/screen", headers, { text: text, partner_countries: p.countries, partner_organisations: p.organisations })
      : Promise.resolve(null);
    Promise.all([post("/api/v1/explain", headers, { text: text }), screened])
      .then(function (docs) {
        last = { doc: docs[0], text: text, screen: docs[1] };
        render(docs[0], text);
        renderScreening(docs[1]);
        status(t("done"), false);
      })
      .catch(function (error) { status(t("failed") + " (" + error.message + ")", true); });
  }

  function pickFile() {
    var file = $("file").files[0];
    if (!file) { return; }
    var reader = new FileReader();
    reader.onload = function () { $("text").value = String(reader.result); };
    reader.readAsText(file);
  }

  function example() {
    $("text").value = t("example_text");
    submit();
  }

  function screenExample() {
    $("text").value = t("screen_example_text");
    $("countries").value = "Iran";
    submit();
  }

  document.addEventListener("DOMContentLoaded", function () {
    $("form").addEventListener("submit", submit);
    $("file").addEventListener("change", pickFile);
    $("example").addEventListener("click", example);
    $("lang-en").addEventListener("click", function () { setLanguage("en"); });
    $("lang-nl").addEventListener("click", function () { setLanguage("nl"); });
    var wanted = (navigator.language || "en").slice(0, 2) === "nl" ? "nl" : "en";
    if (location.hash.indexOf("nl") >= 0) { wanted = "nl"; }
    setLanguage(wanted);
    // "#example" (or "#example-nl") runs the example at once, "#screen-example" (or
    // "#screen-example-nl") the screening example with a partner country: links for a demonstration.
    if (location.hash.indexOf("#example") === 0) { example(); }
    if (location.hash.indexOf("#screen-example") === 0) { screenExample(); }
  });
})();
