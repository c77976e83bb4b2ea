"""What research brings out: publications, reports, policy briefs and presentations, each
linked to the research application, and to the partnerships, networks and themes it serves."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pydantic import Field

from services.common.audit import Audited
from services.common.errors import BadUserInput
from services.common.validation import clean_text
from services.common.vocabulary import Theme

from .facts import Fact
from .research_application import ResearchApplication, ResearchStatus

MAX_LINKS = 50


class OutputKind(StrEnum):
    PUBLICATION = "publication"
    REPORT = "report"
    POLICY_BRIEF = "policy_brief"
    PRESENTATION = "presentation"


class ResearchOutput(Audited):
    application_id: str
    organisation_id: str
    """The application's university (whose people may publish its outputs)."""
    kind: OutputKind
    title: str
    published_on: date
    url: str | None = None
    partnership_ids: list[str] = Field(default_factory=list)
    network_ids: list[str] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)


@dataclass(frozen=True)
class Published(Fact):
    output: ResearchOutput


def _url(url: str | None) -> str | None:
    if url is None or not url.strip():
        return None
    text = clean_text(url, "url", max_length=2000)
    if not text.startswith(("https://", "http://")):
        raise BadUserInput("a link is an http(s) URL", field="url")
    return text


def publish(
    output_id: str,
    application: ResearchApplication,
    *,
    kind: OutputKind,
    title: str,
    published_on: date,
    url: str | None,
    partnership_ids: Sequence[str],
    network_ids: Sequence[str],
    themes: Sequence[Theme],
    today: date,
    actor: str,
) -> tuple[ResearchOutput, Published]:
    """Only funded research has outputs; the links default to the application's own."""
    if application.status not in (ResearchStatus.APPROVED, ResearchStatus.REPORTED):
        raise BadUserInput(
            f"outputs belong to approved research, not a {application.status.value} application",
            field="applicationId",
        )
    if published_on > today:
        raise BadUserInput("an output is recorded once it is published", field="publishedOn")
    for name, items in (("partnershipIds", partnership_ids), ("networkIds", network_ids)):
        if len(items) > MAX_LINKS:
            raise BadUserInput(f"{name} has more than {MAX_LINKS} entries", field=name)
    output = ResearchOutput(
        id=output_id,
        version=1,
        application_id=application.id,
        organisation_id=application.organisation_id,
        kind=kind,
        title=clean_text(title, "title", max_length=500),
        published_on=published_on,
        url=_url(url),
        partnership_ids=sorted(set(partnership_ids or application.partnership_ids)),
        network_ids=sorted(set(network_ids or application.network_ids)),
        themes=sorted(set(themes or application.themes), key=lambda t: t.value),
    )
    output.record(actor, "published")
    return output, Published(output)
