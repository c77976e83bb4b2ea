"""Queries and mutations of registrations: applying, invitations, selection, enrolment,
withdrawal, change projects, certificates, and a participant's history.

Mutations map their input to a use case (commands/registrations.py: who may do what is
decided there) and its result to the payload.
"""

from __future__ import annotations

import strawberry

from services.common.errors import Forbidden

from ..commands import registrations as commands
from ..commands.registrations import NewRegistration, RegistrationResult
from ..domain.access import may_see
from .context import TrainingInfo, caller, registrations_loader, repos
from .inputs import (
    DecideRegistrationInput,
    RegisterParticipantInput,
    RegistrationActionInput,
    ReportChangeProjectInput,
    WithdrawRegistrationInput,
)
from .types import (
    CertificateType,
    ParticipantHistoryType,
    RegistrationPayload,
    RegistrationType,
)


def _payload(result: RegistrationResult) -> RegistrationPayload:
    return RegistrationPayload(
        registration=RegistrationType.of(result.placed), warnings=result.warnings
    )


async def _registration(info: TrainingInfo, id: strawberry.ID) -> RegistrationType | None:
    principal = caller(info)
    placed = await repos(info).find_registration(str(id))
    if placed is None or not may_see(principal, placed.registration.organisation_id):
        return None
    return RegistrationType.of(placed)


async def _participant_history(
    info: TrainingInfo, person_id: strawberry.ID
) -> ParticipantHistoryType:
    principal = caller(info)
    person = await repos(info).people.get(str(person_id))
    if not principal.is_staff and (
        person is None or not may_see(principal, person.organisation_id)
    ):
        raise Forbidden(
            "a participant's history is for staff and the person's own organisation",
            field="personId",
        )
    found = await registrations_loader(info, "person_ids").load(str(person_id)) or []
    registrations = [
        RegistrationType.of(p) for p in found if may_see(principal, p.registration.organisation_id)
    ]
    certificates = [
        CertificateType(
            number=p.registration.certificate.number,
            issued_on=p.registration.certificate.issued_on,
            registration_id=strawberry.ID(p.registration.id),
            cohort_id=strawberry.ID(p.seating.id),
        )
        for p in found
        if p.registration.certificate is not None
    ]
    return ParticipantHistoryType(
        person_id=person_id, registrations=registrations, certificates=certificates
    )


@strawberry.type
class RegistrationQueries:
    registration: RegistrationType | None = strawberry.field(
        resolver=_registration,
        description="A registration: null unless staff or the person's organisation",
    )

    participant_history: ParticipantHistoryType = strawberry.field(
        resolver=_participant_history,
        description="A person's registrations, attendance and certificates: staff and the"
        " person's own organisation",
    )


async def _register_participant(
    info: TrainingInfo, input: RegisterParticipantInput
) -> RegistrationPayload:
    new = NewRegistration(
        person_id=str(input.person_id),
        workshop_id=str(input.workshop_id) if input.workshop_id is not None else None,
        cohort_id=str(input.cohort_id) if input.cohort_id is not None else None,
        partnership_id=str(input.partnership_id) if input.partnership_id is not None else None,
        change_project_outline=input.change_project_outline,
    )
    return _payload(await commands.register_participant(repos(info), caller(info), new))


async def _accept_invitation(
    info: TrainingInfo, input: RegistrationActionInput
) -> RegistrationPayload:
    result = await commands.accept_invitation(
        repos(info), caller(info), str(input.registration_id), input.version
    )
    return _payload(result)


async def _decide_registration(
    info: TrainingInfo, input: DecideRegistrationInput
) -> RegistrationPayload:
    result = await commands.decide_registration(
        repos(info),
        caller(info),
        str(input.registration_id),
        input.version,
        input.decision,
        input.note,
    )
    return _payload(result)


async def _enrol_participant(
    info: TrainingInfo, input: RegistrationActionInput
) -> RegistrationPayload:
    result = await commands.enrol_participant(
        repos(info), caller(info), str(input.registration_id), input.version
    )
    return _payload(result)


async def _withdraw_registration(
    info: TrainingInfo, input: WithdrawRegistrationInput
) -> RegistrationPayload:
    result = await commands.withdraw_registration(
        repos(info), caller(info), str(input.registration_id), input.version, input.note
    )
    return _payload(result)


async def _report_change_project(
    info: TrainingInfo, input: ReportChangeProjectInput
) -> RegistrationPayload:
    result = await commands.report_change_project(
        repos(info),
        caller(info),
        str(input.registration_id),
        input.version,
        input.text,
        input.final,
    )
    return _payload(result)


async def _issue_certificate(
    info: TrainingInfo, input: RegistrationActionInput
) -> RegistrationPayload:
    result = await commands.issue_certificate(
        repos(info), caller(info), str(input.registration_id), input.version
    )
    return _payload(result)


@strawberry.type
class RegistrationMutations:
    register_participant: RegistrationPayload = strawberry.mutation(
        resolver=_register_participant,
        description="Registers a person for a workshop, or applies to a cohort",
    )

    accept_invitation: RegistrationPayload = strawberry.mutation(
        resolver=_accept_invitation,
        description="The organisation takes up an invitation: now an application",
    )

    decide_registration: RegistrationPayload = strawberry.mutation(
        resolver=_decide_registration,
        description="Staff select (a seat, or the waitlist when none is free), waitlist or reject",
    )

    enrol_participant: RegistrationPayload = strawberry.mutation(
        resolver=_enrol_participant,
        description="Takes the seat: the organisation confirms a selected registration; staff may"
        " also enrol an applied or waitlisted one (waitlisted when no seat is free). The person's"
        " other enrolments must not overlap.",
    )

    withdraw_registration: RegistrationPayload = strawberry.mutation(
        resolver=_withdraw_registration,
        description="Withdraws a registration; a freed seat goes to the waitlist",
    )

    report_change_project: RegistrationPayload = strawberry.mutation(
        resolver=_report_change_project,
        description="A progress report on an ITP participant's change project",
    )

    issue_certificate: RegistrationPayload = strawberry.mutation(
        resolver=_issue_certificate,
        description="Completes an ITP participant who attended every phase and reported the"
        " change project",
    )
