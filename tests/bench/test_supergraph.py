"""The committed supergraph: composed from the current SDLs, its URLs rewritable."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.gateway import node, scenario, supergraph


def test_committed_supergraph_points_at_the_default_ports() -> None:
    assert supergraph.graph_urls(supergraph.FILE.read_text()) == {
        "accounts": "http://127.0.0.1:29101/graphql",
        "inventory": "http://127.0.0.1:29102/graphql",
        "products": "http://127.0.0.1:29103/graphql",
        "reviews": "http://127.0.0.1:29104/graphql",
    }


def test_other_ports_get_a_rewritten_copy(tmp_path: Path) -> None:
    path = supergraph.for_ports(48000, tmp_path)

    assert path == tmp_path / "supergraph.graphql"
    assert supergraph.graph_urls(path.read_text()) == supergraph.urls(48000)
    round_trip = supergraph.with_urls(path.read_text(), supergraph.urls(scenario.SUBGRAPH_PORT))
    assert round_trip == supergraph.FILE.read_text()
    assert supergraph.for_ports(scenario.SUBGRAPH_PORT, tmp_path) == supergraph.FILE


def test_urls_of_other_subgraphs_are_refused() -> None:
    with pytest.raises(ValueError, match="do not match"):
        supergraph.with_urls(supergraph.FILE.read_text(), {"accounts": "http://a/graphql"})


@pytest.mark.skipif(
    not (node.DIR / "node_modules").is_dir(), reason="npm ci in bench/gateway/node first"
)
def test_committed_supergraph_is_the_composition_of_the_current_sdls() -> None:
    composed = supergraph.compose(supergraph.urls(scenario.SUBGRAPH_PORT))

    assert composed == supergraph.FILE.read_text()
