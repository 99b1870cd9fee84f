"""node(id:), mixed-label lists, neighbourhoods and citation lineage."""

from __future__ import annotations

import httpx

from graph.model import LABELS
from tests.api.conftest import gql
from tests.graphdata import GraphData


async def test_node_fetches_every_label_by_global_id(api: httpx.AsyncClient, graph_data: GraphData) -> None:
    for spec in LABELS:
        uid = graph_data.nodes[spec.name][0]["uid"]
        body = await gql(api, "query($id: ID!) { node(id: $id) { __typename id ... on Region { name } } }",
                         id=f"{spec.name}:{uid}")
        node = body["data"]["node"]  # type: ignore[index]
        assert node["__typename"] == spec.name and node["id"] == f"{spec.name}:{uid}"


async def test_relationship_properties_and_the_clause_behind_them(api: httpx.AsyncClient) -> None:
    body = await gql(api, """{ node(id: "Program:prog-003") { ... on Program {
        focusAreas(first: 1) { edges {
          clauseUid policyUid clause { id path policy { id } } policy { id } node { id } } }
        cities { nodes { selectedFor { edges { year batch node { id } } } } } } } }""")
    edge = body["data"]["node"]["focusAreas"]["edges"][0]  # type: ignore[index]
    assert edge["clause"]["id"] == f"Clause:{edge['clauseUid']}"
    assert edge["clause"]["policy"]["id"] == "Policy:pol-003"  # clause cl-003-1 belongs to pol-003
    assert edge["policy"]["id"] == f"Policy:{edge['policyUid']}"
    selected = body["data"]["node"]["cities"]["nodes"][0]["selectedFor"]["edges"]  # type: ignore[index]
    assert any(e["node"]["id"] == "Program:prog-003" and e["year"] == 2021 and e["batch"] for e in selected)


async def test_mixed_label_lists_resolve_each_item_to_its_type(api: httpx.AsyncClient) -> None:
    body = await gql(api, """{ enterprises(first: 4) { nodes { uid locations { nodes { __typename id name
        ... on Park { city { name province { name } } } ... on City { province { name } } } } } } }""")
    kinds = set()
    for enterprise in body["data"]["enterprises"]["nodes"]:  # type: ignore[index]
        (place,) = enterprise["locations"]["nodes"]
        kinds.add(place["__typename"])
        province = place["city"]["province"] if place["__typename"] == "Park" else place["province"]
        assert province["name"].startswith("测试省")
    assert kinds == {"Park", "City"}
    mentions = await gql(api, """{ node(id: "Clause:cl-001-1") { ... on Clause { mentions { nodes { __typename id
        ... on FocusArea { pillar { id } } ... on City { name } } } } } }""")
    types = {n["__typename"] for n in mentions["data"]["node"]["mentions"]["nodes"]}  # type: ignore[index]
    assert types == {"FocusArea", "City"}


async def test_aliases_with_different_arguments_get_their_own_values(api: httpx.AsyncClient) -> None:
    body = await gql(api, """{ node(id: "Program:prog-004") { ... on Program {
        two: focusAreas(first: 2) { nodes { id } } all: focusAreas(first: 5) { nodes { id } }
        byName: focusAreas(first: 5, orderBy: {field: NAME, direction: DESC}) { nodes { name } } } } }""")
    node = body["data"]["node"]  # type: ignore[index]
    assert len(node["two"]["nodes"]) == 2 and len(node["all"]["nodes"]) == 5
    assert node["two"]["nodes"] == node["all"]["nodes"][:2]
    names = [n["name"] for n in node["byName"]["nodes"]]
    assert names == sorted(names, reverse=True)


async def test_neighborhood_is_capped_and_deterministic(api: httpx.AsyncClient) -> None:
    query = """query($d: Int!, $l: Int!) { neighborhood(id: "Program:prog-010", depth: $d, limit: $l) {
        nodes { id label name } edges { source target type } } }"""
    one = (await gql(api, query, d=1, l=100))["data"]["neighborhood"]  # type: ignore[index]
    assert one["nodes"][0]["id"] == "Program:prog-010"
    ids = {n["id"] for n in one["nodes"]}
    assert {"FocusArea:fa-034", "Policy:pol-020", "City:city-10"} <= ids
    assert all(e["source"] in ids and e["target"] in ids for e in one["edges"])
    assert any(e["type"] == "SUPPORTS" for e in one["edges"])
    capped = (await gql(api, query, d=2, l=5))["data"]["neighborhood"]  # type: ignore[index]
    assert len(capped["nodes"]) == 6
    assert capped == (await gql(api, query, d=2, l=5))["data"]["neighborhood"]  # type: ignore[index]


async def test_policy_lineage_follows_citations_both_ways(api: httpx.AsyncClient) -> None:
    body = await gql(api, """{ policyLineage(docNumber: "测试[2015]10號", depth: 2) {
        root { id title } cites { distance policy { id programs { totalCount } } }
        citedBy { distance policy { id } } links { source target clauseUid } } }""")
    lineage = body["data"]["policyLineage"]  # type: ignore[index]
    assert lineage["root"]["id"] == "Policy:pol-010"
    cites = {e["policy"]["id"]: e["distance"] for e in lineage["cites"]}
    assert cites == {"Policy:pol-009": 1, "Policy:pol-003": 1, "Policy:pol-008": 2, "Policy:pol-002": 2}
    cited_by = {e["policy"]["id"]: e["distance"] for e in lineage["citedBy"]}
    assert cited_by == {"Policy:pol-011": 1, "Policy:pol-017": 1, "Policy:pol-012": 2, "Policy:pol-018": 2,
                        "Policy:pol-024": 2}
    assert {"source": "Policy:pol-010", "target": "Policy:pol-009", "clauseUid": "cl-010-1"} in lineage["links"]
    assert body["extensions"]["roundTrips"] == 2  # type: ignore[index]
