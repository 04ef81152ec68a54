"""The words of catalogued provisions, from ``data/catalogue/texts/*.yaml`` (issue 13, point 6).

Kept apart from the provision tree so that a curator reviews one official text per
file, beside its source: the instrument's code, the official URL and the document
symbol, then each provision's words keyed as ``Kind number`` (``Article 22``,
``Objective 13``, ``GuidingPrinciple 15(a)``).  A provision that an article numbers as
its paragraph (``25(1)`` in ``Article 25``) takes that paragraph's lines from the
article's text, so a paragraph is never typed twice.  Every mistake names the file
and the line, as the rest of the catalogue does.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS

from graph.catalogue import Catalogue, Provision
from graph.content_keys import normal_number
from graph.curated_yaml import CuratedFile, read_curated
from graph.errors import CatalogueError
from graph.vocab import MRKG

TEXTS_FOLDER = "texts"
FILE_FIELDS = {"instrument", "source", "symbol", "provisions"}
KEY_FORM = re.compile(r"(\w+)\s+(\S+)")
URL_FORM = re.compile(r"https?://[^\s<>\"{}|\\^`]+")
# A numbered paragraph of an article starts its own line: "2. Migrant workers …".
NUMBERED_LINE = re.compile(r"(\d+)\.\s")


def texts_files(catalogue_dir: Path) -> list[Path]:
    return sorted((catalogue_dir / TEXTS_FOLDER).glob("*.yaml"))


def load_texts(catalogue_dir: Path, catalogue: Catalogue) -> None:
    """Give each provision named in ``texts/*.yaml`` its words and source, in the catalogue and its graph."""
    for path in texts_files(catalogue_dir):
        _TextsFile(f"{TEXTS_FOLDER}/{path.name}", catalogue).read(path)


class _TextsFile(CuratedFile):

    def read(self, path: Path) -> None:
        data = read_curated(path, self.name)
        if not isinstance(data, dict):
            raise CatalogueError(self.name, "expected a mapping with instrument, source, symbol and provisions")
        lines = data["__lines__"]
        unknown = set(lines) - FILE_FIELDS
        if unknown:
            field = min(unknown, key=lines.get)
            raise self.fail(lines[field], f"unknown field {field!r} (expected {', '.join(sorted(FILE_FIELDS))})")
        for field in sorted(FILE_FIELDS):
            if field not in data:
                raise CatalogueError(self.name, f"missing {field}")
        code, source = self._text(data, "instrument"), self._text(data, "source")
        self._text(data, "symbol")
        if code not in self.catalogue.instruments:
            raise self.fail(lines["instrument"], f"instrument {code!r} is not catalogued")
        if not URL_FORM.fullmatch(source):
            raise self.fail(lines["source"], f"source {source!r} is not a URL")
        provisions = data["provisions"]
        if not isinstance(provisions, dict):
            raise self.fail(lines["provisions"], "provisions must map 'Kind number' to the provision's words")
        for key, line in provisions["__lines__"].items():
            provision = self._provision(code, key, line)
            words = provisions[key]
            if not isinstance(words, str) or not words.strip():
                raise self.fail(line, f"{key}: expected the provision's words as text")
            self._give(provision, _tidy(words), source)
            self._paragraphs(code, provision, line, source)

    def _text(self, data: dict[str, Any], field: str) -> str:
        value = data[field]
        if not isinstance(value, str) or not value.strip():
            raise self.fail(data["__lines__"][field], f"{field} must be text")
        return value.strip()

    def _provision(self, code: str, key: str, line: int) -> Provision:
        match = KEY_FORM.fullmatch(key)
        if not match:
            raise self.fail(line, f"{key!r} is not 'Kind number' (Article 22, Objective 13)")
        kind, number = match.groups()
        provision = self.catalogue.provisions.get((code, kind, normal_number(number)))
        if provision is None or provision.kind != kind:
            raise self.fail(line, f"{key}: {code} has no such provision in the catalogue")
        return provision

    def _give(self, provision: Provision, words: str, source: str) -> None:
        if provision.text is not None:
            raise CatalogueError(self.name, f"{provision.label}: its words are given twice")
        provision.text, provision.source = words, source
        node = URIRef(provision.iri)
        self.catalogue.graph.add((node, MRKG.provisionText, Literal(words, lang="en")))
        self.catalogue.graph.add((node, DCTERMS.source, URIRef(source)))

    def _paragraphs(self, code: str, article: Provision, line: int, source: str) -> None:
        """Catalogued paragraphs of this provision (``25(1)`` in article 25) take their lines of its text."""
        for child in self.catalogue.provisions.values():
            if child.instrument != code or child.parent_iri != article.iri or child.kind != "Paragraph":
                continue
            own = re.fullmatch(re.escape(normal_number(article.number)) + r"\((\d+)\)", normal_number(child.number))
            if not own:
                continue
            words = paragraph(article.text or "", own.group(1))
            if words is None:
                raise self.fail(line, f"{article.label}: the catalogue lists {child.label}, "
                                      f"but the text has no paragraph numbered {own.group(1)}")
            self._give(child, words, source)


def paragraph(text: str, number: str) -> str | None:
    """The lines of paragraph ``number`` of an article: from "n. " up to the next numbered paragraph."""
    taken: list[str] = []
    for line in text.splitlines():
        numbered = NUMBERED_LINE.match(line)
        if numbered:
            if taken:
                break
            if numbered.group(1) == number:
                taken.append(line)
        elif taken:
            taken.append(line)
    return "\n".join(taken) if taken else None


def _tidy(words: str) -> str:
    """One paragraph a line, spaces as printed: the block's layout carries no meaning."""
    return "\n".join(" ".join(line.split()) for line in words.strip().splitlines() if line.strip())
