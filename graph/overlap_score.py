"""How much two programs fund the same kind of work: matching their items and scoring the match.

A program's items are the themes, focus areas, industries and instruments documents link it
to. Two items match exactly when they are the same node, and are related when they are of the
same kind and one step apart in the taxonomy (BROADER): one is the other's broader item, or
both have a broader item in common (绿色工厂 and 绿色供应链, both 绿色制造).

The score is a weighted Jaccard index over the union of the two programs' items: an item both
programs have weighs 1, an item only one has weighs ½ when the other program has a related
item and 0 otherwise, and the score is the mean weight. It is symmetric in the two programs,
lies in [0, 1], is 1 only for identical item sets and 0 only when nothing matches or relates.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

ItemKind = Literal["THEME", "FOCUS_AREA", "INDUSTRY", "INSTRUMENT"]
MatchKind = Literal["EXACT", "RELATED"]

RELATED_WEIGHT = 0.5


@dataclass(frozen=True)
class Term:
    """A vocabulary node as an answer names it."""

    uid: str
    name: str
    name_en: str | None = None


@dataclass(frozen=True)
class Item:
    """One thing a program is linked to, with the broader items it sits under."""

    kind: ItemKind
    term: Term
    broader: Mapping[str, Term] = field(default_factory=dict)

    @property
    def key(self) -> tuple[ItemKind, str]:
        return self.kind, self.term.uid


Profile = Mapping[tuple[ItemKind, str], Item]


@dataclass(frozen=True)
class ItemMatch:
    """An item of one program matched with an item of the other, and for a related pair the
    broader item that relates them (one of the two, or their common broader item)."""

    kind: ItemKind
    match: MatchKind
    item: Item
    other_item: Item
    via: Term | None = None


def related(a: Item, b: Item) -> bool:
    if a.kind != b.kind or a.term.uid == b.term.uid:
        return False
    return b.term.uid in a.broader or a.term.uid in b.broader or not a.broader.keys().isdisjoint(b.broader)


def overlap_score(a: Profile, b: Profile) -> float:
    union = a.keys() | b.keys()
    if not union:
        return 0.0
    total = sum(_weight(key, a, b) for key in union)
    return total / len(union)


def _weight(key: tuple[ItemKind, str], a: Profile, b: Profile) -> float:
    if key in a and key in b:
        return 1.0
    own, other = (a, b) if key in a else (b, a)
    return RELATED_WEIGHT if any(related(own[key], item) for item in other.values()) else 0.0


def item_matches(a: Profile, b: Profile) -> Iterator[ItemMatch]:
    """Every item that counts toward the score, matched with the other program's item.

    First the items both programs have (EXACT). Then the related pairs of items each held by
    one program only (RELATED: 绿色工厂 ~ 绿色供应链). Last, an item whose only relations are
    to items both programs have is paired with the nearest of those (机器换人 ~ 智能制造), so
    that each half-weight item is explained once without listing every pair it is part of.
    """
    for key in sorted(a.keys() & b.keys(), key=lambda k: _order(a[k])):
        yield ItemMatch(key[0], "EXACT", a[key], b[key])
    only_a = [x for x in a.values() if x.key not in b]
    only_b = [y for y in b.values() if y.key not in a]
    explained: set[tuple[str, tuple[ItemKind, str]]] = set()
    for x, y in sorted(((x, y) for x in only_a for y in only_b if related(x, y)), key=_pair_order):
        explained.update({("a", x.key), ("b", y.key)})
        yield ItemMatch(x.kind, "RELATED", x, y, _via(x, y))
    shared_a = [a[key] for key in a.keys() & b.keys()]
    lonely: list[tuple[Item, Item]] = []
    for x in only_a:
        if ("a", x.key) not in explained and (nearest := _nearest(x, shared_a)) is not None:
            lonely.append((x, nearest))
    for y in only_b:
        if ("b", y.key) not in explained and (nearest := _nearest(y, shared_a)) is not None:
            lonely.append((nearest, y))
    for x, y in sorted(lonely, key=_pair_order):
        yield ItemMatch(x.kind, "RELATED", x, y, _via(x, y))


def _nearest(item: Item, candidates: Iterable[Item]) -> Item | None:
    """The related candidate one step away (broader or narrower) before one that is a sibling."""
    found = [c for c in candidates if related(item, c)]
    return min(found, key=lambda c: (_distance(item, c), _order(c)), default=None)


def _distance(a: Item, b: Item) -> int:
    return 1 if b.term.uid in a.broader or a.term.uid in b.broader else 2


def _pair_order(pair: tuple[Item, Item]) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    return _order(pair[0]), _order(pair[1])


def _via(a: Item, b: Item) -> Term:
    if b.term.uid in a.broader:
        return b.term
    if a.term.uid in b.broader:
        return a.term
    common = sorted(a.broader.keys() & b.broader.keys())
    return a.broader[common[0]]


_KIND_ORDER: dict[ItemKind, int] = {"THEME": 0, "FOCUS_AREA": 1, "INDUSTRY": 2, "INSTRUMENT": 3}


def _order(item: Item) -> tuple[int, str, str]:
    return _KIND_ORDER[item.kind], item.term.name, item.term.uid
