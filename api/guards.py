"""What the service refuses before a query or update reaches the engine.

* ``SERVICE`` (and an update's ``LOAD``) make the server fetch from the network:
  refused unless the endpoint is on ``Settings.service_allowlist``, compared as
  exact absolute IRIs.  ``SERVICE ?x`` is refused (its target is only known at
  run time), and so is any target the text does not fix (a relative IRI, an
  undeclared prefix).  See :mod:`api.query_text` for how targets are found.
* SPARQL Update is refused unless ``Settings.update_enabled``, and then needs
  ``Authorization: Bearer <Settings.update_token>``.
"""
from __future__ import annotations

import copy
import hmac
from functools import lru_cache

from api.errors import ProtocolError, malformed_query, read_only, update_unauthorised
from api.query_text import endpoint_references
from graph.settings import Settings


def check_remote_calls(text: str, allowlist: tuple[str, ...], keyword: str = "SERVICE", update: bool = False) -> None:
    refusal = _refusal(text, allowlist, keyword, update)
    if refusal is not None:
        raise copy.copy(refusal)  # a fresh exception each time; the remembered one stays clean


@lru_cache(maxsize=2048)
def _refusal(text: str, allowlist: tuple[str, ...], keyword: str, update: bool) -> ProtocolError | None:
    """Why the request is refused, or None; remembered, as the same queries come again and again."""
    for reference in endpoint_references(text, keyword):
        if reference.iri is None:
            refusal = ProtocolError(
                f"{reference.keyword} {reference.written} is refused: the endpoint must be written as an "
                "absolute IRI (no variables, relative IRIs or undeclared prefixes)", 403)
        elif reference.iri not in allowlist:
            allowed = ", ".join(f"<{iri}>" for iri in allowlist) if allowlist else "none"
            refusal = ProtocolError(
                f"{reference.keyword} <{reference.iri}> is refused: this server calls only the endpoints "
                f"on its allowlist ({allowed})", 403)
        else:
            continue
        return _syntax_error(text, update) or refusal
    return None


def _syntax_error(text: str, update: bool) -> ProtocolError | None:
    """A malformed request is a 400 even when it also names a refused endpoint.

    The engine cannot parse without running, and a refused request must not
    run, so rdflib's parser (loaded anyway for the vocabulary) judges the rare
    request that is refused.
    """
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        (parseUpdate if update else parseQuery)(text)
    except ParseBaseException as error:
        return malformed_query(f"error at {error.lineno}:{error.col}: {error.msg}", text, error.lineno, error.col)
    except Exception:  # noqa: BLE001 - rdflib cannot tell: let the refusal stand
        return None
    return None


def check_update_allowed(settings: Settings, authorization: str | None) -> None:
    if not settings.update_enabled:
        raise read_only()
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise update_unauthorised("send the header 'Authorization: Bearer <token>'")
    if not hmac.compare_digest(token.strip().encode(), settings.update_token.encode()):
        raise update_unauthorised("the token is not the one configured")
