"""Demo step: research. The current year's call for research on local democracy, with an
application of the universities' researchers at every stage of its lifecycle, two reviewers of
the advisory group on each eligible one, the ranking and the decision; the research grants
finance opens for the approved ones; and a reported fieldwork grant whose policy brief informs
the gender-equality network of Colombia and Guatemala, where a practice cites it.

The call's year, its dates and every day recorded are today's (the services' clock), so the
demo stays true in any year. A call ranks and decides all its applications in review at once,
so the applications move on in the order ICLD's officers would have met them: the first round
is screened, reviewed, ranked and decided (approved, waitlisted, rejected; one ineligible);
then one approved grant is reported; then a late application is reviewed and ranked, another
is in review, a third only submitted and a fourth still a draft. Every part is looked up
before it moves on: running the step again changes nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar

from services.common.clock import clock

from ..errors import DevstackError
from ..graphql import GraphQLClient
from .model import Demo
from .networks import MEMBERS, NETWORK, PRACTICES
from .organisations import UNIVERSITIES
from .partnerships import PARTNERSHIPS, DemoPerson, load_people
from .training import KNOWN_PERSON, wait_known

T = TypeVar("T")

EFFECT_TIMEOUT_S = 60.0
TOTAL_BUDGET = "2000000"
CAPS = (("PROJECT", "1000000"), ("FIELDWORK", "200000"))
THEMES = ("GENDER_EQUALITY", "CITIZEN_PARTICIPATION", "DEMOCRATIC_RESILIENCE", "INCLUSION")
WAITLIST = 1
DECIDED = ("REPORTED", "APPROVED", "WAITLISTED", "REJECTED")
"""The first round's outcomes, best ranked first (REPORTED: approved, then reported)."""
FUNDED = ("REPORTED", "APPROVED")
FIRST_ROUND = (*DECIDED, "INELIGIBLE")


def _researcher(given: str, family: str, gender: str, position: str) -> DemoPerson:
    # Partnerships' people have no academic role: university staff are public employees.
    return DemoPerson(given, family, gender, "CIVIL_SERVANT", position=position)


UPPSALA, SAN_CARLOS, DAR_ES_SALAAM = (u.name for u in UNIVERSITIES)
RESEARCHERS: dict[str, tuple[DemoPerson, ...]] = {
    UPPSALA: (
        _researcher("Karin", "Lundgren", "WOMAN", "Professor of government"),
        _researcher("Sofia", "Lindberg", "WOMAN", "Senior lecturer in political science"),
        _researcher("Oskar", "Nilsson", "MAN", "Doctoral student in political science"),
        _researcher("Emma", "Holmgren", "WOMAN", "Associate professor of human geography"),
    ),
    SAN_CARLOS: (
        _researcher("Mario", "Cifuentes", "MAN", "Professor of political science"),
        _researcher("Ana Lucía", "Tzul", "WOMAN", "Doctoral student in social sciences"),
        _researcher("Carlos", "Morales", "MAN", "Researcher in anthropology"),
        _researcher("Gabriela", "Ixcot", "WOMAN", "Doctoral student in public administration"),
    ),
    DAR_ES_SALAAM: (
        _researcher("Faraja", "Mwakalinga", "WOMAN", "Professor of public administration"),
        _researcher("Halima", "Mnyampala", "WOMAN", "Senior lecturer in political science"),
        _researcher("Joseph", "Kweka", "MAN", "Lecturer in development studies"),
        _researcher("Zawadi", "Mrema", "WOMAN", "Lecturer in political science"),
    ),
}
ADVISORY_GROUP = {UPPSALA: "Karin Lundgren", SAN_CARLOS: "Mario Cifuentes",
                  DAR_ES_SALAAM: "Faraja Mwakalinga"}  # fmt: skip
"""The advisory group's member at each university: an application's reviewers are the two of
the other universities (never one of the applicants' own, docs/domain.md, Research)."""

Scores = tuple[int, int, int, int, str]
"""Scientific quality, relevance to local democracy, feasibility, value to the partnerships
(each 1–5), the comment."""


