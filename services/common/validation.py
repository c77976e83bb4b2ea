"""Checks on user-supplied text shared by every service."""

from __future__ import annotations

import re
import unicodedata

from .errors import BadUserInput
from .text import refuse_spoofing


def clean_text(value: str, field: str, *, max_length: int = 200, required: bool = True) -> str:
    """Trimmed, NFC-normalised text; never empty (when required), never operator-like."""
    text = unicodedata.normalize("NFC", value).strip()
    if required and not text:
        raise BadUserInput(f"{field} must not be empty", field=field)
    if len(text) > max_length:
        raise BadUserInput(f"{field} is longer than {max_length} characters", field=field)
    if text.startswith("$"):
        raise BadUserInput(f"{field} must not start with '$'", field=field)
    # Inputs were checked as one-line or prose already (services.common.inputs); text that
    # reaches the domain another way is held to the lenient of the two rules.
    refuse_spoofing(text, field, multiline=True)
    return text


def search_pattern(value: str, field: str = "search") -> str:
    """A user search string as a literal, case-insensitive regex (never code)."""
    return re.escape(clean_text(value, field, max_length=100))
