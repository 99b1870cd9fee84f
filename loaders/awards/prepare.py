"""From validated rows to the enterprises, projects and awards they describe, with their uids.

Identity is decided here, row by row and without the database: an enterprise's uid comes
from its credit code, or from its city and name key (`enterprises.enterprise_uid`); a
project's from its enterprise and name key; an award's from its project, program, year
and batch. The same award listed twice in a file is loaded once; listed twice with
different amounts it is a contradiction, and the later row is rejected.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from loaders.awards.enterprises import enterprise_uid
from loaders.awards.names import NameKeys
from loaders.awards.resolve import NewPark, Resolver
from loaders.awards.rows import AwardRow, validate_award_rows, validate_selection_rows
from loaders.awards.table import UNREADABLE_ROW
from loaders.identity import stable_uid
from loaders.matcher import matching_key

_LINE_BREAKS = str.maketrans({"\t": " ", "\r": " ", "\n": " "})
_SHARED_TEXTS = 10_000  # distinct batches and sources remembered; a list that never repeats one gains nothing


@lru_cache(maxsize=256)
def _batch_key(batch: str) -> str:
    return matching_key(batch)


def _one_line(text: str) -> str:
    """Text without tabs or line breaks (a quoted CSV cell may hold them): the writer's lines split on tabs."""
    return text if text.isprintable() else text.translate(_LINE_BREAKS)


@dataclass(frozen=True)
class RowProblem:
    """One reason a row was rejected; `column` is the header as the file writes it."""

    source: str
    row: int
    column: str
    value: str
    reason: str

    def describe(self) -> str:
        shown = f" ({self.value!r})" if self.value else ""
        return f"{self.source}, row {self.row}, column {self.column}{shown}: {self.reason}"


class PreparedAward(NamedTuple):
    """One valid award row with its identities. A named tuple: chunks of these cross from the
    preparing process to the writer, and tuples pickle several times faster than objects."""

    row: int
    enterprise_uid: str
    enterprise_name: str
    enterprise_key: str
    credit_code: str | None
    city_uid: str
    province_uid: str | None
    park_uid: str | None
    project_uid: str
    project_name: str
    project_key: str
    award_uid: str
    program_uid: str
    level: str
    amount_wan: float
    year: int
    batch: str | None
    source: str
    focus_area_uid: str | None


@dataclass
class PreparedChunk:
    awards: list[PreparedAward] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    rejected_rows: int = 0
    repeated_rows: int = 0
    new_parks: list[NewPark] = field(default_factory=list)

    def __reduce__(self) -> tuple[Any, ...]:
        # Named tuples pickle through their class, about seven times slower than plain ones.
        return _unpickle_chunk, ([tuple(award) for award in self.awards], self.problems, self.rejected_rows,
                                 self.repeated_rows, self.new_parks)

    def extend(self, other: PreparedChunk) -> None:
        self.awards.extend(other.awards)
        self.problems.extend(other.problems)
        self.rejected_rows += other.rejected_rows
        self.repeated_rows += other.repeated_rows
        self.new_parks.extend(other.new_parks)


def _unpickle_chunk(awards: list[tuple[Any, ...]], problems: list[RowProblem], rejected_rows: int,
                    repeated_rows: int, new_parks: list[NewPark]) -> PreparedChunk:
    named = tuple.__new__
    return PreparedChunk([named(PreparedAward, award) for award in awards], problems, rejected_rows, repeated_rows,
                         new_parks)


class AwardPreparer:
    """Validates rows and derives identities, chunk by chunk; chunks need not come in file order
    (`RepeatedAwards` screens them afterwards, in order)."""

    def __init__(self, resolver: Resolver, keys: NameKeys, source: str, headers: dict[str, str],
                 default_source: str) -> None:
        self.resolver = resolver
        self.keys = keys
        self.source = source
        self.headers = headers
        self.default_source = default_source
        self._parks_reported: set[str] = set()
        # A list repeats its batches and sources on every row: one string each makes the chunks
        # pickle a fifth smaller (and faster) on their way to the writer.
        self._repeated_texts: dict[str, str] = {}

    def prepare(self, rows: Iterable[tuple[int, dict[str, str]]]) -> PreparedChunk:
        readable, unreadable = _split_unreadable(self.source, rows)
        chunk = PreparedChunk(problems=unreadable, rejected_rows=len(unreadable))
        validated = validate_award_rows([cells for _, cells in readable], self.resolver)
        for (number, cells), row in zip(readable, validated, strict=True):
            if isinstance(row, list):
                chunk.rejected_rows += 1
                chunk.problems.extend(self._problems(number, cells, row))
            elif (award := self._award(number, row, cells, chunk)) is not None:
                chunk.awards.append(award)
        if unreadable:  # reported first
            chunk.problems.sort(key=lambda problem: problem.row)  # stable: a row's problems keep their order
        for uid, park in self.resolver.new_parks.items():
            if uid not in self._parks_reported:
                self._parks_reported.add(uid)
                chunk.new_parks.append(park)
        return chunk

    def _award(self, number: int, row: AwardRow, cells: dict[str, str], chunk: PreparedChunk) -> PreparedAward | None:
        enterprise_key = self.keys.enterprise_key(row.enterprise_name)
        if not enterprise_key:
            chunk.rejected_rows += 1
            chunk.problems.extend(self._problems(number, cells, [("enterprise_name", "names no enterprise")]))
            return None
        city = self.resolver.cities[row.city]
        program = self.resolver.programs[row.program]
        ent_uid = enterprise_uid(row.credit_code, city.uid, enterprise_key)
        project_key = self.keys.project_key(row.project_name)
        project_uid = stable_uid("prj", ent_uid, project_key)
        batch = row.batch
        award_uid = stable_uid("awd", project_uid, program.uid, str(row.year), _batch_key(batch) if batch else "")
        return PreparedAward(
            number, ent_uid, _one_line(row.enterprise_name), enterprise_key, row.credit_code, city.uid,
            city.province_uid, row.park, project_uid, _one_line(row.project_name), project_key, award_uid,
            program.uid, program.level, row.amount_wan, row.year, self._shared(batch) if batch else None,
            self._shared(row.source or self.default_source), row.focus_area)

    def _shared(self, text: str) -> str:
        """The text on one line, the same string object for every row that repeats it."""
        shared = self._repeated_texts.get(text)
        if shared is None:
            shared = _one_line(text)
            if len(self._repeated_texts) < _SHARED_TEXTS:
                self._repeated_texts[text] = shared
        return shared

    def _problems(self, number: int, cells: dict[str, str], problems: list[tuple[str, str]]) -> list[RowProblem]:
        return _row_problems(self.source, self.headers, number, cells, problems)