@dataclass(frozen=True)
class DemoResearch:
    stage: str
    """The status the demo leaves it in."""
    university: str
    principal_investigator: str
    kind: str
    degree: str
    title: str
    abstract: str = ""
    questions: tuple[str, ...] = ()
    methods: str = ""
    countries: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    sdgs: tuple[int, ...] = ()
    months: int = 12
    budget: tuple[tuple[int, str, str], ...] = ()
    """(year, category, amount in SEK)."""
    ethical_approval: str = "NOT_REQUIRED"
    partnerships: tuple[str, ...] = ()
    """Titles."""
    in_network: bool = False
    """Whether it relates to the gender-equality network."""
    co_applicants: tuple[str, ...] = ()
    scores: tuple[Scores, ...] = ()
    """One per reviewer, in the order of UNIVERSITIES."""
    feedback: str | None = None


KIBAHA, STELLENBOSCH, MACHAKOS = (p.title for p in PARTNERSHIPS)
QUILICHAO, VILLA_RICA, SAN_JUAN = (m.title for m in MEMBERS)

APPLICATIONS = (
    DemoResearch(
        "REPORTED", SAN_CARLOS, "Ana Lucía Tzul", "FIELDWORK", "DOCTORAL_STUDENT",
        "Women's councils before participatory budgeting in Quetzaltenango and Santander de"
        " Quilichao",
        abstract="Fieldwork in two municipalities of the gender-equality network where women's"
                 " councils prepare proposals before the participatory-budgeting hearings.",
        questions=("Who speaks at the hearings once women's councils prepare them?",
                   "Which proposals of the councils reach the adopted budget?"),
        methods="Observation of hearings, interviews with council members and officials, the"
                " municipal budgets of 2022–2024.",
        countries=("CO", "GT"), themes=("GENDER_EQUALITY", "CITIZEN_PARTICIPATION"), sdgs=(5, 16),
        budget=((1, "INTERNATIONAL_TRAVEL", "45000"), (1, "LOCAL_TRAVEL", "22000"),
                (1, "ACCOMMODATION", "38000"), (1, "INTERPRETATION", "15000"),
                (1, "WORKING_HOURS", "60000")),
        ethical_approval="APPROVED", partnerships=(QUILICHAO,), in_network=True,
        scores=((5, 5, 4, 5, "Sharp questions, and the network's own practice as the case."),
                (5, 5, 5, 4, "Feasible in a year; the two municipalities are committed.")),
        feedback="Funded: the advisory group ranked it first for its questions and its value"
                 " to the network.",
    ),
    DemoResearch(
        "APPROVED", UPPSALA, "Sofia Lindberg", "PROJECT", "DOCTORATE",
        "Municipal partnerships and gender-responsive budgeting in Tanzania, South Africa and"
        " Sweden",
        abstract="How two municipal partnerships brought gender-responsive budgeting into the"
                 " budget processes of both partners, and what stayed after the partnership.",
        questions=("What changed in the budget processes, and who changed it?",
                   "What do the Swedish partners learn from their partners?"),
        methods="Comparative case studies of two partnerships: documents, interviews, budget"
                " analysis.",
        countries=("SE", "TZ", "ZA"), themes=("GENDER_EQUALITY",), sdgs=(5, 17), months=24,
        budget=((1, "WORKING_HOURS", "380000"), (1, "INTERNATIONAL_TRAVEL", "70000"),
                (2, "WORKING_HOURS", "360000"), (2, "INTERNATIONAL_TRAVEL", "50000"),
                (2, "VENUE", "40000")),
        ethical_approval="APPROVED", partnerships=(KIBAHA, STELLENBOSCH),
        co_applicants=("Zawadi Mrema",),
        scores=((4, 5, 4, 5, "Close to the partnerships' practice; the sample is small."),
                (4, 4, 4, 5, "A strong team across both countries.")),
        feedback="Funded: ranked second; please share the findings with both partnerships.",
    ),
    DemoResearch(
        "WAITLISTED", DAR_ES_SALAAM, "Halima Mnyampala", "PROJECT", "DOCTORATE",
        "Women councillors' influence in Tanzanian local government authorities",
        abstract="Whether the special-seats women councillors shape the councils' decisions,"
                 " in six local government authorities.",
        questions=("On which decisions do women councillors weigh?",),
        methods="Council minutes of five years, a survey of councillors, interviews.",
        countries=("TZ",), themes=("GENDER_EQUALITY", "DEMOCRATIC_RESILIENCE"), sdgs=(5, 16),
        months=24,
        budget=((1, "WORKING_HOURS", "420000"), (1, "LOCAL_TRAVEL", "60000"),
                (2, "WORKING_HOURS", "420000"), (2, "VENUE", "80000")),
        ethical_approval="APPROVED", partnerships=(KIBAHA,),
        scores=((4, 4, 4, 4, "Solid design; relevant beyond Tanzania."),
                (4, 4, 3, 5, "Six authorities in two years is ambitious.")),
        feedback="Waitlisted: ranked third; the call's budget did not reach it this year.",
    ),
    DemoResearch(
        "REJECTED", UPPSALA, "Oskar Nilsson", "FIELDWORK", "DOCTORAL_STUDENT",
        "Digital citizen dialogue in small Swedish and Kenyan municipalities",
        abstract="Fieldwork on the online citizen dialogues of two small municipalities.",
        questions=("Who takes part in online citizen dialogue?",),
        methods="Platform data and interviews with participants and officials.",
        countries=("KE", "SE"), themes=("CITIZEN_PARTICIPATION",), sdgs=(16,), months=10,
        budget=((1, "INTERNATIONAL_TRAVEL", "38000"), (1, "ACCOMMODATION", "42000"),
                (1, "WORKING_HOURS", "40000")),
        partnerships=(MACHAKOS,),
        scores=((3, 3, 4, 3, "The link to local democracy needs working out."),
                (3, 4, 3, 4, "Interesting, but the platform data may not be available.")),
        feedback="Not funded: the advisory group asks for a clearer link to local democracy.",
    ),
    DemoResearch(
        "INELIGIBLE", DAR_ES_SALAAM, "Joseph Kweka", "FIELDWORK", "DOCTORATE",
        "Youth participation in Kibaha's ward development committees",
        abstract="Fieldwork on how young people take part in the ward development committees.",
        questions=("Do young people's proposals reach the ward plans?",),
        methods="Observation of committee meetings and focus groups with young people.",
        countries=("TZ",), themes=("CITIZEN_PARTICIPATION", "INCLUSION"), sdgs=(16,), months=8,
        budget=((1, "LOCAL_TRAVEL", "30000"), (1, "WORKING_HOURS", "90000")),
        ethical_approval="PENDING", partnerships=(KIBAHA,),
    ),
    DemoResearch(
        "RANKED", SAN_CARLOS, "Carlos Morales", "PROJECT", "DOCTORATE",
        "Indigenous women in Guatemala's municipal development councils",
        abstract="Whether the municipal development councils (COMUDE) open local democracy to"
                 " indigenous women, in four municipalities of the highlands.",
        questions=("Who represents indigenous women in the councils?",
                   "What do the councils decide that the municipality then does?"),
        methods="Participant observation, interviews in K'iche' and Spanish, council records.",
        countries=("GT",), themes=("GENDER_EQUALITY", "INCLUSION"), sdgs=(5, 10, 16), months=24,
        budget=((1, "WORKING_HOURS", "300000"), (1, "LOCAL_TRAVEL", "50000"),
                (1, "INTERPRETATION", "40000"), (2, "WORKING_HOURS", "250000"),
                (2, "VENUE", "30000")),
        ethical_approval="APPROVED", partnerships=(SAN_JUAN,), in_network=True,
        scores=((4, 4, 3, 4, "Important; the interpreters' costs look low."),
                (4, 3, 4, 3, "Well placed in the network's work.")),
    ),
    DemoResearch(
        "IN_REVIEW", DAR_ES_SALAAM, "Zawadi Mrema", "PROJECT", "DOCTORATE",
        "Complaints and accountability: how citizens in Machakos and Kibaha reach their councils",
        abstract="The complaint channels of two local governments and what the councils do with"
                 " what reaches them.",
        questions=("Which complaints reach the council, and which are answered?",),
        methods="Complaint registers, interviews, two citizen panels.",
        countries=("KE", "TZ"), themes=("CITIZEN_PARTICIPATION", "DEMOCRATIC_RESILIENCE"),
        sdgs=(16,), months=18,
        budget=((1, "WORKING_HOURS", "350000"), (1, "LOCAL_TRAVEL", "40000"),
                (2, "WORKING_HOURS", "180000")),
        partnerships=(MACHAKOS, KIBAHA),
        scores=((4, 5, 4, 4, "Directly useful to both partnerships."),
                (3, 4, 4, 4, "The registers may be incomplete; plan for it.")),
    ),
    DemoResearch(
        "SUBMITTED", UPPSALA, "Emma Holmgren", "PROJECT", "DOCTORATE",
        "Safe streets: women's safety walks as local democracy in Colombia and Sweden",
        abstract="Safety walks with women and girls as a way into municipal planning, in Villa"
                 " Rica and Umeå.",
        questions=("What do safety walks change in the municipalities' plans?",),
        methods="Walks, planning documents, interviews with planners.",
        countries=("CO", "SE"), themes=("GENDER_EQUALITY", "CITIZEN_PARTICIPATION"), sdgs=(5, 11),
        budget=((1, "WORKING_HOURS", "400000"), (1, "INTERNATIONAL_TRAVEL", "60000")),
        partnerships=(VILLA_RICA,), in_network=True,
    ),
    DemoResearch(
        "DRAFT", SAN_CARLOS, "Gabriela Ixcot", "FIELDWORK", "DOCTORAL_STUDENT",
        "Women mayors' first hundred days in the Guatemalan highlands",
        abstract="Fieldwork with the women mayors elected in the highlands.",
        countries=("GT",), themes=("GENDER_EQUALITY",),
    ),
)  # fmt: skip

