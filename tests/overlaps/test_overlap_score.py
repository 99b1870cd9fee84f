"""The overlap score and the item matching, on items built by hand: the properties the API promises."""

from __future__ import annotations

import itertools

import pytest

from graph.overlap_score import Item, ItemKind, Profile, Term, item_matches, overlap_score, related

GREEN = Term("theme-green-manufacturing", "绿色制造")
SMART = Term("theme-smart-manufacturing", "智能制造")


def theme(uid: str, name: str, *broader: Term) -> Item:
    return Item("THEME", Term(uid, name), {term.uid: term for term in broader})


def item(kind: ItemKind, uid: str) -> Item:
    return Item(kind, Term(uid, uid))


def profile(*items: Item) -> Profile:
    return {i.key: i for i in items}


FACTORIES = theme("theme-green-factories", "绿色工厂", GREEN)
SUPPLY = theme("theme-green-supply-chains", "绿色供应链", GREEN)
GREEN_ROOT = theme(GREEN.uid, GREEN.name)
REMOTE = theme("theme-remote-operation-maintenance", "远程运维", SMART)
INTEREST = item("INSTRUMENT", "ins-interest-subsidy")
MACHINERY = item("INDUSTRY", "ind-machinery")

PROFILES = [
    profile(FACTORIES, REMOTE, INTEREST),
    profile(SUPPLY, INTEREST),
    profile(GREEN_ROOT, MACHINERY),
    profile(REMOTE),
    profile(MACHINERY, INTEREST, SUPPLY, REMOTE),
    profile(item("FOCUS_AREA", "fa-servo-drives")),
    profile(),
]


def test_identical_items_weigh_one_and_related_items_half() -> None:
    # union {绿色工厂, 远程运维, 贴息, 绿色供应链}: 贴息 is shared (1), 绿色工厂 and 绿色供应链 are
    # related through 绿色制造 (½ each), 远程运维 relates to nothing on the other side (0).
    assert overlap_score(PROFILES[0], PROFILES[1]) == pytest.approx((1 + 0.5 + 0.5) / 4)


def test_an_item_and_its_broader_item_are_related() -> None:
    assert related(FACTORIES, GREEN_ROOT) and related(GREEN_ROOT, FACTORIES)
    assert overlap_score(profile(FACTORIES), profile(GREEN_ROOT)) == pytest.approx(0.5)


def test_items_of_different_kinds_or_trees_are_not_related() -> None:
    assert not related(FACTORIES, REMOTE)
    assert not related(FACTORIES, Item("FOCUS_AREA", SUPPLY.term, SUPPLY.broader))
    assert not related(FACTORIES, FACTORIES)


@pytest.mark.parametrize(("a", "b"), list(itertools.combinations_with_replacement(range(len(PROFILES)), 2)))
def test_scores_are_symmetric_and_between_zero_and_one(a: int, b: int) -> None:
    forth, back = overlap_score(PROFILES[a], PROFILES[b]), overlap_score(PROFILES[b], PROFILES[a])
    assert forth == back
    assert 0.0 <= forth <= 1.0


def test_one_only_for_the_same_items_and_zero_only_for_nothing_in_common() -> None:
    assert overlap_score(PROFILES[4], dict(PROFILES[4])) == 1.0
    assert overlap_score(PROFILES[3], PROFILES[2]) == 0.0
    assert overlap_score(PROFILES[5], PROFILES[0]) == 0.0
    assert overlap_score(PROFILES[6], PROFILES[6]) == 0.0
    assert list(item_matches(PROFILES[3], PROFILES[2])) == []


def test_matches_explain_every_item_that_counts() -> None:
    found = list(item_matches(PROFILES[0], PROFILES[1]))
    assert [(m.match, m.item.term.name, m.other_item.term.name) for m in found] == [
        ("EXACT", INTEREST.term.name, INTEREST.term.name),
        ("RELATED", "绿色工厂", "绿色供应链"),
    ]
    assert found[1].via == GREEN


def test_an_item_related_only_to_shared_items_is_paired_with_the_nearest() -> None:
    found = list(item_matches(profile(FACTORIES, GREEN_ROOT), profile(GREEN_ROOT, SUPPLY)))
    assert [(m.match, m.item.term.name, m.other_item.term.name) for m in found] == [
        ("EXACT", "绿色制造", "绿色制造"),
        ("RELATED", "绿色工厂", "绿色供应链"),
    ]
    found = list(item_matches(profile(FACTORIES, GREEN_ROOT), profile(GREEN_ROOT)))
    assert [(m.match, m.item.term.name, m.other_item.term.name, m.via) for m in found] == [
        ("EXACT", "绿色制造", "绿色制造", None),
        ("RELATED", "绿色工厂", "绿色制造", GREEN),
    ]
