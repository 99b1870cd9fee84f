"""`programOverlaps` on the four seed documents, through the real app: which central programs fund
what Linyi's fund pays for, the clauses on both sides, and the rules against stacking."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from graph.cypher import statement
from graph.store import GraphStore
from tests.conftest import graphql

LINYI = "prog-linyi-intelligent-tech-upgrade-fund"
PILOT_2025 = "prog-manufacturing-tech-upgrade-pilot-cities"
SMART_2018 = "prog-smart-manufacturing-standardization"
GREEN_2018 = "prog-green-manufacturing-integration"
FUND_2018 = "prog-industrial-transformation-fund"
GUIDE_2018 = "工信厅联规〔2018〕36号"
NOTICE_2025 = "工信厅联规函〔2025〕108号"

CLAUSE = "path text policy { docNumber title }"
OVERLAPS = f"""
query($program: ID, $level: Level, $minScore: Float! = 0) {{
  programOverlaps(program: $program, level: $level, minScore: $minScore) {{
    program {{ id uid name level }}
    other {{ id uid name level }}
    score
    shared {{
      kind match item {{ uid name }} otherItem {{ uid name }} via {{ uid name }}
      programClauses {{ {CLAUSE} }} otherClauses {{ {CLAUSE} }}
    }}
    stackingRules {{ uid kind owner {{ uid }} forbidsStackingWith reasons clause {{ {CLAUSE} }} }}
  }}
}}
"""

Overlap = dict[str, Any]


async def overlaps(client: httpx.AsyncClient, **variables: object) -> list[Overlap]:
    body = await graphql(client, OVERLAPS, **variables)
    assert "errors" not in body, body
    found: list[Overlap] = body["data"]["programOverlaps"]  # type: ignore[index]
    return found


def with_other(found: list[Overlap], uid: str) -> Overlap:
    matches = [o for o in found if o["other"]["uid"] == uid]
    assert len(matches) == 1, [o["other"]["uid"] for o in found]
    return matches[0]


def shared(overlap: Overlap, match: str, item: str, other_item: str | None = None) -> dict[str, Any]:
    for entry in overlap["shared"]:
        if entry["match"] == match and entry["item"]["name"] == item and (
                other_item is None or entry["otherItem"]["name"] == other_item):
            return entry  # type: ignore[no-any-return]
    raise AssertionError(f"no {match} {item} ~ {other_item} in "
                         f"{[(e['match'], e['item']['name'], e['otherItem']['name']) for e in overlap['shared']]}")


def says(clauses: list[dict[str, Any]], words: str, doc_number: str | None = None) -> bool:
    return any(words in c["text"] and (doc_number is None or c["policy"]["docNumber"] == doc_number) for c in clauses)


async def test_linyi_overlaps_the_2018_smart_manufacturing_program_on_its_new_models(
        client: httpx.AsyncClient) -> None:
    found = await overlaps(client, program=LINYI)
    smart = with_other(found, SMART_2018)
    assert smart["program"]["level"] == "CITY" and smart["other"]["level"] == "CENTRAL"
    for theme, words_2018 in (("网络协同制造", "网络协同制造"), ("远程运维", "远程运维服务")):
        entry = shared(smart, "EXACT", theme)
        assert entry["kind"] == "THEME"
        assert says(entry["programClauses"], theme), entry["programClauses"]
        assert says(entry["otherClauses"], words_2018, GUIDE_2018), entry["otherClauses"]
        assert "二、(三) 2." in [c["path"] for c in entry["otherClauses"]]
        assert "第二章 第五条 1." in [c["path"] for c in entry["programClauses"]]


async def test_linyi_green_factories_meet_the_2018_green_supply_chains_through_green_manufacturing(
        client: httpx.AsyncClient) -> None:
    green = with_other(await overlaps(client, program=LINYI), GREEN_2018)
    entry = shared(green, "RELATED", "绿色工厂", "绿色供应链")
    assert entry["via"]["name"] == "绿色制造"
    assert [c["path"] for c in entry["programClauses"]] == ["第二章 第五条 2."]
    assert says(entry["programClauses"], "绿色工厂")
    assert [c["path"] for c in entry["otherClauses"]] == ["二、(二)"]
    assert says(entry["otherClauses"], "绿色供应链", GUIDE_2018)


async def test_linyi_overlaps_the_2025_pilot_with_clause_text_on_both_sides(client: httpx.AsyncClient) -> None:
    pilot = with_other(await overlaps(client, program=LINYI), PILOT_2025)
    exact = {e["item"]["name"] for e in pilot["shared"] if e["match"] == "EXACT" and e["kind"] == "THEME"}
    assert {"智能化改造", "设备更新", "产业链协同"} <= exact
    entry = shared(pilot, "EXACT", "智能化改造")
    assert says(entry["programClauses"], "智能化改造")
    assert says(entry["otherClauses"], "智能化改造", NOTICE_2025)
    # City money and central money: neither document forbids adding the other.
    assert pilot["stackingRules"] == []


async def test_the_2025_pilot_and_the_2018_programs_carry_the_rule_against_duplicate_central_funding(
        client: httpx.AsyncClient) -> None:
    found = await overlaps(client, program=PILOT_2025, level="CENTRAL")
    for uid in (SMART_2018, GREEN_2018, FUND_2018):
        overlap = with_other(found, uid)
        rule = next(r for r in overlap["stackingRules"] if r["owner"]["uid"] == PILOT_2025)
        assert rule["kind"] == "NO_DUPLICATE_CENTRAL_FUNDING"
        assert rule["forbidsStackingWith"] == ["CENTRAL"]
        assert rule["reasons"] == ["FORBIDS_OTHER_LEVEL"]
        assert rule["clause"]["path"] == "二、(二)"
        assert rule["clause"]["policy"]["docNumber"] == NOTICE_2025
        assert "不得重复安排中央财政资金" in rule["clause"]["text"]
        # The 2018 guide's own rule bears on the pair too: the pilot's money is central.
        assert any(r["owner"]["uid"] == uid and r["clause"]["policy"]["docNumber"] == GUIDE_2018
                   for r in overlap["stackingRules"])


async def test_the_rule_shows_from_the_2018_side_as_well(client: httpx.AsyncClient) -> None:
    pilot = with_other(await overlaps(client, program=SMART_2018, level="CENTRAL"), PILOT_2025)
    assert any(r["owner"]["uid"] == PILOT_2025 and r["clause"]["path"] == "二、(二)" for r in pilot["stackingRules"])


PROGRAM_FACTS = statement(
    "test_overlap_program_items",
    """
    MATCH (p:Program {uid: $uid})-[r:COVERS|SUPPORTS|PRIORITIZES|USES]->(x)
    WHERE r.clauseUid IS NOT NULL
    RETURN DISTINCT x.uid AS uid, [(x)-[:BROADER]->(b) | b.uid] AS broader
    """,
)


@pytest.mark.parametrize("unrelated", ["prog-industrial-foundation-implementation",
                                       "prog-first-major-equipment-insurance"])
async def test_a_pair_with_nothing_in_common_is_not_reported(
        client: httpx.AsyncClient, seeded_store: GraphStore, unrelated: str) -> None:
    linyi = await seeded_store.read(PROGRAM_FACTS, {"uid": LINYI})
    other = await seeded_store.read(PROGRAM_FACTS, {"uid": unrelated})
    assert linyi and other, "both programs have facts from the documents"
    near = {uid for row in linyi for uid in (row["uid"], *row["broader"])}
    assert not near & {uid for row in other for uid in (row["uid"], *row["broader"])}
    assert unrelated not in {o["other"]["uid"] for o in await overlaps(client, program=LINYI, level="CENTRAL")}
    assert LINYI not in {o["other"]["uid"] for o in await overlaps(client, program=unrelated, level="CITY")}


async def test_scores_are_symmetric_and_between_zero_and_one(client: httpx.AsyncClient) -> None:
    pairs = [*await overlaps(client), *await overlaps(client, program=PILOT_2025, level="CENTRAL")]
    assert len(pairs) >= 8
    for overlap in pairs:
        assert 0 < overlap["score"] <= 1
        assert overlap["shared"], "a reported pair shares something"
        back = with_other(await overlaps(client, program=overlap["other"]["id"], level=overlap["program"]["level"]),
                          overlap["program"]["uid"])
        assert back["score"] == pytest.approx(overlap["score"], abs=1e-12)
        assert {(e["match"], e["otherItem"]["uid"]) for e in back["shared"] if e["match"] == "EXACT"} == {
            (e["match"], e["item"]["uid"]) for e in overlap["shared"] if e["match"] == "EXACT"}


async def test_every_city_program_is_compared_when_no_program_is_named(client: httpx.AsyncClient) -> None:
    found = await overlaps(client)
    assert LINYI in {o["program"]["uid"] for o in found}
    assert all(o["program"]["level"] == "CITY" and o["other"]["level"] != "CITY" for o in found)
    scores = [o["score"] for o in found]
    assert scores == sorted(scores, reverse=True)


async def test_min_score_leaves_out_weaker_pairs(client: httpx.AsyncClient) -> None:
    everything = await overlaps(client, program=LINYI)
    threshold = sorted(o["score"] for o in everything)[len(everything) // 2]
    strong = await overlaps(client, program=LINYI, minScore=threshold)
    assert [o["other"]["uid"] for o in strong] == [o["other"]["uid"] for o in everything if o["score"] >= threshold]
    assert 0 < len(strong) < len(everything)


async def test_bad_arguments_say_what_is_wrong(client: httpx.AsyncClient) -> None:
    body = await graphql(client, OVERLAPS, program="prog-no-such-program")
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"  # type: ignore[index]
    body = await graphql(client, OVERLAPS, program=LINYI, minScore=1.5)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"  # type: ignore[index]
    body = await graphql(client, OVERLAPS, program="Policy:pol-1")
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"  # type: ignore[index]