OUTPUT = {
    "kind": "POLICY_BRIEF",
    "title": "Childcare and the hour of the meeting: women's voice in participatory budgeting",
    "url": "https://example.org/research/womens-councils-participatory-budgeting",
}
"""What the reported fieldwork published (the first practice of the network cites it)."""

KNOWN_ORGANISATION = "query($id: ID!) { trainingKnownOrganisation(id: $id) { id } }"
CALL_FIELDS = "id title version"
FIND_CALLS = f"query {{ researchCalls(first: 100) {{ nodes {{ {CALL_FIELDS} }} }} }}"
OPEN_CALL = f"""
mutation($input: OpenResearchCallInput!) {{
  openResearchCall(input: $input) {{ call {{ {CALL_FIELDS} }} }}
}}
"""
APPLICATION_FIELDS = """
  id title status version caseNumber reviewerIds reviews { reviewerId } decision { outcome }
  feedback
"""
FIND_APPLICATIONS = f"""
query($callId: ID!) {{
  researchApplications(first: 20, filter: {{callId: $callId}}) {{
    nodes {{ {APPLICATION_FIELDS} }}
  }}
}}
"""
DRAFT = f"""
mutation($input: DraftResearchApplicationInput!) {{
  draftResearchApplication(input: $input) {{ application {{ {APPLICATION_FIELDS} }} }}
}}
"""


