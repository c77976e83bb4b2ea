"""Cohorts of an ITP: about 25 participants, an application window, phases, certificates.

A cohort is one document holding its registrations (applications, selection, enrolment,
change projects, certificates), so its capacity, the nominee rules of a network's ITP and
each participant's progress are checked on one document under the store's revision check.
Its phases are workshops of kind `itp_phase` that point at the cohort (domain/workshop.py);
the cohort's participants attend them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from services.common.errors import BadUserInput
from services.common.validation import clean_text

from .facts import DomainChange, Fact
from .nominations import check_nomination
from .programme import Programme
from .registration import (
    Certificate,
    ChangeProject,
    ProgressReport,
    Registration,
    RegistrationStatus,
    Seating,
    Step,
)

DEFAULT_CAPACITY = 25
"""About 25 participants per numbered cohort (docs/domain.md, Training)."""
MAX_CAPACITY = 200
MAX_COHORT_DAYS = 2 * 366
"""An ITP runs about a year (Cohort 11: Jan 2025 – Jan 2026); two years catches typos."""
MAX_OUTLINE = 4000
MAX_REPORT = 8000


class Cohort(Seating):
    programme_id: str
    number: int
    starts_on: date
    ends_on: date
    applications_open_on: date
    applications_close_on: date
    network_id: str | None = None
    """Set for a network's ITP: its partner organisations nominate three people each."""
    certificates_issued: int = 0

    @property
    def cohort_ref(self) -> str | None:
        return self.id

    def applications_open(self, today: date) -> bool:
        return self.applications_open_on <= today <= self.applications_close_on


@dataclass(frozen=True)
class CertificateIssued(Fact):
    """A participant completed the cohort and got the certificate numbered `number`."""

    number: str
    registration_id: str
    person_id: str
    organisation_id: str
    programme_id: str
    cohort_id: str
    issued_on: date


def cohort_id(programme_id: str, number: int) -> str:
    """The one id a programme's cohort number can have (so a number is taken once)."""
    return f"{programme_id}-cohort-{number}"


def check_capacity(capacity: int) -> int:
    if not 1 <= capacity <= MAX_CAPACITY:
        raise BadUserInput(f"capacity must be between 1 and {MAX_CAPACITY}", field="capacity")
    return capacity


def check_window(
    starts_on: date, ends_on: date, applications_open_on: date, applications_close_on: date
) -> None:
    if ends_on < starts_on:
        raise BadUserInput("the cohort cannot end before it starts", field="endsOn")
    if (ends_on - starts_on).days > MAX_COHORT_DAYS:
        raise BadUserInput("a cohort runs for at most two years", field="endsOn")
    if applications_close_on < applications_open_on:
        raise BadUserInput(
            "applications cannot close before they open", field="applicationsCloseOn"
        )
    if applications_close_on >= starts_on:
        raise BadUserInput(
            "applications close before the cohort starts", field="applicationsCloseOn"
        )


def create(
    programme: Programme,
    *,
    number: int,
    starts_on: date,
    ends_on: date,
    applications_open_on: date,
    applications_close_on: date,
    capacity: int,
    network_id: str | None,
    actor: str,
) -> Cohort:
    if not 1 <= number <= 999:
        raise BadUserInput("the cohort number is between 1 and 999", field="number")
    check_window(starts_on, ends_on, applications_open_on, applications_close_on)
    cohort = Cohort(
        id=cohort_id(programme.id, number),
        version=1,
        programme_id=programme.id,
        number=number,
        starts_on=starts_on,
        ends_on=ends_on,
        applications_open_on=applications_open_on,
        applications_close_on=applications_close_on,
        capacity=check_capacity(capacity),
        network_id=network_id,
    )
    cohort.record(actor, "created")
    return cohort


