"""Medians over runs, the ratio to Apollo Gateway, the aim and the overhead figures."""

from __future__ import annotations

from bench.gateway import report, stats
from bench.gateway.runner import Run
from bench.gateway.scenario import Workload
from bench.gateway.wrk import WrkResult

DEEP = Workload("deep", 50)
TRIVIAL = Workload("trivial", 50)
PUBLIC = Workload("public", 50)
NO_ERRORS = {"connect": 0, "read": 0, "write": 0, "timeout": 0, "status": 0}


def run(target: str, workload: Workload, per_s: float, p50: float, p99: float, **kw: object) -> Run:
    result = WrkResult(
        requests=int(per_s * 10),
        duration_s=10.0,
        bytes=0,
        errors=dict(NO_ERRORS),
        latency_ms={50: p50, 90: p50, 95: p99, 99: p99},
        max_ms=p99,
    )
    return Run(target, workload, 1, result=result, **kw)  # type: ignore[arg-type]


def test_summaries_are_medians_of_the_valid_runs() -> None:
    runs = [
        run("apollo", DEEP, 100, 400, 900, peak_rss_mb=200.0),
        run("apollo", DEEP, 120, 380, 700, peak_rss_mb=220.0),
        run("apollo", DEEP, 90, 500, 1000, peak_rss_mb=210.0),
        run("apollo", DEEP, 1000, 1, 2, problems=["measured window: status 7"]),
    ]

    [summary] = stats.summarise(runs)

    assert (summary.valid, summary.total) == (3, 4)
    assert (summary.per_s, summary.per_s_min, summary.per_s_max) == (100, 90, 120)
    assert summary.latency_ms == {50: 400, 90: 400, 95: 900, 99: 900}
    assert summary.peak_rss_mb == 210


def test_aim_needs_twice_the_rate_and_a_lower_p99() -> None:
    summaries = stats.summarise(
        [
            run("apollo", DEEP, 100, 400, 900),
            run("python", DEEP, 200, 200, 899),
            run("apollo", TRIVIAL, 1000, 40, 90),
            run("python", TRIVIAL, 1999, 20, 50),
        ]
    )

    checks = stats.aim(summaries, [DEEP, TRIVIAL])

    assert [(c.workload, c.ratio, c.met) for c in checks] == [
        (DEEP, 2.0, True),
        (TRIVIAL, 1.999, False),
    ]
    assert stats.ratio_to_baseline(summaries, summaries[1]) == 2.0


def test_no_aim_without_both_gateways() -> None:
    summaries = stats.summarise([run("apollo", DEEP, 100, 400, 900), run("hive", DEEP, 90, 1, 2)])

    assert stats.aim(summaries, [DEEP]) == []


def test_overhead_is_gateway_latency_minus_the_subgraphs() -> None:
    summaries = stats.summarise(
        [run("hive", TRIVIAL, 1000, 40, 90), run("subgraph", TRIVIAL, 9000, 5, 12)]
    )

    assert stats.overheads(summaries) == [
        stats.Overhead("hive", TRIVIAL, p50_ms=35, p99_ms=78, subgraph_p50_ms=5, subgraph_p99_ms=12)
    ]


def test_aim_line_says_met_only_when_every_query_meets_it() -> None:
    checks = [
        stats.AimCheck(DEEP, ratio=2.5, p99_ms=40, baseline_p99_ms=90),
        stats.AimCheck(TRIVIAL, ratio=2.1, p99_ms=12, baseline_p99_ms=11),
    ]

    assert report.aim_lines(checks, 50) == [
        "- Aim (at least 2x Apollo Gateway's requests/s per core, with lower p99): "
        "**not met** — deep: 2.50x, p99 40 ms vs 90 ms; trivial: 2.10x, p99 12 ms vs 11 ms."
    ]
    assert report.aim_lines(checks[:1], 50)[0].startswith("- Aim (at least 2x Apollo Gateway's")
    assert "**met**" in report.aim_lines(checks[:1], 50)[0]
    assert "**not measured**" in report.aim_lines(checks, 1)[0]


def test_subgraph_requests_are_the_busiest_run_alone_and_medians_under_load() -> None:
    alone = {"accounts": 3, "inventory": 7, "products": 4, "reviews": 2}
    runs = [
        run("hive-dedup", PUBLIC, 50, 10, 20, fetches_alone=alone, fetches_per_request=load)
        for load in (
            {"accounts": 1.0, "inventory": 2.0, "products": 1.0, "reviews": 0.5},
            {"accounts": 2.0, "inventory": 3.0, "products": 1.5, "reviews": 0.5},
            {"accounts": 1.5, "inventory": 4.0, "products": 2.0, "reviews": 0.5},
        )
    ]
    runs[0].fetches_alone = {"accounts": 3, "inventory": 6, "products": 4, "reviews": 2}

    summaries = stats.summarise(runs)

    assert summaries[0].fetches_alone == alone
    assert report.fetches_table(summaries)[2:] == [
        "| Hive Gateway (dedup) | public | 50 | 16 = 3 + 7 + 4 + 2 "
        "| 6.50 = 1.50 + 3.00 + 1.50 + 0.50 |"
    ]


def test_lead_is_ahead_of_hive_with_dedup_and_below_every_peers_p99() -> None:
    summaries = stats.summarise(
        [
            run("python", PUBLIC, 300, 100, 200),
            run("python-nodedup", PUBLIC, 100, 400, 100),
            run("hive-dedup", PUBLIC, 250, 150, 400),
            run("apollo", PUBLIC, 50, 900, 190),
        ]
    )

    [check] = stats.lead(summaries, [PUBLIC])

    assert (check.ratio, check.best_peer, check.best_peer_p99_ms, check.met) == (
        1.2,
        "apollo",
        190,
        False,
    )
    assert report.lead_lines([check], 50) == [
        "- Aim of issue 17 (ahead of Hive Gateway (dedup) at 50 connections, with a p99 below "
        "every peer's): **not met** — public: 1.20x its requests/s, p99 200 ms vs 190 ms "
        "(Apollo Gateway)."
    ]
    assert "**not measured**" in report.lead_lines([check], 1)[0]
