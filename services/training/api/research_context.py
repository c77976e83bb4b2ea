"""Per-request loaders of research: one query per collection, whatever the number of keys."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Literal, TypeVar

from strawberry.dataloader import DataLoader

from services.common.mongo import Document
from services.common.store import Aggregate, AggregateStore

from ..domain.research_application import ResearchApplication
from ..domain.research_output import ResearchOutput
from ..projection import PersonView
from .context import TrainingInfo, repos

LinkKey = Literal["partnership_ids", "network_ids"]
G = TypeVar("G", bound=Aggregate)


def research_application_loader(info: TrainingInfo) -> DataLoader[str, ResearchApplication | None]:
    return info.context.loader("research_applications", repos(info).research_applications.get_many)


def person_view_loader(info: TrainingInfo) -> DataLoader[str, PersonView | None]:
    """What training knows of people (their organisation), by id."""
    return info.context.loader("person_views", repos(info).people.get_many)


def research_output_loader(info: TrainingInfo) -> DataLoader[str, ResearchOutput | None]:
    return info.context.loader("research_outputs", repos(info).research_outputs.get_many)


async def _grouped(
    store: AggregateStore[G],
    ids: Sequence[str],
    query: Callable[[list[str]], Document],
    sort: list[tuple[str, int]],
    keys: Callable[[G], Iterable[str]],
) -> dict[str, list[G]]:
    """The aggregates that `query` finds for the ids, in `sort` order, under each of the ids
    among their `keys`."""
    wanted = list(dict.fromkeys(ids))
    found: dict[str, list[G]] = defaultdict(list)
    async for doc in store.collection.find(query(wanted)).sort(sort):
        aggregate = store.load(doc)
        for key in keys(aggregate):
            if key in wanted:
                found[key].append(aggregate)
    return {i: found[i] for i in wanted}


def applications_linked_loader(
    info: TrainingInfo, key: LinkKey
) -> DataLoader[str, list[ResearchApplication] | None]:
    """Submitted applications naming the partnership or network, by case number."""

    async def load(ids: Sequence[str]) -> dict[str, list[ResearchApplication]]:
        return await _grouped(
            repos(info).research_applications,
            ids,
            lambda wanted: {key: {"$in": wanted}, "case_number": {"$type": "string"}},
            [("case_number", 1)],
            lambda application: getattr(application, key),
        )

    return info.context.loader(f"research_by_{key}", load)


def outputs_linked_loader(
    info: TrainingInfo, key: LinkKey
) -> DataLoader[str, list[ResearchOutput] | None]:
    async def load(ids: Sequence[str]) -> dict[str, list[ResearchOutput]]:
        return await _grouped(
            repos(info).research_outputs,
            ids,
            lambda wanted: {key: {"$in": wanted}},
            [("published_on", 1), ("_id", 1)],
            lambda output: getattr(output, key),
        )

    return info.context.loader(f"outputs_by_{key}", load)


def applications_of_person_loader(
    info: TrainingInfo,
) -> DataLoader[str, list[ResearchApplication] | None]:
    """Applications where the person is principal investigator or co-applicant."""

    async def load(ids: Sequence[str]) -> dict[str, list[ResearchApplication]]:
        return await _grouped(
            repos(info).research_applications,
            ids,
            lambda wanted: {
                "$or": [
                    {"principal_investigator_id": {"$in": wanted}},
                    {"co_applicant_ids": {"$in": wanted}},
                ]
            },
            [("created_at", 1), ("_id", 1)],
            lambda application: application.applicants,
        )

    return info.context.loader("research_of_people", load)
