"""The terminals of SPARQL (Query §19.8), each read exactly as the engine reads it.

The engine (Oxigraph 0.5, a PEG parser) never gives back what a repetition
has consumed and commits to the first alternative that matches, so every
pattern here is written with possessive quantifiers and atomic groups: a
match is what the engine would read at that position, not the longest or
any other match a backtracking regular expression could find.

Where the engine's reading differs from the letter of §19.8 it is followed,
because the guard must see what the engine will run:

* ``PN_CHARS_BASE`` stops at U+FFFD (no characters beyond the Basic
  Multilingual Plane in names);
* a local name (``PN_LOCAL``) holds at most one run of dots (``ex:a.b`` is a
  name, ``ex:a.b.c`` is not);
* ``\\u`` escapes are replaced only inside IRIs and strings, never in names or
  keywords (the grammar's §19.2 would replace them everywhere), and inside an
  IRI the four or eight characters after ``\\u`` are read as a hexadecimal
  number that may start with ``+`` (``\\u+041`` is ``A``);
* white space and comments are allowed between a string and its ``@`` or
  ``^^``, and between a sign and the digits of a number.
"""
from __future__ import annotations

import re

BASE_CHARS = ("A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
              "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD")  # PN_CHARS_BASE
U_CHARS = "_" + BASE_CHARS  # PN_CHARS_U
NAME_CHARS = r"\-0-9\u00B7\u0300-\u036F\u203F-\u2040" + U_CHARS  # PN_CHARS
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_PREFIX = f"[{BASE_CHARS}][{NAME_CHARS}]*+(?:\\.++[{NAME_CHARS}]++)*+"
_HEX = "[0-9A-Fa-f]"
_ECHAR = r"""\\[tbnrf"'\\]"""
_UCHAR = f"\\\\u{_HEX}{{4}}|\\\\U{_HEX}{{8}}"

WHITESPACE = re.compile(r"(?:[ \t\r\n]++|#[^\r\n]*+)*+")  # the grammar's WS and comments, as the engine skips them
COMMENT = re.compile(r"#[^\r\n]*+")
BLANKS = re.compile(r"[ \t\r\n]*+")  # inside NIL "( )" and ANON "[ ]": white space only, no comment
PNAME_NS = re.compile(f"(?:{_PN_PREFIX})?+:")
PN_LOCAL = re.compile(f"(?:[{U_CHARS}:0-9]|{_PLX})(?:[{NAME_CHARS}:]|{_PLX})*+(?:\\.++(?:[{NAME_CHARS}:]|{_PLX})++)?+")
VARIABLE = re.compile(f"[?$]([0-9{U_CHARS}][0-9\u00B7\u0300-\u036F\u203F-\u2040{U_CHARS}]*+)")
BLANK_NODE_LABEL = re.compile(f"_:([0-9{U_CHARS}][{NAME_CHARS}]*+(?:\\.++[{NAME_CHARS}]++)*+)")
LANGUAGE = re.compile(r"@([a-zA-Z]++(?:-[a-zA-Z0-9]++)*+)((?:--[a-zA-Z]++)?+)")
INTEGER = re.compile(r"[0-9]++")
DECIMAL = re.compile(r"[0-9]*+\.[0-9]++")
DOUBLE = re.compile(r"(?>[0-9]++\.[0-9]*+|\.[0-9]++|[0-9]++)[eE][+-]?+[0-9]++")
STRINGS = {  # the engine tries them in this order
    "'''": re.compile(f"'''((?:(?:''|')?+(?:[^'\\\\]|{_ECHAR}|{_UCHAR}))*+)'''"),
    '"""': re.compile(f'"""((?:(?:""|")?+(?:[^"\\\\]|{_ECHAR}|{_UCHAR}))*+)"""'),
    "'": re.compile(f"'((?:[^'\\\\\\n\\r]|{_ECHAR}|{_UCHAR})*+)'"),
    '"': re.compile(f'"((?:[^"\\\\\\n\\r]|{_ECHAR}|{_UCHAR})*+)"'),
}
_STRING_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
LARGEST_COUNT = 2**64 - 1  # LIMIT and OFFSET are machine words in the engine


def unescape_string(body: str) -> str | None:
    """A string's value, or None when a ``\\u`` escape names no character (a surrogate, or beyond U+10FFFF)."""
    if "\\" not in body:
        return body
    out: list[str] = []
    position = 0
    while (slash := body.find("\\", position)) >= 0:
        out.append(body[position:slash])
        kind = body[slash + 1]
        if kind in "uU":
            size = 4 if kind == "u" else 8
            code = code_point(body[slash + 2:slash + 2 + size], size)
            if code is None:
                return None
            out.append(code)
            position = slash + 2 + size
        else:
            out.append(_STRING_ESCAPES[kind])
            position = slash + 2
    out.append(body[position:])
    return "".join(out)


def unescape_iri(body: str) -> str | None:
    """An IRIREF's text with its ``\\u``/``\\U`` escapes replaced; None for any other backslash or a bad escape."""
    if "\\" not in body:
        return body
    out: list[str] = []
    position = 0
    while (slash := body.find("\\", position)) >= 0:
        out.append(body[position:slash])
        kind = body[slash + 1:slash + 2]
        if kind not in ("u", "U"):
            return None
        size = 4 if kind == "u" else 8
        code = code_point(body[slash + 2:slash + 2 + size], size)
        if code is None:
            return None
        out.append(code)
        position = slash + 2 + size
    out.append(body[position:])
    return "".join(out)


def code_point(digits: str, size: int) -> str | None:
    """The character ``digits`` name, read as the engine reads them: a hexadecimal number, ``+`` allowed first."""
    if len(digits) != size or not digits.isascii():
        return None
    unsigned = digits[1:] if digits.startswith("+") else digits
    if not unsigned or any(char not in "0123456789abcdefABCDEF" for char in unsigned):
        return None
    code = int(unsigned, 16)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code)


def local_name(written: str) -> str:
    """A prefixed name's local part as it joins the namespace: backslashes dropped, ``%xx`` kept."""
    return written.replace("\\", "") if "\\" in written else written