def change(
    actor: str,
    now: datetime,
    *,
    capacity: int | None,
    applications_open_on: date | None,
    applications_close_on: date | None,
) -> DomainChange[Cohort]:
    """New capacity (never below the seats held; more seats go to the waitlist) or window."""
    new_capacity = check_capacity(capacity) if capacity is not None else None

    def apply(cohort: Cohort) -> Sequence[Fact]:
        opens = applications_open_on or cohort.applications_open_on
        closes = applications_close_on or cohort.applications_close_on
        check_window(cohort.starts_on, cohort.ends_on, opens, closes)
        cohort.applications_open_on, cohort.applications_close_on = opens, closes
        facts = [] if new_capacity is None else cohort.resize(new_capacity, actor, now)
        cohort.reindex()
        cohort.record(actor, "details changed")
        return facts

    return apply


def outline_text(value: str | None) -> str:
    if value is None:
        raise BadUserInput(
            "an ITP application includes the outline of the change project",
            field="changeProjectOutline",
        )
    return clean_text(value, "changeProjectOutline", max_length=MAX_OUTLINE)


def apply_for(
    registration: Registration, outline: str, actor: str, now: datetime, today: date
) -> DomainChange[Cohort]:
    """An application (or nomination) to the cohort, within its window."""

    def apply(cohort: Cohort) -> Sequence[Fact]:
        if not cohort.applications_open(today):
            raise BadUserInput(
                f"applications to cohort {cohort.number} are open from"
                f" {cohort.applications_open_on.isoformat()} to"
                f" {cohort.applications_close_on.isoformat()}",
                field="cohortId",
            )
        if cohort.open_registration_of(registration.person_id) is not None:
            raise BadUserInput("the person has applied to this cohort already", field="personId")
        if cohort.network_id is not None:
            check_nomination(
                cohort.registrations,
                registration.organisation_id,
                registration.role,
                registration.senior,
            )
        added = registration.model_copy(deep=True)
        added.change_project = ChangeProject(outline=outline)
        return [cohort.add(added, actor, now)]

    return apply


def refuse_readmission(past: Cohort | None) -> None:
    """Past participants of a programme are not admitted to another of its cohorts;
    `past` is the cohort of the programme the person took part in, if any."""
    if past is not None:
        raise BadUserInput(
            f"the person took part in this programme in cohort {past.number}: past"
            " participants are not admitted again",
            field="personId",
        )


def report_progress(actor: str, now: datetime, text: str, final: bool) -> Step[Cohort]:
    body = clean_text(text, "text", max_length=MAX_REPORT)

    def step(cohort: Cohort, registration: Registration) -> list[Fact]:
        if registration.status is not RegistrationStatus.ENROLLED:
            raise BadUserInput(
                "only an enrolled participant reports on a change project", field="registrationId"
            )
        project = registration.change_project
        if project is None:  # applications always carry one; kept for older documents
            raise BadUserInput("the registration has no change project", field="registrationId")
        if project.reported:
            raise BadUserInput("the final report is in already", field="final")
        report = ProgressReport(at=now, by=actor, text=body, final=final)
        project.reports = [*project.reports, report]
        registration.version += 1
        return []

    return step


def issue_certificate(actor: str, now: datetime, today: date) -> Step[Cohort]:
    """Completes an enrolled participant whose change project is reported.

    That every phase was attended is checked by the caller against the phase workshops
    (services/training/commands/registrations.py), before this change runs.
    """

    def step(cohort: Cohort, registration: Registration) -> list[Fact]:
        if registration.status is not RegistrationStatus.ENROLLED:
            raise BadUserInput(
                f"a registration that is {registration.status.value} gets no certificate",
                field="registrationId",
            )
        if registration.change_project is None or not registration.change_project.reported:
            raise BadUserInput(
                "the change project has not been reported: a certificate needs the final report",
                field="registrationId",
            )
        cohort.certificates_issued += 1
        number = f"{cohort.id}-{cohort.certificates_issued:03d}"
        registration.certificate = Certificate(number=number, issued_on=today)
        changed = cohort.move(
            registration, RegistrationStatus.COMPLETED, actor, now, note=f"certificate {number}"
        )
        issued = CertificateIssued(
            number=number,
            registration_id=registration.id,
            person_id=registration.person_id,
            organisation_id=registration.organisation_id,
            programme_id=cohort.programme_id,
            cohort_id=cohort.id,
            issued_on=today,
        )
        return [changed, issued]

    return step
