"""Visits between partners and the rule that partners meet at least twice a year.

"Partners meet at least twice a year, visiting each other" (the programme text; docs/domain.md,
Visits: an inception budget covers two meetings, one in each country; projects make about two
international trips a year). A visit is hosted by one of the partnership's organisations
and is planned, then completed (it took place) or cancelled. Only completed visits count
for the meeting rule.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from services.common.audit import Audited
from services.common.errors import BadUserInput
from services.common.status_transitions import require_transition
from services.common.validation import clean_text

from .organisation import Organisation
from .partnership import Partnership, PartnershipStatus
from .person import Person

MAX_VISIT_DAYS = 21
"""Longest visit, travel days included. A partnership visit is a working trip of about a week
(docs/domain.md: two trips a year, budgets for about four people); the longest stay anywhere in
the programme is the two weeks of an ITP phase in Sweden, and only days tied to activities are
eligible costs ("no extra days"). Three weeks leaves room for long journeys and still catches
a mistyped month or year in the end date before finance drafts travel expenses from it."""

MAX_PARTICIPANTS = 50
"""Bounds the input; real delegations are a handful of people per partner."""

MIN_MEETINGS_PER_YEAR = 2
MIN_HOSTS_PER_YEAR = 2


class VisitStatus(StrEnum):
    PLANNED = "planned"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


TRANSITIONS: Mapping[VisitStatus, frozenset[VisitStatus]] = {
    VisitStatus.PLANNED: frozenset({VisitStatus.COMPLETED, VisitStatus.CANCELLED}),
    VisitStatus.COMPLETED: frozenset(),
    VisitStatus.CANCELLED: frozenset(),
}


class Visit(Audited):
    partnership_id: str
    host_organisation_id: str
    host_country: str
    """ISO 3166-1 code of the host, as it was at the visit's last change."""
    starts_on: date
    ends_on: date
    participant_ids: list[str]
    purpose: str
    status: VisitStatus = VisitStatus.PLANNED


@dataclass(frozen=True)
class Plan:
    """The validated, editable part of a visit."""

    host_organisation_id: str
    host_country: str
    starts_on: date
    ends_on: date
    participant_ids: tuple[str, ...]
    purpose: str


def plan(
    *,
    partnership: Partnership,
    host_organisation_id: str,
    starts_on: date,
    ends_on: date,
    participant_ids: Sequence[str],
    purpose: str,
    organisations: Mapping[str, Organisation],
    people: Mapping[str, Person],
) -> Plan:
    """Checks a whole plan against the partnership; `organisations` and `people` hold at least
    the host and the participants that exist."""
    if partnership.status is PartnershipStatus.CLOSED:
        raise BadUserInput("the partnership is closed", field="partnershipId")
    host = organisations.get(host_organisation_id)
    if host_organisation_id not in partnership.organisation_ids or host is None:
        raise BadUserInput(
            "the host must be one of the partnership's organisations", field="hostOrganisationId"
        )
    _check_dates(partnership, starts_on, ends_on)
    _check_participants(partnership, host_organisation_id, participant_ids, people)
    return Plan(
        host_organisation_id=host_organisation_id,
        host_country=host.country,
        starts_on=starts_on,
        ends_on=ends_on,
        participant_ids=tuple(participant_ids),
        purpose=clean_text(purpose, "purpose", max_length=1000),
    )


def _check_dates(partnership: Partnership, starts_on: date, ends_on: date) -> None:
    if starts_on < partnership.started_on:
        raise BadUserInput(
            f"the partnership started on {partnership.started_on.isoformat()}: "
            "a visit cannot start before it",
            field="startsOn",
        )
    if ends_on < starts_on:
        raise BadUserInput("a visit cannot end before it starts", field="endsOn")
    if (ends_on - starts_on).days + 1 > MAX_VISIT_DAYS:
        raise BadUserInput(f"a visit lasts at most {MAX_VISIT_DAYS} days", field="endsOn")


def _check_participants(
    partnership: Partnership,
    host_organisation_id: str,
    participant_ids: Sequence[str],
    people: Mapping[str, Person],
) -> None:
    field = "participantIds"
    if not participant_ids:
        raise BadUserInput("a visit has at least one participant", field=field)
    if len(participant_ids) > MAX_PARTICIPANTS:
        raise BadUserInput(f"a visit has at most {MAX_PARTICIPANTS} participants", field=field)
    if len(set(participant_ids)) != len(participant_ids):
        raise BadUserInput("each person takes part once", field=field)
    missing = [i for i in participant_ids if i not in people]
    if missing:
        raise BadUserInput(f"unknown people: {', '.join(missing)}", field=field)
    partners = set(partnership.organisation_ids)
    outsiders = [i for i in participant_ids if people[i].organisation_id not in partners]
    if outsiders:
        raise BadUserInput(
            f"not acting for a partner of this partnership: {', '.join(outsiders)}", field=field
        )
    if all(people[i].organisation_id == host_organisation_id for i in participant_ids):
        raise BadUserInput(
            "partners visit each other: at least one participant comes from a partner other "
            "than the host",
            field=field,
        )


def new_visit(visit_id: str, partnership: Partnership, details: Plan, actor: str) -> Visit:
    visit = Visit(
        id=visit_id,
        version=1,
        partnership_id=partnership.id,
        host_organisation_id=details.host_organisation_id,
        host_country=details.host_country,
        starts_on=details.starts_on,
        ends_on=details.ends_on,
        participant_ids=list(details.participant_ids),
        purpose=details.purpose,
    )
    visit.record(actor, "planned", to_status=visit.status.value)
    return visit


