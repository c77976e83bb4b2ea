"""docs/benchmarks.md holds one section per benchmark; each benchmark rewrites only its own."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

INTRO = (
    "# Benchmarks\n\n"
    "Measured figures of the platform's moving parts, with the command that produced them.\n"
)
KEPT = "### Analysis"
"""A hand-written subsection of that name survives regeneration of its section."""


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Lines of a Markdown table; the first column left-aligned, the others right."""
    aligned = ["---:" if i else ":---" for i in range(len(header))]
    return [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join(aligned) + " |",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


def write_section(path: Path, heading: str, section: str) -> None:
    """Replaces (or appends) the `## heading` section; other sections and its `### Analysis`
    subsection stay."""
    text = path.read_text() if path.exists() else INTRO
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.DOTALL | re.MULTILINE)
    found = pattern.search(text)
    kept = ""
    if found is not None:
        old = found.group(0)
        if (at := old.find(f"\n{KEPT}\n")) >= 0:
            kept = old[at + 1 :].rstrip() + "\n"
    new = section.rstrip() + "\n\n" + (kept + "\n" if kept else "")
    if found is not None:
        text = text[: found.start()] + new + text[found.end() :]
    else:
        text = text.rstrip() + "\n\n" + new
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.rstrip() + "\n")
