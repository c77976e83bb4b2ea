"""GraphiQL at / works offline: the page loads only files the gateway itself serves."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from gateway.server.app import GRAPHIQL_DIR


def test_page_references_only_local_files(client: httpx.Client) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert "://" not in page.text
    referenced = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert referenced == [
        "/graphiql/graphiql.min.css",
        "/graphiql/react.production.min.js",
        "/graphiql/react-dom.production.min.js",
        "/graphiql/graphiql.min.js",
        "/graphiql/start.js",
    ]
    for path in referenced:
        asset = client.get(path)
        assert asset.status_code == 200, path
        assert asset.content == (GRAPHIQL_DIR / Path(path).name).read_bytes()
        kind = "text/css" if path.endswith(".css") else "text/javascript"
        assert asset.headers["content-type"].startswith(kind), path


def test_assets_load_nothing_from_elsewhere() -> None:
    css = (GRAPHIQL_DIR / "graphiql.min.css").read_text()
    assert "@import" not in css
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css)
    for script in GRAPHIQL_DIR.glob("*.js"):
        text = script.read_text()
        assert not re.search(r"""(src|href)=["']https?://""", text), script.name
        assert "importScripts(" not in text, script.name
    assert "/graphql" in (GRAPHIQL_DIR / "start.js").read_text()


def test_vendored_files_have_their_licenses() -> None:
    names = {p.name for p in GRAPHIQL_DIR.iterdir()}
    assert {"LICENSE.graphiql", "LICENSE.react", "LICENSE.react-dom", "README.md"} <= names


def test_browser_opening_graphql_gets_the_page(client: httpx.Client) -> None:
    response = client.get("/graphql", headers={"accept": "text/html,application/xhtml+xml"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.content == (GRAPHIQL_DIR / "index.html").read_bytes()
