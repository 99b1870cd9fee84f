"""Filters on the root lists, checked against what the test graph says they should return."""

from __future__ import annotations

from typing import Any

import httpx

from tests.api.conftest import gql
from tests.graphdata import LINYI_TITLE, LINYI_UID, GraphData

POLICIES = "query($f: PolicyFilter) { policies(first: 500, filter: $f) { totalCount nodes { uid title } } }"


async def policies(api: httpx.AsyncClient, **f: Any) -> set[str]:
    page = (await gql(api, POLICIES, f=f))["data"]["policies"]  # type: ignore[index]
    uids = {n["uid"] for n in page["nodes"]}
    assert page["totalCount"] == len(uids)
    return uids


def rows(g: GraphData, label: str) -> dict[str, dict[str, Any]]:
    return {row["uid"]: row["props"] for row in g.nodes[label]}


def targets(g: GraphData, source: str, type_: str, target: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for row in g.links.get((source, type_, target), []):
        out.setdefault(row["source"], set()).add(row["target"])
    return out


async def test_linyi_measures_are_in_force_in_2021_and_not_in_2023(api: httpx.AsyncClient) -> None:
    in_2021 = (await gql(api, POLICIES, f={"inForceOn": "2021-01-01"}))["data"]["policies"]["nodes"]  # type: ignore[index]
    assert LINYI_TITLE in {n["title"] for n in in_2021}
    assert LINYI_UID not in await policies(api, inForceOn="2023-01-01")
    assert LINYI_UID in await policies(api, inForceOn="2020-07-01")  # first day in force
    assert LINYI_UID in await policies(api, inForceOn="2022-06-30")  # last day in force
    assert LINYI_UID not in await policies(api, inForceOn="2020-06-30")


async def test_in_force_on_matches_the_documented_rule(api: httpx.AsyncClient, graph_data: GraphData) -> None:
    day = "2019-03-01"
    expected = {
        uid for uid, p in rows(graph_data, "Policy").items()
        if (p.get("effectiveFrom") or p.get("issuedOn") or "9999") <= day and (p.get("effectiveTo") or "9999") >= day
    }
    found = await policies(api, inForceOn=day)
    assert found == expected
    assert "pol-undated" not in found  # neither start date: not known to be in force


async def test_policy_filters(api: httpx.AsyncClient, graph_data: GraphData) -> None:
    props = rows(graph_data, "Policy")
    assert await policies(api, level="CITY") == {u for u, p in props.items() if p["level"] == "CITY"}
    issued = targets(graph_data, "Policy", "ISSUED_BY", "Agency")
    assert await policies(api, issuer="Agency:agency-3") == {u for u, a in issued.items() if "agency-3" in a}
    assert await policies(api, yearFrom=2017, yearTo=2018) == {
        u for u, p in props.items() if "2017" <= p.get("issuedOn", "")[:4] <= "2018"}
    assert await policies(api, text="测试政策01") == {f"pol-{i:03d}" for i in range(10, 20)}
    assert await policies(api, text="臨沂市") == {LINYI_UID}  # traditional script finds simplified titles
    assert await policies(api, level="CITY", yearFrom=2020) == {
        u for u, p in props.items() if p["level"] == "CITY" and p.get("issuedOn", "0") >= "2020"}


async def test_policies_by_focus_area_include_narrower_areas(api: httpx.AsyncClient, graph_data: GraphData) -> None:
    broader = {r["source"]: r["target"] for r in graph_data.links[("FocusArea", "BROADER", "FocusArea")]}

    def under(fa: str, top: str) -> bool:
        while fa != top and fa in broader:
            fa = broader[fa]
        return fa == top

    supports = targets(graph_data, "Program", "SUPPORTS", "FocusArea")
    defines = targets(graph_data, "Policy", "DEFINES", "Program")
    for top in ("fa-000", "fa-007", "fa-030"):
        expected = {pol for pol, progs in defines.items()
                    if any(under(fa, top) for prog in progs for fa in supports.get(prog, ()))}
        assert await policies(api, focusArea=f"FocusArea:{top}") == expected


async def test_policies_by_region(api: httpx.AsyncClient, graph_data: GraphData) -> None:
    city_of = targets(graph_data, "Policy", "APPLIES_IN", "City")
    prov_of = targets(graph_data, "Policy", "APPLIES_IN", "Province")
    province_of_city = {r["source"]: r["target"] for r in graph_data.links[("City", "IN", "Province")]}
    assert await policies(api, region="City:city-05") == {u for u, c in city_of.items() if "city-05" in c}
    expected = {u for u, p in prov_of.items() if "prov-2" in p} | {
        u for u, cs in city_of.items() if any(province_of_city[c] == "prov-2" for c in cs)}
    assert await policies(api, region="Province:prov-2") == expected


async def test_programs_by_level(api: httpx.AsyncClient, graph_data: GraphData) -> None:
    body = await gql(api, "{ programs(first: 500, filter: {level: PROVINCIAL}) { nodes { uid level } } }")
    found = {n["uid"] for n in body["data"]["programs"]["nodes"]}  # type: ignore[index]
    assert found == {u for u, p in rows(graph_data, "Program").items() if p["level"] == "PROVINCIAL"}


def _located(g: GraphData) -> dict[str, tuple[str, str | None]]:
    """enterprise -> (city, park or None)."""
    park_city = {r["source"]: r["target"] for r in g.links[("Park", "IN", "City")]}
    out: dict[str, tuple[str, str | None]] = {}
    for r in g.links[("Enterprise", "LOCATED_IN", "City")]:
        out[r["source"]] = (r["target"], None)
    for r in g.links[("Enterprise", "LOCATED_IN", "Park")]:
        out[r["source"]] = (park_city[r["target"]], r["target"])
    return out


async def funding_list(api: httpx.AsyncClient, field: str, **f: Any) -> set[str]:
    kind = "FundingFilter"
    body = await gql(api, f"query($f: {kind}) {{ {field}(first: 500, filter: $f) {{ totalCount nodes {{ uid }} }} }}",
                     f=f)
    page = body["data"][field]  # type: ignore[index]
    assert page["totalCount"] == len(page["nodes"])
    return {n["uid"] for n in page["nodes"]}


async def test_enterprises_and_projects_by_place(api: httpx.AsyncClient, graph_data: GraphData) -> None:
    located = _located(graph_data)
    province_of = {r["source"]: r["target"] for r in graph_data.links[("City", "IN", "Province")]}
    by = {r["source"]: r["target"] for r in graph_data.links[("Project", "BY", "Enterprise")]}
    in_city = {e for e, (c, _) in located.items() if c == "city-04"}
    assert any(p for e, (c, p) in located.items() if c == "city-04" and p) and in_city
    assert await funding_list(api, "enterprises", city="City:city-04") == in_city
    assert await funding_list(api, "projects", city="City:city-04") == {p for p, e in by.items() if e in in_city}
    assert await funding_list(api, "enterprises", province="Province:prov-1") == {
        e for e, (c, _) in located.items() if province_of[c] == "prov-1"}
    assert await funding_list(api, "enterprises", park="Park:park-06") == {
        e for e, (_, p) in located.items() if p == "park-06"}


async def test_enterprises_and_projects_by_funding(api: httpx.AsyncClient, graph_data: GraphData) -> None:
    by = {r["source"]: r["target"] for r in graph_data.links[("Project", "BY", "Enterprise")]}
    award_project = {r["target"]: r["source"] for r in graph_data.links[("Project", "RECEIVED", "Award")]}
    award_program = {r["source"]: r["target"] for r in graph_data.links[("Award", "FROM", "Program")]}
    award_year = {u: p["year"] for u, p in rows(graph_data, "Award").items()}
    awards = [(award_project[a], award_program[a], award_year[a]) for a in award_project]

    assert await funding_list(api, "projects", program="Program:prog-007") == {
        p for p, prog, _ in awards if prog == "prog-007"}
    assert await funding_list(api, "projects", year=2019) == {p for p, _, y in awards if y == 2019}
    both = {p for p, prog, y in awards if prog == "prog-007" and y == 2019}
    assert await funding_list(api, "projects", program="Program:prog-007", year=2019) == both
    assert await funding_list(api, "enterprises", program="Program:prog-007", year=2019) == {by[p] for p in both}
    targets_fa = {r["source"]: r["target"] for r in graph_data.links[("Project", "TARGETS", "FocusArea")]}
    assert await funding_list(api, "projects", focusArea="FocusArea:fa-020") == {
        p for p, fa in targets_fa.items() if fa == "fa-020"}
    assert await funding_list(api, "enterprises", focusArea="FocusArea:fa-020", city="City:city-00") == {
        by[p] for p, fa in targets_fa.items() if fa == "fa-020" and _located(graph_data)[by[p]][0] == "city-00"}


async def test_focus_areas_as_a_tree_with_pillars(api: httpx.AsyncClient, graph_data: GraphData) -> None:
    body = await gql(api, """{ focusAreas(first: 10, filter: {rootsOnly: true}) { nodes { uid isPillar
        narrower(first: 50) { totalCount nodes { uid pillar { uid } narrower(first: 50) { nodes { uid broader { uid }
        pillar { uid } } } } } } } }""")
    roots = body["data"]["focusAreas"]["nodes"]  # type: ignore[index]
    assert [r["uid"] for r in roots] == ["fa-000", "fa-001", "fa-002", "fa-003"] and all(r["isPillar"] for r in roots)
    seen = 0
    for root in roots:
        for child in root["narrower"]["nodes"]:
            assert child["pillar"]["uid"] == root["uid"]
            for grandchild in child["narrower"]["nodes"]:
                assert grandchild["broader"]["uid"] == child["uid"]
                assert grandchild["pillar"]["uid"] == root["uid"]
                seen += 1
    assert seen + 16 + 4 == graph_data.count("FocusArea")
    pillar = await gql(api, '{ focusAreas(first: 100, filter: {pillar: "FocusArea:fa-001"}) { totalCount } }')
    expected = sum(1 for row in graph_data.nodes["FocusArea"] if row["props"]["pillar"] == "fa-001")
    assert pillar["data"]["focusAreas"]["totalCount"] == expected  # type: ignore[index]
    only = await gql(api, '{ focusAreas(filter: {pillarsOnly: true}) { nodes { uid } } }')
    assert len(only["data"]["focusAreas"]["nodes"]) == 4  # type: ignore[index]
