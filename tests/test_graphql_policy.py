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


async def test_response_reports_database_round_trips(client: httpx.AsyncClient) -> None:
    body = await graphql(client, POLICY_QUERY, doc="工信厅联规〔2018〕36号")
    assert body["extensions"]["roundTrips"] == 1  # type: ignore[index]
