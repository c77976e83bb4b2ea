"""GraphQL output types of the networks subgraph: networks, memberships, practices, the
`Partnership` it extends with its networks and practices, payloads. One module, as they
refer to each other (a membership to its partnership, the partnership to its memberships);
the value types under them are in values.py."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry

from services.common.audit import AuditEntryType
from services.common.auth import Principal
from services.common.mongo import Document
from services.common.output_types import (
    ForeignEntity,
    audit_trail,
    from_attributes,
    load_all_shown,
    load_shown,
)
from services.common.pagination import Connection, page_of

from ..domain.membership import Membership
from ..domain.network import Network
from ..domain.practice import Comment, Endorsement, Practice
from ..repositories import practice_query as practices_where
from .context import (
    NetworksInfo,
    caller,
    memberships_loader,
    network_loader,
    practices_loader,
    repos,
)
from .enums import MembershipStatus, NetworkStatus, Theme
from .inputs import PracticeFilter
from .research_outputs import KnownResearchOutputType, outputs_by_id, outputs_of_network
from .values import MembershipPeriodType, MentorType


def practice_query(where: PracticeFilter | None) -> Document:
    if where is None:
        return {}
    return practices_where(
        network_id=None if where.network_id is None else str(where.network_id),
        partnership_id=None if where.partnership_id is None else str(where.partnership_id),
        search=where.search,
        tags=where.tags,
        language=where.language,
    )


async def practices_page(
    info: NetworksInfo, query: Document, first: int | None, after: str | None
) -> Connection[PracticeType]:
    store = repos(info).practices
    return await page_of(
        store, query, sort=["sort_key"], first=first, after=after, of=PracticeType.of
    )


async def _network_members(
    root: NetworkType,
    info: NetworksInfo,
    first: int | None = 20,
    after: str | None = None,
    include_former: bool = False,
) -> Connection[MembershipType]:
    query: Document = {"network_id": str(root.id)}
    if not include_former:
        query["status"] = MembershipStatus.ACTIVE.value
    store = repos(info).memberships
    return await page_of(
        store, query, sort=["since"], first=first, after=after, of=MembershipType.of
    )


async def _network_practices(
    root: NetworkType,
    info: NetworksInfo,
    first: int | None = 20,
    after: str | None = None,
    filter: Annotated[PracticeFilter | None, strawberry.argument(name="filter")] = None,
) -> Connection[PracticeType]:
    query = practice_query(filter)
    if query.setdefault("network_id", str(root.id)) != str(root.id):
        query["_id"] = {"$in": []}  # another network's practices: none here
    return await practices_page(info, query, first, after)


async def _network_research_outputs(
    root: NetworkType, info: NetworksInfo
) -> list[KnownResearchOutputType]:
    return await outputs_of_network(info, str(root.id))


async def _cited_outputs(root: PracticeType, info: NetworksInfo) -> list[KnownResearchOutputType]:
    return await outputs_by_id(info, [str(i) for i in root.cited_output_ids])


@strawberry.federation.type(name="Network", keys=["id"])
class NetworkType:
    id: strawberry.ID
    name: str
    theme: Theme
    countries: list[str] = strawberry.field(description="ISO 3166-1 alpha-2 (Kosovo: XK)")
    starts_on: date
    ends_on: date = strawberry.field(description="Last day of the period (inclusive)")
    description: str
    status: NetworkStatus
    closed_on: date | None
    version: int
    mentors: list[MentorType]
    audit_trail: list[AuditEntryType]

    members: Connection[MembershipType] = strawberry.field(
        resolver=_network_members, description="Member partnerships, longest-standing first"
    )
    practices: Connection[PracticeType] = strawberry.field(
        resolver=_network_practices, description="Practices shared with the network, newest first"
    )
    research_outputs: list[KnownResearchOutputType] = strawberry.field(
        resolver=_network_research_outputs,
        description="Research outputs related to the network, newest first",
    )

    @classmethod
    def of(cls, network: Network, viewer: Principal | None) -> NetworkType:
        return from_attributes(
            cls,
            network,
            mentors=[MentorType.of(m, viewer) for m in network.mentors],
            audit_trail=audit_trail(network.audit),
        )

    @classmethod
    async def resolve_reference(cls, info: NetworksInfo, id: strawberry.ID) -> NetworkType | None:
        caller(info)
        return await load_network(info, id)


async def load_network(info: NetworksInfo, network_id: str) -> NetworkType | None:
    viewer = info.context.principal
    return await load_shown(network_loader(info), network_id, lambda n: NetworkType.of(n, viewer))


async def _network_of(
    root: MembershipType | PracticeType, info: NetworksInfo
) -> NetworkType | None:
    return await load_network(info, root.network_id)


def _partnership_of(
    root: MembershipType | PracticeCommentType | EndorsementType | PracticeType,
) -> PartnershipEntity:
    return PartnershipEntity(id=root.partnership_id)


@strawberry.type(name="Membership", description="A partnership's membership of a network")
class MembershipType:
    id: strawberry.ID
    network_id: strawberry.ID
    partnership_id: strawberry.ID
    status: MembershipStatus
    joined_on: date = strawberry.field(description="First day of the current (or last) period")
    left_on: date | None = strawberry.field(description="Last day, once the membership ended")
    periods: list[MembershipPeriodType]
    version: int
    audit_trail: list[AuditEntryType]

    network = strawberry.field(resolver=_network_of)

    partnership = strawberry.field(resolver=_partnership_of)

    @classmethod
    def of(cls, membership: Membership) -> MembershipType:
        return from_attributes(
            cls,
            membership,
            joined_on=membership.current.joined_on,
            left_on=membership.current.left_on,
            periods=[MembershipPeriodType.of(p) for p in membership.periods],
            audit_trail=audit_trail(membership.audit),
        )


@strawberry.type(name="PracticeComment")
class PracticeCommentType:
    id: strawberry.ID
    partnership_id: strawberry.ID
    text: str
    at: datetime

    partnership = strawberry.field(resolver=_partnership_of)

    @classmethod
    def of(cls, comment: Comment) -> PracticeCommentType:
        return from_attributes(cls, comment)


@strawberry.type(name="Endorsement")
class EndorsementType:
    partnership_id: strawberry.ID
    at: datetime

    partnership = strawberry.field(resolver=_partnership_of)

    @classmethod
    def of(cls, endorsement: Endorsement) -> EndorsementType:
        return from_attributes(cls, endorsement)


@strawberry.type(name="Practice", description="A local solution or method shared for learning")
class PracticeType:
    id: strawberry.ID
    network_id: strawberry.ID
    partnership_id: strawberry.ID = strawberry.field(description="The contributing partnership")
    title: str
    challenge: str
    solution: str = strawberry.field(description="What was done")
    results: str
    lessons_learned: str
    tags: list[str]
    language: str = strawberry.field(description="ISO 639-1")
    published_at: datetime
    comments: list[PracticeCommentType]
    endorsements: list[EndorsementType]
    cited_output_ids: list[strawberry.ID] = strawberry.field(
        description="The research outputs it cites"
    )
    version: int
    audit_trail: list[AuditEntryType]

    cited_outputs: list[KnownResearchOutputType] = strawberry.field(
        resolver=_cited_outputs, description="The research outputs it cites, as known here"
    )

    @strawberry.field
    def endorsement_count(self) -> int:
        return len(self.endorsements)

    network = strawberry.field(resolver=_network_of)

    partnership = strawberry.field(resolver=_partnership_of)

    @classmethod
    def of(cls, practice: Practice) -> PracticeType:
        return from_attributes(
            cls,
            practice,
            comments=[PracticeCommentType.of(c) for c in practice.comments],
            endorsements=[EndorsementType.of(e) for e in practice.endorsements],
            audit_trail=audit_trail(practice.audit),
        )


# The partnership's fields load through per-request loaders: any number of representations
# cost one database query per field.
async def _partnership_networks(
    root: PartnershipEntity, info: NetworksInfo
) -> list[MembershipType]:
    return await load_all_shown(memberships_loader(info), root.id, MembershipType.of)


async def _partnership_practices(root: PartnershipEntity, info: NetworksInfo) -> list[PracticeType]:
    return await load_all_shown(practices_loader(info), root.id, PracticeType.of)


@strawberry.federation.type(
    name="Partnership",
    keys=["id"],
    description="A partnership (owned by the partnerships subgraph); here its networks and"
    " practices",
)
class PartnershipEntity(ForeignEntity):
    networks: list[MembershipType] = strawberry.field(
        resolver=_partnership_networks,
        description="Its memberships of networks, current and past, each with its network;"
        " a list (a partnership is in one or two networks), batched across partnerships",
    )
    practices: list[PracticeType] = strawberry.field(
        resolver=_partnership_practices,
        description="The practices it shared, newest first; batched across partnerships",
    )


@strawberry.type
class NetworkPayload:
    network: NetworkType


@strawberry.type
class MembershipPayload:
    membership: MembershipType


@strawberry.type
class PracticePayload:
    practice: PracticeType
