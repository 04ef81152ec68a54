"""Every spelling of a remote call we know of, aimed at a listener (issue 10 item 1).

The guard must read a query as the engine does, so that no spelling of an
endpoint escapes it.  The corpus spells the same call many ways: prefix names
made of characters SPARQL allows (``PN_CHARS_BASE``) but a regular
expression's ``\\w`` does not, IRIs and names past the lengths a lexer may give
up at, escapes, comments, ``BASE`` and relative IRIs, nesting, other spellings
of the host, and ``LOAD`` or ``INSERT … WHERE { SERVICE }`` for updates.
"""
from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

# SPARQL 1.1 Query, grammar rule [164] PN_CHARS_BASE (less A-Z and a-z).
PN_CHARS_BASE_RANGES = (
    (0x00C0, 0x00D6), (0x00D8, 0x00F6), (0x00F8, 0x02FF), (0x0370, 0x037D), (0x037F, 0x1FFF), (0x200C, 0x200D),
    (0x2070, 0x218F), (0x2C00, 0x2FEF), (0x3001, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFFD), (0x10000, 0xEFFFF),
)
_WORD = re.compile(r"\w")


def outside_word(per_range: int = 1) -> list[str]:
    """Assigned characters a prefix name may start with that ``\\w`` does not match: a few from each range."""
    found: list[str] = []
    for first, last in PN_CHARS_BASE_RANGES:
        taken = 0
        for code in range(first, min(last, first + 0x4000) + 1):
            char = chr(code)
            if not _WORD.match(char) and unicodedata.category(char) != "Cn":
                found.append(char)
                taken += 1
                if taken == per_range:
                    break
    return found


class Spelling(NamedTuple):
    name: str
    text: str
    update: bool = False  # sent as an update (with the token, on the scratch instance)


PATTERN = "{ ?s ?p ?o }"


def _select(prologue: str, where: str) -> str:
    return f"{prologue}SELECT * WHERE {{ {where} }}"


