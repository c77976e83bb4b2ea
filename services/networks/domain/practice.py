"""Peer learning: practices that member partnerships share with their network.

"Through peer learning, the municipalities in their partnership exchange local solutions and
methods related to a shared problem" (the gender-equality network's brochure). A practice is
one partnership's local solution or method: the challenge, what was done, the results and
the lessons learned. Other members comment on it and endorse it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from services.common.audit import Audited
from services.common.errors import BadUserInput
from services.common.languages import language_code
from services.common.validation import clean_text

from .membership import Membership

MAX_TEXT = 5_000
MAX_TAGS = 10
MAX_TAG_LENGTH = 40
MAX_COMMENT = 2_000
MAX_COMMENTS = 500
"""Comments live in the practice's document (one atomic write each); this bounds its size."""
_SORT_BASE = 10**15


class Comment(BaseModel):
    id: str
    partnership_id: str
    author: str
    """The commenting user (`sub`), for the record; the API shows the partnership."""
    text: str
    at: datetime


class Endorsement(BaseModel):
    partnership_id: str
    by: str
    at: datetime


class Practice(Audited):
    network_id: str
    partnership_id: str
    """The contributing partnership."""
    title: str
    challenge: str
    solution: str
    """What was done: the local solution or method."""
    results: str = ""
    lessons_learned: str
    tags: list[str] = Field(default_factory=list)
    language: str
    """ISO 639-1 code of the text."""
    published_at: datetime
    sort_key: str
    """Orders lists newest first with an ascending index (see `sort_key`)."""
    comments: list[Comment] = Field(default_factory=list)
    endorsements: list[Endorsement] = Field(default_factory=list)
    cited_output_ids: list[str] = Field(default_factory=list)
    """Research outputs the practice cites (domain.citation)."""


PracticeEdit = Callable[[Practice], None]
"""A change to a practice, checked against its current state."""


def sort_key(published_at: datetime) -> str:
    """Newest first when sorted ascending: milliseconds to a far-off instant, zero-padded."""
    return f"{_SORT_BASE - int(published_at.timestamp() * 1000):016d}"


def check_tags(tags: Sequence[str]) -> list[str]:
    """Lower-case, trimmed, each once, in the given order."""
    if len(tags) > MAX_TAGS:
        raise BadUserInput(f"at most {MAX_TAGS} tags", field="tags")
    return list(
        dict.fromkeys(
            clean_text(tag, f"tags.{i}", max_length=MAX_TAG_LENGTH).lower()
            for i, tag in enumerate(tags)
        )
    )


def require_member(membership: Membership | None, field: str = "partnershipId") -> Membership:
    """The partnership's membership, which must be active."""
    if membership is None or not membership.active:
        raise BadUserInput("the partnership is not an active member of the network", field=field)
    return membership


@dataclass(frozen=True)
class PracticeText:
    """A practice as its contributor writes it (checked when published)."""

    title: str
    challenge: str
    solution: str
    lessons_learned: str
    language: str
    """ISO 639-1 code of the text."""
    results: str = ""
    tags: Sequence[str] = ()


def publish(
    practice_id: str,
    given: PracticeText,
    *,
    membership: Membership | None,
    actor: str,
    now: datetime,
) -> Practice:
    """A practice of the membership's partnership, shared with the membership's network."""
    text: dict[str, Any] = {
        "title": clean_text(given.title, "title"),
        "challenge": clean_text(given.challenge, "challenge", max_length=MAX_TEXT),
        "solution": clean_text(given.solution, "solution", max_length=MAX_TEXT),
        "results": clean_text(given.results, "results", max_length=MAX_TEXT, required=False),
        "lessons_learned": clean_text(given.lessons_learned, "lessonsLearned", max_length=MAX_TEXT),
        "tags": check_tags(given.tags),
        "language": language_code(given.language),
    }
    member = require_member(membership)
    practice = Practice(
        id=practice_id,
        version=1,
        network_id=member.network_id,
        partnership_id=member.partnership_id,
        published_at=now,
        sort_key=sort_key(now),
        **text,
    )
    practice.record(actor, "published")
    return practice


def comment(
    actor: str, comment_id: str, membership: Membership | None, text: str, now: datetime
) -> PracticeEdit:
    """A member of the practice's network comments (the contributor may answer).

    `membership` is the commenting partnership's membership of the practice's network."""
    clean = clean_text(text, "text", max_length=MAX_COMMENT)
    member = require_member(membership)

    def apply(practice: Practice) -> None:
        if len(practice.comments) >= MAX_COMMENTS:
            raise BadUserInput(f"a practice takes at most {MAX_COMMENTS} comments", field="text")
        practice.comments = [
            *practice.comments,
            Comment(
                id=comment_id,
                partnership_id=member.partnership_id,
                author=actor,
                text=clean,
                at=now,
            ),
        ]
        practice.record(actor, "commented", note=f"by partnership {member.partnership_id}")

    return apply


def endorse(actor: str, membership: Membership | None, now: datetime) -> PracticeEdit:
    """Another member partnership of the practice's network endorses it, once.

    `membership` is the endorsing partnership's membership of the practice's network."""
    member = require_member(membership)

    def apply(practice: Practice) -> None:
        if member.partnership_id == practice.partnership_id:
            raise BadUserInput(
                "a partnership does not endorse its own practice", field="partnershipId"
            )
        if any(e.partnership_id == member.partnership_id for e in practice.endorsements):
            raise BadUserInput(
                "the partnership has endorsed this practice already", field="partnershipId"
            )
        practice.endorsements = [
            *practice.endorsements,
            Endorsement(partnership_id=member.partnership_id, by=actor, at=now),
        ]
        practice.record(actor, "endorsed", note=f"by partnership {member.partnership_id}")

    return apply
