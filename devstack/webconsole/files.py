"""The built console's files: a single-page app's routes fall back to index.html, hashed
assets are cached for a year, everything else is revalidated on every load."""

from __future__ import annotations

import mimetypes
from pathlib import PurePosixPath

from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

INDEX = "index.html"
ASSETS = "assets"
"""Vite's output folder for files whose names carry a hash of their content."""
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
"""index.html, the service worker and the manifest must never be stale: they name the rest."""

mimetypes.add_type("application/manifest+json", ".webmanifest")


def cache_control(path: str) -> str:
    """For a file of the build, by its path relative to the build folder."""
    return IMMUTABLE if PurePosixPath(path).parts[:1] == (ASSETS,) else REVALIDATE


def is_client_route(path: str) -> bool:
    """A path the single-page app routes itself (`/partnerships/42`): not under assets/ and
    not naming a file (no extension), so a missing script or image stays a 404."""
    parts = PurePosixPath(path).parts
    if parts[:1] == (ASSETS,):
        return False
    return not parts or "." not in parts[-1]


class ConsoleFiles(StaticFiles):
    def __init__(self, directory: str) -> None:
        super().__init__(directory=directory, html=False)

    async def get_response(self, path: str, scope: Scope) -> Response:
        served = path
        try:
            response = await super().get_response(path, scope)
        except HTTPException as exc:
            if exc.status_code != 404 or not is_client_route(path):
                raise
            served = INDEX
            response = await super().get_response(INDEX, scope)
        response.headers["Cache-Control"] = cache_control(served)
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response
