// The query page: a textarea with a highlighted copy of its text underneath
// (same font, same box, the textarea's own text transparent), example queries,
// and results rendered as a table with each resource's label beside its IRI.  The query lives
// in the URL (a link to share; the back button brings the previous query back); prefixes,
// classes and properties of the ontology are completed; results download as CSV, JSON or
// Turtle.  Written here; no library, no network but the endpoint.  Data only ever reaches
// the page through textContent.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("query-data").textContent);
  // The page's words for what this script says, in the interface's language (issue 14, point 5).
  var said = JSON.parse((document.getElementById("interface-messages") || { textContent: "{}" }).textContent);
  function say(english, values) {
    var text = said[english] || english;
    Object.keys(values || {}).forEach(function (name) { text = text.replace("{" + name + "}", values[name]); });
    return text;
  }
  var form = document.getElementById("query-form");
  var editor = document.getElementById("query");
  var highlight = document.getElementById("highlight");
  var examples = document.getElementById("examples");
  var status = document.getElementById("status");
  var results = document.getElementById("results");
  var completions = document.getElementById("completions");
  var actions = document.getElementById("result-actions");
  var share = document.getElementById("share");
  var RESOURCE_BASE = "https://w3id.org/mrkg/";
  var LABELLED_AT_MOST = 500;  // IRIs whose labels one answer looks up
  var last = null;             // the last query run: {text, kind, payload, accept}

  var KEYWORDS = ("SELECT CONSTRUCT DESCRIBE ASK WHERE FROM NAMED PREFIX BASE DISTINCT REDUCED OPTIONAL UNION MINUS " +
    "FILTER BIND VALUES GRAPH SERVICE SILENT GROUP BY ORDER HAVING LIMIT OFFSET ASC DESC AS NOT IN EXISTS UNDEF " +
    "COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT SEPARATOR STR LANG LANGMATCHES DATATYPE BOUND IRI URI BNODE RAND ABS " +
    "CEIL FLOOR ROUND CONCAT STRLEN UCASE LCASE ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER YEAR " +
    "MONTH DAY HOURS MINUTES SECONDS TIMEZONE TZ NOW UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF STRLANG " +
    "STRDT SAMETERM ISIRI ISURI ISBLANK ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE TRUE FALSE A").split(" ");
  var KEYWORD_SET = {};
  KEYWORDS.forEach(function (k) { KEYWORD_SET[k] = true; });

  // One pass over the text: each alternative is a token class, in priority order.
  var TOKEN = new RegExp([
    "(#[^\\n]*)",                                   // 1 comment
    "(<[^<>\"{}|^`\\\\\\s]*>)",                     // 2 IRI
    "(\"\"\"[\\s\\S]*?\"\"\"|'''[\\s\\S]*?'''|\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\\n]|\\\\.)*')", // 3 string
    "([?$][A-Za-z0-9_\\u00C0-\\uFFFF]+)",           // 4 variable
    "([A-Za-z][\\w.-]*)?(:)([\\w.%-]*[\\w%-]|)",    // 5,6,7 prefixed name
    "(@[A-Za-z]+(?:-[A-Za-z0-9]+)*)",               // 8 language tag
    "(\\b\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?\\b)",   // 9 number
    "([A-Za-z_]+)"                                  // 10 word
  ].join("|"), "g");

  function span(cls, text) {
    var node = document.createElement("span");
    node.className = cls;
    node.textContent = text;
    return node;
  }

  function paint(text) {
    var out = document.createDocumentFragment();
    var last = 0;
    var match;
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(text)) !== null) {
      if (match[0] === "") { TOKEN.lastIndex++; continue; }
      if (match.index > last) { out.appendChild(document.createTextNode(text.slice(last, match.index))); }
      var cls = null;
      if (match[1]) { cls = "tok-comment"; }
      else if (match[2]) { cls = "tok-iri"; }
      else if (match[3]) { cls = "tok-string"; }
      else if (match[4]) { cls = "tok-var"; }
      else if (match[6]) { cls = "tok-pname"; }
      else if (match[8]) { cls = "tok-lang"; }
      else if (match[9]) { cls = "tok-number"; }
      else if (match[10] && KEYWORD_SET[match[10].toUpperCase()]) { cls = "tok-keyword"; }
      out.appendChild(cls ? span(cls, match[0]) : document.createTextNode(match[0]));
      last = TOKEN.lastIndex;
    }
    out.appendChild(document.createTextNode(text.slice(last) + "\n")); // keeps a trailing newline visible
    highlight.replaceChildren(out);
  }

  function sync() {
    paint(editor.value);
    highlight.parentNode.scrollTop = editor.scrollTop;
    highlight.parentNode.scrollLeft = editor.scrollLeft;
  }

  // Declare the prefixes a query uses but does not declare, so examples stay short.
  function withPrefixes(text) {
    var declared = {};
    text.replace(/PREFIX\s+([A-Za-z][\w.-]*)?\s*:/gi, function (_, name) { declared[name || ""] = true; return _; });
    var stripped = text.replace(/<[^>\s]*>/g, " ").replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, " ").replace(/#[^\n]*/g, " ");
    var lines = [];
    Object.keys(data.prefixes).forEach(function (name) {
      if (!declared[name] && new RegExp("(^|[^\\w?$:])" + name + ":", "m").test(stripped)) {
        lines.push("PREFIX " + name + ": <" + data.prefixes[name] + ">");
      }
    });
    return lines.length ? lines.join("\n") + "\n" + text : text;
  }

  function queryForm(text) {
    var body = text.replace(/#[^\n]*/g, " ").replace(/(PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)/gi, " ");
    var found = /\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/i.exec(body);
    return found ? found[1].toUpperCase() : "SELECT";
  }

  function localHref(iri) {
    return iri.indexOf(RESOURCE_BASE) === 0 ? "/" + iri.slice(RESOURCE_BASE.length) : iri;
  }

  // "mrkg:Statement" for an IRI in a declared namespace (the longest that fits), else the IRI itself.
  function compact(iri) {
    var best = null;
    Object.keys(data.prefixes).forEach(function (name) {
      var ns = data.prefixes[name];
      if (iri.indexOf(ns) === 0 && (!best || ns.length > data.prefixes[best].length)) { best = name; }
    });
    if (!best) { return iri; }
    var local = iri.slice(data.prefixes[best].length);
    return /^[\w.-]*$/.test(local) ? best + ":" + local : iri;
  }

  function cell(term) {
    var td = document.createElement("td");
    if (!term) { return td; }
    if (term.type === "uri") {
      var a = document.createElement("a");
      a.href = localHref(term.value);
      a.textContent = compact(term.value);
      a.dataset.iri = term.value;
      td.appendChild(a);
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else {
      td.textContent = term.value;
      var note = term["xml:lang"] ? "@" + term["xml:lang"] : "";
      if (term.datatype && !/#(string|langString)$/.test(term.datatype)) {
        note = term.datatype.replace(/^.*[#\/]/, "");
        if (/#(integer|decimal|double|float|int|long|nonNegativeInteger)$/.test(term.datatype)) { td.className = "num"; }
      }
      if (note) { td.appendChild(span("lit-note", " " + note)); }
    }
    return td;
  }

  function table(json) {
    var vars = json.head.vars || [];
    var rows = json.results.bindings;
    var t = document.createElement("table");
    t.className = "results";
    var caption = document.createElement("caption");
    caption.textContent = rows.length + " " + (rows.length === 1 ? say("row") : say("rows"));
    t.appendChild(caption);
    var head = t.createTHead().insertRow();
    vars.forEach(function (v) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = v;
      head.appendChild(th);
    });
    var body = t.createTBody();
    rows.forEach(function (row) {
      var tr = body.insertRow();
      vars.forEach(function (v) { tr.appendChild(cell(row[v])); });
    });
    return t;
  }

  function show(node) {
    results.replaceChildren(node);
  }

  // Each resource of the graph in the table gets its label, its IRI kept underneath (one more query).
  function label(table) {
    var links = Array.prototype.slice.call(table.querySelectorAll("a[data-iri]"));
    var wanted = [];
    links.forEach(function (a) {
      var iri = a.dataset.iri;
      if (iri.indexOf(RESOURCE_BASE + "id/") === 0 && wanted.indexOf(iri) < 0 && wanted.length < LABELLED_AT_MOST &&
          !/[<>"{}|^`\\\s]/.test(iri)) { wanted.push(iri); }
    });
    if (!wanted.length) { return; }
    var text = "SELECT ?resource (SAMPLE(?name) AS ?label) WHERE { VALUES ?resource { " +
      wanted.map(function (iri) { return "<" + iri + ">"; }).join(" ") +
      " } ?resource <http://www.w3.org/2000/01/rdf-schema#label> ?name } GROUP BY ?resource";
    send(text, "application/sparql-results+json").then(function (answer) {
      if (!answer.response.ok) { return; }
      var names = {};
      JSON.parse(answer.payload).results.bindings.forEach(function (row) {
        names[row.resource.value] = row.label.value;
      });
      links.forEach(function (a) {
        var name = names[a.dataset.iri];
        if (!name) { return; }
        a.textContent = name;
        a.title = a.dataset.iri;
        a.parentNode.appendChild(span("iri", compact(a.dataset.iri) === a.dataset.iri ?
          a.dataset.iri.slice(RESOURCE_BASE.length) : compact(a.dataset.iri)));
      });
    }).catch(function () { /* the table stays as it is, with IRIs */ });
  }

  function send(text, accept) {
    return fetch(data.endpoint, {
      method: "POST",
      // JSON, at the lowest preference, for a refusal: it carries the mistake's position and explanation apart
      headers: { "Accept": accept + ", application/json;q=0.01", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ query: text }).toString()
    }).then(function (response) {
      return response.text().then(function (payload) { return { response: response, payload: payload }; });
    });
  }

  // A refusal in words: where the mistake is in the editor's own text (the prefixes declared for it shift the
  // lines the endpoint counts), the line with a caret under it, what it is, and the engine's own message.
  function refusal(answer, typed, added) {
    var type = answer.response.headers.get("Content-Type") || "";
    if (type.indexOf("application/json") !== 0) { return answer.payload; }
    var error = JSON.parse(answer.payload).error || {};
    var said = error.explanation || { line: error.line, column: error.column, text: "" };
    var engine = String(error.message || "").split("\n")[0];
    if (!said.line || said.line - added < 1) { return String(error.message || answer.payload); }
    var line = said.line - added;
    var column = Math.max(said.column || 1, 1);
    var shown = (typed.split("\n")[line - 1] || "").replace(/\t/g, " ");
    var from = Math.max(0, column - 60);
    var out = ["Line " + line + ", column " + column + ": " + (said.text || engine),
               (from ? "…" : "") + shown.slice(from, from + 120),
               " ".repeat(column - 1 - from + (from ? 1 : 0)) + "^"];
    if (said.fix) { out.push(said.fix); }
    if (said.text) { out.push("", "The parser's own words: " + engine.replace(/^malformed query: /, "")); }
    point(line, column);
    return out.join("\n");
  }

  // The cursor put at the mistake, so the reader's eye and the keyboard are already there.
  function point(line, column) {
    var lines = editor.value.split("\n");
    var offset = 0;
    for (var i = 0; i < line - 1 && i < lines.length; i++) { offset += lines[i].length + 1; }
    offset += Math.min(column - 1, (lines[line - 1] || "").length);
    editor.setSelectionRange(offset, offset);
  }

  function message(text, cls) {
    var p = document.createElement(cls === "error" ? "pre" : "p");
    p.className = cls;
    p.textContent = text;
    show(p);
  }

  function queryUrl(text) {
    var url = new URL("/query", window.location.href);
    url.searchParams.set("query", text);
    return url;
  }

  // Each query run is a step of the history: the back button brings the previous query (and its results) back.
  function remember(text) {
    var current = new URL(window.location.href).searchParams.get("query");
    var url = queryUrl(text);
    if (current === text) {
      window.history.replaceState({ query: text }, "", url.toString());
    } else {
      window.history.pushState({ query: text }, "", url.toString());
    }
  }

  function run(event, fromHistory) {
    if (event) { event.preventDefault(); }
    close();
    var typed = editor.value;
    var text = withPrefixes(typed);
    var kind = queryForm(text);
    var accept = (kind === "CONSTRUCT" || kind === "DESCRIBE") ? "text/turtle" : "application/sparql-results+json";
    var started = performance.now();
    status.textContent = say("Running…");
    if (!fromHistory) { remember(typed); }
    var link = queryUrl(typed);
    share.href = link.pathname + link.search;
    send(text, accept).then(function (answer) {
      var seconds = ((performance.now() - started) / 1000).toFixed(2);
      if (!answer.response.ok) {
        status.textContent = say("The endpoint refused the query ({status}).", { status: answer.response.status });
        message(refusal(answer, typed, text.split("\n").length - typed.split("\n").length), "error");
        actions.hidden = true;
        return;
      }
      last = { text: text, kind: kind, payload: answer.payload, accept: accept };
      if (accept === "text/turtle") {
        var pre = document.createElement("pre");
        pre.className = "turtle";
        pre.textContent = answer.payload;
        show(pre);
      } else {
        var json = JSON.parse(answer.payload);
        if (typeof json.boolean === "boolean") {
          message(say("Answer:") + " " + (json.boolean ? say("yes (true)") : say("no (false)")), "answer");
        } else {
          var shown = table(json);
          show(shown);
          label(shown);
        }
      }
      status.textContent = say("Done in {seconds} s.", { seconds: seconds });
      offerDownloads(accept === "text/turtle");
    }).catch(function (error) {
      status.textContent = say("The query could not be sent.");
      message(String(error), "error");
    });
  }

  // -- downloads and the link to share -------------------------------------------------------

  function offerDownloads(graph) {
    actions.hidden = false;
    Array.prototype.forEach.call(actions.querySelectorAll("button.download"), function (button) {
      button.hidden = graph !== (button.dataset.extension === "ttl");
    });
  }

  function save(payload, type, extension) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([payload], { type: type }));
    link.download = "mrkg-results." + extension;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
  }

  actions.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button || !last) { return; }
    if (button.id === "copy-link") {
      navigator.clipboard.writeText(share.href).then(function () { status.textContent = say("Link copied."); },
        function () { status.textContent = say("Copy the link by hand:") + " " + share.href; });
      return;
    }
    var accept = button.dataset.accept;
    if (accept === last.accept) { save(last.payload, accept, button.dataset.extension); return; }
    status.textContent = say("Preparing the download…");
    send(last.text, accept).then(function (answer) {
      if (!answer.response.ok) { status.textContent = say("The endpoint refused the download ({status}).", { status: answer.response.status }); return; }
      save(answer.payload, accept, button.dataset.extension);
      status.textContent = say("Downloaded.");
    });
  });

  window.addEventListener("popstate", function (event) {
    var text = event.state && typeof event.state.query === "string" ? event.state.query :
      new URL(window.location.href).searchParams.get("query");
    if (text === null) { return; }
    editor.value = text;
    sync();
    run(null, true);
  });

  // -- completion of prefixes, classes and properties -------------------------------------------

  var choices = [];
  var chosen = -1;
  var PREFIX_NAMES = Object.keys(data.prefixes).map(function (name) {
    return { name: name + ":", kind: "prefix", label: data.prefixes[name], comment: "" };
  });

  function wordBeforeCaret() {
    var before = editor.value.slice(0, editor.selectionStart);
    var found = /(?:^|[\s{}().;,\/^|!=<>*+])([A-Za-z][\w-]*:?[\w.-]*)$/.exec(before);
    return found ? found[1] : "";
  }

  function candidates(word) {
    if (word.length < 2) { return []; }
    var lower = word.toLowerCase();
    if (word.indexOf(":") < 0) {
      return PREFIX_NAMES.filter(function (p) { return p.name.indexOf(lower) === 0; })
        .concat((data.vocabulary || []).filter(function (t) {
          return t.name.split(":")[1].toLowerCase().indexOf(lower) === 0;
        })).slice(0, 12);
    }
    return (data.vocabulary || []).filter(function (t) {
      return t.name.toLowerCase().indexOf(lower) === 0 && t.name !== word;
    }).slice(0, 12);
  }

  function close() {
    completions.hidden = true;
    completions.replaceChildren();
    editor.removeAttribute("aria-activedescendant");
    choices = [];
    chosen = -1;
  }

  function choose(index) {
    chosen = index;
    Array.prototype.forEach.call(completions.children, function (li, i) {
      li.setAttribute("aria-selected", i === index ? "true" : "false");
      if (i === index) { editor.setAttribute("aria-activedescendant", li.id); li.scrollIntoView({ block: "nearest" }); }
    });
  }

  function offer() {
    var word = wordBeforeCaret();
    choices = candidates(word);
    if (!choices.length) { close(); return; }
    completions.replaceChildren();
    choices.forEach(function (term, i) {
      var li = document.createElement("li");
      li.id = "completion-" + i;
      li.setAttribute("role", "option");
      li.appendChild(span("term", term.name));
      li.appendChild(span("what", term.kind + (term.label ? " · " + term.label : "")));
      if (term.comment) { li.title = term.comment; }
      li.addEventListener("mousedown", function (event) { event.preventDefault(); take(i); });
      completions.appendChild(li);
    });
    completions.hidden = false;
    choose(0);
  }

  function take(index) {
    var term = choices[index];
    if (!term) { return; }
    var word = wordBeforeCaret();
    var start = editor.selectionStart - word.length;
    editor.setRangeText(term.name, start, editor.selectionStart, "end");
    close();
    sync();
    editor.focus();
  }

  editor.addEventListener("input", function () { sync(); offer(); });
  editor.addEventListener("scroll", sync);
  editor.addEventListener("blur", close);
  editor.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { run(event); return; }
    if (completions.hidden) { return; }
    if (event.key === "ArrowDown") { event.preventDefault(); choose((chosen + 1) % choices.length); }
    else if (event.key === "ArrowUp") { event.preventDefault(); choose((chosen + choices.length - 1) % choices.length); }
    else if (event.key === "Enter" || event.key === "Tab") { event.preventDefault(); take(chosen); }
    else if (event.key === "Escape") { event.preventDefault(); close(); }
  });
  examples.addEventListener("change", function () {
    if (data.examples[examples.value]) {
      editor.value = data.examples[examples.value];
      sync();
      editor.focus();
    }
  });
  form.addEventListener("submit", run);
  document.documentElement.classList.add("js");
  sync();
  // A shared link (/query?query=…) opens with its results.
  if (new URL(window.location.href).searchParams.get("query") !== null && editor.value.trim()) {
    window.history.replaceState({ query: editor.value }, "", window.location.href);
    run(null, true);
  }
})();