def query_spellings(url: str) -> list[Spelling]:
    """SELECT queries that call ``url`` (it ends with '/'), each in its own way."""
    host_port = url.removeprefix("http://").rstrip("/")
    port = host_port.rsplit(":", 1)[1]
    long_path = "a" * 5000
    spellings = [
        Spelling("plain IRI", _select("", f"SERVICE <{url}sparql> {PATTERN}")),
        Spelling("prefix ˂: (issue)", _select(f"PREFIX ˂: <{url}> ", f"SERVICE ˂:sparql {PATTERN}")),
        Spelling("prefix a、b: (issue)", _select(f"PREFIX a、b: <{url}> ", f"SERVICE a、b:sparql {PATTERN}")),
        Spelling("IRI of 5,000 characters (issue)", _select("", f"SERVICE <{url}{long_path}> {PATTERN}")),
        Spelling("IRI of 5,000 characters, SILENT (issue)", _select("", f"SERVICE SILENT <{url}{long_path}> {PATTERN}")),
        Spelling("prefix name of 600 characters (issue)",
                 _select(f"PREFIX {'p' * 600}: <{url}> ", f"SERVICE {'p' * 600}:x {PATTERN}")),
        Spelling("prefix name of 513 characters", _select(f"PREFIX {'q' * 513}: <{url}> ", f"SERVICE {'q' * 513}:x {PATTERN}")),
        Spelling("local name of 5,000 characters", _select(f"PREFIX c: <{url}> ", f"SERVICE c:{long_path} {PATTERN}")),
        Spelling("IRI of 4,097 characters", _select("", f"SERVICE <{url}{'b' * (4097 - len(url))}> {PATTERN}")),
        Spelling("IRI of 100,000 characters", _select("", f"SERVICE <{url}{'c' * 100_000}> {PATTERN}")),
        Spelling("IRI of 500,000 characters, SILENT", _select("", f"SERVICE SILENT <{url}{'d' * 500_000}> {PATTERN}")),
        Spelling("empty prefix", _select(f"PREFIX : <{url}> ", f"SERVICE :sparql {PATTERN}")),
        Spelling("empty local name", _select(f"PREFIX e: <{url}> ", f"SERVICE e: {PATTERN}")),
        Spelling("prefix declared twice, the second wins",
                 _select(f"PREFIX r: <urn:harmless:> PREFIX r: <{url}> ", f"SERVICE r:sparql {PATTERN}")),
        Spelling("local name with escapes and %XX", _select(f"PREFIX c: <{url}> ", f"SERVICE c:sp\\~ar%71l {PATTERN}")),
        Spelling("local name with dots and colons", _select(f"PREFIX c: <{url}> ", f"SERVICE c:a.b:c {PATTERN}")),
        Spelling("prefix with · and ‿ inside", _select(f"PREFIX a·b‿c: <{url}> ", f"SERVICE a·b‿c:x {PATTERN}")),
        Spelling("lower-case keyword", _select("", f"service <{url}> {PATTERN}")),
        Spelling("mixed-case keyword and SILENT", _select("", f"SeRvIcE sIlEnT <{url}> {PATTERN}")),
        Spelling("no space before the IRI", _select("", f"SERVICE<{url}>{PATTERN}")),
        Spelling("comment between keyword and IRI", _select("", f"SERVICE # }} {{ <urn:x> \n <{url}> {PATTERN}")),
        Spelling("comment that looks like an IRI", _select("", f"FILTER(1<2)SERVICE<{url}>{PATTERN}#>")),
        Spelling("tabs and newlines", _select("", f"SERVICE\t\r\n SILENT\n\t<{url}>\n{PATTERN}")),
        Spelling("\\u escape in the IRI", _select("", f"SERVICE <\\u0068ttp://{host_port}/> {PATTERN}")),
        Spelling("\\U escape in the keyword", _select("", f"SERVIC\\U00000045 <{url}> {PATTERN}")),
        Spelling("relative IRI against BASE", f"BASE <{url}> " + _select("", f"SERVICE <sparql> {PATTERN}")),
        Spelling("empty IRI against BASE", f"BASE <{url}> " + _select("", f"SERVICE <> {PATTERN}")),
        Spelling("network-path IRI against BASE",
                 "BASE <http://harmless.invalid/> " + _select("", f"SERVICE <//{host_port}/> {PATTERN}")),
        Spelling("prefix relative to BASE", f"BASE <{url}> PREFIX p: <x/> " + _select("", f"SERVICE p:y {PATTERN}")),
        Spelling("braces inside string literals before it",
                 _select("", f'FILTER("}}" != "{{") FILTER(\'\'\'# <\'\'\' != "") SERVICE <{url}> {PATTERN}')),
        Spelling("after 5,000 characters of comment", _select("", f"# {'x' * 5000}\nSERVICE <{url}> {PATTERN}")),
        Spelling("ten nested groups", _select("", "{ " * 10 + f"SERVICE <{url}> {PATTERN}" + " }" * 10)),
        Spelling("inside OPTIONAL", _select("", f"?s ?p ?o OPTIONAL {{ SERVICE <{url}> {PATTERN} }}")),
        Spelling("inside UNION", _select("", f"{{ ?s ?p ?o }} UNION {{ SERVICE SILENT <{url}> {PATTERN} }}")),
        Spelling("inside MINUS", _select("", f"?s ?p ?o MINUS {{ SERVICE <{url}> {PATTERN} }}")),
        Spelling("inside GRAPH", _select("", f"GRAPH ?g {{ SERVICE <{url}> {PATTERN} }}")),
        Spelling("inside a subquery", _select("", f"{{ SELECT * WHERE {{ SERVICE <{url}> {PATTERN} }} }}")),
        Spelling("inside FILTER EXISTS", _select("", f"?s ?p ?o FILTER EXISTS {{ SERVICE <{url}> {PATTERN} }}")),
        Spelling("inside FILTER NOT EXISTS in OPTIONAL",
                 _select("", f"OPTIONAL {{ ?s ?p ?o FILTER NOT EXISTS {{ SERVICE <{url}> {PATTERN} }} }}")),
        Spelling("variable bound by VALUES", _select("", f"VALUES ?e {{ <{url}> }} SERVICE ?e {PATTERN}")),
        Spelling("variable bound by BIND", _select("", f"BIND(<{url}> AS ?e) SERVICE ?e {PATTERN}")),
        Spelling("host localhost", _select("", f"SERVICE <http://localhost:{port}/> {PATTERN}")),
        Spelling("host 127.1", _select("", f"SERVICE <http://127.1:{port}/> {PATTERN}")),
        Spelling("host 2130706433", _select("", f"SERVICE <http://2130706433:{port}/> {PATTERN}")),
        Spelling("host 0x7f.0.0.1", _select("", f"SERVICE <http://0x7f.0.0.1:{port}/> {PATTERN}")),
        Spelling("host [::ffff:127.0.0.1]", _select("", f"SERVICE <http://[::ffff:127.0.0.1]:{port}/> {PATTERN}")),
        Spelling("upper-case scheme", _select("", f"SERVICE <HTTP://{host_port}/> {PATTERN}")),
        Spelling("user information", _select("", f"SERVICE <http://user:pw@{host_port}/> {PATTERN}")),
        Spelling("query string and fragment", _select("", f"SERVICE <{url}?query=ASK%7B%7D#f> {PATTERN}")),
        Spelling("FROM and FROM NAMED (must not fetch)", f"SELECT * FROM <{url}> FROM NAMED <{url}g> WHERE {PATTERN}"),
        Spelling("DESCRIBE of the address (must not fetch)", f"DESCRIBE <{url}>"),
    ]
    for char in outside_word():
        spellings.append(Spelling(f"prefix U+{ord(char):04X} (outside \\w)",
                                  _select(f"PREFIX {char}: <{url}> ", f"SERVICE {char}:s {PATTERN}")))
        spellings.append(Spelling(f"prefix aU+{ord(char):04X}b", _select(f"PREFIX a{char}b: <{url}> ",
                                                                         f"SERVICE SILENT a{char}b:s {PATTERN}")))
    return spellings


