"""What the HTTP face refuses before a request reaches a query worker.

* SPARQL Update is refused unless ``Settings.update_enabled``, and then needs
  ``Authorization: Bearer <Settings.update_token>``.

SERVICE and LOAD are not judged here: the worker reads every text that could
call out with the service's own SPARQL parser and applies the allowlist to
what it read (:mod:`graph.sparql.guard`), off the event loop, before the
engine sees the text.
"""
from __future__ import annotations

import hmac

from api.errors import read_only, update_unauthorised
from graph.settings import Settings


def check_update_allowed(settings: Settings, authorization: str | None) -> None:
    if not settings.update_enabled:
        raise read_only()
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise update_unauthorised("send the header 'Authorization: Bearer <token>'")
    if not hmac.compare_digest(token.strip().encode(), settings.update_token.encode()):
        raise update_unauthorised("the token is not the one configured")
