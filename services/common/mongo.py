"""MongoDB client lifecycle and the one place that knows the embedded server's gaps."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import OperationFailure

log = logging.getLogger(__name__)

Document = dict[str, Any]

# The local default server (nx-27017 0.8.1, SQLite-backed) is wire compatible but, measured:
#  * multi-document transactions share one SQLite connection per database: a concurrent
#    abort rolls back other clients' committed writes, so we use none (the outbox needs only
#    single-document atomicity, which every MongoDB honours);
#  * `$set`/`$min` of a top-level datetime store a string and `$push` of subdocuments stores
#    JSON strings, so aggregates are written whole with `replace_one` under a revision check
#    (services.common.store), and update operators are limited to `$inc` and scalar `$set`;
#  * an equality match on an indexed array field (`{"countries": "SE"}`) finds nothing, while
#    `{"countries": {"$in": ["SE"]}}` (the same query on any MongoDB) works: use `$in` there;
#  * creating a text index that already exists on a collection with data fails with
#    "constraint failed" (and the index is not listed), where MongoDB does nothing: see
#    `ensure_indexes`.
# Everything written here is plain MongoDB and runs unchanged on MongoDB 7.


@dataclass(frozen=True)
class IndexSpec:
    collection: str
    keys: list[tuple[str, Any]]
    options: dict[str, Any] = field(default_factory=dict)


def connect(url: str) -> AsyncMongoClient[Document]:
    return AsyncMongoClient(url, tz_aware=True, serverSelectionTimeoutMS=5_000, appname="icld")


async def ensure_indexes(db: AsyncDatabase[Document], specs: list[IndexSpec]) -> None:
    """Creates the indexes; creating one that exists changes nothing (as on MongoDB)."""
    for spec in specs:
        collection = db[spec.collection]
        try:
            await collection.create_index(spec.keys, **spec.options)
        except OperationFailure:
            # The embedded server refuses to re-create an existing text index; a `$text`
            # query that runs proves the index is there, anything else is a real failure.
            if not any(kind == "text" for _, kind in spec.keys):
                raise
            await collection.find({"$text": {"$search": "probe"}}, {"_id": 1}).limit(1).to_list()
    log.info("indexes ensured", extra={"database": db.name, "count": len(specs)})


async def ping(client: AsyncMongoClient[Document]) -> bool:
    await client.admin.command("ping")
    return True
