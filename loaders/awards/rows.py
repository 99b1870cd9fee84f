"""The rows of an award list or a selection list, validated.

Rows come from `loaders.awards.table` without their empty cells: an empty cell is an
absent value, so optional columns take their default and required ones are reported
missing.

Validation is in two steps. Pydantic checks each cell on its own (required, a year, an
amount, a credit code); then the `Resolver` says what the program, city, park and focus
area cells name (a park only within its city). A row that fails either step is reported
with each bad column and the reason.

Every cell check is a cached function (a list repeats its years, amounts, codes and
program names thousands of times), called by pydantic without a Python frame in between:
validating a million rows takes seconds, not minutes.
"""

from __future__ import annotations

import math
import re
from datetime import date
from functools import lru_cache
from typing import Annotated, Any, NamedTuple, NotRequired

from pydantic import AfterValidator, BeforeValidator, TypeAdapter, ValidationError
from typing_extensions import TypedDict  # pydantic needs this TypedDict on Python 3.11

from loaders.awards.credit_code import normalised_code
from loaders.awards.resolve import Resolver, Unresolved

EARLIEST_YEAR = 1990  # before the first lists of this kind were published
MAX_AMOUNT_WAN = 10_000_000  # 1,000 亿元: more than any single award; a larger number is a unit or typing error
_YEAR = re.compile(r"^\s*((?:19|20)\d{2})(?:\.0+)?\s*(?:年度?)?\s*$")
_AMOUNT_NOISE = re.compile(r"[,，\s]|万元$|万$")
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}

Problems = list[tuple[str, str]]  # (column, reason)


@lru_cache(maxsize=1)
def latest_plausible_year() -> int:
    return date.today().year + 1  # next year's lists are published late in the current year


@lru_cache(maxsize=1024)
def parse_year(text: str) -> int:
    match = _YEAR.match(str(text).translate(_HALF_WIDTH))
    if match is None:
        raise ValueError(f"{text!r} is not a year")
    year = int(match.group(1))
    latest = latest_plausible_year()
    if not EARLIEST_YEAR <= year <= latest:
        raise ValueError(f"year {year} is not plausible (expected {EARLIEST_YEAR} to {latest})")
    return year


@lru_cache(maxsize=1 << 17)
def parse_amount_wan(text: str) -> float:
    cleaned = _AMOUNT_NOISE.sub("", str(text).translate(_HALF_WIDTH))
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


@lru_cache(maxsize=1 << 19)
def checked_credit_code(text: str) -> str:
    """The normalised code; cached, since an enterprise's code recurs on each of its rows."""
    return normalised_code(text)


Year = Annotated[int, BeforeValidator(parse_year)]
AmountWan = Annotated[float, BeforeValidator(parse_amount_wan)]
CreditCodeText = Annotated[str, AfterValidator(checked_credit_code)]


class AwardCells(TypedDict):
    """The cells of an award row, each valid on its own (names not yet resolved)."""

    project_name: str
    enterprise_name: str
    credit_code: NotRequired[CreditCodeText]
    program: str
    city: str
    park: NotRequired[str]
    focus_area: NotRequired[str]
    amount_wan: AmountWan
    year: Year
    batch: NotRequired[str]
    source: NotRequired[str]


class SelectionCells(TypedDict):
    """The cells of a pilot-city selection row: a city selected for a program in a year and batch."""

    city: str
    program: str
    batch: NotRequired[str]
    year: Year
    source: NotRequired[str]


class AwardRow(NamedTuple):
    """An award: which enterprise's project got how much from which program, when; program,
    city, park and focus area are uids."""

    project_name: str
    enterprise_name: str
    credit_code: str | None
    program: str
    city: str
    park: str | None
    focus_area: str | None
    amount_wan: float
    year: int
    batch: str | None
    source: str | None


class SelectionRow(NamedTuple):
    """A pilot-city selection; city and program are uids."""

    city: str
    program: str
    batch: str | None
    year: int
    source: str | None


_AWARD_CELLS = TypeAdapter(AwardCells)
_SELECTION_CELLS = TypeAdapter(SelectionCells)


def validate_award_rows(rows: list[dict[str, str]], resolver: Resolver) -> list[AwardRow | Problems]:
    """Each row validated and resolved, or its problems, in the order given."""
    results: list[AwardRow | Problems] = []
    for cells, checked in zip(rows, _validate_each(_AWARD_CELLS, rows), strict=True):
        if isinstance(checked, list):
            results.append(checked + _unresolved_names(cells, resolver))
            continue
        try:
            program = resolver.program(checked["program"])
            city = resolver.city(checked["city"])
        except Unresolved:
            results.append(_unresolved_names(cells, resolver))
            continue
        area = checked.get("focus_area")
        park = checked.get("park")
        try:
            area_uid = None if area is None else resolver.focus_area(area)
        except Unresolved as error:
            results.append([("focus_area", str(error))])
            continue
        try:
            park_uid = None if park is None else resolver.park(park, city)
        except Unresolved as error:
            results.append([("park", str(error))])
            continue
        results.append(AwardRow(checked["project_name"], checked["enterprise_name"], checked.get("credit_code"),
                                program, city, park_uid, area_uid, checked["amount_wan"], checked["year"],
                                checked.get("batch"), checked.get("source")))
    return results


def validate_selection_rows(rows: list[dict[str, str]], resolver: Resolver) -> list[SelectionRow | Problems]:
    """Each row validated and resolved, or its problems, in the order given."""
    results: list[SelectionRow | Problems] = []
    for cells, checked in zip(rows, _validate_each(_SELECTION_CELLS, rows), strict=True):
        problems = (checked if isinstance(checked, list) else []) + _unresolved_names(cells, resolver)
        if problems:
            results.append(problems)
            continue
        results.append(SelectionRow(resolver.city(checked["city"]), resolver.program(checked["program"]),
                                    checked.get("batch"), checked["year"], checked.get("source")))
    return results


def _validate_each(adapter: TypeAdapter[Any], rows: list[dict[str, str]]) -> list[Any]:
    """Pydantic's verdict on each row: its valid cells, or its problems (a list). Row by row: a
    chunk validated in one call fails whole for one bad row, and validating the others again
    cost twice as much as this loop."""
    validate = adapter.validate_python
    results: list[Any] = []
    for cells in rows:
        try:
            results.append(validate(cells))
        except ValidationError as error:
            results.append([(str(item["loc"][0]) if item["loc"] else "", _reason(item))
                            for item in error.errors(include_url=False)])
    return results


def _unresolved_names(cells: dict[str, str], resolver: Resolver) -> Problems:
    """What the program, city and focus area cells fail to name (parks need a valid city)."""
    problems: Problems = []
    for column, resolve in (("program", resolver.program), ("city", resolver.city),
                            ("focus_area", resolver.focus_area)):
        text = cells.get(column)
        if text is None:
            continue
        try:
            resolve(text)
        except Unresolved as error:
            problems.append((column, str(error)))
    return problems


def _reason(item: Any) -> str:
    message = str(item["msg"])
    if item["type"] == "missing":
        return "is empty"
    if item["type"] in ("value_error", "assertion_error"):
        return message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return message
