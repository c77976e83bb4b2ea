"""Case numbers `YYYY-NNNN` (e.g. `2016-0033`): a sequence per year of submission.

Gaps are acceptable, duplicates are not: the counters that give the numbers are in
repositories.py (`CaseNumbers`).
"""

from __future__ import annotations

import re

CASE_NUMBER = re.compile(r"^(\d{4})-(\d{4,})$")


def format_case_number(year: int, sequence: int) -> str:
    """`2025-0007`; the sequence is zero padded to four digits (and grows past 9999)."""
    return f"{year:04d}-{sequence:04d}"
