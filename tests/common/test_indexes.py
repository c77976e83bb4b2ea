"""Index creation at start-up is repeatable: a restarted service finds its indexes there."""

from __future__ import annotations

from pymongo import AsyncMongoClient

from services.common.mongo import Document, IndexSpec, ensure_indexes

SPECS = [
    IndexSpec("things", [("name", 1)]),
    IndexSpec("things", [("title", "text"), ("body", "text")], {"name": "things_text"}),
]


async def test_ensuring_indexes_twice_over_data_changes_nothing(
    mongo: AsyncMongoClient[Document], unique: str
) -> None:
    db = mongo[f"t_idx_{unique}"]
    try:
        await ensure_indexes(db, SPECS)
        await db.things.insert_one(
            {"_id": "a", "name": "x", "title": "Safe spaces", "body": "walks"}
        )
        await ensure_indexes(db, SPECS)  # a restart of the service
        found = await db.things.find({"$text": {"$search": "spaces"}}).to_list()
        assert [d["_id"] for d in found] == ["a"]
    finally:
        await mongo.drop_database(db.name)
