"""Hypothesis strategies for valid SPARQL texts, written in the many ways the grammar allows.

Keywords in any case, white space and comments (some holding decoy keywords)
between tokens, prefix names drawn from the whole of PN_CHARS_BASE, local
names with ``\\`` escapes, IRIs with ``\\u`` escapes, BASE and relative IRIs,
prefixes declared twice.  :func:`remote_call_texts` puts a SERVICE clause (or
a LOAD) naming one endpoint somewhere in a query or update;
:func:`dataset_queries` writes queries without one, whose form, dataset
and LIMIT the engine's answers can confirm.
"""
from __future__ import annotations

import socket
from typing import NamedTuple

from hypothesis import strategies as st


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


PORT = _free_port()  # nothing listens there, unless a test puts a listener there
TARGET_ORIGIN = f"http://127.0.0.1:{PORT}"
TARGET = TARGET_ORIGIN + "/sparql"
SERVICE_BASE = TARGET_ORIGIN + "/endpoint"  # the base IRI the service gives the engine, in these tests
EX = "http://example.org/"

_BASE_RANGES = [(0x41, 0x5A), (0x61, 0x7A), (0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x2FF), (0x370, 0x37D), (0x37F, 0x1FFF),
                (0x200C, 0x200D), (0x2070, 0x218F), (0x2C00, 0x2FEF), (0x3001, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFFD)]
_NAME_EXTRA = [(0x2D, 0x2D), (0x30, 0x39), (0x5F, 0x5F), (0xB7, 0xB7), (0x300, 0x36F), (0x203F, 0x2040)]
_LOCAL_SAFE = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:-")
_LOCAL_ESCAPABLE = set("_~.-!$&'()*+,;=/?#@%")


def _char_in(ranges: list[tuple[int, int]]) -> st.SearchStrategy[str]:
    return st.sampled_from(ranges).flatmap(lambda span: st.integers(*span)).map(chr)


base_char = _char_in(_BASE_RANGES)
name_char = st.one_of(base_char, _char_in(_NAME_EXTRA))


@st.composite
def prefix_names(draw: st.DrawFn) -> str:
    """PN_PREFIX: a base character, then name characters, dots only inside; sometimes very long."""
    if draw(st.integers(0, 9)) == 0:
        return ""
    length = draw(st.sampled_from([0, 1, 3, 8, 600]))
    rest = draw(st.lists(name_char, min_size=length, max_size=length))
    name = draw(base_char) + "".join(rest)
    if len(name) > 2 and draw(st.booleans()):
        cut = draw(st.integers(1, len(name) - 1))
        name = name[:cut] + "." + name[cut:]
    return name


white = st.sampled_from([" ", "\n", "\t", "\r\n", "  ", "#\n", "# SERVICE <http://evil.example/> LOAD\n",
                         "\t# {LIMIT 1 FROM <http://evil.example/>}\r\n"])


def keyword(word: str) -> st.SearchStrategy[str]:
    return st.tuples(*(st.sampled_from([char.lower(), char.upper()]) for char in word)).map("".join)


@st.composite
def escaped_iri(draw: st.DrawFn, iri: str) -> str:
    """``<iri>`` with some characters written as ``\\uXXXX`` or ``\\UXXXXXXXX`` (the engine replaces them)."""
    out = []
    for char in iri:
        how = draw(st.integers(0, 7))
        out.append(f"\\u{ord(char):04X}" if how == 0 else f"\\U{ord(char):08x}" if how == 1 else char)
    return "<" + "".join(out) + ">"


def _local(text: str) -> str | None:
    """``text`` as a PN_LOCAL the engine reads back as ``text``, or None when it cannot be written so."""
    if not text:
        return ""
    out = []
    for index, char in enumerate(text):
        if char in _LOCAL_SAFE and not (char == "-" and index == 0):
            out.append(char)
        elif char in _LOCAL_ESCAPABLE:
            out.append("\\" + char)
        else:
            return None
    return "".join(out)


