"""Both services over the real broker: an application approved in partnerships opens its
grant here, a completed visit reaches the partnership's finance record, and closing the
partnership sends the grant to finalisation."""

from __future__ import annotations

from typing import Any

from services.finance.domain.grant import grant_id_for
from services.finance.service import SPEC as FINANCE
from services.partnerships.service import SPEC as PARTNERSHIPS

from ..partnerships.applying import CHANGE_PARTNERSHIP_STATUS, pinned
from ..partnerships.applying import world as partnerships_world
from ..support.services import running_service
from ..support.waiting import eventually
from .builders import GRANT, KNOWN

PLAN_VISIT = """
mutation($input: PlanVisitInput!) { planVisit(input: $input) { visit { id version } } }"""
COMPLETE_VISIT = """
mutation($input: CompleteVisitInput!) { completeVisit(input: $input) { visit { id } } }"""


async def test_an_approval_in_partnerships_opens_the_grant_and_a_closing_finalises_it(
    mongo_url: str, broker_url: str, unique: str
) -> None:
    prefix = f"test-{unique}"
    async with (
        running_service(PARTNERSHIPS, mongo_url, broker_url, prefix) as partnerships,
        running_service(FINANCE, mongo_url, broker_url, prefix) as finance,
    ):
        with pinned():
            w = await partnerships_world(partnerships)
            application = await w.in_status("APPROVED")
            visitors = [w.people[f"{w.swedish}:majority"], w.people[f"{w.swedish}:senior"]]
            plan = {
                "partnershipId": w.partnership,
                "hostOrganisationId": w.partner,
                "startsOn": "2025-03-01",
                "endsOn": "2025-03-05",
                "participantIds": visitors,
                "purpose": "Study visit",
            }
            visit = (await partnerships.data(PLAN_VISIT, {"input": plan}))["planVisit"]["visit"]
            await partnerships.data(COMPLETE_VISIT, {"input": {"id": visit["id"], "version": 1}})
        grant_id = grant_id_for(application["id"])

        async def grant() -> dict[str, Any] | None:
            found: dict[str, Any] | None = (await finance.data(GRANT, {"id": grant_id}))["grant"]
            return found

        async def opened() -> bool:
            return await grant() is not None

        await eventually(opened, what="grant opened from the approval")
        opened_grant = await grant()
        assert opened_grant is not None
        assert (opened_grant["caseNumber"], opened_grant["status"]) == (
            application["caseNumber"],
            "PIPELINE",
        )
        assert opened_grant["approvedAmount"] == application["decision"]["approvedTotal"]
        assert opened_grant["partnershipKind"] == "bilateral"
        assert opened_grant["countries"] == ["SE", "TZ"]

        async def visit_waits() -> bool:
            known = (await finance.data(KNOWN, {"id": w.partnership}))["financePartnership"]
            return known is not None and [v["visitId"] for v in known["unfundedVisits"]] == [
                visit["id"]
            ]

        await eventually(visit_waits, what="the visit waits for a grant in finance")

        current = await partnerships.data(
            "query($id: ID!) { partnership(id: $id) { version } }", {"id": w.partnership}
        )
        await partnerships.data(
            CHANGE_PARTNERSHIP_STATUS,
            {
                "input": {
                    "id": w.partnership,
                    "version": current["partnership"]["version"],
                    "status": "CLOSED",
                }
            },
        )

        async def finalised() -> bool:
            found = await grant()
            return found is not None and found["status"] == "FINALISATION"

        await eventually(finalised, what="grant sent to finalisation by the closing")
        closed = await grant()
        assert closed is not None
        assert closed["iatiActivityStatus"] == 3
        assert closed["auditTrail"][-1]["note"] == "partnership closed"
