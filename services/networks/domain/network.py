"""Thematic networks: partnerships on one theme, in some countries, for about four years.

"Selected partnerships start together and run in parallel for about 4 years, with extra
support, joint workshops and trainings" (docs/domain.md, Networks); the gender-equality network of
Colombia and Guatemala runs 2023–26 with national mentors per country.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from pydantic import BaseModel, Field

from services.common.audit import Audited
from services.common.countries import country_code
from services.common.errors import BadUserInput
from services.common.status_transitions import require_transition
from services.common.validation import clean_text
from services.common.vocabulary import Theme

MIN_YEARS = 3
MAX_YEARS = 5
"""A network runs "about four years" (docs/domain.md, Networks; the gender-equality
network 2023–26). One year either way is accepted: a network that starts in the autumn, or
is extended or cut short by a year, is still a network, while a period of one or two years is
a project (projects run 1–3 years), and ten years is a typo. The period is inclusive: a
network of 2023–2026 starts on 2023-01-01 and ends on 2026-12-31."""

MAX_COUNTRIES = 30
MAX_MENTORS = 50
"""Bounds the input; a network has a handful of countries and a mentor or two in each."""

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{4,24}$")


class NetworkStatus(StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    CLOSED = "closed"


STATUS_TRANSITIONS: Mapping[NetworkStatus, frozenset[NetworkStatus]] = {
    NetworkStatus.PLANNED: frozenset({NetworkStatus.ACTIVE, NetworkStatus.CLOSED}),
    NetworkStatus.ACTIVE: frozenset({NetworkStatus.CLOSED}),
    NetworkStatus.CLOSED: frozenset(),
}


class Mentor(BaseModel):
    """A national mentor: name and contact are personal data (staff only)."""

    country: str
    name: str
    affiliation: str
    """The organisation the mentor works for (a university, a CSO, a municipality)."""
    email: str
    phone: str | None = None


@dataclass(frozen=True)
class MentorInput:
    country: str
    name: str
    affiliation: str
    email: str
    phone: str | None = None


class Network(Audited):
    name: str
    theme: Theme
    countries: list[str]
    starts_on: date
    ends_on: date
    """Last day of the period (inclusive)."""
    description: str = ""
    status: NetworkStatus = NetworkStatus.PLANNED
    closed_on: date | None = None
    mentors: list[Mentor] = Field(default_factory=list)


NetworkEdit = Callable[[Network], None]
"""A change to a network, checked against its current state; the caller announces it."""


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def check_period(starts_on: date, ends_on: date) -> None:
    """Between MIN_YEARS and MAX_YEARS long, ends_on inclusive."""
    if ends_on < starts_on:
        raise BadUserInput("endsOn must not be before startsOn", field="endsOn")
    after_end = ends_on + timedelta(days=1)
    if not _add_years(starts_on, MIN_YEARS) <= after_end <= _add_years(starts_on, MAX_YEARS):
        raise BadUserInput(
            f"a network runs about four years: between {MIN_YEARS} and {MAX_YEARS} years "
            f"({starts_on.isoformat()} to {ends_on.isoformat()} is not)",
            field="endsOn",
        )


def check_countries(values: Sequence[str], field: str = "countries") -> list[str]:
    """ISO 3166-1 alpha-2 codes (XK accepted), upper-cased, each once, in the given order."""
    if not values:
        raise BadUserInput("a network spans at least one country", field=field)
    if len(values) > MAX_COUNTRIES:
        raise BadUserInput(f"at most {MAX_COUNTRIES} countries", field=field)
    return list(dict.fromkeys(country_code(v, field) for v in values))


def check_mentors(mentors: Sequence[MentorInput], countries: Sequence[str]) -> list[Mentor]:
    """Each mentor complete, and only for one of the network's countries."""
    if len(mentors) > MAX_MENTORS:
        raise BadUserInput(f"at most {MAX_MENTORS} mentors", field="mentors")
    checked = []
    for i, given in enumerate(mentors):
        at = f"mentors.{i}"
        country = country_code(given.country, f"{at}.country")
        if country not in countries:
            raise BadUserInput(
                f"{country} is not one of the network's countries ({', '.join(countries)}):"
                " mentors are national mentors of the network's countries",
                field=f"{at}.country",
            )
        email = clean_text(given.email, f"{at}.email", max_length=254)
        if not _EMAIL.match(email):
            raise BadUserInput(f"{email!r} is not an e-mail address", field=f"{at}.email")
        phone = clean_text(given.phone, f"{at}.phone", max_length=30) if given.phone else None
        if phone is not None and not _PHONE.match(phone):
            raise BadUserInput(f"{phone!r} is not a phone number", field=f"{at}.phone")
        checked.append(
            Mentor(
                country=country,
                name=clean_text(given.name, f"{at}.name"),
                affiliation=clean_text(given.affiliation, f"{at}.affiliation"),
                email=email,
                phone=phone,
            )
        )
    return checked


def create(
    network_id: str,
    *,
    name: str,
    theme: Theme,
    countries: Sequence[str],
    starts_on: date,
    ends_on: date,
    description: str,
    actor: str,
) -> Network:
    check_period(starts_on, ends_on)
    network = Network(
        id=network_id,
        version=1,
        name=clean_text(name, "name"),
        theme=theme,
        countries=check_countries(countries),
        starts_on=starts_on,
        ends_on=ends_on,
        description=clean_text(description, "description", max_length=2000, required=False),
    )
    network.record(actor, "created", to_status=network.status.value)
    return network


@dataclass(frozen=True)
class DetailsChange:
    """New details; None keeps the current value."""

    name: str | None = None
    countries: Sequence[str] | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    description: str | None = None


def change_status(
    actor: str, to_status: NetworkStatus, note: str | None, today: date
) -> NetworkEdit:
    clean_note = clean_text(note, "note", max_length=1000, required=False) if note else None

    def apply(network: Network) -> None:
        from_status = network.status
        require_transition("network", from_status, to_status, STATUS_TRANSITIONS)
        network.status = to_status
        if to_status is NetworkStatus.CLOSED:
            network.closed_on = today
        network.record(
            actor,
            "status changed",
            from_status=from_status.value,
            to_status=to_status.value,
            note=clean_note,
        )

    return apply


def set_mentors(actor: str, mentors: Sequence[MentorInput]) -> NetworkEdit:
    """Replaces the national mentors (checked against the countries of the current state)."""

    def apply(network: Network) -> None:
        require_open(network)
        network.mentors = check_mentors(mentors, network.countries)
        network.record(actor, "mentors changed", note=f"{len(network.mentors)} mentors")

    return apply


def require_open(network: Network) -> None:
    if network.status is NetworkStatus.CLOSED:
        raise BadUserInput("the network is closed", field="id")