class Spelling(NamedTuple):
    declarations: str  # PREFIX and BASE declarations the spelling needs, in the prologue
    written: str  # the endpoint as written where it is used


@st.composite
def endpoint_spellings(draw: st.DrawFn, iri: str = TARGET, relative: bool = True,
                       taken: set[str] | None = None) -> Spelling:
    """``iri`` written as an IRI (with escapes), a prefixed name (any prefix, escaped local part), or relative.

    Relative spellings resolve against a BASE they declare, or against the
    service's base IRI (SERVICE_BASE); a text may hold only one of them.
    Prefix names in ``taken`` are not used again (the last declaration of a
    name wins for the whole text).
    """
    how = draw(st.sampled_from(["iri", "prefixed", "base", "service base"] if relative else ["iri", "prefixed"]))
    origin, _, path = iri.partition("://")[2].partition("/")
    origin = iri[:iri.index("://") + 3] + origin
    if how == "prefixed":
        cut = draw(st.integers(len("http://"), len(iri)))
        local = _local(iri[cut:])
        if local is not None:
            name = draw(prefix_names().filter(lambda name: name not in (taken or ())))
            if taken is not None:
                taken.add(name)
            decoy = f"PREFIX {name}: <{EX}decoy/>" + draw(white) if draw(st.booleans()) else ""
            declaration = decoy + f"PREFIX{draw(white)}{name}:{draw(white)}{draw(escaped_iri(iri[:cut]))}"
            return Spelling(declaration + draw(white), f"{name}:{local}")
    if how == "base":
        depth = draw(st.integers(0, 2))
        base = origin + "/" + "d/" * depth
        return Spelling(f"{draw(keyword('BASE'))}{draw(white)}<{base}>{draw(white)}",
                        "<" + "../" * depth + draw(st.sampled_from(["", "./"])) + path + ">")
    if how == "service base" and origin == TARGET_ORIGIN:
        return Spelling("", draw(st.sampled_from([f"</{path}>", f"<//127.0.0.1:{PORT}/{path}>", f"<./{path}>",
                                                  f"<{path}>"])))
    return Spelling("", draw(escaped_iri(iri)))


_PLACES = [
    "{@}", "OPTIONAL {@}", "MINUS {@}", "GRAPH ?g {@}", "{@} UNION {?s ?p ?o}", "{?s ?p ?o} UNION {@}",
    "FILTER EXISTS {@}", "FILTER NOT EXISTS {@}", "{ SELECT * WHERE {@} }", "LATERAL {@}", "{@} FILTER(?a < ?b)",
]
_NOISE = ["?s ?p ?o .", "FILTER(?a<?b)", 'FILTER(?o != "SERVICE <http://evil.example/>")', "VALUES ?v { 1 2 }",
          "?s <http://example.org/service> ?o .", "BIND(1 AS ?one)", "?s ?p trueSERVICE_"]


@st.composite
def service_clause(draw: st.DrawFn, declarations: list[str]) -> str:
    spelling = draw(endpoint_spellings())
    declarations.append(spelling.declarations)
    silent = keyword("SILENT").map(lambda word: word + " ") if draw(st.booleans()) else st.just("")
    clause = (draw(keyword("SERVICE")) + draw(white) + draw(silent) + spelling.written + draw(white)
              + "{ ?s ?p ?o }")
    for _ in range(draw(st.integers(0, 3))):
        clause = draw(st.sampled_from(_PLACES)).replace("@", " " + clause + " ")
    noise = draw(st.sampled_from(_NOISE))
    if noise.endswith("trueSERVICE_"):
        return noise.replace("SERVICE_", clause)  # the engine reads "true" and then the clause
    return noise + draw(white) + clause


