"""A network's details changed, checked against its members: the period must still hold
every membership period, and every active member must keep a partner country in the
network. Apart from `network.py` because the rule reads both networks and memberships, and a
membership already knows its network."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from services.common.errors import BadUserInput
from services.common.validation import clean_text

from .membership import Membership
from .network import (
    DetailsChange,
    Network,
    NetworkEdit,
    check_countries,
    check_period,
    require_open,
)
from .partnership import Partnership


def change_details(
    actor: str,
    details: DetailsChange,
    *,
    memberships: Sequence[Membership],
    partnerships: Mapping[str, Partnership],
) -> NetworkEdit:
    """New details, checked against the network's mentors and every membership.

    `memberships` are all of the network's memberships and `partnerships` their partnerships,
    read just before: the period must still hold every membership period, and every active
    member must keep a partner country in the network.
    """
    name, countries, description = details.name, details.countries, details.description
    new_name = clean_text(name, "name") if name is not None else None
    new_countries = check_countries(countries) if countries is not None else None
    new_description = (
        clean_text(description, "description", max_length=2000, required=False)
        if description is not None
        else None
    )

    def apply(network: Network) -> None:
        require_open(network)
        first = details.starts_on or network.starts_on
        last = details.ends_on or network.ends_on
        check_period(first, last)
        _check_memberships_fit(first, last, memberships)
        if new_countries is not None:
            _check_countries_kept(network, new_countries, memberships, partnerships)
            network.countries = new_countries
        network.starts_on, network.ends_on = first, last
        if new_name is not None:
            network.name = new_name
        if new_description is not None:
            network.description = new_description
        network.record(actor, "details changed")

    return apply


def _check_memberships_fit(
    starts_on: date, ends_on: date, memberships: Sequence[Membership]
) -> None:
    for membership in memberships:
        for period in membership.periods:
            if period.joined_on < starts_on:
                raise BadUserInput(
                    f"partnership {membership.partnership_id!r} joined on "
                    f"{period.joined_on.isoformat()}, before the new start",
                    field="startsOn",
                )
            last_day = period.left_on or period.joined_on
            if last_day > ends_on:
                raise BadUserInput(
                    f"partnership {membership.partnership_id!r} is a member until "
                    f"{last_day.isoformat()}, after the new end",
                    field="endsOn",
                )


def _check_countries_kept(
    network: Network,
    countries: Sequence[str],
    memberships: Sequence[Membership],
    partnerships: Mapping[str, Partnership],
) -> None:
    for mentor in network.mentors:
        if mentor.country not in countries:
            raise BadUserInput(
                f"{mentor.country} has a national mentor: change the mentors first",
                field="countries",
            )
    for membership in memberships:
        view = partnerships.get(membership.partnership_id)
        if not membership.active or view is None:
            continue
        if not set(view.partner_countries) & set(countries):
            raise BadUserInput(
                f"partnership {membership.partnership_id!r} would have no partner country"
                " left in the network",
                field="countries",
            )