def update_spellings(url: str) -> list[Spelling]:
    """Updates that make the server fetch ``url``: LOAD, and SERVICE inside an update's WHERE."""
    long_iri = f"<{url}{'a' * 5000}>"
    where = f"SERVICE {long_iri} {PATTERN}"
    return [
        Spelling("LOAD of a plain IRI", f"LOAD <{url}data>", True),
        Spelling("LOAD of an IRI of 5,000 characters (issue)", f"LOAD {long_iri}", True),
        Spelling("LOAD SILENT … INTO GRAPH", f"LOAD SILENT {long_iri} INTO GRAPH <urn:torture:g>", True),
        Spelling("LOAD by a prefix outside \\w", f"PREFIX ˂: <{url}> LOAD ˂:data", True),
        Spelling("LOAD after INSERT DATA", f"INSERT DATA {{ <urn:t:s> <urn:t:p> 1 }} ; LOAD {long_iri}", True),
        Spelling("lower-case load", f"load <{url}{'e' * 5000}>", True),
        Spelling("INSERT … WHERE { SERVICE <long IRI> } (issue)",
                 f"INSERT {{ GRAPH <urn:torture:g> {{ ?s ?p ?o }} }} WHERE {{ {where} }}", True),
        Spelling("DELETE … WHERE { SERVICE ˂: }",
                 f"PREFIX ˂: <{url}> DELETE {{ ?s ?p ?o }} WHERE {{ SERVICE ˂:sparql {PATTERN} }}", True),
        Spelling("WITH … INSERT … WHERE { OPTIONAL { SERVICE } }",
                 f"WITH <urn:torture:g> INSERT {{ ?s ?p ?o }} WHERE {{ OPTIONAL {{ {where} }} }}", True),
    ]
