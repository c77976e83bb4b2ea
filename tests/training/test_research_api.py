"""Research through the training subgraph over HTTP: who may draft, submit and review, and who
sees what (reviews only for staff and the advisory group, applications only for them and the
applicants' organisation), including through the entities it extends."""

from __future__ import annotations

import uuid
from typing import Any

from services.common.auth import Role
from services.training.commands.research_applications import draft_research_application
from services.training.domain.research_call import ResearchKind

from ..support.keyed import twice
from ..support.services import error_codes
from .builders import World
from .research import call, organisation, proposal, repos_of, researcher

CALL = """mutation($input: OpenResearchCallInput!) { openResearchCall(input: $input) {
  call { id version open capVersions { validFrom caps { kind maxAmount { amount currency } } } }
} }"""
APPLICATION = """id caseNumber status organisationId requested { amount } feedback
  decision { outcome } reviews { reviewerId scores { total } } reviewerIds ranking { position }"""
PEOPLE = """query($id: ID!) { researchApplication(id: $id) {
  principalInvestigator { id } coApplicants { id } reviewers { id } reviews { reviewer { id } }
} }"""
DRAFT = f"""mutation($input: DraftResearchApplicationInput!) {{
  draftResearchApplication(input: $input) {{ application {{ {APPLICATION} version }} }} }}"""
SUBMIT = f"""mutation($input: ResearchApplicationActionInput!) {{
  submitResearchApplication(input: $input) {{ application {{ {APPLICATION} version }} }} }}"""
SCREEN = f"""mutation($input: ScreenResearchApplicationInput!) {{
  screenResearchApplication(input: $input) {{ application {{ {APPLICATION} version }} }} }}"""
ASSIGN = f"""mutation($input: ResearchReviewerInput!) {{
  assignResearchReviewer(input: $input) {{ application {{ {APPLICATION} version }} }} }}"""
REVIEW = f"""mutation($input: SubmitResearchReviewInput!) {{
  submitResearchReview(input: $input) {{ application {{ {APPLICATION} version }} }} }}"""
READ = f"query($id: ID!) {{ researchApplication(id: $id) {{ {APPLICATION} }} }}"
ENTITIES = """query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Partnership { research { applications { id caseNumber } outputs { id } } }
  ... on Person { researchApplications { id } }
  ... on ResearchApplication { id caseNumber } } }"""


def _proposal() -> dict[str, Any]:
    return {
        "title": "Participatory budgeting in East African municipalities",
        "declaredDegree": "DOCTORATE",
        "abstract": "How participatory budgeting changes who is heard.",
        "researchQuestions": ["Who takes part?"],
        "methods": "Comparative case studies.",
        "countries": ["KE", "tz"],
        "themes": ["CITIZEN_PARTICIPATION"],
        "durationMonths": 24,
        "budget": [{"year": 1, "category": "WORKING_HOURS", "amount": "600000.00"}],
        "ethicalApproval": "APPROVED",
        "partnershipIds": ["partnership-kibaha"],
    }