class RepeatedAwards:
    """The same award listed twice in a list is loaded once; listed again with a different amount
    it is a contradiction, and the later row is rejected. Screens prepared chunks in file order."""

    def __init__(self, source: str, headers: dict[str, str]) -> None:
        self.source = source
        self.amount_header = headers.get("amount_wan", "amount_wan")
        self._seen: dict[str, tuple[int, float]] = {}  # award uid -> (row, amount): a million of these

    def screen(self, chunk: PreparedChunk) -> PreparedChunk:
        kept: list[PreparedAward] = []
        problems = len(chunk.problems)
        for award in chunk.awards:
            seen = self._seen.get(award.award_uid)
            if seen is None:
                self._seen[award.award_uid] = (award.row, award.amount_wan)
                kept.append(award)
                continue
            seen_row, seen_amount = seen
            if seen_amount == award.amount_wan:
                chunk.repeated_rows += 1  # the same award listed again: nothing new
            else:
                chunk.rejected_rows += 1
                chunk.problems.append(RowProblem(
                    self.source, award.row, self.amount_header, f"{award.amount_wan:g}",
                    f"repeats the award of row {seen_row} (same enterprise, project, program, year and batch) "
                    f"with a different amount ({seen_amount:g} 万元)"))
        if len(chunk.problems) > problems:
            chunk.problems.sort(key=lambda problem: problem.row)  # stable: a row's problems keep their order
        chunk.awards = kept
        return chunk


def _row_problems(source: str, headers: dict[str, str], number: int, cells: dict[str, str],
                  problems: list[tuple[str, str]]) -> list[RowProblem]:
    """A row's (column, reason) problems, each naming the column as the file's header does."""
    return [RowProblem(source, number, headers.get(column, column), cells.get(column, ""), reason)
            for column, reason in problems]


def _split_unreadable(source: str, rows: Iterable[tuple[int, dict[str, str]]]
                      ) -> tuple[list[tuple[int, dict[str, str]]], list[RowProblem]]:
    """The rows the table reader split into cells, and the problems of those it could not."""
    readable: list[tuple[int, dict[str, str]]] = []
    unreadable: list[RowProblem] = []
    for number, cells in rows:
        reason = cells.get(UNREADABLE_ROW)
        if reason is None:
            readable.append((number, cells))
        else:
            unreadable.append(RowProblem(source, number, UNREADABLE_ROW, "", reason))
    return readable, unreadable


@dataclass(frozen=True)
class PreparedSelection:
    row: int
    city_uid: str
    program_uid: str
    year: int
    batch: str | None
    source: str


def prepare_selections(rows: Iterable[tuple[int, dict[str, str]]], resolver: Resolver, source: str,
                       headers: dict[str, str], default_source: str
                       ) -> tuple[list[PreparedSelection], list[RowProblem], int]:
    """Valid selections, the problems of the others, and how many rows were rejected."""
    selections: list[PreparedSelection] = []
    readable, problems = _split_unreadable(source, rows)
    rejected = len(problems)
    validated = validate_selection_rows([cells for _, cells in readable], resolver)
    for (number, cells), row in zip(readable, validated, strict=True):
        if isinstance(row, list):
            rejected += 1
            problems.extend(_row_problems(source, headers, number, cells, row))
            continue
        selections.append(PreparedSelection(number, row.city, row.program, row.year, row.batch,
                                            row.source or default_source))
    problems.sort(key=lambda problem: problem.row)  # stable: a row's problems keep their order
    return selections, problems, rejected
