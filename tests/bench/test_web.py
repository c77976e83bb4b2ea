"""The web console benchmark's arithmetic and report (the browser part runs in bench.web)."""

from __future__ import annotations

import json
from pathlib import Path

from bench.web import pages, report, stats
from bench.web.browser import CONTENT_KEY, WATCH_CONTENT, Load, storage


def load(target: str, cache: str, content: float, graphql: float | None = 100.0) -> Load:
    return Load(
        target=target,
        cache=cache,
        content_ms=content - 100,
        complete_ms=content,
        html_ms=20.0,
        dom_content_loaded_ms=150.0,
        graphql_requests=1,
        graphql_start_ms=None if graphql is None else 300.0,
        graphql_ms=graphql,
    )


def context() -> report.Context:
    return report.Context(
        command=".venv/bin/python -m bench.web --runs 3",
        date="2026-12-02 13:00 UTC",
        machine=["nproc 2"],
        targets=[pages.dashboard(), pages.partnership_page("p1", "Kibaha – Region Gotland")],
        runs=3,
        warmup=1,
        quiet_below=30,
        busy_before=[10.0, 80.0, 20.0],
    )


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 11)]

    assert stats.percentile(values, 90) == 9.0
    assert stats.percentile(values, 50) == 5.0
    assert stats.percentile([7.0], 90) == 7.0


def test_loads_are_summarised_per_page_and_cache_in_the_order_measured() -> None:
    loads = [
        load("dashboard", "cold", 900.0),
        load("dashboard", "warm", 400.0, graphql=None),
        load("dashboard", "cold", 700.0),
        load("dashboard", "warm", 500.0),
        load("dashboard", "cold", 800.0),
    ]

    found = stats.summarise(loads)

    assert [(s.target, s.cache, s.loads) for s in found] == [
        ("dashboard", "cold", 3),
        ("dashboard", "warm", 2),
    ]
    assert (found[0].content_p50, found[0].complete_p50) == (700.0, 800.0)
    assert (found[0].complete_min, found[0].complete_max) == (700.0, 900.0)
    assert found[1].graphql_p50 == 100.0, "a load without GraphQL timing is left out"


def test_the_aim_is_judged_for_each_cache_state_of_the_dashboard() -> None:
    found = stats.summarise(
        [
            load("dashboard", "cold", 1200.0),
            load("dashboard", "warm", 300.0),
            load("partnership page", "warm", 5000.0),
        ]
    )

    verdicts = [(s.cache, met) for s, met in stats.aim_verdicts(found)]

    assert verdicts == [("cold", False), ("warm", True)]
    assert report.aim_lines(found) == [
        "- Aim (the dashboard renders with the demo data in under 1 s locally; judged on"
        " content): cold **not met** (median 1100 ms; complete with the charts 1200 ms),"
        " warm **met** (median 200 ms; complete with the charts 300 ms)."
    ]


def test_the_report_names_the_command_the_pages_and_the_verdict() -> None:
    summaries = stats.summarise(
        [load("dashboard", "cold", 1500.0), load("partnership page", "warm", 600.0)]
    )

    section = report.render(summaries, context())

    assert section.startswith(report.HEADING + "\n")
    assert ".venv/bin/python -m bench.web --runs 3" in section
    assert "`/partnerships/p1` (partnership page)" in section
    assert "cold **not met** (median 1400 ms; complete with the charts 1500 ms)" in section
    assert "| dashboard | cold | 1 | **1400** | 1500 |" in section
    assert "median 20 %, highest 80 %; **1 of 3 rounds started above 30 %**" in section


def test_the_section_replaces_only_its_own(tmp_path: Path) -> None:
    docs = tmp_path / "benchmarks.md"
    docs.write_text("# Benchmarks\n\n## Events\n\nkept\n")
    section = report.render(stats.summarise([load("dashboard", "warm", 400.0)]), context())

    report.write_section(docs, section)
    report.write_section(docs, section)

    text = docs.read_text()
    assert text.count(report.HEADING) == 1
    assert "## Events\n\nkept\n" in text


def test_a_profile_is_signed_in_and_watches_for_the_targets_content() -> None:
    session = {"token": "t", "expiresAt": "2999-01-01T00:00:00Z", "user": {"sub": "s"}}
    target = pages.dashboard()

    state = storage("http://127.0.0.1:1", session, target)

    items = {i["name"]: i["value"] for i in state["origins"][0]["localStorage"]}
    assert json.loads(items["icld.session"]) == session
    assert json.loads(items[CONTENT_KEY]) == {
        "selectors": list(target.selectors),
        "heading": None,
        "drawn": list(target.drawn),
    }
    assert json.dumps(CONTENT_KEY) in WATCH_CONTENT