async def test_research_through_the_subgraph_with_its_read_rules(world: World) -> None:
    service = world.service
    university = await organisation(world)
    pi = await world.person(university)
    reviewers = [await world.person(await organisation(world)) for _ in range(2)]
    call_input = {
        "title": "Research on local democracy 2030",
        "themes": ["CITIZEN_PARTICIPATION"],
        "opensOn": "2030-01-01",
        "closesOn": "2030-03-31",
        "totalBudget": "1500000",
        "caps": [{"kind": "PROJECT", "maxAmount": "800000"}],
    }
    refused = await service.graphql(
        CALL, {"input": call_input}, role=Role.RESEARCHER, org=university
    )
    assert error_codes(refused) == ["FORBIDDEN"]
    call = (await service.data(CALL, {"input": call_input}))["openResearchCall"]["call"]
    assert call["open"] is True
    assert call["capVersions"][0]["caps"] == [
        {"kind": "PROJECT", "maxAmount": {"amount": "800000.00", "currency": "SEK"}}
    ]

    draft_input = {
        "callId": call["id"],
        "kind": "PROJECT",
        "principalInvestigatorId": pi.id,
        "proposal": _proposal(),
    }
    other = await service.graphql(
        DRAFT, {"input": draft_input}, role=Role.RESEARCHER, org="another-university"
    )
    assert error_codes(other) == ["FORBIDDEN"]
    researcher = {"role": Role.RESEARCHER, "org": university}
    draft = (await service.data(DRAFT, {"input": draft_input}, **researcher))[
        "draftResearchApplication"
    ]["application"]
    submitted = (
        await service.data(
            SUBMIT, {"input": {"id": draft["id"], "version": draft["version"]}}, **researcher
        )
    )["submitResearchApplication"]["application"]
    assert (submitted["caseNumber"], submitted["status"]) == ("R2030-0001", "SUBMITTED")
    assert submitted["requested"] == {"amount": "600000.00"}

    app = (
        await service.data(SCREEN, {"input": {"id": draft["id"], "version": submitted["version"]}})
    )["screenResearchApplication"]["application"]
    assert app["status"] == "ELIGIBLE"
    for reviewer in reviewers:
        app = (
            await service.data(
                ASSIGN,
                {"input": {"id": app["id"], "version": app["version"], "reviewerId": reviewer.id}},
            )
        )["assignResearchReviewer"]["application"]
    review = {
        "id": app["id"],
        "version": app["version"],
        "reviewerId": reviewers[0].id,
        "scientificQuality": 4,
        "relevance": 5,
        "feasibility": 3,
        "partnershipValue": 4,
        "comment": "Clear questions.\nA small sample.",
    }
    as_other_advisor = await service.graphql(
        REVIEW,
        {"input": review},
        token=service.token(Role.ADVISOR, sub=reviewers[1].id),
    )
    assert error_codes(as_other_advisor) == ["FORBIDDEN"]
    reviewed = (
        await service.data(
            REVIEW, {"input": review}, token=service.token(Role.ADVISOR, sub=reviewers[0].id)
        )
    )["submitResearchReview"]["application"]
    assert reviewed["reviews"] == [{"reviewerId": reviewers[0].id, "scores": {"total": 16}}]

    # The applicants see their application, never its reviews; outsiders see nothing.
    own = (await service.data(READ, {"id": app["id"]}, **researcher))["researchApplication"]
    assert (own["caseNumber"], own["reviews"], own["reviewerIds"], own["ranking"]) == (
        "R2030-0001",
        None,
        None,
        None,
    )
    advisor = (
        await service.data(READ, {"id": app["id"]}, token=service.token(Role.ADVISOR, sub="x"))
    )["researchApplication"]
    assert advisor["reviewerIds"] == [r.id for r in reviewers]
    # Its people are references to partnerships' Person: the reviewers as reviews are shown.
    assert (await service.data(PEOPLE, {"id": app["id"]}))["researchApplication"] == {
        "principalInvestigator": {"id": pi.id},
        "coApplicants": [],
        "reviewers": [{"id": r.id} for r in reviewers],
        "reviews": [{"reviewer": {"id": reviewers[0].id}}],
    }
    assert (await service.data(PEOPLE, {"id": app["id"]}, **researcher))[
        "researchApplication"
    ] == {"principalInvestigator": {"id": pi.id}, "coApplicants": [], "reviewers": None,
          "reviews": None}  # fmt: skip
    outsider = await service.data(READ, {"id": app["id"]}, role=Role.COORDINATOR, org="another-org")
    assert outsider["researchApplication"] is None

    reps = [
        {"__typename": "Partnership", "id": "partnership-kibaha"},
        {"__typename": "Person", "id": pi.id},
        {"__typename": "ResearchApplication", "id": app["id"]},
    ]
    as_staff = (await service.data(ENTITIES, {"reps": reps}))["_entities"]
    assert as_staff == [
        {
            "research": {
                "applications": [{"id": app["id"], "caseNumber": "R2030-0001"}],
                "outputs": [],
            }
        },
        {"researchApplications": [{"id": app["id"]}]},
        {"id": app["id"], "caseNumber": "R2030-0001"},
    ]
    as_outsider = (
        await service.data(ENTITIES, {"reps": reps}, role=Role.COORDINATOR, org="another-org")
    )["_entities"]
    assert as_outsider == [
        {"research": {"applications": [], "outputs": []}},
        {"researchApplications": []},
        None,
    ]
    as_own = (await service.data(ENTITIES, {"reps": reps[:2]}, **researcher))["_entities"]
    assert as_own[1] == {"researchApplications": [{"id": app["id"]}]}


async def test_a_retried_submission_takes_one_case_number(world: World) -> None:
    repos = repos_of(world)
    opened = await call(repos)
    university = await organisation(world)
    pi = await world.person(university)
    draft = await draft_research_application(
        repos,
        researcher(pi),
        call_id=opened.id,
        kind=ResearchKind.PROJECT,
        principal_investigator_id=pi.id,
        content=proposal(),
    )
    variables = {"input": {"id": draft.id, "version": draft.version}}
    answer = await twice(
        world.service, SUBMIT, variables, str(uuid.uuid4()), role=Role.RESEARCHER, org=university
    )
    submitted = answer["data"]["submitResearchApplication"]["application"]
    assert submitted["caseNumber"] == "R2030-0001"
    counters = await repos.research_case_numbers.collection.find().to_list()
    assert counters == [{"_id": "2030", "last": 1}]


RANK = """mutation($input: RankResearchCallInput!) {
  rankResearchCall(input: $input) { applications { id ranking { position } } } }"""


async def test_ranking_a_call_takes_an_input_like_every_mutation(world: World) -> None:
    opened = await call(repos_of(world))
    variables = {"input": {"callId": opened.id}}
    as_researcher = await world.service.graphql(RANK, variables, role=Role.RESEARCHER, org="u")
    assert error_codes(as_researcher) == ["FORBIDDEN"]
    unknown = await world.service.graphql(RANK, {"input": {"callId": "no-such-call"}})
    assert error_codes(unknown) == ["NOT_FOUND"]
    ranked = await world.service.data(RANK, variables)
    assert ranked["rankResearchCall"] == {"applications": []}
