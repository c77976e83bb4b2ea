"""The console sends an Idempotency-Key with every mutation (one per operation, the same when
the operation is sent again, e.g. with its full text after a persisted-query miss) and none
with queries."""

from __future__ import annotations

import uuid

from playwright.async_api import Page, Request, expect

from tests.support.browser import sign_in_by_api
from tests.support.catalogue import say
from tests.support.gateway_api import GatewayAPI


async def test_a_mutation_carries_one_fresh_key_and_a_query_none(
    page: Page, gateway: GatewayAPI
) -> None:
    await sign_in_by_api(page, "officer", path="/partnerships/new")
    sent: list[Request] = []
    page.on("request", lambda r: sent.append(r) if r.url == gateway.url else None)
    title = f"Visby – Zanzibar harbours {uuid.uuid4().hex[:6]}"

    await page.get_by_role("textbox", name=say("partnerships.field.title")).fill(title)
    await pick(page, say("partnerships.field.themes"), "Youth")
    await page.get_by_role("combobox", name=say("partnerships.field.swedishPartner")).select_option(
        label="Umeå (Sweden)"
    )
    await pick(page, say("partnerships.field.partnersAbroad"), "Stellenbosch (South Africa)")
    await page.get_by_label(say("partnerships.field.startedOn")).fill("2025-02-01")
    await page.get_by_role("button", name=say("common.create")).click()
    await expect(page.get_by_role("heading", level=1)).to_have_text(title)

    keys: dict[str, set[str | None]] = {}
    for request in sent:
        body = request.post_data_json or {}
        headers = await request.all_headers()
        keys.setdefault(str(body.get("operationName")), set()).add(headers.get("idempotency-key"))
    [key] = keys.pop("CreatePartnership")
    assert key is not None
    assert uuid.UUID(key).version == 4
    assert keys, "the new partnership's page was loaded by a query"
    assert all(found == {None} for found in keys.values()), keys


async def pick(page: Page, label: str, option: str) -> None:
    """Chooses an option of a multi-select (a combobox with a listbox)."""
    await page.get_by_role("combobox", name=label, exact=True).click()
    await page.get_by_role("option", name=option, exact=True).click()
    await page.keyboard.press("Escape")
