"""Vocabularies shared across services: themes and eligible cost categories."""

from __future__ import annotations

from enum import StrEnum


class Theme(StrEnum):
    """What partnerships and networks work on (ICLD's networks and core areas)."""

    GENDER_EQUALITY = "gender_equality"
    CLIMATE_ACTION = "climate_action"
    DEMOCRATIC_RESILIENCE = "democratic_resilience"
    CITIZEN_PARTICIPATION = "citizen_participation"
    TRANSPARENCY = "transparency"
    INCLUSION = "inclusion"
    YOUTH = "youth"
    LOCAL_ECONOMIC_DEVELOPMENT = "local_economic_development"


class CostCategory(StrEnum):
    """Eligible cost categories of a budget (docs/domain.md, Vocabularies)."""

    INTERNATIONAL_TRAVEL = "international_travel"
    LOCAL_TRAVEL = "local_travel"
    ACCOMMODATION = "accommodation"
    MEALS = "meals"
    VISA = "visa"
    VENUE = "venue"
    INTERPRETATION = "interpretation"
    CLIMATE_COMPENSATION = "climate_compensation"
    WORKING_HOURS = "working_hours"
