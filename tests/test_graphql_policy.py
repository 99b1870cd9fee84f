"""The first vertical slice: seed documents in, a Policy out through GraphQL over HTTP."""

from __future__ import annotations

import httpx

from tests.conftest import graphql

POLICY_QUERY = 'query($doc: String!) { policy(docNumber: $doc) { uid docNumber title } }'


async def test_policy_by_document_number_answers_from_the_database(client: httpx.AsyncClient) -> None:
    body = await graphql(client, POLICY_QUERY, doc="工信厅联规〔2018〕36号")
    policy = body["data"]["policy"]  # type: ignore[index]
    assert policy["docNumber"] == "工信厅联规〔2018〕36号"
    assert "2018年工业转型升级资金工作指南" in policy["title"]
    assert policy["uid"].startswith("pol-")


async def test_unknown_document_number_is_null_not_an_error(client: httpx.AsyncClient) -> None:
    body = await graphql(client, POLICY_QUERY, doc="不存在〔1999〕1号")
    assert body["data"] == {"policy": None}
    assert "errors" not in body


async def test_graphiql_is_served_on_get(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


async def test_round_trips_are_reported_only_when_the_request_asks(client: httpx.AsyncClient) -> None:
    plain = await graphql(client, POLICY_QUERY, doc="工信厅联规〔2018〕36号")
    assert "extensions" not in plain

    request = {"query": POLICY_QUERY, "variables": {"doc": "工信厅联规〔2018〕36号"}}
    by_header = await client.post("/graphql", json=request, headers={"X-PolicyGraph-Trace": "1"})
    assert by_header.json()["extensions"]["roundTrips"] == 1

    by_body = await client.post("/graphql", json={**request, "extensions": {"trace": True}})
    assert by_body.json()["extensions"]["roundTrips"] == 1


async def test_traditional_document_numbers_find_the_policy(client: httpx.AsyncClient) -> None:
    body = await graphql(client, POLICY_QUERY, doc="工信廳聯規[2018]36號")
    assert body["data"]["policy"]["docNumber"] == "工信厅联规〔2018〕36号"  # type: ignore[index]
