"""The HTTP surface every service shares: health, readiness, metrics, request ids, logs."""

from __future__ import annotations

import logging

import orjson

from services.common.logging import JsonFormatter, request_id
from services.networks.service import SPEC as NETWORKS

from ..support.services import running_service


async def test_health_readiness_metrics_and_request_id(
    mongo_url: str, broker_url: str, unique: str
) -> None:
    async with running_service(NETWORKS, mongo_url, broker_url, f"test-{unique}") as service:
        live = await service.http.get("/health/live")
        assert (live.status_code, live.json()["status"]) == (200, "live")

        ready = await service.http.get("/health/ready", headers={"x-request-id": "req-42"})
        assert ready.status_code == 200
        assert ready.json() == {"status": "ready", "rabbitmq": True, "mongodb": True}
        assert ready.headers["x-request-id"] == "req-42"
        assert len((await service.http.get("/health/live")).headers["x-request-id"]) == 32

        metrics = await service.http.get("/metrics")
        assert metrics.status_code == 200
        assert "icld_http_request_seconds_count" in metrics.text

        await service.runtime.bus.close()  # the broker link is gone: not ready any more
        unready = await service.http.get("/health/ready")
        assert unready.status_code == 503
        assert unready.json()["rabbitmq"] is False
        await service.runtime.bus.connect()  # so that the orderly stop can run


async def test_http_metrics_label_routes_by_template_and_unknown_urls_alike(
    mongo_url: str, broker_url: str, unique: str
) -> None:
    async with running_service(NETWORKS, mongo_url, broker_url, f"test-{unique}") as service:
        for path in (f"/nope-{unique}/1", f"/nope-{unique}/2"):
            assert (await service.http.get(path)).status_code == 404
        assert (await service.http.request("BREW", "/health/live")).status_code == 405
        await service.http.get("/health/live")

        metrics = (await service.http.get("/metrics")).text

    assert f"nope-{unique}" not in metrics
    assert 'method="GET",path="unmatched",status="404"' in metrics
    assert 'method="other",path="/health/live",status="405"' in metrics
    assert 'method="GET",path="/health/live",status="200"' in metrics


def test_json_logs_carry_request_id_and_extra_fields() -> None:
    record = logging.LogRecord("svc", logging.INFO, __file__, 1, "handled %s", ("x",), None)
    record.event_type = "se.icld.test.v1"
    token = request_id.set("req-7")
    try:
        line = orjson.loads(JsonFormatter("finance").format(record))
    finally:
        request_id.reset(token)
    assert line["message"] == "handled x"
    assert (line["service"], line["level"], line["request_id"]) == ("finance", "INFO", "req-7")
    assert line["event_type"] == "se.icld.test.v1"


async def test_unexpected_errors_are_masked_and_coded(
    mongo_url: str, broker_url: str, unique: str
) -> None:
    async with running_service(NETWORKS, mongo_url, broker_url, f"test-{unique}") as service:
        await service.runtime.client.close()  # the database is gone: resolvers fail
        body = await service.graphql('{ networksKnownOrganisation(id: "x") { name } }')
        assert body["errors"][0]["message"] == "Internal server error"
        assert body["errors"][0]["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}
