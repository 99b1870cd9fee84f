"""The truth file of a generated set, and how an audit is scored against it.

Findings are matched to planted cases by the rows of the list their two awards were read
from (`Award.sourceRow`), which the generator knows and the audit reports, so the score
does not depend on how the loader names nodes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class PlantedCase:
    kind: str
    expected: bool  # an overlap the audit must report; False for a look-alike it must not
    rows: list[int]
    note: str = ""

    def pair(self) -> frozenset[int]:
        return frozenset(self.rows)


@dataclass
class Truth:
    seed: int
    awards: int
    cases: list[PlantedCase] = field(default_factory=list)
    rejects: list[int] = field(default_factory=list)  # rows whose credit code is corrupted

    def expected(self) -> list[PlantedCase]:
        return [case for case in self.cases if case.expected]

    def look_alikes(self) -> list[PlantedCase]:
        return [case for case in self.cases if not case.expected]

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1), encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> Truth:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(seed=data["seed"], awards=data["awards"], cases=[PlantedCase(**case) for case in data["cases"]],
                   rejects=list(data["rejects"]))


@dataclass(frozen=True)
class Score:
    found: int
    true_positives: int
    planted: int
    recalled: int
    look_alikes_reported: int
    missed: list[PlantedCase]
    wrong_kind: list[tuple[PlantedCase, str]]
    unexpected: list[frozenset[int]]

    @property
    def precision(self) -> float:
        return self.true_positives / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.recalled / self.planted if self.planted else 1.0


def score_findings(truth: Truth, found: Iterable[tuple[frozenset[int], str]]) -> Score:
    """`found`: (the two source rows, the overlap kind) of each finding reported."""
    reported = dict(found)
    expected = {case.pair(): case for case in truth.expected()}
    look_alikes = {case.pair() for case in truth.look_alikes()}
    missed = [case for pair, case in expected.items() if pair not in reported]
    wrong_kind = [(case, reported[pair]) for pair, case in expected.items()
                  if pair in reported and reported[pair] != case.kind]
    unexpected = [pair for pair in reported if pair not in expected]
    return Score(
        found=len(reported), true_positives=len(reported) - len(unexpected), planted=len(expected),
        recalled=len(expected) - len(missed), look_alikes_reported=len(look_alikes & set(reported)),
        missed=missed, wrong_kind=wrong_kind, unexpected=unexpected,
    )
