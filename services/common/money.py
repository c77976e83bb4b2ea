"""Exact money: `Decimal` in Python and the API, integer minor units (int64) in MongoDB.

Rounding rule, stated once: amounts entered by people must already be exact in the
currency's minor unit (no rounding, a finer amount is refused); amounts computed by the
platform (currency conversion) are rounded half-to-even to the minor unit.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation, localcontext

import strawberry
from pydantic import BaseModel, ConfigDict

from .errors import BadUserInput
from .inputs import CheckedInput

BUDGET_CURRENCY = "SEK"
"""ICLD's money: budgets, caps, reports, disbursements and totals are in SEK (ISO 4217),
and a cost entered without a currency is in SEK."""

INT64_MAX = 2**63 - 1
_CONVERSION_DIGITS = 80
"""Enough for any amount input (< 10^18) times any rate or factor input (< 10^18)."""

MINOR_UNIT_EXPONENT: dict[str, int] = {
    # ISO 4217 currencies of the programme's countries and of Sweden's partners in Europe.
    "SEK": 2, "EUR": 2, "USD": 2, "GBP": 2, "NOK": 2, "DKK": 2,
    "KES": 2, "TZS": 2, "UGX": 0, "ZAR": 2, "BWP": 2, "ZMW": 2, "ZWG": 2,
    "COP": 2, "GTQ": 2, "BAM": 2, "RSD": 2, "UAH": 2, "GEL": 2, "MKD": 2,
    "MDL": 2, "TRY": 2, "IDR": 2, "CNY": 2, "VND": 0, "MZN": 2, "NAD": 2,
}  # fmt: skip


class Money(BaseModel):
    """An amount as stored: integer minor units of an ISO 4217 currency."""

    model_config = ConfigDict(frozen=True)

    minor: int
    currency: str

    @property
    def amount(self) -> Decimal:
        return Decimal(self.minor).scaleb(-MINOR_UNIT_EXPONENT[self.currency])

    def __add__(self, other: Money) -> Money:
        if other.currency != self.currency:
            raise ValueError(f"cannot add {other.currency} to {self.currency}")
        return Money(minor=self.minor + other.minor, currency=self.currency)


def currency_code(value: str, field: str = "currency") -> str:
    code = value.strip().upper()
    if code not in MINOR_UNIT_EXPONENT:
        raise BadUserInput(f"{value!r} is not a supported ISO 4217 currency", field=field)
    return code


def money(
    amount: Decimal, currency: str, field: str = "amount", *, allow_negative: bool = False
) -> Money:
    """An exact entered amount; refuses what is finer than the minor unit, never rounds."""
    code = currency_code(currency, f"{field}.currency")
    try:
        minor = amount.scaleb(MINOR_UNIT_EXPONENT[code])
        exact = minor == minor.to_integral_value()
    except InvalidOperation as exc:
        raise BadUserInput(f"{field} is not a number", field=field) from exc
    if not amount.is_finite() or not exact:
        raise BadUserInput(f"{field} has more decimals than {code} allows", field=field)
    if minor < 0 and not allow_negative:
        raise BadUserInput(f"{field} must not be negative", field=field)
    if abs(minor) > INT64_MAX:
        raise BadUserInput(f"{field} is too large", field=field)
    return Money(minor=int(minor), currency=code)


def round_minor(amount: Decimal, currency: str) -> Money:
    """A computed amount rounded half-to-even to the minor unit (conversions only); the caller
    checks that it fits (an int64), as it knows which input to blame."""
    # The default 28 digits fail (InvalidOperation) on a product of two large bounded inputs.
    with localcontext(prec=_CONVERSION_DIGITS):
        minor = amount.scaleb(MINOR_UNIT_EXPONENT[currency]).quantize(Decimal(1), ROUND_HALF_EVEN)
    return Money(minor=int(minor), currency=currency)


# Defined alike in several subgraphs: Federation 2 composes such value types only if
# each subgraph marks them shareable.
@strawberry.federation.type(
    name="Money", description="An exact amount of money in an ISO 4217 currency", shareable=True
)
class MoneyType:
    amount: Decimal
    currency: str

    @classmethod
    def of(cls, value: Money) -> MoneyType:
        return cls(amount=value.amount, currency=value.currency)


@strawberry.input(name="MoneyInput")
class MoneyInput(CheckedInput):
    amount: Decimal
    currency: str = BUDGET_CURRENCY
