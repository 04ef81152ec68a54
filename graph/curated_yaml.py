"""The curated files beside the catalogue (``texts/``, ``titles/``): YAML read as text, every key with its line.

A curator edits these by hand beside an official page, so every mistake must name the file and the line:
the loader keeps each mapping's lines and refuses a key given twice, and a file YAML cannot read is
refused with the line where reading stopped.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from graph.catalogue import Catalogue
from graph.errors import CatalogueError


class LineLoader(yaml.BaseLoader):
    """Every scalar stays text; a mapping records its own line and each key's, and refuses a key given twice."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        lines: dict[str, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in lines:
                raise CatalogueError("", f"line {key_node.start_mark.line + 1}: {key!r} is given twice "
                                         f"(first on line {lines[key]})")
            lines[key] = key_node.start_mark.line + 1
        mapping = super().construct_mapping(node, deep=True)
        mapping["__line__"] = node.start_mark.line + 1
        mapping["__lines__"] = lines
        return mapping


def read_curated(path: Path, name: str) -> Any:
    """The file's YAML, every scalar as text; ``name`` is how errors call the file."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=LineLoader)
    except CatalogueError as error:
        raise CatalogueError(name, error.message) from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise CatalogueError(name, f"{where}not readable YAML ({getattr(error, 'problem', error)})") from None


class CuratedFile:
    """One curated file being read into the catalogue."""

    def __init__(self, name: str, catalogue: Catalogue) -> None:
        self.name, self.catalogue = name, catalogue

    def fail(self, line: int | str, problem: str) -> CatalogueError:
        return CatalogueError(self.name, f"line {line}: {problem}")