def _action(name: str, input_type: str) -> str:
    return (
        f"mutation($input: {input_type}!) {{ {name}(input: $input)"
        f" {{ application {{ {APPLICATION_FIELDS} }} }} }}"
    )


SUBMIT = ("submitResearchApplication", "ResearchApplicationActionInput")
SCREEN = ("screenResearchApplication", "ScreenResearchApplicationInput")
ASSIGN = ("assignResearchReviewer", "ResearchReviewerInput")
REVIEW = ("submitResearchReview", "SubmitResearchReviewInput")
FEEDBACK = ("releaseResearchFeedback", "ReleaseResearchFeedbackInput")
ACCEPT_REPORT = ("acceptResearchReport", "ResearchApplicationActionInput")
RANK = """
mutation($input: RankResearchCallInput!) { rankResearchCall(input: $input) { applications { id } } }
"""
DECIDE = """
mutation($input: DecideResearchCallInput!) {
  decideResearchCall(input: $input) { applications { id } }
}
"""
NETWORK_RESEARCH = """
query($r: [_Any!]!) {
  _entities(representations: $r) {
    ... on Network { research { outputs { id applicationId } } }
  }
}
"""
PUBLISH_OUTPUT = """
mutation($input: PublishResearchOutputInput!) {
  publishResearchOutput(input: $input) { output { id } }
}
"""
GRANT_OF_APPLICATION = """
query($r: [_Any!]!) {
  _entities(representations: $r) {
    ... on ResearchApplication {
      grant { id caseNumber status research { reportedOn payments { id stage status } } }
    }
  }
}
"""
APPROVE_PAYMENT = """
mutation($input: ApproveResearchPaymentInput!) {
  approveResearchPayment(input: $input) { payment { id stage status } }
}
"""
PAY_PAYMENT = """
mutation($input: PayResearchPaymentInput!) { payResearchPayment(input: $input) { payment { id } } }
"""
NETWORK_OUTPUTS = """
query($id: ID!) {
  network(id: $id) {
    researchOutputs { id }
    practices(first: 10) { nodes { id version title citedOutputIds } }
  }
}
"""
CITE = """
mutation($input: CiteResearchOutputsInput!) {
  citeResearchOutputs(input: $input) { practice { id } }
}
"""


