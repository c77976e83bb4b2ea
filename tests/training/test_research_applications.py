"""Research applications against the real service: who drafts and submits, the case number
`R<year>-NNNN` taken once and only when every rule holds, the call's window and cap, versions,
and the internal screening against the eligibility rules."""

from __future__ import annotations

from datetime import date

import pytest

from services.common.auth import Principal, Role
from services.common.clock import clock
from services.common.errors import BadUserInput, Busy, Conflict, Forbidden
from services.common.vocabulary import Theme
from services.training.commands.research_applications import (
    draft_research_application,
    edit_research_application,
    screen_research_application,
    submit_research_application,
)
from services.training.domain.research_application import Degree, ResearchStatus
from services.training.domain.research_call import ResearchKind

from .builders import World
from .research import (
    OFFICER,
    announce_organisation,
    call,
    organisation,
    proposal,
    repos_of,
    researcher,
    submitted,
)


async def test_researchers_and_coordinators_of_the_university_draft_and_submit(
    world: World,
) -> None:
    repos = repos_of(world)
    opened = await call(repos)
    university = await organisation(world)
    pi = await world.person(university)
    other = Principal(sub="r-x", roles=frozenset({Role.RESEARCHER}), org="another-org")
    viewer = Principal(sub="v", roles=frozenset({Role.VIEWER}), org=university)
    for outsider in (other, viewer):
        with pytest.raises(Forbidden):
            await draft_research_application(
                repos,
                outsider,
                call_id=opened.id,
                kind=ResearchKind.PROJECT,
                principal_investigator_id=pi.id,
                content=proposal(),
            )
    assert await repos.research_applications.collection.count_documents({}) == 0

    coordinator = Principal(sub="c", roles=frozenset({Role.COORDINATOR}), org=university)
    draft = await draft_research_application(
        repos,
        coordinator,
        call_id=opened.id,
        kind=ResearchKind.PROJECT,
        principal_investigator_id=pi.id,
        content=proposal(abstract=""),
    )
    assert (draft.status, draft.organisation_id, draft.case_number) == (
        ResearchStatus.DRAFT,
        university,
        None,
    )
    with pytest.raises(BadUserInput) as incomplete:
        await submit_research_application(repos, researcher(pi), draft.id, draft.version)
    assert incomplete.value.field == "abstract"
    assert await repos.research_case_numbers.collection.count_documents({}) == 0

    edited = await edit_research_application(
        repos, researcher(pi), draft.id, draft.version, proposal(abstract="Who is heard.")
    )
    with pytest.raises(Conflict):
        await submit_research_application(repos, researcher(pi), draft.id, draft.version)
    first = await submit_research_application(repos, researcher(pi), draft.id, edited.version)
    second = await submitted(world, repos, opened, pi)
    assert (first.case_number, second.case_number) == ("R2030-0001", "R2030-0002")
    assert first.status is ResearchStatus.SUBMITTED
    with pytest.raises(BadUserInput):
        await edit_research_application(
            repos, researcher(pi), first.id, first.version, proposal(title="Later")
        )
    with pytest.raises(BadUserInput) as again:
        await submit_research_application(repos, researcher(pi), first.id, first.version)
    assert again.value.field == "status"


async def test_a_call_takes_applications_in_its_window_within_its_themes_and_cap(
    world: World,
) -> None:
    repos = repos_of(world)
    opened = await call(repos)
    pi = await world.person(await organisation(world))
    with pytest.raises(BadUserInput) as above:
        await submitted(world, repos, opened, pi, amount="800000.01")
    assert above.value.field == "budget"
    with pytest.raises(BadUserInput) as theme:
        await submitted(world, repos, opened, pi, themes=[Theme.CLIMATE_ACTION])
    assert theme.value.field == "themes"
    clock.pin(date(2030, 4, 1))
    with pytest.raises(BadUserInput) as closed:
        await submitted(world, repos, opened, pi)
    assert closed.value.field == "callId"
    assert await repos.research_case_numbers.collection.count_documents({}) == 0


async def test_screening_holds_the_application_to_the_eligibility_rules(world: World) -> None:
    repos = repos_of(world)
    opened = await call(repos)
    university = await organisation(world)
    municipality = await organisation(world, kind="municipality")
    doctor = await world.person(university)
    student = await world.person(university)
    civil_servant = await world.person(municipality)

    eligible = await submitted(world, repos, opened, doctor)
    fieldwork_by_a_doctor = await submitted(
        world, repos, opened, doctor, kind=ResearchKind.FIELDWORK, amount="90000"
    )
    fieldwork = await submitted(
        world,
        repos,
        opened,
        student,
        kind=ResearchKind.FIELDWORK,
        amount="90000",
        declared_degree=Degree.DOCTORAL_STUDENT,
    )
    outside_academia = await submitted(world, repos, opened, civil_servant)

    with pytest.raises(Forbidden):
        await screen_research_application(
            repos, researcher(doctor), eligible.id, eligible.version, []
        )
    outcomes = {}
    for application in (eligible, fieldwork_by_a_doctor, fieldwork, outside_academia):
        screened = await screen_research_application(
            repos, OFFICER, application.id, application.version, []
        )
        outcomes[application.id] = (screened.status, screened.ineligible_reasons)
    assert outcomes == {
        eligible.id: (ResearchStatus.ELIGIBLE, []),
        fieldwork_by_a_doctor.id: (
            ResearchStatus.INELIGIBLE,
            ["a fieldwork grant's principal investigator is a doctoral student"],
        ),
        fieldwork.id: (ResearchStatus.ELIGIBLE, []),
        outside_academia.id: (
            ResearchStatus.INELIGIBLE,
            ["the principal investigator works at a university"],
        ),
    }
    another = await submitted(world, repos, opened, doctor)
    stated = await screen_research_application(
        repos, OFFICER, another.id, another.version, ["the same study was funded in 2029"]
    )
    assert stated.ineligible_reasons == ["the same study was funded in 2029"]


async def test_screening_waits_for_the_organisation_to_reach_training(world: World) -> None:
    """Judged before the university's event arrived, the application would be ineligible for
    good: it is refused as busy and left as it was, then screened once training knows it."""
    repos = repos_of(world)
    opened = await call(repos)
    university = world._next("org")
    pi = await world.person(university)
    application = await submitted(world, repos, opened, pi)

    with pytest.raises(Busy) as early:
        await screen_research_application(repos, OFFICER, application.id, application.version, [])
    assert early.value.field == "organisationId"
    unchanged = await repos.research_applications.require(application.id)
    assert (unchanged.status, unchanged.version, unchanged.ineligible_reasons) == (
        ResearchStatus.SUBMITTED,
        application.version,
        [],
    )

    await announce_organisation(world, university)
    screened = await screen_research_application(
        repos, OFFICER, application.id, application.version, []
    )
    assert (screened.status, screened.ineligible_reasons) == (ResearchStatus.ELIGIBLE, [])
