"""Building the console only when needed: `npm ci` for a missing or outdated node_modules,
`npm run build` for a missing or outdated dist/ (npm itself is stood in for here)."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from devstack.webconsole import build

T0 = 1_700_000_000.0


class FakeNpm:
    """Does what npm's commands leave behind, and records them."""

    def __init__(self, *, build_output: bool = True) -> None:
        self.calls: list[str] = []
        self.paths: list[str] = []
        self.build_output = build_output
        self.now = T0 + 100

    def __call__(self, name: str, argv: Sequence[str], cwd: Path, env: Mapping[str, str]) -> None:
        self.calls.append(" ".join(argv))
        self.paths.append(env["PATH"])
        if argv[:2] == ["npm", "ci"]:
            touch(cwd / "node_modules" / ".package-lock.json", self.now)
        elif self.build_output:
            touch(cwd / "dist" / "index.html", self.now)


def touch(path: Path, when: float) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    os.utime(path, (when, when))


@pytest.fixture
def web(tmp_path: Path) -> Path:
    for name in ("package.json", "package-lock.json", "index.html", "src/main.tsx"):
        touch(tmp_path / name, T0)
    return tmp_path


def test_a_fresh_checkout_is_installed_then_built(web: Path) -> None:
    npm = FakeNpm()

    dist = build.ensure_built(npm, {"PATH": "/usr/bin"}, web=web)

    assert dist == web / "dist"
    assert npm.calls == ["npm ci --no-audit --no-fund", "npm run build"]
    assert {p.split(os.pathsep)[0] for p in npm.paths} == {str(build.NODE_BIN)}


def test_nothing_runs_when_everything_is_current(web: Path) -> None:
    build.ensure_built(FakeNpm(), {}, web=web)
    npm = FakeNpm()

    build.ensure_built(npm, {}, web=web)

    assert npm.calls == []


@pytest.mark.parametrize(
    "changed", ["src/main.tsx", "src/deep/new.ts", "index.html", "public/x.svg", "vite.config.ts"]
)
def test_a_changed_input_rebuilds_without_reinstalling(web: Path, changed: str) -> None:
    build.ensure_built(FakeNpm(), {}, web=web)
    touch(web / changed, T0 + 200)
    npm = FakeNpm()
    npm.now = T0 + 300

    build.ensure_built(npm, {}, web=web)

    assert npm.calls == ["npm run build"]


def test_a_newer_lock_file_reinstalls_and_rebuilds(web: Path) -> None:
    build.ensure_built(FakeNpm(), {}, web=web)
    touch(web / "package-lock.json", T0 + 200)
    npm = FakeNpm()
    npm.now = T0 + 300

    build.ensure_built(npm, {}, web=web)

    assert npm.calls == ["npm ci --no-audit --no-fund", "npm run build"]


def test_a_build_that_leaves_no_index_html_fails(web: Path) -> None:
    with pytest.raises(build.BuildFailed, match="left no"):
        build.ensure_built(FakeNpm(build_output=False), {}, web=web)


def test_a_failing_command_says_what_it_printed(tmp_path: Path) -> None:
    with pytest.raises(build.BuildFailed, match=r"exited with code 3:\nboom"):
        build.run_blocking("npm run build", ["sh", "-c", "echo boom; exit 3"], tmp_path, {})


def test_the_build_lock_nests_within_one_process(web: Path) -> None:
    with build.exclusive(web), build.exclusive(web):
        build.ensure_built(FakeNpm(), {}, web=web)