def replan(
    actor: str,
    visit: Visit,
    partnership: Partnership,
    *,
    host_organisation_id: str | None,
    starts_on: date | None,
    ends_on: date | None,
    participant_ids: Sequence[str] | None,
    purpose: str | None,
    organisations: Mapping[str, Organisation],
    people: Mapping[str, Person],
) -> Callable[[Visit], None]:
    """Changes the given fields of a planned visit; the result is checked as a whole plan."""
    _require_planned(visit)
    details = plan(
        partnership=partnership,
        host_organisation_id=(
            visit.host_organisation_id if host_organisation_id is None else host_organisation_id
        ),
        starts_on=visit.starts_on if starts_on is None else starts_on,
        ends_on=visit.ends_on if ends_on is None else ends_on,
        participant_ids=visit.participant_ids if participant_ids is None else participant_ids,
        purpose=visit.purpose if purpose is None else purpose,
        organisations=organisations,
        people=people,
    )

    def apply(current: Visit) -> None:
        _require_planned(current)
        changed = [
            name
            for name in ("host_organisation_id", "starts_on", "ends_on", "purpose")
            if getattr(current, name) != getattr(details, name)
        ]
        if current.participant_ids != list(details.participant_ids):
            changed.append("participant_ids")
        current.host_organisation_id = details.host_organisation_id
        current.host_country = details.host_country
        current.starts_on = details.starts_on
        current.ends_on = details.ends_on
        current.participant_ids = list(details.participant_ids)
        current.purpose = details.purpose
        current.record(actor, "plan changed", note=", ".join(changed) or None)

    return apply


def complete(
    actor: str, visit: Visit, host_country: str, today: date, note: str | None = None
) -> Callable[[Visit], None]:
    """A planned visit took place; it can be completed once it has started."""
    clean_note = clean_text(note, "note", max_length=1000, required=False) if note else None
    _check_transition(visit, VisitStatus.COMPLETED)
    _require_started(visit, today)

    def apply(current: Visit) -> None:
        _check_transition(current, VisitStatus.COMPLETED)
        _require_started(current, today)
        _transition(current, VisitStatus.COMPLETED, actor, host_country, clean_note)

    return apply


def cancel(actor: str, visit: Visit, host_country: str, note: str) -> Callable[[Visit], None]:
    """A planned visit will not take place; the note says why."""
    clean_note = clean_text(note, "note", max_length=1000)
    _check_transition(visit, VisitStatus.CANCELLED)

    def apply(current: Visit) -> None:
        _check_transition(current, VisitStatus.CANCELLED)
        _transition(current, VisitStatus.CANCELLED, actor, host_country, clean_note)

    return apply


def _transition(
    visit: Visit, to_status: VisitStatus, actor: str, host_country: str, note: str | None
) -> None:
    from_status = visit.status
    visit.status = to_status
    visit.host_country = host_country
    visit.record(
        actor,
        to_status.value,
        from_status=from_status.value,
        to_status=to_status.value,
        note=note,
    )


def _check_transition(visit: Visit, to_status: VisitStatus) -> None:
    require_transition("visit", visit.status, to_status, TRANSITIONS)


def _require_planned(visit: Visit) -> None:
    if visit.status is not VisitStatus.PLANNED:
        raise BadUserInput(
            f"only a planned visit can be changed; this one is {visit.status.value}",
            field="status",
        )


def _require_started(visit: Visit, today: date) -> None:
    if visit.starts_on > today:
        raise BadUserInput(
            f"the visit starts on {visit.starts_on.isoformat()}: it can be completed once it "
            "has started",
            field="startsOn",
        )


def check_year(year: int, field: str = "year") -> int:
    if not date.min.year <= year <= date.max.year:
        raise BadUserInput(f"year must be between {date.min.year} and {date.max.year}", field=field)
    return year


def year_range(year: int) -> tuple[date, date]:
    """First and last day of a calendar year."""
    return date(year, 1, 1), date(year, 12, 31)


@dataclass(frozen=True)
class MeetingCompliance:
    year: int
    completed_visits: int
    host_organisation_ids: list[str]
    compliant: bool
    reason: str | None


def meeting_compliance(
    year: int, visits: Sequence[Visit], names: Mapping[str, str]
) -> MeetingCompliance:
    """Whether the partners met at least twice in `year`, visiting each other: at least two
    completed visits starting that year, hosted by at least two different partners.

    Planned and cancelled visits do not count; `names` (organisation id → name) words the
    reason."""
    counted = sorted(
        (v for v in visits if v.status is VisitStatus.COMPLETED and v.starts_on.year == year),
        key=lambda v: (v.starts_on, v.id),
    )
    hosts = list(dict.fromkeys(v.host_organisation_id for v in counted))
    reason: str | None = None
    if len(counted) < MIN_MEETINGS_PER_YEAR:
        done = {0: "no completed visit", 1: "only one completed visit"}[len(counted)]
        reason = f"{done} in {year}: partners meet at least twice a year"
    elif len(hosts) < MIN_HOSTS_PER_YEAR:
        host = names.get(hosts[0], hosts[0])
        reason = (
            f"every completed visit in {year} was hosted by {host}: "
            "partners meet by visiting each other"
        )
    return MeetingCompliance(
        year=year,
        completed_visits=len(counted),
        host_organisation_ids=hosts,
        compliant=reason is None,
        reason=reason,
    )
