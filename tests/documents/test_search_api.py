"""`search(text:)` through the real ASGI app."""

from __future__ import annotations

import httpx

from tests.conftest import graphql

SEARCH = """
query($text: String!) {
  search(text: $text, first: 30) { id label name via text policy { docNumber title } }
}
"""


async def _clauses(client: httpx.AsyncClient, text: str) -> set[tuple[str | None, str]]:
    body = await graphql(client, SEARCH, text=text)
    assert "errors" not in body, body
    hits = body["data"]["search"]  # type: ignore[index]
    return {(h["policy"]["docNumber"] or h["policy"]["title"], h["name"]) for h in hits if h["label"] == "Clause"}


async def test_superalloy_in_three_spellings_finds_both_guides(client: httpx.AsyncClient) -> None:
    for text in ("高温合金", "高溫合金", "superalloy"):
        clauses = await _clauses(client, text)
        assert ("工信厅联规〔2018〕36号", "二、(一)") in clauses, text
        assert any(p and "工业强基工程" in p and "2016" in p for p, _ in clauses), text


async def test_servo_in_three_spellings_finds_the_servo_clause(client: httpx.AsyncClient) -> None:
    for text in ("伺服", "伺服驱动", "servo"):
        assert ("工信厅联规〔2018〕36号", "二、(一)") in await _clauses(client, text), text


async def test_hits_carry_node_ids_usable_with_node(client: httpx.AsyncClient) -> None:
    body = await graphql(client, SEARCH, text="servo")
    hit = body["data"]["search"][0]  # type: ignore[index]
    node = await graphql(client, "query($id: ID!) { node(id: $id) { id } }", id=hit["id"])
    assert node["data"]["node"]["id"] == hit["id"]  # type: ignore[index]


async def test_an_out_of_range_page_size_is_a_user_error(client: httpx.AsyncClient) -> None:
    body = await graphql(client, 'query { search(text: "servo", first: 1000) { id } }')
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"  # type: ignore[index]
