"""wrk's Lua script and the figures parsed from its output."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bench.gateway import wrk
from bench.gateway.subgraph import app
from tests.gateway.support.serving import ServedApp

OUTPUT = """Running 5s test @ http://127.0.0.1:47110/graphql
  2 threads and 50 connections
  Latency Distribution
     50%    5.12ms
  47629 requests in 5.02s, 6.90MB read
Requests/sec:   9494.10
BENCH-WRK {"requests": 47629, "duration_us": 5020000, "bytes": 7235000, "connect": 0, \
"read": 2, "write": 0, "status": 3, "timeout": 0, "max_us": 128630, "mean_us": 5430.5, \
"percentiles_us": {"50": 5120, "90": 7001, "95": 8000, "99": 15250}}
"""


def test_parse_reads_the_line_that_done_printed() -> None:
    result = wrk.parse(OUTPUT)

    assert result == wrk.WrkResult(
        requests=47629,
        duration_s=5.02,
        bytes=7235000,
        errors={"connect": 0, "read": 2, "write": 0, "timeout": 0, "status": 3},
        latency_ms={50: 5.12, 90: 7.001, 95: 8.0, 99: 15.25},
        max_ms=128.63,
    )
    assert result.failed == 5
    assert round(result.per_s, 1) == 9487.8


def test_parse_without_figures_fails_with_the_output() -> None:
    with pytest.raises(wrk.WrkFailed, match="unable to connect"):
        wrk.parse("unable to connect to 127.0.0.1:1 Connection refused\n")


def test_script_quotes_a_body_that_contains_a_closing_long_bracket() -> None:
    script = wrk.script(b'{"query":"]=]"}')

    assert 'wrk.body = [==[{"query":"]=]"}]==]\n' in script


@pytest.mark.skipif(
    shutil.which("wrk") is None, reason="wrk is not installed (apt-get install wrk)"
)
def test_wrk_posts_the_body_and_reports_every_response(tmp_path: Path) -> None:
    script = tmp_path / "trivial.lua"
    script.write_text(wrk.script(b'{"query":"{ me { id } }"}'))
    with ServedApp(app("accounts")) as served:
        result, output = wrk.run(
            served.url, script, connections=2, duration_s=1, cpus=sorted(os.sched_getaffinity(0))
        )

    assert "Latency Distribution" in output
    assert result.requests > 0
    assert result.failed == 0
    expected = b'{"data":{"me":{"id":"u1"}}}'
    assert result.bytes >= result.requests * len(expected)
    assert set(result.latency_ms) == {50, 90, 95, 99}
