"""Official French and Spanish titles, from ``data/catalogue/titles/*.yaml`` (issue 14, point 5).

One file per instrument, each title beside the page it was read in (``fr_source``,
``es_source``): a title is only given where an official text gives it, and a
curator checks it against that page.  An instrument takes its titles as
``rdfs:label`` and ``skos:prefLabel`` in that language (the English label stays
the one pages show by default); a provision takes them as ``skos:prefLabel``,
its ``rdfs:label`` staying the one label per language that names it by number
("Objective 13 of the GCM").  Every mistake names the file and the line.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from graph.catalogue import Catalogue
from graph.catalogue_texts import KEY_FORM, URL_FORM
from graph.curated_yaml import CuratedFile, read_curated
from graph.content_keys import normal_number
from graph.errors import CatalogueError

TITLES_FOLDER = "titles"
LANGUAGES = ("fr", "es")
ENTRY_FIELDS = {"of", *LANGUAGES, *(f"{language}_source" for language in LANGUAGES)}
INSTRUMENT = "Instrument"


def titles_files(catalogue_dir: Path) -> list[Path]:
    return sorted((catalogue_dir / TITLES_FOLDER).glob("*.yaml"))


def load_titles(catalogue_dir: Path, catalogue: Catalogue) -> None:
    """Give the instruments and provisions named in ``titles/*.yaml`` their French and Spanish titles."""
    for path in titles_files(catalogue_dir):
        _TitlesFile(f"{TITLES_FOLDER}/{path.name}", catalogue).read(path)


class _TitlesFile(CuratedFile):
    def __init__(self, name: str, catalogue: Catalogue) -> None:
        super().__init__(name, catalogue)
        self.given: set[str] = set()

    def read(self, path: Path) -> None:
        data = read_curated(path, self.name)
        if not isinstance(data, dict) or set(data["__lines__"]) != {"instrument", "titles"}:
            raise CatalogueError(self.name, "expected a mapping with instrument and titles (and nothing else)")
        code = data["instrument"]
        if code not in self.catalogue.instruments:
            raise self.fail(data["__lines__"]["instrument"], f"instrument {code!r} is not catalogued")
        entries = data["titles"]
        if not isinstance(entries, list) or not entries:
            raise self.fail(data["__lines__"]["titles"], "titles must be a list of entries (of, fr, fr_source, …)")
        for entry in entries:
            self._entry(code, entry)

    def _entry(self, code: str, entry: Any) -> None:
        if not isinstance(entry, dict):
            raise CatalogueError(self.name, f"an entry of titles is not a mapping: {entry!r}")
        line, lines = entry["__line__"], entry["__lines__"]
        unknown = set(lines) - ENTRY_FIELDS
        if unknown:
            field = min(unknown, key=lines.get)
            raise self.fail(lines[field], f"unknown field {field!r} (expected {', '.join(sorted(ENTRY_FIELDS))})")
        of = entry.get("of")
        if not isinstance(of, str):
            raise self.fail(line, "each entry names what it titles with of (Instrument, Objective 13, Part III)")
        node = self._node(code, of, lines.get("of", line))
        if node in self.given:
            raise self.fail(line, f"{of}: its titles are given twice")
        self.given.add(node)
        languages = [language for language in LANGUAGES if language in entry]
        if not languages:
            raise self.fail(line, f"{of}: no title (give fr, es or both)")
        graph = self.catalogue.graph
        for language in languages:
            title, source = entry[language], entry.get(f"{language}_source")
            if not isinstance(title, str) or not title.strip():
                raise self.fail(lines[language], f"{of}: the {language} title must be text")
            if not isinstance(source, str) or not URL_FORM.fullmatch(source.strip()):
                raise self.fail(lines.get(f"{language}_source", lines[language]),
                                f"{of}: {language}_source must be the URL of the text the title was read in")
            literal = Literal(" ".join(title.split()), lang=language)
            graph.remove((URIRef(node), SKOS.altLabel, literal))  # SKOS S13: a preferred label is not also an alternative one
            graph.add((URIRef(node), SKOS.prefLabel, literal))
            if of == INSTRUMENT:
                graph.add((URIRef(node), RDFS.label, literal))

    def _node(self, code: str, of: str, line: int) -> str:
        if of == INSTRUMENT:
            return self.catalogue.instruments[code].iri
        match = KEY_FORM.fullmatch(of)
        provision = self.catalogue.provisions.get((code, match.group(1), normal_number(match.group(2)))) \
            if match else None
        if provision is None:
            raise self.fail(line, f"{of!r}: {code} has no such provision in the catalogue "
                                  "(write Instrument, or Kind number: Objective 13, Part III)")
        return provision.iri
