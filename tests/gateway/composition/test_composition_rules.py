"""Composition behaviour outside the Apollo reference corpus: the four real services (their
SDL, as Apollo composed it, is in cases/icld_services), input order, unsupported input."""

from __future__ import annotations

from gateway.composition import CompositionError, SubgraphSource, compose
from services.finance.service import SPEC as FINANCE
from services.networks.service import SPEC as NETWORKS
from services.partnerships.service import SPEC as PARTNERSHIPS
from services.training.service import SPEC as TRAINING

from .test_reference_corpus import _reference, _subgraphs


async def _live_sources() -> list[SubgraphSource]:
    sources = []
    for spec in (PARTNERSHIPS, NETWORKS, TRAINING, FINANCE):
        result = await spec.schema.execute("{ _service { sdl } }")
        assert result.errors is None
        assert result.data is not None
        sources.append(
            SubgraphSource(
                spec.name, f"http://{spec.name}:4000/graphql", result.data["_service"]["sdl"]
            )
        )
    return sources


async def test_the_four_real_services_compose() -> None:
    sources = await _live_sources()

    result = compose(sources)

    assert result.errors == ()
    assert result.supergraph_sdl is not None
    for source in sources:
        graph = f'{source.name.upper()} @join__graph(name: "{source.name}", url: "{source.url}")'
        assert graph in result.supergraph_sdl


def test_subgraph_order_does_not_matter() -> None:
    subgraphs = _subgraphs("icld_services")

    assert compose(list(reversed(subgraphs))).supergraph_sdl == _reference("icld_services")


def test_federation_1_subgraphs_are_refused() -> None:
    result = compose([SubgraphSource("legacy", "http://legacy", "type Query { a: Int }")])

    assert result == type(result)(
        None,
        (
            CompositionError(
                "UNSUPPORTED_FEDERATION_VERSION",
                "[legacy] the schema does not @link the federation 2 spec "
                "(https://specs.apollo.dev/federation/v2.x); Federation 1 subgraphs are not "
                "supported",
            ),
        ),
    )


def test_duplicate_subgraph_names_are_refused() -> None:
    sdl = (
        'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])\n'
        "type Query { a: Int }"
    )
    result = compose([SubgraphSource("a", "http://a", sdl), SubgraphSource("a", "http://b", sdl)])

    assert result.supergraph_sdl is None
    assert result.errors == (
        CompositionError("DUPLICATE_SUBGRAPH_NAME", 'A subgraph named "a" is given twice'),
    )


def test_no_subgraphs_is_an_error() -> None:
    assert compose([]).errors == (CompositionError("NO_SUBGRAPHS", "No subgraphs to compose"),)
