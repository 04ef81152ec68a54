"""Jinja2 for the pages: the environment and the filters templates share.

Links inside pages point at this server: an IRI under ``https://w3id.org/mrkg/``
becomes a path here (``…/id/instrument/icrmw`` → ``/id/instrument/icrmw``),
so the site can be browsed wherever it is deployed, while the RDF forms keep
the canonical IRIs.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from starlette.templating import Jinja2Templates

from api import interface_language
from graph import iris

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"


def href(resource: str | None) -> str:
    """Where a page links for ``resource``: a local path for our IRIs, the IRI itself otherwise."""
    if not resource:
        return "#"
    if resource.startswith(iris.BASE):
        return "/" + resource[len(iris.BASE):]
    return resource


def long_date(value: object) -> str:
    """ "2022-09-27" → "27 September 2022"; anything else unchanged."""
    text = str(value or "")
    try:
        day = dt.date.fromisoformat(text[:10])
    except ValueError:
        return text
    return f"{day.day} {day:%B %Y}" + (text[10:] if len(text) > 10 and "T" not in text[10:11] else "")


def snippet(text: str | None, length: int = 280) -> str:
    """The start of a text, cut at a word boundary."""
    text = " ".join((text or "").split())
    if len(text) <= length:
        return text
    cut = text.rfind(" ", 0, length)
    return text[: cut if cut > length // 2 else length].rstrip(",;:") + "…"


def json_script(data: Any) -> Markup:
    """JSON safe to place inside ``<script type="application/ld+json">``."""
    payload = json.dumps(data, ensure_ascii=False, indent=1)
    return Markup(payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def number(count: int) -> str:
    """2000 → "2,000": counts of a large corpus, as an English reader writes them."""
    return f"{count:,}"


# Official titles by IRI and language for the page being rendered (api.views.official_titles): set by the
# route before it renders, read by links, which imported macros render without the page's context.
OFFICIAL_TITLES: ContextVar[dict[str, dict[str, str]]] = ContextVar("official_titles", default={})


def use_official_titles(titles: dict[str, dict[str, str]]) -> None:
    OFFICIAL_TITLES.set(titles)


@jinja2.pass_context
def in_language(context: Any, item: Any) -> str:
    """A link's label: the resource's official title in the page's language where it has one, else its label."""
    titles = OFFICIAL_TITLES.get().get(getattr(item, "iri", ""), {})
    return titles.get(_language(context)) or str(item.label)


MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
}
THOUSANDS = {"en": ",", "fr": "\u202f", "es": "\u202f"}  # French and Spanish UN texts group digits with a space


def _language(context: Any) -> str:
    request = context.get("request")
    return (interface_language.of(request.scope) if request is not None else interface_language.current()).language


@jinja2.pass_context
def say(context: Any, english: str, /, **values: Any) -> str:
    """``_("…")`` in a template: the message in the page's interface language."""
    return interface_language.catalogue().say(_language(context), english, **values)


@jinja2.pass_context
def interface(context: Any) -> dict[str, Any]:
    """The page's interface language, its switch, and the notice for an ``interface`` value we cannot give."""
    request = context.get("request")
    if request is None:
        return {"language": interface_language.DEFAULT, "links": [], "refused": None}
    choice = interface_language.of(request.scope)
    return {"language": choice.language, "links": interface_language.switch_links(request.scope),
            "refused": choice.refused}


SCRIPT_MESSAGE = re.compile(r"\bsay\(\"((?:[^\"\\\\]|\\\\.)*)\"")  # say("…") in a page's script


@lru_cache(maxsize=8)
def script_words(script: str) -> tuple[str, ...]:
    """The messages a script of api/static/ says, each written ``say("…")`` there."""
    return tuple(dict.fromkeys(SCRIPT_MESSAGE.findall((STATIC_DIR / script).read_text(encoding="utf-8"))))


@jinja2.pass_context
def script_messages(context: Any, script: str) -> dict[str, str]:
    """What a script says, in the page's language: the page hands it over as JSON (the script has no catalogue)."""
    language = _language(context)
    return {english: interface_language.catalogue().say(language, english) for english in script_words(script)}


def date_in(value: object, language: str) -> str:
    """A date as a reader of ``language`` writes it: "27 septembre 2022", "27 de septiembre de 2022"."""
    text = str(value or "")
    if language not in MONTHS:
        return long_date(value)
    try:
        day = dt.date.fromisoformat(text[:10])
    except ValueError:
        return text
    month = MONTHS[language][day.month - 1]
    rest = text[10:] if len(text) > 10 and "T" not in text[10:11] else ""
    if language == "fr":
        return f"{'1er' if day.day == 1 else day.day} {month} {day.year}" + rest
    return f"{day.day} de {month} de {day.year}" + rest


def number_in(count: int, language: str) -> str:
    return f"{count:,}".replace(",", THOUSANDS.get(language, ","))


@jinja2.pass_context
def long_date_in(context: Any, value: object) -> str:
    return date_in(value, _language(context))


@jinja2.pass_context
def number_here(context: Any, count: int) -> str:
    return number_in(count, _language(context))


@jinja2.pass_context
def plural_here(context: Any, count: int, one: str, many: str | None = None) -> str:
    """``3|plural("statement")``: the count and the noun, both in the page's language."""
    language = _language(context)
    noun = one if count == 1 else (many or one + "s")
    return f"{number_in(count, language)} {interface_language.catalogue().say(language, noun)}"


def templates() -> Jinja2Templates:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=jinja2.select_autoescape(["html"]),
        trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
    )
    environment.filters.update(href=href, long_date=long_date_in, snippet=snippet, json_script=json_script,
                               plural=plural_here, number=number_here, in_language=in_language)
    environment.globals.update(_=say, interface=interface, script_messages=script_messages)
    return Jinja2Templates(env=environment)