@st.composite
def remote_call_texts(draw: st.DrawFn) -> tuple[str, bool]:
    """(text, is an update): one SERVICE clause or LOAD naming TARGET, somewhere in a valid text."""
    declarations: list[str] = []
    shape = draw(st.sampled_from(["select", "ask", "construct", "describe", "insert", "delete-insert", "load"]))
    if shape == "load":
        spelling = draw(endpoint_spellings())
        silent = draw(st.sampled_from(["", "SILENT ", "silent "]))
        into = draw(st.sampled_from(["", " INTO GRAPH <urn:g>"]))
        return spelling.declarations + draw(keyword("LOAD")) + " " + silent + spelling.written + into, True
    body = draw(service_clause(declarations))
    prologue = "".join(declarations)
    if shape == "select":
        text = f"SELECT * WHERE {{ {body} }}"
    elif shape == "ask":
        text = f"ASK {{ {body} }}"
    elif shape == "construct":
        text = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {body} }}"
    elif shape == "describe":
        text = f"DESCRIBE ?s WHERE {{ {body} }}"
    elif shape == "insert":
        text = f"INSERT {{ ?s ?p ?o }} WHERE {{ {body} }}"
    else:
        text = f"WITH <urn:g> DELETE {{ ?s ?p ?o }} INSERT {{ ?s ?p 1 }} USING <urn:g> WHERE {{ {body} }}"
    return prologue + text, shape in ("insert", "delete-insert")


class DatasetQuery(NamedTuple):
    text: str
    form: str
    default_graphs: tuple[str, ...]  # as written with FROM (resolved)
    named_graphs: tuple[str, ...]
    limit: int | None


@st.composite
def dataset_queries(draw: st.DrawFn) -> DatasetQuery:
    """A query over ``?s ?p ?o`` with FROM, FROM NAMED, LIMIT and OFFSET written in many ways (and decoys)."""
    declarations: list[str] = []
    default_graphs = draw(st.lists(st.sampled_from([EX + "g1", EX + "g2"]), max_size=2, unique=True))
    named_graphs = draw(st.lists(st.sampled_from([EX + "g1", EX + "g2"]), max_size=2, unique=True))
    clauses = []
    written = [(graph, False) for graph in default_graphs] + [(graph, True) for graph in named_graphs]
    taken: set[str] = set()
    for graph, named in written:
        spelling = draw(endpoint_spellings(graph, relative=len(written) == 1, taken=taken))
        declarations.append(spelling.declarations)
        clauses.append(draw(keyword("FROM")) + draw(white) + (draw(keyword("NAMED")) + " " if named else "")
                       + spelling.written)
    form = draw(st.sampled_from(["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]))
    head = {"SELECT": draw(keyword("SELECT")) + draw(st.sampled_from([" * ", " ?s ?p ?o ", " DISTINCT ?s ?p ?o "])),
            "ASK": draw(keyword("ASK")) + " ",
            "CONSTRUCT": draw(keyword("CONSTRUCT")) + " { ?s ?p ?o } ",
            "DESCRIBE": draw(keyword("DESCRIBE")) + " ?s "}[form]
    noise = draw(st.sampled_from(["", 'FILTER(?o != "LIMIT 1")', "OPTIONAL { ?s ?p ?q }",
                                  "{ SELECT ?x WHERE { ?x ?y ?z } LIMIT 1 }", "FILTER(true)"]))
    if noise.startswith("{ SELECT"):
        noise = ""  # a subquery would join with the pattern: keep the rows the dataset gives
    where = draw(keyword("WHERE")) + draw(white) + "{ ?s ?p ?o " + draw(white) + noise + " }"
    limit = draw(st.one_of(st.none(), st.integers(0, 30)))
    offset = draw(st.one_of(st.none(), st.integers(0, 3)))
    tail = []
    if limit is not None:
        tail.append(f"{draw(keyword('LIMIT'))}{draw(white)}{limit}")
    if offset is not None:
        tail.insert(draw(st.integers(0, len(tail))), f"{draw(keyword('OFFSET'))} {offset}")
    ordered = draw(keyword("ORDER")) + " BY ?s " if form == "SELECT" and draw(st.booleans()) else ""
    text = "".join(declarations) + head + draw(white).join(clauses) + " " + where + " " + ordered + " ".join(tail)
    return DatasetQuery(text, form, tuple(default_graphs), tuple(named_graphs), limit)
