"""One row of an award list or a selection list, validated.

Rows come from `loaders.awards.table` without their empty cells: an empty cell is an
absent value, so optional columns take their default and required ones are reported
missing.

Validation needs the vocabulary and the graph (is this a known program, a city, a park
of that city?), so the models read a `Resolver` from the validation context. A row that
fails is reported with each bad column and the reason; `row_problems` turns pydantic's
errors into that form.
"""

from __future__ import annotations

import math
import re
from datetime import date
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator, model_validator

from loaders.awards.credit_code import parse_credit_code
from loaders.awards.resolve import Resolver

EARLIEST_YEAR = 1990  # before the first lists of this kind were published
MAX_AMOUNT_WAN = 10_000_000  # 1,000 亿元: more than any single award; a larger number is a unit or typing error
_YEAR = re.compile(r"^\s*((?:19|20)\d{2})(?:\.0+)?\s*(?:年度?)?\s*$")
_AMOUNT_NOISE = re.compile(r"[,，\s]|万元$|万$")
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


@lru_cache(maxsize=1)
def latest_plausible_year() -> int:
    return date.today().year + 1  # next year's lists are published late in the current year


def _resolver(info: ValidationInfo) -> Resolver:
    # Rows are validated with context={"resolver": Resolver(...)}; a missing one is a programming error.
    resolver: Resolver = info.context["resolver"]  # type: ignore[index]
    return resolver


@lru_cache(maxsize=1024)
def parse_year(text: str) -> int:
    match = _YEAR.match(text.translate(_HALF_WIDTH))
    if match is None:
        raise ValueError(f"{text!r} is not a year")
    year = int(match.group(1))
    latest = latest_plausible_year()
    if not EARLIEST_YEAR <= year <= latest:
        raise ValueError(f"year {year} is not plausible (expected {EARLIEST_YEAR} to {latest})")
    return year


def parse_amount_wan(text: str) -> float:
    cleaned = _AMOUNT_NOISE.sub("", text.translate(_HALF_WIDTH))
    try:
        amount = float(cleaned)
    except ValueError:
        raise ValueError(f"{text!r} is not an amount in 万元") from None
    if math.isnan(amount) or math.isinf(amount):
        raise ValueError(f"{text!r} is not an amount in 万元")
    if amount < 0:
        raise ValueError(f"amount {text} is negative")
    if amount > MAX_AMOUNT_WAN:
        raise ValueError(f"amount {text} 万元 is implausibly large (more than {MAX_AMOUNT_WAN:,} 万元)")
    return int(amount) if amount.is_integer() else amount


class _Row(BaseModel):
    # No str_strip_whitespace: the table reader strips every cell, and stripping again costs
    # a sixth of the validation time of a million-row list.
    model_config = ConfigDict(frozen=True, extra="ignore")

    @field_validator("year", mode="before", check_fields=False)
    @classmethod
    def _year(cls, value: Any) -> int:
        return parse_year(str(value))

    @field_validator("program", check_fields=False)
    @classmethod
    def _program(cls, value: str, info: ValidationInfo) -> str:
        return _resolver(info).program(value)

    @field_validator("city", check_fields=False)
    @classmethod
    def _city(cls, value: str, info: ValidationInfo) -> str:
        return _resolver(info).city(value)


class AwardRow(_Row):
    """An award: which enterprise's project got how much from which program, when."""

    project_name: str
    enterprise_name: str
    credit_code: str | None = None
    program: str
    city: str
    park: str | None = None
    focus_area: str | None = None
    amount_wan: float
    year: int
    batch: str | None = None
    source: str | None = None

    @field_validator("credit_code")
    @classmethod
    def _credit_code(cls, value: str | None) -> str | None:
        return None if value is None else _checked_code(value)

    @field_validator("focus_area")
    @classmethod
    def _focus_area(cls, value: str | None, info: ValidationInfo) -> str | None:
        return None if value is None else _resolver(info).focus_area(value)

    @field_validator("amount_wan", mode="before")
    @classmethod
    def _amount(cls, value: Any) -> float:
        return parse_amount_wan(str(value))

    @model_validator(mode="after")
    def _park_in_city(self, info: ValidationInfo) -> AwardRow:
        # A park is only meaningful within its city, so it is resolved once the city is known.
        if self.park is not None:
            object.__setattr__(self, "park", _resolver(info).park(self.park, self.city))
        return self


class SelectionRow(_Row):
    """A city selected for a pilot program (试点城市) in a year and batch."""

    city: str
    program: str
    batch: str | None = None
    year: int
    source: str | None = None


@lru_cache(maxsize=1 << 19)
def _checked_code(text: str) -> str:
    # Cached: an enterprise's code recurs on each of its rows, anywhere in a list of a million.
    return parse_credit_code(text).value


def row_problems(error: ValidationError) -> list[tuple[str, str]]:
    """(column, reason) for every problem pydantic found in a row."""
    problems: list[tuple[str, str]] = []
    for item in error.errors(include_url=False):
        column = str(item["loc"][0]) if item["loc"] else "park"
        problems.append((column, _reason(item)))
    return problems


def _reason(item: Any) -> str:
    message = str(item["msg"])
    if item["type"] == "missing":
        return "is empty"
    if item["type"] in ("value_error", "assertion_error"):
        return message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return message
