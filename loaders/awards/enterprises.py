"""Which records name the same enterprise.

The credit code decides when a record has one: the same code is the same enterprise
(whatever the name says), different codes are different enterprises (even with the
same name). A record without a code is identified by its name key within its city (the
block): every code-less record of 华泰精密机械 in 临沂市 is one enterprise.

Whether that code-less enterprise is one of the coded ones is a guess, so it is never
decided here: the pair is kept as a candidate link with a score and the reasons, and
whoever uses it (the audit) weighs its findings by the score. Candidates are enterprises
of the same city whose name keys are equal, or differ in one character, where at least
one side has no code.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections import defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import combinations
from typing import NamedTuple

from loaders.awards.collector import loading_collector
from loaders.identity import stable_uid

# A code-less record with the same name key as one coded enterprise of its city.
SAME_NAME_SCORE = 0.9
# Name keys one character apart (a typo, a dropped character): plausible, far from sure.
NEAR_NAME_SCORE = 0.6
# Shorter keys differ in one character too easily (华泰 / 华秦) to say anything.
NEAR_NAME_MIN_LENGTH = 5
# From this many records on, candidates are found in another process (starting one costs about a second).
SEPARATE_PROCESS_RECORDS = 50_000


def enterprise_uid(credit_code: str | None, city_uid: str, name_key: str) -> str:
    if credit_code:
        return stable_uid("ent", credit_code)
    return stable_uid("ent", city_uid, name_key)


class EnterpriseRecord(NamedTuple):
    uid: str
    city_uid: str
    name_key: str
    credit_code: str | None


@dataclass(frozen=True)
class CandidateLink:
    """Two enterprise nodes that may be one enterprise; `source` < `target` by uid."""

    source: str
    target: str
    score: float
    reasons: tuple[str, ...]


_SEPARATOR = "\x1f"  # in no uid, name key or credit code (checked when joining)


class EnterpriseRecords:
    """Enterprise records kept as four columns: uids, city uids, name keys, credit codes.

    They cross to the process that finds candidate links as four joined texts: pickled as
    tuples of strings, the half a million records of a million-award list cost the loader
    0.7 s and the other process 0.3 s, at the end of the load, when the store waits for
    both; joined, 0.2 s each.
    """

    def __init__(self, uids: list[str], city_uids: list[str], name_keys: list[str],
                 credit_codes: list[str | None]) -> None:
        self.uids = uids
        self.city_uids = city_uids
        self.name_keys = name_keys
        self.credit_codes = credit_codes

    @classmethod
    def of(cls, records: Iterable[EnterpriseRecord]) -> EnterpriseRecords:
        columns = cls([], [], [], [])
        for record in records:
            columns.append(record)
        return columns

    def append(self, record: EnterpriseRecord) -> None:
        self.uids.append(record.uid)
        self.city_uids.append(record.city_uid)
        self.name_keys.append(record.name_key)
        self.credit_codes.append(record.credit_code)

    def __len__(self) -> int:
        return len(self.uids)

    def __iter__(self) -> Iterator[EnterpriseRecord]:
        return map(EnterpriseRecord, self.uids, self.city_uids, self.name_keys, self.credit_codes)

    def __reduce__(self) -> tuple[object, ...]:
        codes = [code or "" for code in self.credit_codes]
        joined = [_SEPARATOR.join(column) for column in (self.uids, self.city_uids, self.name_keys, codes)]
        if any(text.count(_SEPARATOR) != max(len(self) - 1, 0) for text in joined):
            return EnterpriseRecords, (self.uids, self.city_uids, self.name_keys, self.credit_codes)
        return _split_records, (len(self), *joined)


def _split_records(count: int, uids: str, city_uids: str, name_keys: str, codes: str) -> EnterpriseRecords:
    def column(text: str) -> list[str]:
        return text.split(_SEPARATOR) if count else []

    return EnterpriseRecords(column(uids), column(city_uids), column(name_keys),
                             [code or None for code in column(codes)])


async def find_candidate_links(records: EnterpriseRecords | list[EnterpriseRecord], city_names: dict[str, str]
                               ) -> list[CandidateLink]:
    """`candidate_links`, in another process for many records, so that the caller's event loop
    (and the statements it is sending) goes on meanwhile."""
    if len(records) < SEPARATE_PROCESS_RECORDS:
        return candidate_links(records, city_names)
    columns = records if isinstance(records, EnterpriseRecords) else EnterpriseRecords.of(records)
    # spawn, not fork: the caller runs an event loop and threads that a fork would copy
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return await asyncio.get_running_loop().run_in_executor(pool, _candidate_links_apart, columns, city_names)


def _candidate_links_apart(records: EnterpriseRecords, city_names: dict[str, str]) -> list[CandidateLink]:
    with loading_collector():
        return candidate_links(records, city_names)


def candidate_links(records: Iterable[EnterpriseRecord], city_names: dict[str, str]) -> list[CandidateLink]:
    by_city: dict[str, dict[str, EnterpriseRecord]] = defaultdict(dict)
    for record in records:
        by_city[record.city_uid].setdefault(record.uid, record)
    links: dict[tuple[str, str], CandidateLink] = {}
    for city_uid, enterprises in by_city.items():
        city = city_names.get(city_uid, city_uid)
        for link in _links_in_block(list(enterprises.values()), city):
            key = (link.source, link.target)
            if key not in links or links[key].score < link.score:
                links[key] = link
    return sorted(links.values(), key=lambda link: (link.source, link.target))


def _links_in_block(records: list[EnterpriseRecord], city: str) -> Iterator[CandidateLink]:
    by_key: dict[str, list[EnterpriseRecord]] = defaultdict(list)
    for record in records:
        by_key[record.name_key].append(record)
    for key, group in by_key.items():
        if len(group) == 1:
            continue  # most keys: one enterprise, nothing to link under the same name
        coded = [r for r in group if r.credit_code]
        for nameless in (r for r in group if not r.credit_code):
            for other in coded:
                reasons = [f"same name key {key!r} in {city}", "one record has no credit code"]
                if len(coded) > 1:
                    reasons.append(f"{len(coded)} enterprises with different credit codes carry this name")
                yield _link(nameless, other, SAME_NAME_SCORE / len(coded), reasons)
    yield from _near_name_links(by_key, city)


def _near_name_links(by_key: dict[str, list[EnterpriseRecord]], city: str) -> Iterator[CandidateLink]:
    # Keys one edit apart share a key with one character deleted, or one is the other with a
    # character deleted (symmetric deletion). Two coded records are never linked, so only the
    # keys of code-less records are indexed, and every key of the city looks itself up there:
    # no pair of keys is compared that could not give a link.
    uncoded = {key for key, records in by_key.items()
               if len(key) >= NEAR_NAME_MIN_LENGTH and any(not r.credit_code for r in records)}
    if not uncoded:
        return
    deletions: dict[str, set[str]] = defaultdict(set)
    for key in uncoded:
        deletions[key].add(key)  # a longer key less one character may be this key
        for variant in _one_deleted(key):
            deletions[variant].add(key)
    indexed = deletions.keys()
    seen: set[tuple[str, str]] = set()
    find = deletions.get
    for key in by_key:
        if len(key) < NEAR_NAME_MIN_LENGTH:
            continue
        # a shorter uncoded key that is this key less one; the same deletion; this key less one uncoded
        variants = _one_deleted(key)
        if key not in indexed and indexed.isdisjoint(variants):
            continue  # most keys: nothing one character away
        found = [hit for hit in (find(key), *map(find, variants)) if hit]
        others = set().union(*found)
        others.discard(key)
        for other_key in others:
            pair = (min(key, other_key), max(key, other_key))
            if pair not in seen:
                seen.add(pair)
                yield from _near_pair(by_key[pair[0]], by_key[pair[1]], city)


def _near_pair(first: list[EnterpriseRecord], second: list[EnterpriseRecord], city: str) -> Iterator[CandidateLink]:
    for a in first:
        for b in second:
            if a.credit_code and b.credit_code:
                continue  # two codes: two enterprises, however alike the names
            codes = "one record has no credit code" if a.credit_code or b.credit_code else "neither has a credit code"
            reasons = [f"names differ in one character: {a.name_key!r} / {b.name_key!r}, in {city}", codes]
            yield _link(a, b, NEAR_NAME_SCORE, reasons)


def _one_deleted(key: str) -> list[str]:
    """The key less one character, each way (the order of the characters kept)."""
    return list(map("".join, combinations(key, len(key) - 1)))


def _link(a: EnterpriseRecord, b: EnterpriseRecord, score: float, reasons: list[str]) -> CandidateLink:
    source, target = sorted((a.uid, b.uid))
    return CandidateLink(source, target, round(score, 3), tuple(reasons))
