"""The README names every module, with what its docstring says it is for (issue 12, point 4)."""
from __future__ import annotations

from module_map import ROOT, modules, purpose, readme_section, section


def test_the_readme_map_is_the_one_the_modules_write() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    current = readme_section(readme)
    assert current is not None, "README.md has lost the markers of its module map"
    assert current == section(), "the README's module map is stale: run `python tests/module_map.py --write`"


def test_every_module_says_what_it_is_for() -> None:
    silent = [str(path.relative_to(ROOT)) for path in modules()
              if path.name != "__init__.py" and purpose(path).startswith("the package")]
    assert silent == [], f"modules without a docstring: {silent}"


def test_every_module_of_the_tree_is_in_the_map() -> None:
    listed = set(modules())
    on_disk = {path for package in ("graph", "api") for path in (ROOT / package).rglob("*.py")}
    assert on_disk - listed == set(), f"modules the map leaves out: {sorted(map(str, on_disk - listed))}"
