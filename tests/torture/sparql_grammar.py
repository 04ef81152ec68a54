"""Random SPARQL for the fuzzer: queries drawn from the grammar, and real queries mutated.

The grammar's strategies follow SPARQL 1.1 Query §19 loosely: prologues with
PREFIX and BASE (prefix names drawn from ``PN_CHARS_BASE``, some outside
``\\w``), the four query forms, group patterns with OPTIONAL, UNION, MINUS,
GRAPH, FILTER, BIND, VALUES, subqueries and SERVICE, property paths,
expressions with functions, literals with escapes, language tags and
datatypes, and solution modifiers with numbers of any size.  Every SERVICE
points at the listener given (a :class:`~.canary.Canary`), never elsewhere:
the campaign stays on 127.0.0.1 even if a call gets through.

Mutations take real queries (the examples the site shows) and cut, repeat,
nest or splice tokens into them, so that the text is nearly right: where
parsers and guards disagree.
"""
from __future__ import annotations

from hypothesis import strategies as st

from api.examples import EXAMPLES
from graph.vocab import PREFIX_MAP

from .ssrf_corpus import outside_word

PROLOGUE = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIX_MAP.items())
REAL_QUERIES = tuple(PROLOGUE + example.query for example in EXAMPLES)

IRIS = ("<https://w3id.org/mrkg/id/instrument/icrmw/article/22>", "<https://w3id.org/mrkg/id/instrument/icrmw>",
        "<https://w3id.org/mrkg/id/actor/mexico>", "mrkg:cites", "mrkg:speaker", "mrkg:text", "rdfs:label", "a",
        "skos:notation", "dcterms:date", "mrkg:partOf", "<>", "<#frag>", "<relative/path>", "<urn:x:y>",
        "<http://example.org/%41%zz>", "<http://example.org/\\u0041>")
VARIABLES = ("?s", "?p", "?o", "?x", "?y", "$z", "?g", "?long_variable_name_é")
FUNCTIONS = ("STR", "LANG", "DATATYPE", "isIRI", "isLiteral", "isBlank", "BOUND", "UCASE", "LCASE", "STRLEN",
             "ENCODE_FOR_URI", "ABS", "CEIL", "FLOOR", "ROUND", "MD5", "SHA256", "YEAR", "IRI", "BNODE",
             "STRUUID", "NOW", "RAND", "COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE")
OPERATORS = ("=", "!=", "<", ">", "<=", ">=", "&&", "||", "+", "-", "*", "/")
NUMBERS = st.one_of(st.integers(-10, 1000), st.integers(-(2**70), 2**70),
                    st.sampled_from(["18446744073709551616", "9223372036854775808", "1e999", "-0.0", "0x10",
                                     "1.5e-400", "00000000000000000001", ".5", "5."]))
SPARQL_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


def _string_literal(text: str, quote: str) -> str:
    if quote in ('"""', "'''"):
        return quote + text.replace("\\", "\\\\").replace(quote[0], "\\" + quote[0]) + quote
    escaped = text.replace("\\", "\\\\").replace(quote, "\\" + quote).replace("\n", "\\n").replace("\r", "\\r")
    return quote + escaped + quote


literals = st.one_of(
    st.builds(_string_literal, SPARQL_TEXT, st.sampled_from(['"', "'", '"""', "'''"])),
    st.builds(lambda text, tag: f'"{text}"@{tag}', st.from_regex(r"[a-z ]{0,8}", fullmatch=True),
              st.sampled_from(["en", "fr-CA", "es-419", "x", "en-", "1", "zh-Hant-TW"])),
    st.builds(lambda value, kind: f'"{value}"^^xsd:{kind}', st.sampled_from(["1", "abc", "2021-13-45", "-0", "NaN", ""]),
              st.sampled_from(["integer", "dateTime", "date", "decimal", "double", "boolean", "string", "nonsense"])),
    NUMBERS.map(str),
    st.sampled_from(["true", "false", '"\\u0000"', '"\\U0010FFFF"', '"\\uD800"', '"unterminated']),
)
iris = st.one_of(st.sampled_from(IRIS), st.builds(lambda local: f"mrkg:{local}", st.from_regex(r"[A-Za-z0-9_]{1,12}",
                                                                                            fullmatch=True)))
terms = st.one_of(st.sampled_from(VARIABLES), iris, literals, st.sampled_from(["[]", "_:b1", "()"]))
paths = st.recursive(iris, lambda inner: st.one_of(
    inner.map(lambda p: f"^{p}"), st.tuples(inner, inner).map(lambda t: f"{t[0]}/{t[1]}"),
    st.tuples(inner, inner).map(lambda t: f"({t[0]}|{t[1]})"), inner.map(lambda p: f"({p})*"),
    inner.map(lambda p: f"({p})+"), inner.map(lambda p: f"({p})?"), iris.map(lambda i: f"!({i}|^{i})")), max_leaves=4)
triples = st.builds(lambda s, p, o: f"{s} {p} {o} .", st.one_of(st.sampled_from(VARIABLES), iris),
                    st.one_of(st.sampled_from(VARIABLES), paths), terms)
