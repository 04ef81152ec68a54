"""What the tests of the worker pools send: a request for the sample store, and how to read its count."""
from __future__ import annotations

import orjson

# Four unbound triple patterns joined: runs until it is stopped, on any store.
CARTESIAN = b"SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def request(store: str) -> dict[str, object]:
    """The header of a query on ``store`` as the service sends it, answered in SPARQL JSON."""
    return {"op": "query", "store": store, "default_graphs": [], "named_graphs": [], "union": True,
            "results": "json", "graph": "turtle", "max_rows": 1000, "gzip": False, "base": None}


def count(reply_body: bytes) -> int:
    return int(orjson.loads(reply_body)["results"]["bindings"][0]["n"]["value"])
