"""Research applications: the applicants draft, edit and submit them; officers screen,
decide, release feedback and accept the final report.

The principal investigator's organisation comes from the people projection (partnerships
owns people); the caller must act for it. A submission takes the year's next `R<year>-NNNN`
only once every rule holds, as partnership applications do.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pymongo.errors import DuplicateKeyError

from services.common.auth import STAFF, Principal
from services.common.clock import clock
from services.common.errors import Busy, Conflict, NotFound
from services.common.idempotency import new_id, replaying

from ..domain import research_application as research
from ..domain.research_access import require_acts_for_applicants
from ..domain.research_application import Outcome, Proposal, ResearchApplication, ResearchStatus
from ..domain.research_call import ResearchKind
from ..repositories import Repositories
from .research_events import research_emitting

SUBMIT_ATTEMPTS = 5


async def _known_people(repos: Repositories, ids: Sequence[str], field: str) -> None:
    found = await repos.people.get_many(list(ids))
    missing = [i for i in ids if i not in found or not found[i].known]
    if missing:
        raise NotFound(f"no person {', '.join(missing)} is known to training", field=field)


async def draft_research_application(
    repos: Repositories,
    principal: Principal,
    *,
    call_id: str,
    kind: ResearchKind,
    principal_investigator_id: str,
    content: Proposal,
) -> ResearchApplication:
    pi = await repos.people.get(principal_investigator_id)
    if pi is None or not pi.known:
        raise NotFound(
            f"no person {principal_investigator_id!r} is known to training",
            field="principalInvestigatorId",
        )
    require_acts_for_applicants(principal, pi.organisation_id)
    call = await repos.research_calls.require(call_id, "callId")
    await _known_people(repos, content.co_applicant_ids or [], "coApplicantIds")
    application = research.start(
        new_id(),
        call=call,
        kind=kind,
        principal_investigator_id=pi.id,
        organisation_id=pi.organisation_id,
        content=content,
        today=clock.today(),
        actor=principal.sub,
    )
    return await repos.research_applications.create(application)


async def edit_research_application(
    repos: Repositories, principal: Principal, application_id: str, version: int, content: Proposal
) -> ResearchApplication:
    current = await repos.research_applications.require(application_id)
    require_acts_for_applicants(principal, current.organisation_id)
    await _known_people(repos, content.co_applicant_ids or [], "coApplicantIds")
    change = research.edit(principal.sub, content)
    return await repos.research_applications.update(
        application_id, research_emitting(change), version
    )


async def submit_research_application(
    repos: Repositories, principal: Principal, application_id: str, version: int
) -> ResearchApplication:
    """Takes a case number once, only after every rule held (a refusal wastes none)."""
    current = await repos.research_applications.require(application_id)
    require_acts_for_applicants(principal, current.organisation_id)
    call = await repos.research_calls.require(current.call_id, "callId")
    today = clock.today()
    if not replaying():  # a retry of a submission made: these held before it
        if current.version != version:
            raise Conflict(
                f"ResearchApplication {application_id!r} is at version {current.version},"
                f" not {version}: reload and retry",
                field="version",
            )
        research.check_submission(current, call, today)
    numbers = repos.research_case_numbers
    for _ in range(SUBMIT_ATTEMPTS):
        number = current.case_number or await numbers.take(today.year)
        change = research.submit(principal.sub, call, today, number)
        try:
            return await repos.research_applications.update(
                application_id, research_emitting(change), version
            )
        except DuplicateKeyError:
            await numbers.skip_past_used(today.year)
    raise Busy("no free case number could be taken: retry", field="caseNumber")


async def screen_research_application(
    repos: Repositories,
    principal: Principal,
    application_id: str,
    version: int,
    reasons: Sequence[str],
) -> ResearchApplication:
    """Checks the call's eligibility rules against what training knows of the university.

    An organisation partnerships has not yet told training about is refused as busy, not
    screened: judged on nothing, the application would be ineligible for good.
    """
    principal.require(*STAFF)
    current = await repos.research_applications.require(application_id)
    organisation = await repos.organisations.get(current.organisation_id)
    if organisation is None or not organisation.source_version:
        raise Busy(
            f"the principal investigator's organisation {current.organisation_id!r} is not"
            " known to the training service yet: retry shortly",
            field="organisationId",
        )
    change = research.screen(principal.sub, organisation.kind, reasons)
    return await repos.research_applications.update(
        application_id, research_emitting(change), version
    )


async def decide_waitlisted(
    repos: Repositories, principal: Principal, application_id: str, version: int, outcome: Outcome
) -> ResearchApplication:
    """A waitlisted application approved when money frees up, or rejected when none does."""
    principal.require(*STAFF)
    current = await repos.research_applications.require(application_id)
    if current.status is not ResearchStatus.WAITLISTED:
        raise Conflict(
            f"only waitlisted applications are decided one by one, not {current.status.value}",
            field="status",
        )
    change = research.decide(principal.sub, outcome, clock.today())
    return await repos.research_applications.update(
        application_id, research_emitting(change), version
    )


async def release_research_feedback(
    repos: Repositories, principal: Principal, application_id: str, version: int, feedback: str
) -> ResearchApplication:
    principal.require(*STAFF)
    change = research.release_feedback(principal.sub, feedback)
    return await repos.research_applications.update(
        application_id, research_emitting(change), version
    )


async def accept_research_report(
    repos: Repositories,
    principal: Principal,
    application_id: str,
    version: int,
    accepted_on: date | None = None,
) -> ResearchApplication:
    principal.require(*STAFF)
    change = research.accept_report(principal.sub, accepted_on or clock.today())
    return await repos.research_applications.update(
        application_id, research_emitting(change), version
    )