def _until(fetch: Callable[[], T | None], what: str) -> T:
    """Polls `fetch` until it answers something: what another service does on an event."""
    deadline = time.monotonic() + EFFECT_TIMEOUT_S
    while (found := fetch()) is None:
        if time.monotonic() > deadline:
            raise DevstackError(
                f"demo data: {what} within {EFFECT_TIMEOUT_S:.0f}s: are events flowing through"
                " RabbitMQ?"
            )
        time.sleep(0.2)
    return found


@dataclass
class Research:
    """The step's state: the APIs, the call and its applications by title."""

    demo: Demo
    call_id: str
    applications: dict[str, dict[str, Any]]

    @property
    def training(self) -> GraphQLClient:
        return self.demo.apis["training"]

    def of(self, stage: str) -> tuple[DemoResearch, dict[str, Any]]:
        spec = next(a for a in APPLICATIONS if a.stage == stage)
        return spec, self.applications[spec.title]

    def act(self, stage: str, mutation: tuple[str, str], **given: Any) -> dict[str, Any]:
        """Runs one of the application's mutations (at its version); keeps what it answers."""
        spec, application = self.of(stage)
        name, input_type = mutation
        variables = {"input": {"id": application["id"], "version": application["version"], **given}}
        answer = self.training.execute(_action(name, input_type), variables)
        changed: dict[str, Any] = answer[name]["application"]
        self.applications[spec.title] = changed
        return changed


def _window(today: date) -> tuple[date, date]:
    """Open for six weeks either side of today, within today's year."""
    opens = max(date(today.year, 1, 1), today - timedelta(days=42))
    return opens, min(date(today.year, 12, 31), today + timedelta(days=42))


def _call(api: GraphQLClient, today: date) -> tuple[str, str]:
    title = f"Research on local democracy {today.year}"
    found = [c for c in api.execute(FIND_CALLS)["researchCalls"]["nodes"] if c["title"] == title]
    if found:
        return str(found[0]["id"]), title
    opens, closes = _window(today)
    created = api.execute(OPEN_CALL, {"input": {
        "title": title,
        "themes": list(THEMES),
        "opensOn": opens.isoformat(),
        "closesOn": closes.isoformat(),
        "totalBudget": TOTAL_BUDGET,
        "caps": [{"kind": kind, "maxAmount": amount} for kind, amount in CAPS],
    }})["openResearchCall"]["call"]  # fmt: skip
    return str(created["id"]), title


def _proposal(demo: Demo, spec: DemoResearch, network_id: str) -> dict[str, Any]:
    return {
        "title": spec.title,
        "declaredDegree": spec.degree,
        "coApplicantIds": [demo.people[n] for n in spec.co_applicants],
        "abstract": spec.abstract,
        "researchQuestions": list(spec.questions),
        "methods": spec.methods,
        "countries": list(spec.countries),
        "themes": list(spec.themes),
        "sdgs": list(spec.sdgs),
        "durationMonths": spec.months,
        "budget": [{"year": y, "category": c, "amount": a} for y, c, a in spec.budget],
        "ethicalApproval": spec.ethical_approval,
        "partnershipIds": [demo.partnerships[t] for t in spec.partnerships],
        "networkIds": [network_id] if spec.in_network else [],
    }


