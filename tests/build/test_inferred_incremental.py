"""The build's infer step is incremental: a source's links are inferred again only when its graph or the way
sources are read (the catalogue, the code) changed; the others are taken as they were (issue 13, item 5)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from graph import iris
from graph.pipeline import build
from graph.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.slow


def inferred_parts(var: Path) -> dict[str, str]:
    record = json.loads((var / "current" / "build.json").read_text())
    return {part["name"]: part["digest"] for part in record["parts"] if part["graph"] == iris.INFERRED_GRAPH}


def test_only_the_changed_source_is_inferred_again(tmp_path: Path) -> None:
    data, var = tmp_path / "data", tmp_path / "var"
    shutil.copytree(PROJECT_ROOT / "data", data)
    first: list[str] = []
    build(Settings(data_dir=data, var_dir=var), first.append)
    assert any(line.startswith("inferred links: ") and "from 5 sources" in line for line in first), first
    before = inferred_parts(var)
    assert "inferred" in before and "inferred/001_572bfb9b02552e02" in before

    changed = data / "sources" / "001_572bfb9b02552e02.txt"
    text = changed.read_text(encoding="utf-8")
    assert "alternatives to detention" in text
    changed.write_text(text.replace("alternatives to detention", "alternatives to immigration detention", 1),
                       encoding="utf-8")
    second: list[str] = []
    build(Settings(data_dir=data, var_dir=var), second.append)
    said = [line for line in second if line.startswith("inferred links: ")]
    assert said and said[0].endswith("from 1 sources, 4 as they were"), second
    after = inferred_parts(var)
    assert after.keys() == before.keys()
    assert {name for name in after if after[name] != before[name]} == {"inferred/001_572bfb9b02552e02"}
