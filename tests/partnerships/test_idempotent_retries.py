"""Partnerships mutations retried with their Idempotency-Key: an organisation is created once,
and a retried submission takes one case number and answers it, not a version CONFLICT."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date

import pytest

from ..support.keyed import twice
from ..support.services import RunningService
from .applying import CREATE_ORGANISATION, SUBMIT, counters, pinned, world


@pytest.fixture(autouse=True)
def today() -> Iterator[date]:
    with pinned() as day:
        yield day


async def test_a_retried_organisation_is_created_once(partnerships: RunningService) -> None:
    variables = {"input": {"name": "Region Gotland", "kind": "REGION", "country": "SE"}}
    answer = await twice(partnerships, CREATE_ORGANISATION, variables, str(uuid.uuid4()))
    stored = await partnerships.runtime.db["organisations"].find().to_list()
    assert [d["_id"] for d in stored] == [
        answer["data"]["createOrganisation"]["organisation"]["id"]
    ]


async def test_a_retried_submission_takes_one_case_number(partnerships: RunningService) -> None:
    w = await world(partnerships)
    draft = await w.draft()
    variables = {"input": {"id": draft["id"], "version": draft["version"]}}
    answer = await twice(partnerships, SUBMIT, variables, str(uuid.uuid4()), **w.as_coordinator())
    submitted = answer["data"]["submitApplication"]["application"]
    assert (submitted["status"], submitted["caseNumber"]) == ("SUBMITTED", "2025-0001")
    assert [c["last"] for c in await counters(partnerships)] == [1]
