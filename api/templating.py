"""Jinja2 for the pages: the environment and the filters templates share.

Links inside pages point at this server: an IRI under ``https://w3id.org/mrkg/``
becomes a path here (``…/id/instrument/icrmw`` → ``/id/instrument/icrmw``),
so the site can be browsed wherever it is deployed, while the RDF forms keep
the canonical IRIs.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from starlette.templating import Jinja2Templates

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


def templates() -> Jinja2Templates:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=jinja2.select_autoescape(["html"]),
        trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
    )
    environment.filters.update(href=href, long_date=long_date, snippet=snippet, json_script=json_script,
                               plural=plural, number=number)
    return Jinja2Templates(env=environment)
