"""GraphQL input types of the networks subgraph: mutation inputs and list filters."""

from __future__ import annotations

from datetime import date

import strawberry

from services.common.inputs import CheckedInput

from .enums import NetworkStatus, Theme


@strawberry.input
class CreateNetworkInput(CheckedInput):
    name: str
    theme: Theme
    countries: list[str] = strawberry.field(description="ISO 3166-1 alpha-2, Sweden included")
    starts_on: date
    ends_on: date = strawberry.field(
        description="Last day (inclusive); the period lasts 3 to 5 years"
    )
    description: str = ""


@strawberry.input
class UpdateNetworkInput(CheckedInput):
    id: strawberry.ID
    version: int
    name: str | None = None
    countries: list[str] | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    description: str | None = None


@strawberry.input
class ChangeNetworkStatusInput(CheckedInput):
    id: strawberry.ID
    version: int
    status: NetworkStatus
    note: str | None = None


@strawberry.input(name="MentorInput")
class MentorInputType(CheckedInput):
    country: str
    name: str
    affiliation: str
    email: str
    phone: str | None = None


@strawberry.input
class SetNetworkMentorsInput(CheckedInput):
    network_id: strawberry.ID
    version: int
    mentors: list[MentorInputType]


@strawberry.input
class NetworkFilter(CheckedInput):
    theme: Theme | None = None
    country: str | None = strawberry.field(default=None, description="One of its countries")
    status: NetworkStatus | None = None
    search: str | None = strawberry.field(default=None, description="Part of the name")


@strawberry.input
class JoinNetworkInput(CheckedInput):
    network_id: strawberry.ID
    partnership_id: strawberry.ID
    joined_on: date


@strawberry.input
class LeaveNetworkInput(CheckedInput):
    network_id: strawberry.ID
    partnership_id: strawberry.ID
    version: int = strawberry.field(description="The membership's version")
    left_on: date = strawberry.field(description="Last day as a member (inclusive)")
    note: str | None = None


@strawberry.input
class PublishPracticeInput(CheckedInput):
    network_id: strawberry.ID
    partnership_id: strawberry.ID = strawberry.field(description="The contributing partnership")
    title: str
    challenge: str
    solution: str = strawberry.field(description="What was done: the local solution or method")
    results: str = ""
    lessons_learned: str
    tags: list[str] = strawberry.field(default_factory=list)
    language: str = strawberry.field(description="ISO 639-1 code of the text")


@strawberry.input
class CommentOnPracticeInput(CheckedInput):
    practice_id: strawberry.ID
    partnership_id: strawberry.ID = strawberry.field(description="The commenting partnership")
    text: str


@strawberry.input
class EndorsePracticeInput(CheckedInput):
    practice_id: strawberry.ID
    partnership_id: strawberry.ID = strawberry.field(description="The endorsing partnership")


@strawberry.input
class PracticeFilter(CheckedInput):
    network_id: strawberry.ID | None = None
    partnership_id: strawberry.ID | None = strawberry.field(
        default=None, description="The contributing partnership"
    )
    search: str | None = strawberry.field(
        default=None, description="Full-text search in title, challenge, solution, results,"
        " lessons and tags (words, \"phrases\", -excluded)"
    )  # fmt: skip
    tags: list[str] | None = strawberry.field(
        default=None, description="Practices tagged with all of these"
    )
    language: str | None = strawberry.field(default=None, description="ISO 639-1")


@strawberry.input
class CiteResearchOutputsInput(CheckedInput):
    practice_id: strawberry.ID
    version: int
    output_ids: list[strawberry.ID] = strawberry.field(
        description="Replaces the cited outputs; each must be known to the networks service"
    )
