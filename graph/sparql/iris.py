"""IRIs as the engine checks and resolves them (RFC 3987 syntax, RFC 3986 §5.2 resolution).

A SERVICE endpoint is compared with the allowlist after it is resolved, so the
resolution here must give the string the engine will call, character for
character.  The engine's IRI library (oxiri) resolves in one pass over the
reference, and differs from the RFC's algorithm in two ways that matter
here: an absolute reference is taken as written (``http://a/b/../c`` keeps its
dot segments), and a resolved path that would start with ``//`` without an
authority is an error.  :func:`resolve` does the same;
``tests/graph/sparql/test_iris.py`` compares it with the engine on generated
references.
"""
from __future__ import annotations

import ipaddress
import re
from typing import NamedTuple


class IriError(ValueError):
    """Not an IRI, or a reference that cannot be resolved into one."""


class Iri(NamedTuple):
    """An absolute IRI and where its parts end (the offsets a relative reference is resolved with)."""

    value: str
    scheme_end: int  # after "scheme:"
    authority_end: int  # after "//authority", or == scheme_end when there is none
    path_end: int
    query_end: int


_UCS = ("\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF\U00010000-\U0001FFFD\U00020000-\U0002FFFD\U00030000-\U0003FFFD"
        "\U00040000-\U0004FFFD\U00050000-\U0005FFFD\U00060000-\U0006FFFD\U00070000-\U0007FFFD"
        "\U00080000-\U0008FFFD\U00090000-\U0009FFFD\U000A0000-\U000AFFFD\U000B0000-\U000BFFFD"
        "\U000C0000-\U000CFFFD\U000D0000-\U000DFFFD\U000E1000-\U000EFFFD")
_IUNRESERVED_SUBDELIMS = "A-Za-z0-9!$&'()*+,\\-.;=_~" + _UCS
_PRIVATE = "\uE000-\uF8FF\U000F0000-\U000FFFFD\U00100000-\U0010FFFD"
_PCT = "%[0-9A-Fa-f]{2}"


def _run(chars: str) -> re.Pattern[str]:
    return re.compile(f"(?:[{chars}]|{_PCT})*+")


SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*+:")
_USERINFO = _run(_IUNRESERVED_SUBDELIMS + ":")
_HOST = _run(_IUNRESERVED_SUBDELIMS)
_PORT = re.compile(r"[0-9]*+")
_SEGMENT = _run(_IUNRESERVED_SUBDELIMS + ":@")
_FIRST_RELATIVE_SEGMENT = _run(_IUNRESERVED_SUBDELIMS + "@")  # no ":" before the first "/" of a relative path
_QUERY = _run(_IUNRESERVED_SUBDELIMS + ":@/?" + _PRIVATE)
_FRAGMENT = _run(_IUNRESERVED_SUBDELIMS + ":@/?")
_IP_FUTURE = re.compile(r"[vV][0-9A-Fa-f]+\.[A-Za-z0-9\-._~!$&'()*+,;=:]+")
_IP_V6_CHARS = re.compile(r"[0-9A-Fa-f:.]+")


def parse_iri(text: str) -> Iri:
    """``text`` as an absolute IRI; IriError when it is not one."""
    scheme = SCHEME.match(text)
    if scheme is None:
        raise IriError(f"no scheme in {text[:80]!r}")
    return _Builder(text, scheme.end(), text[:scheme.end()], scheme.end()).absolute()


def resolve(base: Iri | None, reference: str) -> Iri:
    """``reference`` resolved against ``base`` as the engine does it; an absolute reference stands as written."""
    if SCHEME.match(reference) is not None or base is None:
        return parse_iri(reference)
    first = reference[:1]
    value = base.value
    if first == "":
        return Iri(value[:base.query_end], base.scheme_end, base.authority_end, base.path_end, base.query_end)
    if reference.startswith("//"):
        builder = _Builder(reference, 2, value[:base.scheme_end] + "//", base.scheme_end)
        return builder.authority()
    if first == "/":
        builder = _Builder(reference, 1, value[:base.authority_end] + "/", base.scheme_end, base.authority_end)
        return builder.path(remove_dots=True)
    if first == "?":
        builder = _Builder(reference, 1, value[:base.path_end] + "?", base.scheme_end, base.authority_end)
        builder.path_end = base.path_end
        return builder.query()
    if first == "#":
        builder = _Builder(reference, 1, value[:base.query_end] + "#", base.scheme_end, base.authority_end)
        builder.path_end = builder.query_end = base.query_end
        return builder.fragment()
    if first == ":":
        raise IriError("a relative reference cannot start with ':'")
    builder = _Builder(reference, 0, value[:base.path_end], base.scheme_end, base.authority_end)
    builder.remove_last_segment()
    return builder.path(remove_dots=True, first_segment=_FIRST_RELATIVE_SEGMENT)