expressions = st.recursive(terms, lambda inner: st.one_of(
    st.tuples(inner, st.sampled_from(OPERATORS), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
    inner.map(lambda e: f"!{e}"), inner.map(lambda e: f"-({e})"),
    st.tuples(st.sampled_from(FUNCTIONS), inner).map(lambda t: f"{t[0]}({t[1]})"),
    st.tuples(inner, st.lists(inner, max_size=4)).map(lambda t: f"{t[0]} IN ({', '.join(t[1])})"),
    st.tuples(inner, inner, inner).map(lambda t: f"IF({t[0]}, {t[1]}, {t[2]})"),
    st.tuples(inner, SPARQL_TEXT).map(lambda t: f"REGEX(STR({t[0]}), {_string_literal(t[1], chr(34))})"),
    st.tuples(inner, NUMBERS, NUMBERS).map(lambda t: f"SUBSTR(STR({t[0]}), {t[1]}, {t[2]})"),
    triples.map(lambda t: f"EXISTS {{ {t} }}")), max_leaves=6)


@st.composite
def queries(draw: st.DrawFn, listener: str) -> str:
    """One query from the grammar; any SERVICE in it calls ``listener`` (an http://127.0.0.1:port/ URL)."""
    declared = draw(st.lists(st.one_of(st.sampled_from(outside_word(2)), st.from_regex(r"[a-z]{1,5}", fullmatch=True),
                                       st.sampled_from(["a、b", "˂", "p" * 600])), max_size=2, unique=True))
    prologue = PROLOGUE + "".join(f"PREFIX {name}: <{listener}>\n" for name in declared)
    base = draw(st.sampled_from(["", listener, "http://example.org/base/"]))
    if base:
        prologue = f"BASE <{base}>\n" + prologue

    def service(pattern: str) -> str:
        # Only targets that resolve to the listener: a call that got through must stay on 127.0.0.1.
        silent = draw(st.sampled_from(["", "SILENT ", "silent "]))
        targets = [f"<{listener}{'a' * draw(st.sampled_from([0, 10, 4097, 6000]))}>"]
        targets += [f"{name}:x" for name in declared] + (["<sparql>", "<>"] if base == listener else [])
        return f"SERVICE {silent}{draw(st.sampled_from(targets))} {{ {pattern} }}"

    group = draw(st.recursive(st.lists(triples, min_size=1, max_size=3).map(" ".join), lambda inner: st.one_of(
        inner.map(lambda g: f"{{ {g} }}"), st.tuples(inner, inner).map(lambda t: f"{t[0]} OPTIONAL {{ {t[1]} }}"),
        st.tuples(inner, inner).map(lambda t: f"{{ {t[0]} }} UNION {{ {t[1]} }}"),
        st.tuples(inner, inner).map(lambda t: f"{t[0]} MINUS {{ {t[1]} }}"),
        st.tuples(inner, expressions).map(lambda t: f"{t[0]} FILTER({t[1]})"),
        st.tuples(inner, expressions).map(lambda t: f"{t[0]} BIND({t[1]} AS ?bound)"),
        st.tuples(st.sampled_from(["?g", "<urn:graph>"]), inner).map(lambda t: f"GRAPH {t[0]} {{ {t[1]} }}"),
        st.tuples(st.lists(terms, max_size=3), inner).map(lambda t: f"VALUES ?v {{ {' '.join(t[0])} }} {t[1]}"),
        st.tuples(inner, NUMBERS).map(lambda t: f"{{ SELECT * WHERE {{ {t[0]} }} LIMIT {t[1]} }}"),
        inner.map(service)), max_leaves=5))
    form = draw(st.sampled_from(["SELECT *", "SELECT DISTINCT ?s ?o", "SELECT (COUNT(*) AS ?n)", "ASK",
                                 "CONSTRUCT { ?s ?p ?o }", "DESCRIBE ?s", "SELECT REDUCED ?s (STR(?o) AS ?t)"]))
    modifiers = ""
    if not form.startswith("ASK"):
        if draw(st.booleans()):
            modifiers += f" ORDER BY {draw(st.sampled_from(['ASC', 'DESC', '']))}({draw(expressions)})"
        modifiers += f" LIMIT {draw(NUMBERS)}" if draw(st.integers(0, 4)) else ""
        modifiers += f" OFFSET {draw(NUMBERS)}" if not draw(st.integers(0, 4)) else ""
    dataset = draw(st.sampled_from(["", "FROM <urn:x> ", f"FROM NAMED <{listener}g> "]))
    return f"{prologue}{form} {dataset}WHERE {{ {group} }}{modifiers}"


SPLICES = ("{", "}", "(", ")", '"', "'", '"""', "<", ">", "#", "\\", "\\u00", "\\U0010FFFF", "%", "^^", "@", ".", ";",
           ",", "*", "+", "?", "|", "^", "/", "!", "=", "FILTER(", "OPTIONAL {", "UNION", "LIMIT 18446744073709551616",
           "GROUP BY", "SELECT", "\x00", "\u2028", "ß", "𝔘", "{" * 50, "(" * 200)


@st.composite
def mutated_queries(draw: st.DrawFn, listener: str) -> str:
    """A real query with one to four edits: a span cut or repeated, a token spliced in, nesting around a part."""
    text = draw(st.sampled_from(REAL_QUERIES))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        end = draw(st.integers(at, min(len(text), at + 40)))
        edit = draw(st.sampled_from(["cut", "repeat", "splice", "nest", "service"]))
        if edit == "cut":
            text = text[:at] + text[end:]
        elif edit == "repeat":
            text = text[:end] + text[at:end] * draw(st.integers(1, 50)) + text[end:]
        elif edit == "splice":
            text = text[:at] + draw(st.one_of(st.sampled_from(SPLICES), SPARQL_TEXT)) + text[at:]
        elif edit == "nest":
            depth = draw(st.integers(1, 40))
            text = text[:at] + "{ " * depth + text[at:end] + " }" * depth + text[end:]
        else:
            text = text[:at] + f" SERVICE <{listener}m> {{ ?a ?b ?c }} " + text[at:]
    return text
