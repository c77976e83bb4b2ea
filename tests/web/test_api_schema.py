"""The web console's schema is the gateway's API schema of the services as they are."""

from devstack.api_schema import SCHEMA_FILE, api_schema_sdl


def test_checked_in_schema_matches_the_composed_services() -> None:
    assert SCHEMA_FILE.read_text() == api_schema_sdl(), (
        "web/schema.graphql is out of date: run `.venv/bin/python -m devstack.api_schema`"
    )
