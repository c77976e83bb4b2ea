"""The benchmark's targets and workloads, and the public-shaped query through real gateways."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.gateway import check, gateways, node, runner, scenario, supergraph
from bench.gateway.__main__ import parse_args, workloads
from bench.gateway.scenario import Workload
from bench.gateway.schemas import SDL
from bench.gateway.subgraph import app
from bench.gateway.subgraphs import Counts, Subgraphs
from tests.gateway.support.serving import ServedApp
from tests.support.servers import free_port

needs_node = pytest.mark.skipif(
    not (node.DIR / "node_modules").is_dir(), reason="npm ci in bench/gateway/node first"
)


def test_every_query_runs_at_the_main_load_and_the_low_load_ones_also_at_one() -> None:
    assert workloads(parse_args([])) == [
        Workload("public", 50),
        Workload("deep", 50),
        Workload("trivial", 50),
        Workload("public", 1),
        Workload("trivial", 1),
    ]
    assert workloads(parse_args(["--queries", "deep,public", "--low-connections", "0"])) == [
        Workload("deep", 50),
        Workload("public", 50),
    ]
    assert workloads(parse_args(["--queries", "deep"])) == [Workload("deep", 50)]


def test_targets_are_chosen_by_name_and_unknown_ones_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = parse_args(["--gateways", "hive-dedup,python-nodedup,hive-dedup"])

    assert args.gateways == ["hive-dedup", "python-nodedup"]
    with pytest.raises(SystemExit):
        parse_args(["--gateways", "python,router"])
    choices = "python,python-nodedup,python-before,apollo,hive,hive-dedup"
    assert f"choose from {choices}" in capsys.readouterr().err


def test_dedup_is_set_both_ways_for_this_gateway_and_an_argument_of_hive() -> None:
    sdl, port = Path("supergraph.graphql"), 4000
    settings = {
        name: {k: v for k, v in gateway.env().items() if k in gateways.DEDUPE_SETTINGS}
        for name, gateway in gateways.GATEWAYS.items()
    }

    assert settings["python"] == dict.fromkeys(gateways.DEDUPE_SETTINGS, "true")
    assert settings["python-nodedup"] == dict.fromkeys(gateways.DEDUPE_SETTINGS, "false")
    assert gateways.GATEWAYS["hive-dedup"].command(sdl, port)[-1] == "--dedup"
    assert "--dedup" not in gateways.GATEWAYS["hive"].command(sdl, port)
    assert "--dedup" not in gateways.GATEWAYS["apollo"].command(sdl, port)


def test_counts_since_are_per_subgraph_differences() -> None:
    before = Counts({"accounts": 3, "reviews": 10}, misses=2)
    after = Counts({"accounts": 5, "reviews": 17}, misses=3)

    assert after.since(before) == Counts({"accounts": 2, "reviews": 7}, misses=1)
    assert after.since(before).requests == 9


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Subgraphs, Path]]:
    """The four subgraphs on free ports and a supergraph pointing at them."""
    apps = {name: ServedApp(app(name)) for name in SDL}
    work = tmp_path_factory.mktemp("bench-gateway")
    path = work / "supergraph.graphql"
    urls = {name: served_app.url for name, served_app in apps.items()}
    path.write_text(supergraph.with_urls(supergraph.FILE.read_text(), urls))
    try:
        yield Subgraphs({}, {name: served_app.port for name, served_app in apps.items()}), path
    finally:
        for served_app in apps.values():
            served_app.stop()


def through(target: str, served: tuple[Subgraphs, Path], work: Path) -> tuple[Any, Counts]:
    """The public query's answer through one target, and the subgraph requests it made."""
    subgraphs, path = served
    cpus = sorted(os.sched_getaffinity(0))
    settings = runner.Settings(
        gateways=[target],
        workloads=[Workload("public", 1)],
        repeats=1,
        duration_s=1,
        warmup_s=1,
        gateway_port=free_port(),
        gateway_cpus=cpus,
        load_cpus=cpus,
        supergraph=path,
        work_dir=work,
        quiet_below=100,
        quiet_timeout_s=1,
    )
    with runner.gateway_running(gateways.GATEWAYS[target], settings):
        before = subgraphs.counts()
        url = f"http://127.0.0.1:{settings.gateway_port}/graphql"
        answer = check.fetch(url, scenario.body("public"))
        return answer, subgraphs.counts().since(before)


def keys(answer: Any, field: str) -> Counter[str]:
    """How often each value of `field` occurs in the answer's objects."""
    found: Counter[str] = Counter()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if field in value:
                found[value[field]] += 1
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(answer)
    return found


def test_the_public_query_is_tens_of_kib_over_four_subgraphs_with_repeated_entities(
    served: tuple[Subgraphs, Path], tmp_path: Path
) -> None:
    answer, fetched = through("python", served, tmp_path)

    size = len(check.canonical(answer).encode())
    assert 20 * 1024 < size < 100 * 1024
    assert all(fetched.by_subgraph[name] > 0 for name in SDL)
    assert [len(answer["data"]["users"]), len(answer["data"]["topProducts"])] == [6, 5]
    products, users = keys(answer, "upc"), keys(answer, "username")
    assert sum(products.values()) > len(products) > 50
    assert sum(users.values()) > len(users) > 50
    assert products.most_common(1)[0][1] > 2


@needs_node
def test_hive_answers_alike_with_its_dedup_on_and_off(
    served: tuple[Subgraphs, Path], tmp_path: Path
) -> None:
    ours, _ = through("python-nodedup", served, tmp_path)
    answers = [through(target, served, tmp_path)[0] for target in ("hive", "hive-dedup")]

    assert [check.canonical(a) for a in answers] == [check.canonical(ours)] * 2
    assert "dedup on" in (tmp_path / "hive-dedup.log").read_text()
    assert "dedup off" in (tmp_path / "hive.log").read_text()


def test_the_gateway_before_the_speed_work_is_exported_from_git_and_answers_alike(
    served: tuple[Subgraphs, Path], tmp_path: Path
) -> None:
    before = gateways.GATEWAYS["python-before"]
    gateways.check_available(["python-before"])
    ours, _ = through("python-nodedup", served, tmp_path)
    theirs, fetched = through("python-before", served, tmp_path)

    assert before.cwd != gateways.ROOT
    assert (before.cwd / "gateway" / "__main__.py").is_file()
    assert not (before.cwd / "gateway" / "server" / "garbage.py").exists()
    assert check.canonical(theirs) == check.canonical(ours)
    assert fetched.requests > 14
