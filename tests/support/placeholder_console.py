"""A stand-in for a built web console (web/dist) outside the repository: what the console
server's tests serve, and what the browser tests serve until web/ has a console to build."""

from __future__ import annotations

from pathlib import Path

TITLE = "ICLD console (placeholder)"
ASSET = "assets/index-3f9a1c2b.js"
"""Named as Vite names its output: with a hash of the content."""
INDEX_HTML = f"""<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{TITLE}</title>
    <link rel="manifest" href="/manifest.webmanifest">
    <script type="module" src="/{ASSET}"></script>
  </head>
  <body><main><h1>ICLD console</h1><p>Placeholder build for tests.</p></main></body>
</html>
"""
FILES = {
    "index.html": INDEX_HTML,
    ASSET: 'document.body.dataset.loaded = "yes";\n',
    "sw.js": "self.addEventListener('fetch', () => {});\n",
    "manifest.webmanifest": '{"name": "ICLD console", "start_url": "/"}\n',
}


def placeholder_dist(folder: Path) -> Path:
    """Writes the stand-in into `folder` and returns it."""
    for name, text in FILES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return folder
