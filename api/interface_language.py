"""The language of the interface: English, French or Spanish (issue 14, point 5).

A reader chooses it with the switch every page shows: its links add
``?interface=fr`` (so a link can be shared in that language) and the answer
keeps the choice in a cookie, so the next pages stay in it.  Without either,
the browser's ``Accept-Language`` decides (RFC 9110 §12.5.4, ranges matched
as RFC 4647 §3.4 looks them up), and English when it names none of the three.
The parameter is not called ``lang``: on ``/search`` that already filters the
statements by the language they were written in, a different thing.

Pages answered in a language say so (``Content-Language``, ``<html lang>``)
and vary with what chose it (``Vary: Accept-Language, Cookie``), so a cache
never hands a French page to an English reader.

The messages are in ``interface_messages.yaml``, keyed by the English text, so
a template reads ``{{ _("Instruments") }}`` and stays readable in English.
"""
from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import yaml
from starlette.types import Message, Scope, Send

LANGUAGES = ("en", "fr", "es")
DEFAULT = "en"
NAMES = {"en": "English", "fr": "Français", "es": "Español"}  # each in its own language, as a switch shows it
PARAMETER = "interface"
COOKIE = "interface"
COOKIE_LIFETIME = 365 * 24 * 3600
MESSAGES_FILE = Path(__file__).parent / "interface_messages.yaml"
STATE_KEY = "interface_language"
# The choice of the request being answered.  Macros imported by a template do not see the page's context,
# so ``_()`` reads the request's choice from here; each request is answered in its own task (and the
# thread-pool calls it makes copy the task's context), so one reader's choice never leaks to another.
_CURRENT: ContextVar[Choice | None] = ContextVar("interface_language", default=None)

# RFC 9110 §12.5.4: language-range = (1*8ALPHA *("-" 1*8alphanum)) / "*"; weight = OWS ";" OWS "q=" qvalue.
_RANGE = re.compile(r"(?:[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*)")
_QVALUE = re.compile(r"(?:0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?)")


@dataclass(frozen=True)
class Choice:
    """The interface language of one request, how it was chosen, and what was asked that we could not give."""

    language: str
    by: str  # "parameter", "cookie", "header" or "default"
    refused: str | None = None  # an ``interface`` value that names no language of the interface

    @property
    def from_parameter(self) -> bool:
        return self.by == "parameter"


