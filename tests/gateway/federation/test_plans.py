"""Golden query plans: the plan `python -m gateway plan` prints for representative operations
of each scenario (every scenario has at least one), so a planner change shows up as a
reviewable diff of plans.

Each `plans/<scenario>-<name>.graphql` is planned over `scenarios/<scenario>/supergraph.graphql`
(with the variables in `plans/<scenario>-<name>.json` if that file exists) and its printed plan
compared with `plans/<scenario>-<name>.plan`. Where the scenario's point is that planning fails,
`plans/<scenario>-<name>.refused` holds instead what the command writes to stderr when it
refuses the operation (with exit status 2). To add one, write the .graphql (and .json), then
write or refresh the goldens and review the diff (a new operation gets a .plan or a .refused by
how it fares; an existing golden keeps its kind):

    UPDATE_PLAN_GOLDENS=1 .venv/bin/pytest tests/gateway/federation/test_plans.py"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gateway.__main__ import EXIT_USAGE, main
from tests.gateway.support.federation import SCENARIOS

PLANS = Path(__file__).resolve().parent / "plans"
UPDATE = os.environ.get("UPDATE_PLAN_GOLDENS") == "1"
OPERATIONS = sorted(PLANS.glob("*.graphql"))


def _scenario(operation: Path) -> str:
    return operation.stem.partition("-")[0]


def _plan_command(operation: Path) -> list[str]:
    supergraph = SCENARIOS / _scenario(operation) / "supergraph.graphql"
    argv = ["plan", "--supergraph", str(supergraph), str(operation)]
    variables = operation.with_suffix(".json")
    if variables.exists():
        argv += ["--variables", variables.read_text()]
    return argv


@pytest.mark.parametrize("operation", OPERATIONS, ids=[o.stem for o in OPERATIONS])
def test_the_printed_plan_matches_its_golden(
    operation: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(_plan_command(operation))
    printed = capsys.readouterr()

    plan, refusal = operation.with_suffix(".plan"), operation.with_suffix(".refused")
    if refusal.exists() or (UPDATE and not plan.exists() and status == EXIT_USAGE):
        assert (status, printed.out) == (EXIT_USAGE, "")
        if UPDATE:
            refusal.write_text(printed.err)
        assert printed.err == refusal.read_text()
        return
    assert (status, printed.err) == (0, "")
    if UPDATE:
        plan.write_text(printed.out)
    assert printed.out == plan.read_text()


def test_every_scenario_has_a_golden() -> None:
    scenarios = {path.name for path in SCENARIOS.iterdir() if path.is_dir()}
    golden = {
        _scenario(operation)
        for operation in OPERATIONS
        if operation.with_suffix(".plan").exists() or operation.with_suffix(".refused").exists()
    }

    assert sorted(scenarios - golden) == []
    assert sorted(golden - scenarios) == []


def _run_cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gateway", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_cli_prints_the_plan_to_stdout() -> None:
    operation = PLANS / "requires-nested.graphql"

    result = _run_cli(*_plan_command(operation))

    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == operation.with_suffix(".plan").read_text()


def test_the_cli_plans_the_named_operation(tmp_path: Path) -> None:
    document = tmp_path / "two.graphql"
    document.write_text(
        "query A { products { name } }\nquery B { products { name shippingEstimate } }\n"
    )
    supergraph = SCENARIOS / "requires" / "supergraph.graphql"

    one = _run_cli("plan", "--supergraph", str(supergraph), str(document), "--operation", "A")
    both = _run_cli("plan", "--supergraph", str(supergraph), str(document), "--operation", "B")

    assert (one.returncode, both.returncode) == (0, 0)
    assert one.stdout.count("Fetch #") == 1
    assert 'service: "shipping"' in both.stdout


def test_the_cli_plans_labelled_overrides_as_named(tmp_path: Path) -> None:
    document = tmp_path / "weight.graphql"
    document.write_text("{ products { weight } }")
    supergraph = SCENARIOS / "override" / "supergraph.graphql"
    command = ["plan", "--supergraph", str(supergraph), str(document)]

    before = _run_cli(*command)
    after = _run_cli(*command, "--override-label", "new-weights")
    unknown = _run_cli(*command, "--override-label", "nope")

    assert (before.returncode, after.returncode, unknown.returncode) == (0, 0, 2)
    assert 'service: "inventory"' not in before.stdout
    assert 'service: "inventory"' in after.stdout
    assert "no @override has the label(s) nope" in unknown.stderr


@pytest.mark.parametrize(
    ("query", "variables", "message"),
    [
        ("{ products { nope } }", "{}", "Cannot query field 'nope' on type 'Product'."),
        ("query A { products { name } } query B { products { upc } }", "{}", "Must provide"),
        ("query Q($n: Int!) { products { name } }", '{"n": "x"}', "Variable '$n'"),
        ("{ products { name } }", "[1]", "--variables must be a JSON object"),
        ("{ products { name } }", "{", "--variables is not JSON"),
        ("{ products { name ", "{}", "Syntax Error"),
    ],
    ids=[
        "invalid",
        "ambiguous",
        "bad-variable",
        "variables-not-object",
        "variables-not-json",
        "syntax",
    ],
)
def test_the_cli_refuses_with_status_2_and_says_why_on_stderr(
    tmp_path: Path, query: str, variables: str, message: str
) -> None:
    document = tmp_path / "query.graphql"
    document.write_text(query)
    supergraph = SCENARIOS / "requires" / "supergraph.graphql"

    result = _run_cli(
        "plan", "--supergraph", str(supergraph), str(document), "--variables", variables
    )

    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("gateway plan: ")
    assert message in result.stderr


def test_a_missing_supergraph_file_is_refused(tmp_path: Path) -> None:
    document = tmp_path / "query.graphql"
    document.write_text("{ products { name } }")

    result = _run_cli("plan", "--supergraph", str(tmp_path / "none.graphql"), str(document))

    assert (result.returncode, result.stdout) == (2, "")
    assert "cannot read" in result.stderr