class _Builder:
    """The resolved IRI, written part by part while ``source`` is read from ``position``."""

    def __init__(self, source: str, position: int, written: str, scheme_end: int, authority_end: int = -1) -> None:
        self.source = source
        self.position = position
        self.out = list(written)
        self.scheme_end = scheme_end
        self.authority_end = authority_end
        self.path_end = -1
        self.query_end = -1

    def absolute(self) -> Iri:
        if self.source.startswith("//", self.position):
            self.out += "//"
            self.position += 2
            return self.authority()
        self.authority_end = self.scheme_end
        if self.source.startswith("/", self.position):
            self.out.append("/")
            self.position += 1
        return self.path(remove_dots=False)

    def authority(self) -> Iri:
        userinfo = _USERINFO.match(self.source, self.position)
        assert userinfo is not None
        after = self._char(userinfo.end())
        if after == "@":
            self.out += userinfo.group() + "@"
            self.position = userinfo.end() + 1
        elif after not in ("", "[", "/", "?", "#"):
            raise IriError(f"invalid character {after!r} in the authority")
        self._host()
        return self._after_authority()

    def _host(self) -> None:
        if self._char(self.position) == "[":
            close = self.source.find("]", self.position)
            if close < 0:
                raise IriError("an IP literal without ']'")
            literal = self.source[self.position + 1:close]
            if not (_IP_FUTURE.fullmatch(literal) or _is_ip_v6(literal)):
                raise IriError(f"invalid IP literal [{literal[:80]}]")
            self.out += self.source[self.position:close + 1]
            self.position = close + 1
            if self._char(self.position) not in ("", ":", "/", "?", "#"):
                raise IriError("invalid character after an IP literal")
        else:
            host = _HOST.match(self.source, self.position)
            assert host is not None
            self.out += host.group()
            self.position = host.end()
        if self._char(self.position) == ":":
            port = _PORT.match(self.source, self.position + 1)
            assert port is not None
            self.out += ":" + port.group()
            self.position = port.end()
        if self._char(self.position) not in ("", "/", "?", "#"):
            raise IriError(f"invalid character {self._char(self.position)!r} in the host or port")
        self.authority_end = len(self.out)

    def _after_authority(self) -> Iri:
        following = self._char(self.position)
        if following == "/":
            self.out.append("/")
            self.position += 1
            return self.path(remove_dots=False)
        self.path_end = len(self.out)
        self.position += len(following)
        return self._after_path(following)

    def path(self, remove_dots: bool, first_segment: re.Pattern[str] = _SEGMENT) -> Iri:
        """Segments up to "?", "#" or the end; with ``remove_dots``, "." and ".." segments are applied as they end."""
        segment = first_segment
        while True:
            match = segment.match(self.source, self.position)
            assert match is not None
            self.out += match.group()
            self.position = match.end()
            delimiter = self._char(self.position)
            if delimiter not in ("", "/", "?", "#"):
                raise IriError(f"invalid character {delimiter!r} in the path")
            self.position += len(delimiter)
            segment = _SEGMENT
            if remove_dots and self._remove_dot_segment():
                pass
            elif delimiter == "/":
                self.out.append("/")
                continue
            if remove_dots and self._path_looks_like_an_authority():
                raise IriError("the resolved path starts with '//' without an authority")
            if delimiter == "/":
                continue
            self.path_end = len(self.out)
            return self._after_path(delimiter)

    def _path_looks_like_an_authority(self) -> bool:
        return self.authority_end == self.scheme_end and self.out[self.authority_end:self.authority_end + 2] == ["/", "/"]

    def _remove_dot_segment(self) -> bool:
        path = self.out[self.authority_end:]
        if path[-3:] == ["/", ".", "."]:
            del self.out[-3:]
            self.remove_last_segment()
        elif path[-2:] == ["/", "."] or path == ["."]:
            del self.out[-1:]
        elif path == [".", "."]:
            del self.out[-2:]
        else:
            return False
        return True

    def remove_last_segment(self) -> None:
        path = self.out[self.authority_end:]
        slash = len(path) - 1 - path[::-1].index("/") if "/" in path else -1
        if slash >= 0:
            del self.out[self.authority_end + slash:]
            self.out.append("/")
        else:
            del self.out[self.authority_end:]
            if self.authority_end > self.scheme_end:
                self.out.append("/")

    def _after_path(self, delimiter: str) -> Iri:
        if delimiter == "?":
            self.out.append("?")
            return self.query()
        self.query_end = len(self.out)
        if delimiter == "#":
            self.out.append("#")
            return self.fragment()
        return self._done()

    def query(self) -> Iri:
        match = _QUERY.match(self.source, self.position)
        assert match is not None
        self.out += match.group()
        self.position = match.end()
        self.query_end = len(self.out)
        following = self._char(self.position)
        if following == "#":
            self.out.append("#")
            self.position += 1
            return self.fragment()
        if following:
            raise IriError(f"invalid character {following!r} in the query")
        return self._done()

    def fragment(self) -> Iri:
        match = _FRAGMENT.match(self.source, self.position)
        assert match is not None
        if match.end() != len(self.source):
            raise IriError(f"invalid character {self.source[match.end()]!r} in the fragment")
        self.out += match.group()
        return self._done()

    def _done(self) -> Iri:
        return Iri("".join(self.out), self.scheme_end, self.authority_end, self.path_end, self.query_end)

    def _char(self, position: int) -> str:
        return self.source[position:position + 1]


def _is_ip_v6(literal: str) -> bool:
    if not _IP_V6_CHARS.fullmatch(literal):
        return False  # no zone identifier (%25eth0), which the engine does not take either
    try:
        ipaddress.IPv6Address(literal)
    except ValueError:
        return False
    return True
