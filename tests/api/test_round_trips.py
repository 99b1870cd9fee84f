"""A whole request costs a fixed number of statements, however many items it returns."""

from __future__ import annotations

import httpx

from tests.api.conftest import gql

NESTED = """
query($n: Int!) {
  policies(first: $n, orderBy: {field: DOC_NUMBER}) {
    totalCount
    edges { cursor node {
      id title
      programs(first: 5) { totalCount edges { clauseUid clause { path } node {
        name
        focusAreas(first: 5) { nodes { name pillar { name } broader { name } } }
      } } }
    } }
  }
}
"""

PROGRAMS = """
query($n: Int!) {
  programs(first: $n) { nodes { name definedIn { nodes { title issuers { nodes { name } } } }
    focusAreas { nodes { name narrower { nodes { name } } } } } }
}
"""


def trips(body: dict[str, object]) -> int:
    return int(body["extensions"]["roundTrips"])  # type: ignore[index]


async def test_three_levels_for_100_policies_cost_what_they_cost_for_one(api: httpx.AsyncClient) -> None:
    many = await gql(api, NESTED, n=100)
    one = await gql(api, NESTED, n=1)
    edges = many["data"]["policies"]["edges"]  # type: ignore[index]
    assert len(edges) == 100
    assert sum(len(e["node"]["programs"]["edges"]) for e in edges) > 50
    focus = [fa for e in edges for p in e["node"]["programs"]["edges"] for fa in p["node"]["focusAreas"]["nodes"]]
    assert len(focus) > 100 and all(fa["pillar"] for fa in focus)
    assert len(one["data"]["policies"]["edges"]) == 1  # type: ignore[index]
    assert trips(many) == trips(one) == 1


async def test_programs_with_three_levels_cost_one_statement_for_any_page_size(api: httpx.AsyncClient) -> None:
    many = await gql(api, PROGRAMS, n=60)
    one = await gql(api, PROGRAMS, n=1)
    assert len(many["data"]["programs"]["nodes"]) == 60  # type: ignore[index]
    assert trips(many) == trips(one) == 1


async def test_several_root_fields_cost_one_statement_each(api: httpx.AsyncClient) -> None:
    body = await gql(api, "{ a: policies(first: 3) { nodes { title } } b: focusAreas(first: 100) { nodes { name } }"
                          " c: node(id: \"Program:prog-001\") { id } }")
    assert trips(body) == 3


def _histogram(metrics: str, suffix: str) -> float:
    line = next(x for x in metrics.splitlines() if x.startswith(f"policygraph_graphql_round_trips_{suffix} "))
    return float(line.rsplit(" ", 1)[1])


async def test_round_trips_per_request_are_exported_as_metrics(api: httpx.AsyncClient) -> None:
    before = (await api.get("/metrics")).text
    await gql(api, NESTED, n=10)
    after = (await api.get("/metrics")).text
    assert _histogram(after, "count") == _histogram(before, "count") + 1
    assert _histogram(after, "sum") == _histogram(before, "sum") + 1
