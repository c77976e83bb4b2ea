"""The repository points only inside itself: no citation of design notes kept elsewhere, and
every relative link of the README and docs/ reaches a file (and heading) that exists."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Spelled in parts so that this file does not match itself.
OUTSIDE_POINTERS = tuple(p.encode() for p in ("../" + "shared", "DESIGN" + ".md", "DOMAIN" + ".md"))

FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"`[^`\n]*`")
MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_LINK = re.compile(r"<(?:a|img)\b[^>]*\b(?:href|src)=\"([^\"]+)\"")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def tracked_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    return [ROOT / name for name in listed.decode().split("\0") if name]


def documents() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def prose(markdown: str) -> str:
    """The text without code: paths in code blocks and spans are not links."""
    return CODE_SPAN.sub("", FENCE.sub("", markdown))


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to dashes."""
    text = re.sub(r"<[^>]+>", "", CODE_SPAN.sub(lambda m: m.group(0).strip("`"), heading))
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(document: Path) -> set[str]:
    seen: dict[str, int] = {}
    found = set()
    for heading in HEADING.findall(FENCE.sub("", document.read_text(encoding="utf-8"))):
        base = slug(heading)
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def links(document: Path) -> list[str]:
    text = prose(document.read_text(encoding="utf-8"))
    return [*MARKDOWN_LINK.findall(text), *HTML_LINK.findall(text)]


def test_no_tracked_file_points_outside_the_repository() -> None:
    offenders = []
    for path in tracked_files():
        if not path.is_file():
            continue  # deleted in the working tree, not yet committed
        content = path.read_bytes()
        offenders += [
            f"{path.relative_to(ROOT)}: {needle.decode()}"
            for needle in OUTSIDE_POINTERS
            if needle in content
        ]
    assert offenders == [], "cite docs/architecture.md or docs/domain.md instead"


def test_the_design_docs_exist_and_the_readme_links_them() -> None:
    readme = links(ROOT / "README.md")
    assert "docs/architecture.md" in readme
    assert "docs/domain.md" in readme


@pytest.mark.parametrize("document", documents(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_reaches_a_file_and_heading(document: Path) -> None:
    broken = []
    for link in links(document):
        if EXTERNAL.match(link):
            continue
        target, _, anchor = link.partition("#")
        path = (document.parent / target).resolve() if target else document
        if not path.exists():
            broken.append(f"{link}: no such file")
        elif anchor and path.suffix == ".md" and anchor not in anchors(path):
            broken.append(f"{link}: no such heading")
    assert broken == []


def test_anchors_follow_github() -> None:
    assert slug("Safe retries: idempotency keys") == "safe-retries-idempotency-keys"
    assert slug("`se.icld.finance.grant.opened.v1`") == "seicldfinancegrantopenedv1"
    assert slug("The web console, locally") == "the-web-console-locally"
