"""Per-year case-number counters: `<prefix>YYYY-NNNN`, a sequence per year of submission.

Numbers come from an atomic `$inc` on one counter document per year, so concurrent
submissions on any number of replicas never get the same one. A unique index on the numbered
collection's `case_number` is the last line of defence. A submission that fails after taking a
number (it lost a race on its aggregate's version) leaves a gap: gaps are acceptable,
duplicates are not.
"""

from __future__ import annotations

import re

from pymongo import ReturnDocument
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import DuplicateKeyError

from .errors import Busy
from .mongo import Document, IndexSpec


def unique_case_numbers(numbered: str) -> IndexSpec:
    """The unique index on the case numbers of the `numbered` collection. Drafts have none
    (null); a sparse index would still index the stored nulls, so the index is partial: only
    string case numbers."""
    return IndexSpec(
        numbered,
        [("case_number", 1)],
        {"unique": True, "partialFilterExpression": {"case_number": {"$type": "string"}}},
    )


def format_case_number(year: int, sequence: int, prefix: str = "") -> str:
    """`2025-0007` (or `R2025-0007` with prefix "R"); the sequence is zero padded to four
    digits (and grows past 9999)."""
    return f"{prefix}{year:04d}-{sequence:04d}"


class CaseNumbers:
    """The per-year counters, in a collection of their own (`_id` is the year)."""

    def __init__(
        self,
        collection: AsyncCollection[Document],
        numbered: AsyncCollection[Document],
        prefix: str = "",
    ) -> None:
        self.collection = collection
        self.numbered = numbered
        """Where case numbers are given (`case_number` field)."""
        self.prefix = prefix
        self._pattern = re.compile(rf"^{re.escape(prefix)}(\d{{4}})-(\d{{4,}})$")

    async def take(self, year: int) -> str:
        # Only `$inc` here: it is atomic on every MongoDB and on the embedded server.
        for _ in range(3):
            try:
                counter = await self.collection.find_one_and_update(
                    {"_id": str(year)},
                    {"$inc": {"last": 1}},
                    upsert=True,
                    return_document=ReturnDocument.AFTER,
                )
            except DuplicateKeyError:
                continue  # two first submissions of the year raced to create the counter
            if counter is not None:
                return format_case_number(year, int(counter["last"]), self.prefix)
        raise Busy("no case number could be taken: retry", field="caseNumber")

    async def skip_past_used(self, year: int) -> None:
        """Moves the year's counter past the highest number already given, if it is behind.

        Only needed when the unique index refused a number (the counter lost its place, e.g.
        restored from an older backup); the conditional `$set` never moves it backwards.
        """
        cursor = self.numbered.find(
            {"case_number": {"$regex": f"^{re.escape(self.prefix)}{year:04d}-"}},
            {"case_number": 1},
        )
        highest = 0
        async for doc in cursor:
            match = self._pattern.match(str(doc.get("case_number")))
            if match:
                highest = max(highest, int(match.group(2)))
        await self.collection.update_one(
            {"_id": str(year), "last": {"$lt": highest}}, {"$set": {"last": highest}}
        )
