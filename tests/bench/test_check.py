"""Targets must answer with identical JSON: same data and same key order."""

from __future__ import annotations

import json

import pytest

from bench.gateway import check


def test_identical_answers_pass() -> None:
    answer = json.loads('{"data":{"me":{"id":"u1","name":"A"}}}')

    check.compare("trivial", ("apollo", answer), ("hive", json.loads(json.dumps(answer))))


def test_another_key_order_is_a_difference_shown_as_a_diff() -> None:
    reference = json.loads('{"data":{"me":{"id":"u1","name":"A"}}}')
    other = json.loads('{"data":{"me":{"name":"A","id":"u1"}}}')

    with pytest.raises(check.ResponsesDiffer) as raised:
        check.compare("trivial", ("apollo", reference), ("python", other))

    assert str(raised.value) == (
        "python and apollo answer the trivial query differently:\n"
        "--- apollo\n"
        "+++ python\n"
        "@@ -2,6 +2,6 @@\n"
        '  "data": {\n'
        '   "me": {\n'
        '-   "id": "u1",\n'
        '-   "name": "A"\n'
        '+   "name": "A",\n'
        '+   "id": "u1"\n'
        "   }\n"
        "  }"
    )
