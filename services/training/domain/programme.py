"""International Training Programmes (ITPs): what a series of numbered cohorts teaches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from services.common.audit import Audited
from services.common.languages import language_code
from services.common.validation import clean_text
from services.common.vocabulary import Theme

from .facts import DomainChange, Fact


class Programme(Audited):
    title: str
    theme: Theme
    target_group: str
    """Who the programme is for, e.g. "women mayors and councillors"."""
    language: str
    """ISO 639-1 code of the teaching language (English for most ITPs)."""
    description: str = ""


@dataclass(frozen=True)
class ProgrammeDetails:
    title: str
    theme: Theme
    target_group: str
    language: str
    description: str


def details(
    *, title: str, theme: Theme, target_group: str, language: str, description: str
) -> ProgrammeDetails:
    return ProgrammeDetails(
        title=clean_text(title, "title"),
        theme=theme,
        target_group=clean_text(target_group, "targetGroup"),
        language=language_code(language),
        description=clean_text(description, "description", max_length=2000, required=False),
    )


def create(programme_id: str, data: ProgrammeDetails, actor: str) -> Programme:
    programme = Programme(id=programme_id, version=1, **vars(data))
    programme.record(actor, "created")
    return programme


def change(
    actor: str,
    *,
    title: str | None = None,
    theme: Theme | None = None,
    target_group: str | None = None,
    language: str | None = None,
    description: str | None = None,
) -> DomainChange[Programme]:
    """Changes the fields given (validated now, before anything is written)."""
    changes: dict[str, object] = {}
    if title is not None:
        changes["title"] = clean_text(title, "title")
    if theme is not None:
        changes["theme"] = theme
    if target_group is not None:
        changes["target_group"] = clean_text(target_group, "targetGroup")
    if language is not None:
        changes["language"] = language_code(language)
    if description is not None:
        changes["description"] = clean_text(
            description, "description", max_length=2000, required=False
        )

    def apply(programme: Programme) -> Sequence[Fact]:
        for key, value in changes.items():
            setattr(programme, key, value)
        programme.record(actor, "details changed")
        return ()

    return apply