def preferences(header: str) -> list[tuple[str, float]]:
    """The language ranges of an ``Accept-Language`` header with their weights, in the order given.

    A malformed member (a bad range or a q-value such as ``q=2`` or ``q=0.1234``)
    is dropped on its own: the rest of the header still says what the reader reads.
    """
    ranges: list[tuple[str, float]] = []
    for member in header.split(","):
        parts = [part.strip() for part in member.split(";")]
        if not parts[0] or not _RANGE.fullmatch(parts[0]):
            continue
        weight = 1.0
        well_formed = True
        for parameter in parts[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                if not _QVALUE.fullmatch(value.strip()):
                    well_formed = False
                    break
                weight = float(value.strip())
        if well_formed:
            ranges.append((parts[0].lower(), weight))
    return ranges


def negotiate(header: str | None) -> str | None:
    """The interface language an ``Accept-Language`` header prefers, or None if it accepts none of ours.

    Each of our languages takes the weight of the most specific range naming it:
    ``fr`` itself, else the highest of ``fr-CA``, ``fr-BE``… (a reader of Canadian
    French reads French), else ``*``.  A weight of 0 means "not this one".  Equal
    weights go to the range listed first.
    """
    if not header:
        return None
    ranges = preferences(header)
    best: tuple[float, int, str] | None = None
    for language in LANGUAGES:
        exact = [(w, i) for i, (r, w) in enumerate(ranges) if r == language]
        regional = [(w, i) for i, (r, w) in enumerate(ranges) if r.split("-")[0] == language and r != language]
        wildcard = [(w, i) for i, (r, w) in enumerate(ranges) if r == "*"]
        found = exact or (sorted(regional, key=lambda item: (-item[0], item[1]))[:1]) or wildcard
        if not found:
            continue
        weight, position = found[0]
        if weight <= 0:
            continue
        if best is None or (weight, -position) > (best[0], -best[1]):
            best = (weight, position, language)
    return best[2] if best else None


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def choose(scope: Scope) -> Choice:
    """The interface language of a request: the ``interface`` parameter, else the cookie, else the header."""
    query = scope.get("query_string", b"").decode("latin-1")
    asked = [value for name, value in parse_qsl(query, keep_blank_values=True) if name == PARAMETER]
    refused = None
    if asked:
        wanted = asked[-1].strip().lower()
        if wanted in LANGUAGES:
            return Choice(wanted, "parameter")
        refused = asked[-1]
    cookie = SimpleCookie()
    try:
        cookie.load(_header(scope, b"cookie") or "")
    except Exception:  # noqa: BLE001 - an unreadable cookie header chooses nothing; the page is still answered
        cookie = SimpleCookie()
    if COOKIE in cookie and cookie[COOKIE].value in LANGUAGES:
        return Choice(cookie[COOKIE].value, "cookie", refused)
    negotiated = negotiate(_header(scope, b"accept-language"))
    if negotiated:
        return Choice(negotiated, "header", refused)
    return Choice(DEFAULT, "default", refused)


def of(scope: Scope) -> Choice:
    """The choice made for this request (made once, when it came in; see :func:`answered_in`)."""
    state = scope.get("state")
    made = state.get(STATE_KEY) if isinstance(state, dict) else None
    return made if isinstance(made, Choice) else choose(scope)


def current() -> Choice:
    """The choice of the request being answered (English outside a request)."""
    return _CURRENT.get() or Choice(DEFAULT, "default")


def answered_in(scope: Scope, send: Send) -> Send:
    """``send``, with the headers of the interface language added to HTML answers.

    Only pages speak a language of the interface: RDF, JSON and dumps are the
    same whatever the reader's language, so they neither vary with it nor set
    the cookie.
    """
    choice = choose(scope)
    scope.setdefault("state", {})[STATE_KEY] = choice
    _CURRENT.set(choice)

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            content_type = next((v for k, v in headers if k.lower() == b"content-type"), b"")
            if content_type.startswith(b"text/html"):
                vary = [v.decode("latin-1") for k, v in headers if k.lower() == b"vary"]
                headers = [(k, v) for k, v in headers if k.lower() != b"vary"]
                named = ", ".join([*vary, "Accept-Language", "Cookie"])
                headers.append((b"vary", named.encode("latin-1")))
                headers.append((b"content-language", choice.language.encode("ascii")))
                if choice.from_parameter:
                    cookie = (f"{COOKIE}={choice.language}; Path=/; Max-Age={COOKIE_LIFETIME}; SameSite=Lax")
                    headers.append((b"set-cookie", cookie.encode("ascii")))
                message = {**message, "headers": headers}
        await send(message)

    return sending


@dataclass(frozen=True)
class Catalogue:
    """The interface's messages: English text → {"fr": …, "es": …}."""

    messages: dict[str, dict[str, str]]

    def say(self, language: str, english: str, /, **values: Any) -> str:
        """``english`` in ``language`` (English itself where the catalogue has no entry), values filled in."""
        text = english if language == DEFAULT else self.messages.get(english, {}).get(language, english)
        return text.format(**values) if values else text


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """The messages, read once: they are part of the code, not of the data."""
    with MESSAGES_FILE.open(encoding="utf-8") as stream:
        loaded = yaml.safe_load(stream) or {}
    return Catalogue({str(key): {str(k): str(v) for k, v in value.items()} for key, value in loaded.items()})


def switch_links(scope: Scope) -> list[tuple[str, str, str]]:
    """(language, its name, the current page's address in it) for each language of the interface."""
    path = scope.get("path", "/")
    pairs = [(n, v) for n, v in parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
             if n != PARAMETER]
    return [(code, NAMES[code], f"{path}?{urlencode([*pairs, (PARAMETER, code)])}") for code in LANGUAGES]