def _applications(demo: Demo, call_id: str, network_id: str) -> tuple[Research, int]:
    """The call's applications, each drafted when missing; how many were drafted."""
    api = demo.apis["training"]
    nodes = api.execute(FIND_APPLICATIONS, {"callId": call_id})["researchApplications"]["nodes"]
    found = {a["title"]: a for a in nodes}
    drafted = 0
    for spec in APPLICATIONS:
        if spec.title in found:
            continue
        found[spec.title] = api.execute(DRAFT, {"input": {
            "callId": call_id,
            "kind": spec.kind,
            "principalInvestigatorId": demo.people[spec.principal_investigator],
            "proposal": _proposal(demo, spec, network_id),
        }})["draftResearchApplication"]["application"]  # fmt: skip
        drafted += 1
    return Research(demo, call_id, found), drafted


def _reviewers(spec: DemoResearch) -> list[str]:
    return [ADVISORY_GROUP[u.name] for u in UNIVERSITIES if u.name != spec.university]


def _to_review(research: Research, stage: str) -> None:
    """Submits, screens and has the two reviewers review whatever is not done yet."""
    spec, application = research.of(stage)
    if application["status"] == "DRAFT":
        application = research.act(stage, SUBMIT)
    if application["status"] == "SUBMITTED":
        application = research.act(stage, SCREEN, reasons=[])
        expected = "INELIGIBLE" if stage == "INELIGIBLE" else "ELIGIBLE"
        if application["status"] != expected:
            raise DevstackError(
                f"demo data: {spec.title!r} was screened {application['status']}, not {expected}"
            )
    if application["status"] not in ("ELIGIBLE", "IN_REVIEW"):
        return
    people = research.demo.people
    for name in _reviewers(spec):
        if people[name] not in application["reviewerIds"]:
            application = research.act(stage, ASSIGN, reviewerId=people[name])
    for name, scores in zip(_reviewers(spec), spec.scores, strict=True):
        if people[name] not in {r["reviewerId"] for r in application["reviews"]}:
            quality, relevance, feasibility, value, comment = scores
            application = research.act(stage, REVIEW, reviewerId=people[name],
                                       scientificQuality=quality, relevance=relevance,
                                       feasibility=feasibility, partnershipValue=value,
                                       comment=comment)  # fmt: skip


def _reload(research: Research) -> None:
    nodes = research.training.execute(FIND_APPLICATIONS, {"callId": research.call_id})
    research.applications = {a["title"]: a for a in nodes["researchApplications"]["nodes"]}


def _first_round(research: Research) -> None:
    """Screened, reviewed, ranked and decided together; then the feedback is released."""
    for stage in FIRST_ROUND:
        _to_review(research, stage)
    statuses = {research.of(stage)[1]["status"] for stage in DECIDED}
    if "IN_REVIEW" in statuses:
        research.training.execute(RANK, {"input": {"callId": research.call_id}})
        _reload(research)
        statuses = {research.of(stage)[1]["status"] for stage in DECIDED}
    if "RANKED" in statuses:
        decide = {"callId": research.call_id, "waitlistSize": WAITLIST}
        research.training.execute(DECIDE, {"input": decide})
        _reload(research)
    for stage in DECIDED:
        spec, application = research.of(stage)
        outcome = (application["decision"] or {}).get("outcome")
        if outcome != ("APPROVED" if stage in FUNDED else stage):
            raise DevstackError(f"demo data: {spec.title!r} was decided {outcome}, not {stage}")
        if application["feedback"] is None:
            research.act(stage, FEEDBACK, feedback=spec.feedback)


def _grant(finance: GraphQLClient, application_id: str) -> dict[str, Any]:
    representation = {"__typename": "ResearchApplication", "id": application_id}

    def fetch() -> dict[str, Any] | None:
        found = finance.execute(GRANT_OF_APPLICATION, {"r": [representation]})["_entities"][0]
        grant: dict[str, Any] | None = found["grant"]
        return grant

    return _until(fetch, f"the finance service opened no grant for {application_id}")


def _pay(finance: GraphQLClient, grant: dict[str, Any], stage: str, today: date) -> None:
    """Approves the grant's payment of `stage` and records it paid today, what is not done."""
    payments = [p for p in grant["research"]["payments"] if p["stage"] == stage]
    if payments:
        payment = payments[0]
    else:
        approve = {"grantId": grant["id"], "stage": stage}
        payment = finance.execute(APPROVE_PAYMENT, {"input": approve})["approveResearchPayment"][
            "payment"
        ]
    if payment["status"] == "APPROVED":
        pay = {"grantId": grant["id"], "paymentId": payment["id"], "paidOn": today.isoformat()}
        finance.execute(PAY_PAYMENT, {"input": pay})


