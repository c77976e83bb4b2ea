"""Corpus cases made from the four services' own SDL (as `_service { sdl }` prints it) with a
few named edits, instead of copies of it: cases/<case>/ holds only Apollo's answer.

Each edit replaces text that must occur exactly once in its subgraph's SDL, so a change in a
service that an edit relies on fails loudly (EditDoesNotApply) rather than silently testing
something else. A change that still applies but alters what Apollo answers shows as a failing
case: regenerate the answers with apollo_reference/regenerate.sh, which writes the variants'
SDL with `python -m tests.gateway.composition.service_variants DIR`."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from devstack.api_schema import service_sdl
from devstack.replicas import SERVICES


class EditDoesNotApply(AssertionError):
    """An edit's text is missing from its subgraph's SDL, or occurs in it more than once."""


@dataclass(frozen=True)
class Edit:
    subgraph: str
    old: str
    new: str

    def apply(self, sdl: str) -> str:
        count = sdl.count(self.old)
        if count != 1:
            raise EditDoesNotApply(
                f"{self.subgraph}: {self.old!r} occurs {count} times in the SDL the service "
                "prints (an edit must match exactly once)"
            )
        return sdl.replace(self.old, self.new)


@dataclass(frozen=True)
class Variant:
    """The services' SDL with `edits` applied, one case of the corpus."""

    case: str
    edits: tuple[Edit, ...]

    def sdls(self) -> dict[str, str]:
        """Subgraph name -> its edited SDL."""
        result = dict(_printed_sdls())
        for edit in self.edits:
            result[edit.subgraph] = edit.apply(result[edit.subgraph])
        return result


# The services as they were before the types and fields several of them resolve were made
# @shareable or given distinct names: Apollo refuses each such field (INVALID_FIELD_SHARING).
BEFORE_SHAREABLE = Variant(
    "err_icld_services_before_shareable",
    (
        # networks' and training's copies of a partnership, not yet @shareable ...
        Edit("networks", "type KnownPartnership @shareable {", "type KnownPartnership {"),
        Edit("training", "type KnownPartnership @shareable {", "type KnownPartnership {"),
        # ... and training's without the themes and countries it copies today.
        Edit(
            "training",
            "  themes: [String!]!\n  countries: [String!]!\n  organisationIds:",
            "  organisationIds:",
        ),
        # The lookups of those copies under one unprefixed name in every service.
        Edit("networks", "  networksKnownPartnership(", "  knownPartnership("),
        Edit("training", "  trainingKnownPartnership(", "  knownPartnership("),
        Edit("networks", "  networksKnownOrganisation(", "  knownOrganisation("),
        Edit("training", "  trainingKnownOrganisation(", "  knownOrganisation("),
        Edit("finance", "  financeKnownOrganisation(", "  knownOrganisation("),
        # finance's booked workshop costs under training's name for its own cost lines.
        Edit("finance", "type BookedCostLine {", "type WorkshopCostLine {"),
        Edit("finance", "  lines: [BookedCostLine!]!", "  lines: [WorkshopCostLine!]!"),
    ),
)


@cache
def _printed_sdls() -> dict[str, str]:
    return {name: service_sdl(name) for name in SERVICES}


VARIANTS = {variant.case: variant for variant in (BEFORE_SHAREABLE,)}


def write_variants(directory: Path) -> None:
    """Writes <directory>/<case>/<subgraph>.graphql for every variant."""
    for variant in VARIANTS.values():
        case = directory / variant.case
        case.mkdir(parents=True, exist_ok=True)
        for name, sdl in variant.sdls().items():
            (case / f"{name}.graphql").write_text(sdl)


if __name__ == "__main__":
    write_variants(Path(sys.argv[1]))
