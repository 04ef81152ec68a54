"""The project's shapes with one more that some nodes are sure to break, for tests of what a violation does."""
from __future__ import annotations

import shutil
from pathlib import Path

from graph.settings import PROJECT_ROOT


def shapes_breaking(folder: Path, target: str, message: str) -> Path:
    """A copy of shapes/ in ``folder``, with a shape whose ``target`` (Turtle: ``sh:targetClass mrkg:Statement``,
    ``sh:targetNode <…>``) must have a property no build writes; each node targeted is a violation saying
    ``message``."""
    shutil.copytree(PROJECT_ROOT / "shapes", folder)
    (folder / "zz-breaking.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix mrkg: <https://w3id.org/mrkg/ontology#> .\n"
        f"<urn:test:shape> a sh:NodeShape ; {target} ;\n"
        f"  sh:property [ sh:path mrkg:neverWritten ; sh:minCount 1 ; sh:message \"{message}\" ] .\n")
    return folder
