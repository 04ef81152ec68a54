"""Swagger UI's script and style, served by this server so that ``/docs`` works offline.

The page used to load them from a CDN and was blank without internet access (issue 14);
they now come from a pinned package that ships Swagger UI 5 (FastAPI's OpenAPI 3.1 needs
version 5), read once and served with a long cache and a fixed type.  Only the two named
files can be asked for: the path is a key of :data:`ASSETS`, never a file name.
"""
from __future__ import annotations

import hashlib
import importlib.resources
from functools import cache

from fastapi import HTTPException
from starlette.responses import Response

ASSETS_PATH = "/docs/assets"
ASSETS = {  # served name -> (file in the package, media type)
    "swagger-ui-bundle.js": ("swagger-ui-bundle.js", "text/javascript; charset=utf-8"),
    "swagger-ui.css": ("swagger-ui.css", "text/css; charset=utf-8"),
}


@cache
def _asset(name: str) -> tuple[bytes, str]:
    packaged, _ = ASSETS[name]
    body = (importlib.resources.files("fastapi_offline") / "static" / packaged).read_bytes()
    return body, hashlib.sha256(body).hexdigest()[:16]


def asset_url(name: str) -> str:
    """The asset's URL with its digest, so a new Swagger UI is fetched anew and an old one cached for good."""
    return f"{ASSETS_PATH}/{name}?v={_asset(name)[1]}"


async def swagger_asset(name: str) -> Response:
    if name not in ASSETS:
        raise HTTPException(404, f"no such documentation asset: {name!r} (there are: {', '.join(ASSETS)})")
    body, digest = _asset(name)
    return Response(body, media_type=ASSETS[name][1],
                    headers={"Cache-Control": "public, max-age=31536000, immutable", "ETag": f'"{digest}"'})
