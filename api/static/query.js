// The query page: a textarea with a highlighted copy of its text underneath
// (same font, same box, the textarea's own text transparent), example queries,
// and results rendered as a table.  Written here; no library, no network but
// the endpoint.  Data only ever reaches the page through textContent.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("query-data").textContent);
  var form = document.getElementById("query-form");
  var editor = document.getElementById("query");
  var highlight = document.getElementById("highlight");
  var examples = document.getElementById("examples");
  var status = document.getElementById("status");
  var results = document.getElementById("results");
  var RESOURCE_BASE = "https://w3id.org/mrkg/";

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

  function cell(term) {
    var td = document.createElement("td");
    if (!term) { return td; }
    if (term.type === "uri") {
      var a = document.createElement("a");
      a.href = localHref(term.value);
      a.textContent = term.value;
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
    caption.textContent = rows.length + (rows.length === 1 ? " row" : " rows");
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

  function message(text, cls) {
    var p = document.createElement(cls === "error" ? "pre" : "p");
    p.className = cls;
    p.textContent = text;
    show(p);
  }

  function run(event) {
    if (event) { event.preventDefault(); }
    var text = withPrefixes(editor.value);
    var kind = queryForm(text);
    var accept = (kind === "CONSTRUCT" || kind === "DESCRIBE") ? "text/turtle" : "application/sparql-results+json";
    var started = performance.now();
    status.textContent = "Running…";
    var body = new URLSearchParams({ query: text });
    fetch(data.endpoint, {
      method: "POST",
      headers: { "Accept": accept, "Content-Type": "application/x-www-form-urlencoded" },
      body: body.toString()
    }).then(function (response) {
      return response.text().then(function (payload) { return { response: response, payload: payload }; });
    }).then(function (answer) {
      var seconds = ((performance.now() - started) / 1000).toFixed(2);
      if (!answer.response.ok) {
        status.textContent = "The endpoint refused the query (" + answer.response.status + ").";
        message(answer.payload, "error");
        return;
      }
      if (accept === "text/turtle") {
        var pre = document.createElement("pre");
        pre.className = "turtle";
        pre.textContent = answer.payload;
        show(pre);
        status.textContent = "Done in " + seconds + " s.";
        return;
      }
      var json = JSON.parse(answer.payload);
      if (typeof json.boolean === "boolean") {
        message("Answer: " + (json.boolean ? "yes (true)" : "no (false)"), "answer");
      } else {
        show(table(json));
      }
      status.textContent = "Done in " + seconds + " s.";
      var url = new URL(window.location.href);
      url.searchParams.delete("example");
      url.searchParams.set("query", editor.value);
      window.history.replaceState(null, "", url.toString());
    }).catch(function (error) {
      status.textContent = "The query could not be sent.";
      message(String(error), "error");
    });
  }

  editor.addEventListener("input", sync);
  editor.addEventListener("scroll", sync);
  editor.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { run(event); }
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
})();
