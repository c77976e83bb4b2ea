"""A scenario running for real: its subgraphs on free ports and a gateway in front of them.

A scenario is a directory `tests/gateway/federation/scenarios/<name>/` with one
`<subgraph>.graphql` per subgraph and the `supergraph.graphql` that @apollo/composition made of
them (`node tools/federation/compose.mjs <dir>`), whose subgraph URLs are
`http://<subgraph>.test/graphql` until `supergraph_for` puts in the real ones.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .gateway import GatewayProcess
from .serving import ServedApp, unreachable_url
from .subgraph import Received, Representation, Subgraph

SCENARIOS = Path(__file__).resolve().parents[1] / "federation" / "scenarios"


def scenario_sdl(scenario: str, subgraph: str) -> str:
    return (SCENARIOS / scenario / f"{subgraph}.graphql").read_text()


def placeholder_url(subgraph: str) -> str:
    return f"http://{subgraph}.test/graphql"


def supergraph_for(scenario: str, urls: Mapping[str, str]) -> str:
    """The scenario's committed supergraph with each subgraph's real URL."""
    sdl = (SCENARIOS / scenario / "supergraph.graphql").read_text()
    for name, url in urls.items():
        placeholder = f'"{placeholder_url(name)}"'
        if placeholder not in sdl:
            raise ValueError(f"{scenario}: supergraph has no subgraph {name}")
        sdl = sdl.replace(placeholder, f'"{url}"')
    if ".test/graphql" in sdl:
        raise ValueError(f"{scenario}: a subgraph of the supergraph was not given a URL")
    return sdl


@dataclass
class Federation:
    """The gateway and the subgraphs behind it, for one test module."""

    gateway: GatewayProcess
    subgraphs: dict[str, Subgraph]

    def query(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        operation_name: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        """The gateway's JSON response, key order kept."""
        response = self.gateway.post(
            query, variables, operation_name=operation_name, headers=headers
        )
        body: dict[str, Any] = json.loads(response.text)
        return body

    def fetches(self, subgraph: str) -> list[Received]:
        """The requests the gateway sent to `subgraph` since the test began."""
        return list(self.subgraphs[subgraph].received)

    def entity_calls(self, subgraph: str) -> list[list[Representation]]:
        """The representations of every `_entities` call sent to `subgraph`, request after
        request: what was asked for, however the gateway grouped it into requests."""
        return [call for fetch in self.fetches(subgraph) for call in fetch.entity_calls]

    def fetch_counts(self) -> dict[str, int]:
        return {name: len(s.received) for name, s in self.subgraphs.items()}

    def reset(self) -> None:
        for subgraph in self.subgraphs.values():
            subgraph.reset()


@contextmanager
def federation(
    scenario: str,
    subgraphs: Sequence[Subgraph],
    workdir: Path,
    *,
    unreachable: Sequence[str] = (),
    gateway_env: Mapping[str, str] | None = None,
) -> Iterator[Federation]:
    """Starts `subgraphs` and the gateway on the scenario's supergraph. Subgraphs named in
    `unreachable` get a URL where nothing listens; `gateway_env` configures the gateway."""
    with ExitStack() as stack:
        urls = {s.name: stack.enter_context(ServedApp(s)).url for s in subgraphs}
        urls.update({name: unreachable_url() for name in unreachable})
        supergraph = workdir / "supergraph.graphql"
        supergraph.write_text(supergraph_for(scenario, urls))
        gateway = stack.enter_context(
            GatewayProcess(supergraph, workdir / "gateway.log", env=gateway_env)
        )
        yield Federation(gateway, {s.name: s for s in subgraphs})


def assert_response(actual: Mapping[str, Any], expected: Mapping[str, Any]) -> None:
    """Equal responses, with `data` compared in key order at every level (the spec orders
    response fields). The spec orders neither the `errors` list nor the keys of an error, so
    those are compared in a canonical order."""
    assert _canonical(actual) == _canonical(expected)


def _canonical(response: Mapping[str, Any]) -> str:
    canonical: dict[str, Any] = {}
    for key in ("data", "errors", "extensions"):
        if key in response:
            canonical[key] = response[key]
    canonical.update(response)
    if isinstance(canonical.get("errors"), list):
        canonical["errors"] = sorted(
            (_sorted_keys(error) for error in canonical["errors"]),
            key=lambda error: json.dumps([error.get("path"), error.get("message")]),
        )
    return json.dumps(canonical, indent=2)


def _sorted_keys(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {key: _sorted_keys(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted_keys(item) for item in value]
    return value
