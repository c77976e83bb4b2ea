"""Each benchmark rewrites only its own section of docs/benchmarks.md."""

from __future__ import annotations

from pathlib import Path

from bench.report_sections import INTRO, markdown_table, write_section

EVENTS = "## Events\n\nold events\n"
GATEWAY = "## Gateway\n\nold gateway\n\n### Analysis\n\nwritten by hand\n"


def test_a_section_is_replaced_and_its_analysis_kept(tmp_path: Path) -> None:
    path = tmp_path / "benchmarks.md"
    path.write_text(f"{INTRO}\n{GATEWAY}\n{EVENTS}")

    write_section(path, "## Gateway", "## Gateway\n\nnew gateway\n")

    assert path.read_text() == (
        f"{INTRO}\n## Gateway\n\nnew gateway\n\n### Analysis\n\nwritten by hand\n\n{EVENTS}"
    )


def test_a_missing_section_is_appended(tmp_path: Path) -> None:
    path = tmp_path / "benchmarks.md"

    write_section(path, "## Gateway", "## Gateway\n\nfirst\n")
    write_section(path, "## Events", EVENTS)

    assert path.read_text() == f"{INTRO}\n## Gateway\n\nfirst\n\n{EVENTS}"


def test_markdown_table_aligns_numbers_right() -> None:
    assert markdown_table(["name", "n"], [["a", "1"]]) == [
        "| name | n |",
        "| :--- | ---: |",
        "| a | 1 |",
    ]
