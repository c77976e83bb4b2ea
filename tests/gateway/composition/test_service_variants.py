"""The edits that make corpus cases from the services' SDL refuse text they do not find
exactly once, so a service changing under them fails the case instead of altering it."""

from __future__ import annotations

import pytest

from .service_variants import Edit, EditDoesNotApply


def test_an_edit_replaces_text_found_once() -> None:
    edit = Edit("a", "type Thing @shareable {", "type Thing {")

    assert edit.apply("type Query { thing: Thing }\ntype Thing @shareable {\n") == (
        "type Query { thing: Thing }\ntype Thing {\n"
    )


@pytest.mark.parametrize(
    "sdl", ["type Query { a: Int }", "type A @shareable {\ntype A @shareable {"]
)
def test_an_edit_whose_text_is_missing_or_repeated_is_refused(sdl: str) -> None:
    with pytest.raises(EditDoesNotApply, match="type A @shareable"):
        Edit("a", "type A @shareable {", "type A {").apply(sdl)