def _reported(research: Research, network_id: str, today: date) -> str:
    """The reported grant: its advance, the final report, the output and the final payment;
    answers the output's id."""
    finance = research.demo.apis["finance"]
    _, application = research.of("REPORTED")
    _pay(finance, _grant(finance, application["id"]), "ADVANCE", today)
    if application["status"] == "APPROVED":
        application = research.act("REPORTED", ACCEPT_REPORT)
    representation = {"__typename": "Network", "id": network_id}
    linked = research.training.execute(NETWORK_RESEARCH, {"r": [representation]})["_entities"][0]
    outputs = [
        o["id"] for o in linked["research"]["outputs"] if o["applicationId"] == application["id"]
    ]
    if not outputs:
        published = research.training.execute(PUBLISH_OUTPUT, {"input": {
            **OUTPUT,
            "applicationId": application["id"],
            "publishedOn": today.isoformat(),
            "networkIds": [network_id],
        }})["publishResearchOutput"]["output"]  # fmt: skip
        outputs = [str(published["id"])]

    def reported() -> dict[str, Any] | None:
        grant = _grant(finance, application["id"])
        return grant if grant["research"]["reportedOn"] else None

    grant = _until(reported, "the finance service did not learn of the final report")
    _pay(finance, grant, "FINAL", today)
    return str(outputs[0])


def _cite(demo: Demo, network_id: str, output_id: str) -> None:
    """The network's first practice cites the output, once networks knows of it."""
    networks = demo.apis["networks"]

    def known() -> dict[str, Any] | None:
        network: dict[str, Any] = networks.execute(NETWORK_OUTPUTS, {"id": network_id})["network"]
        return network if output_id in {o["id"] for o in network["researchOutputs"]} else None

    network = _until(known, f"the networks service did not learn of output {output_id}")
    title = PRACTICES[0][1]["title"]
    practice = next(p for p in network["practices"]["nodes"] if p["title"] == title)
    if output_id not in practice["citedOutputIds"]:
        cite = {"practiceId": practice["id"], "version": practice["version"],
                "outputIds": [*practice["citedOutputIds"], output_id]}  # fmt: skip
        networks.execute(CITE, {"input": cite})


def _late_round(research: Research) -> None:
    """After the decision: one more reviewed and ranked, one in review, one submitted."""
    _to_review(research, "RANKED")
    if research.of("RANKED")[1]["status"] == "IN_REVIEW":
        research.training.execute(RANK, {"input": {"callId": research.call_id}})
        _reload(research)
    _to_review(research, "IN_REVIEW")
    if research.of("SUBMITTED")[1]["status"] == "DRAFT":
        research.act("SUBMITTED", SUBMIT)


def load_research(demo: Demo) -> str:
    training, finance = demo.apis["training"], demo.apis["finance"]
    people = sum(load_people(demo, u, team) for u, team in RESEARCHERS.items())
    universities = [demo.organisations[u.name] for u in UNIVERSITIES]
    wait_known(training, KNOWN_ORGANISATION, "trainingKnownOrganisation", universities,
               "universities")  # fmt: skip
    researchers = [demo.people[p.name] for team in RESEARCHERS.values() for p in team]
    wait_known(training, KNOWN_PERSON, "trainingKnownPerson", researchers, "researchers")

    today = clock.today()
    network_id = demo.networks[NETWORK]
    call_id, title = _call(training, today)
    research, drafted = _applications(demo, call_id, network_id)
    _first_round(research)
    _pay(finance, _grant(finance, research.of("APPROVED")[1]["id"]), "ADVANCE", today)
    output_id = _reported(research, network_id, today)
    _cite(demo, network_id, output_id)
    _late_round(research)
    return (
        f"{title}: {len(APPLICATIONS)} applications at every stage ({drafted} new), reviewed by"
        f" {len(ADVISORY_GROUP)} advisers, ranked and decided; 2 research grants (one paid in"
        f" full and reported, with a policy brief on the network); {len(researchers)}"
        f" researchers ({people} new)"
    )
