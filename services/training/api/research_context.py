"""Per-request loaders of research: one query per collection, whatever the number of keys."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Literal

from strawberry.dataloader import DataLoader

from ..domain.research_application import ResearchApplication
from ..domain.research_output import ResearchOutput
from ..projection import PersonView
from .context import TrainingInfo, repos

LinkKey = Literal["partnership_ids", "network_ids"]


def research_application_loader(info: TrainingInfo) -> DataLoader[str, ResearchApplication | None]:
    return info.context.loader("research_applications", repos(info).research_applications.get_many)


def person_view_loader(info: TrainingInfo) -> DataLoader[str, PersonView | None]:
    """What training knows of people (their organisation), by id."""
    return info.context.loader("person_views", repos(info).people.get_many)


def research_output_loader(info: TrainingInfo) -> DataLoader[str, ResearchOutput | None]:
    return info.context.loader("research_outputs", repos(info).research_outputs.get_many)


def applications_linked_loader(
    info: TrainingInfo, key: LinkKey
) -> DataLoader[str, list[ResearchApplication] | None]:
    """Submitted applications naming the partnership or network, by case number."""

    async def load(ids: Sequence[str]) -> dict[str, list[ResearchApplication]]:
        store = repos(info).research_applications
        wanted = list(dict.fromkeys(ids))
        found: dict[str, list[ResearchApplication]] = defaultdict(list)
        query = {key: {"$in": wanted}, "case_number": {"$type": "string"}}
        async for doc in store.collection.find(query).sort([("case_number", 1)]):
            application = store.load(doc)
            for linked in getattr(application, key):
                if linked in wanted:
                    found[linked].append(application)
        return {i: found[i] for i in wanted}

    return info.context.loader(f"research_by_{key}", load)


def outputs_linked_loader(
    info: TrainingInfo, key: LinkKey
) -> DataLoader[str, list[ResearchOutput] | None]:
    async def load(ids: Sequence[str]) -> dict[str, list[ResearchOutput]]:
        store = repos(info).research_outputs
        wanted = list(dict.fromkeys(ids))
        found: dict[str, list[ResearchOutput]] = defaultdict(list)
        async for doc in store.collection.find({key: {"$in": wanted}}).sort(
            [("published_on", 1), ("_id", 1)]
        ):
            output = store.load(doc)
            for linked in getattr(output, key):
                if linked in wanted:
                    found[linked].append(output)
        return {i: found[i] for i in wanted}

    return info.context.loader(f"outputs_by_{key}", load)


def applications_of_person_loader(
    info: TrainingInfo,
) -> DataLoader[str, list[ResearchApplication] | None]:
    """Applications where the person is principal investigator or co-applicant."""

    async def load(ids: Sequence[str]) -> dict[str, list[ResearchApplication]]:
        store = repos(info).research_applications
        wanted = list(dict.fromkeys(ids))
        found: dict[str, list[ResearchApplication]] = defaultdict(list)
        query = {
            "$or": [
                {"principal_investigator_id": {"$in": wanted}},
                {"co_applicant_ids": {"$in": wanted}},
            ]
        }
        async for doc in store.collection.find(query).sort([("created_at", 1), ("_id", 1)]):
            application = store.load(doc)
            for person_id in application.applicants:
                if person_id in wanted:
                    found[person_id].append(application)
        return {i: found[i] for i in wanted}

    return info.context.loader("research_of_people", load)
