"""compose(): subgraph SDLs in, supergraph SDL (or the reasons it cannot be built) out."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..supergraph import SupergraphError, load_supergraph
from .inaccessible_defaults import inaccessible_default_errors
from .merger import Merger
from .metadata import compute_metadata
from .public_types import CompositionError, CompositionResult, SubgraphSource
from .reachability import unreachable_fields
from .subgraph_model import Subgraph
from .subgraph_parser import SubgraphInvalid, parse_subgraph
from .subgraph_validation import validate_subgraph
from .supergraph_printer import print_supergraph

_SUBGRAPH_NAME = re.compile(r"^[^\s]+$")


def compose(subgraphs: Sequence[SubgraphSource]) -> CompositionResult:
    """Composes Federation 2 subgraphs the way @apollo/composition 2.x does (same supergraph
    SDL, same error codes). Pure: no I/O. Satisfiability is checked only in part (fields of
    object types reachable wherever a subgraph returns the type, see `reachability`).
    Not covered: the rest of satisfiability analysis, Federation 1 subgraphs,
    @composeDirective and custom directives, @context/@fromContext, @authenticated,
    @requiresScopes, @policy, @cost/@listSize. Of Apollo's @inaccessible checks only
    DEFAULT_VALUE_USES_INACCESSIBLE is made; a supergraph failing another one, whose API
    schema graphql-core then finds invalid, is refused as INVALID_GRAPHQL."""
    errors = _check_names(subgraphs)
    if errors:
        return CompositionResult(None, tuple(errors))
    parsed: list[Subgraph] = []
    # Apollo orders subgraphs by name (not as given); that order shows in the supergraph.
    for source in sorted(subgraphs, key=lambda s: s.name):
        try:
            parsed.append(parse_subgraph(source))
        except SubgraphInvalid as invalid:
            errors.extend(invalid.errors)
    if errors:
        return CompositionResult(None, tuple(errors))
    metadata = [compute_metadata(s) for s in parsed]
    for item in metadata:
        errors.extend(validate_subgraph(item))
    if errors:
        return CompositionResult(None, tuple(errors))
    merger = Merger(metadata)
    supergraph = merger.merge()
    if supergraph is None:
        return CompositionResult(None, tuple(merger.errors))
    sdl = print_supergraph(supergraph)
    # Apollo checks the API schema before satisfiability, which needs a servable one.
    hidden_defaults = inaccessible_default_errors(sdl)
    if hidden_defaults:
        return CompositionResult(None, tuple(hidden_defaults))
    try:
        load_supergraph(sdl)
    except SupergraphError as error:
        # Apollo's other API schema rules (IMPLEMENTED_BY_INACCESSIBLE, ...) are not checked
        # here; loading it as the router does (graphql-core validates its API schema) still
        # refuses a supergraph that breaks them.
        return CompositionResult(
            None,
            (CompositionError("INVALID_GRAPHQL", f"the supergraph cannot be served: {error}"),),
        )
    unreachable = unreachable_fields(supergraph, parsed)
    if unreachable:
        return CompositionResult(None, tuple(unreachable))
    return CompositionResult(sdl, ())


def _check_names(subgraphs: Sequence[SubgraphSource]) -> list[CompositionError]:
    errors: list[CompositionError] = []
    if not subgraphs:
        errors.append(CompositionError("NO_SUBGRAPHS", "No subgraphs to compose"))
    seen: set[str] = set()
    for source in subgraphs:
        if source.name in seen:
            errors.append(
                CompositionError(
                    "DUPLICATE_SUBGRAPH_NAME", f'A subgraph named "{source.name}" is given twice'
                )
            )
        seen.add(source.name)
        if source.name == "_" or not _SUBGRAPH_NAME.match(source.name):
            errors.append(
                CompositionError(
                    "INVALID_SUBGRAPH_NAME",
                    f'Invalid name "{source.name}" for a subgraph: this name is reserved or '
                    "not usable",
                )
            )
    return errors
