"""Every list field pages with first/after: pages are stable, never overlap, and cover the whole list."""

from __future__ import annotations

from collections import Counter

import httpx
import pytest

from graph.model import LABELS, NAVIGATIONS, Navigation
from schema.explorer import PLURALS
from tests.api.conftest import gql
from tests.graphdata import GraphData

ROOT_PAGE = """
query($first: Int!, $after: String) {
  %s(first: $first, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { id } } }
}
"""


async def walk_root(api: httpx.AsyncClient, field: str, first: int, order: str = "") -> tuple[list[str], int]:
    query = ROOT_PAGE % field if not order else ROOT_PAGE.replace(
        "(first: $first, after: $after)", f"(first: $first, after: $after, orderBy: {order})") % field
    ids: list[str] = []
    after = None
    total = -1
    for _ in range(1000):
        page = (await gql(api, query, first=first, after=after))["data"][field]  # type: ignore[index]
        total = page["totalCount"]
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        ids += [edge["node"]["id"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        assert page["edges"][-1]["cursor"] == page["pageInfo"]["endCursor"]
        after = page["pageInfo"]["endCursor"]
    return ids, total


@pytest.mark.parametrize("label", [spec.name for spec in LABELS])
async def test_every_root_list_pages_over_the_whole_set(api: httpx.AsyncClient, graph_data: GraphData,
                                                        label: str) -> None:
    ids, total = await walk_root(api, PLURALS[label], first=37)
    assert len(ids) == len(set(ids)) == total == graph_data.count(label)
    assert {i.split(":", 1)[1] for i in ids} == {row["uid"] for row in graph_data.nodes[label]}
    again, _ = await walk_root(api, PLURALS[label], first=37)
    assert again == ids


@pytest.mark.parametrize("order", ["{field: LEVEL, direction: DESC}", "{field: ISSUED_ON}", "{field: UID}"])
async def test_pages_stay_disjoint_when_many_items_share_a_sort_key(api: httpx.AsyncClient, order: str) -> None:
    ids, total = await walk_root(api, "policies", first=9, order=order)
    assert len(ids) == len(set(ids)) == total
    everything, _ = await walk_root(api, "policies", first=500, order=order)
    assert ids == everything


def _busiest(graph_data: GraphData, nav: Navigation) -> tuple[str, int]:
    """The node with the most items under `nav` in the test graph, and how many."""
    counts: Counter[str] = Counter()
    for (source, type_, target), rows in graph_data.links.items():
        if type_ != nav.relation.type:
            continue
        if nav.direction == "out" and source == nav.owner and target in nav.targets:
            counts.update(row["source"] for row in rows)
        elif nav.direction == "in" and target == nav.owner and source in nav.targets:
            counts.update(row["target"] for row in rows)
    return counts.most_common(1)[0] if counts else ("", 0)


NESTED_NAVS = [nav for navs in NAVIGATIONS.values() for nav in navs.values() if not nav.single]


@pytest.mark.parametrize("nav", NESTED_NAVS, ids=[f"{n.owner}.{n.name}" for n in NESTED_NAVS])
async def test_every_nested_list_pages_over_its_items(api: httpx.AsyncClient, graph_data: GraphData,
                                                      nav: Navigation) -> None:
    uid, expected = _busiest(graph_data, nav)
    assert expected > 0, f"tests/graphdata.py must hold {nav.owner}.{nav.name} items to page over"
    query = f"""
    query($id: ID!, $after: String) {{ node(id: $id) {{ ... on {nav.owner} {{
      {nav.name}(first: 2, after: $after) {{ totalCount pageInfo {{ hasNextPage endCursor }} nodes {{ id }} }} }} }} }}
    """
    ids: list[str] = []
    after = None
    while True:
        body = await gql(api, query, id=f"{nav.owner}:{uid}", after=after)
        page = body["data"]["node"][nav.name]  # type: ignore[index]
        assert page["totalCount"] == expected
        ids += [n["id"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(ids) == len(set(ids)) == expected
