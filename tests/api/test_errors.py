"""Errors carry a code, never a stack trace; limits keep requests bounded."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from graph.embedded import EmbeddedFalkorDB
from graph.falkordb_store import FalkorDBStore
from graph.runtime import StoreRuntime
from server import create_app
from tests.conftest import SharedRuntime


async def errors(client: httpx.AsyncClient, query: str, **variables: object) -> list[dict[str, Any]]:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code in (200, 400), response.text
    assert "Traceback" not in response.text and 'File "' not in response.text
    found: list[dict[str, Any]] = response.json()["errors"]
    return found


def codes(found: list[dict[str, Any]]) -> set[str]:
    return {e["extensions"]["code"] for e in found}


@pytest.mark.parametrize("query", [
    "{ policies(first: 501) { totalCount } }",
    "{ policies(first: -1) { totalCount } }",
    '{ policies(after: "not-a-cursor") { totalCount } }',
    '{ node(id: "NoSuchLabel:x") { id } }',
    '{ node(id: "no-colon") { id } }',
    '{ enterprises(filter: {city: "Park:park-01"}) { totalCount } }',
    '{ neighborhood(id: "Policy:pol-001", depth: 9) { nodes { id } } }',
    '{ policyLineage(docNumber: "测试〔2015〕0号", depth: 0) { root { id } } }',
    '{ policies(filter: {inForceOn: "2021-13-45"}) { totalCount } }',
    "{ policies { noSuchField } }",
    "{ policies(",
])
async def test_bad_input_is_bad_user_input(api: httpx.AsyncClient, query: str) -> None:
    assert codes(await errors(api, query)) == {"BAD_USER_INPUT"}


async def test_missing_things_are_not_found(api: httpx.AsyncClient) -> None:
    assert codes(await errors(api, '{ neighborhood(id: "Policy:pol-nope") { nodes { id } } }')) == {"NOT_FOUND"}
    assert codes(await errors(api, '{ policyLineage(docNumber: "无〔1900〕1号") { root { id } } }')) == {"NOT_FOUND"}


async def test_node_of_an_unknown_uid_is_null(api: httpx.AsyncClient) -> None:
    response = await api.post("/graphql", json={"query": '{ node(id: "Policy:pol-nope") { id } }'})
    assert response.json()["data"] == {"node": None}


async def test_depth_and_alias_limits(api: httpx.AsyncClient) -> None:
    deep = "{ focusAreas { nodes { " + "narrower { nodes { " * 8 + "name" + " } }" * 8 + " } } }"
    found = await errors(api, deep)
    assert codes(found) == {"BAD_USER_INPUT"} and "depth" in found[0]["message"]
    aliases = "{ " + " ".join(f"a{i}: policies(first: 1) {{ totalCount }}" for i in range(60)) + " }"
    assert codes(await errors(api, aliases)) == {"BAD_USER_INPUT"}


async def test_unexpected_errors_are_masked_and_logged(api: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    import schema.explorer

    async def broken(*args: object) -> object:
        raise RuntimeError("secret detail of the failure")

    monkeypatch.setattr(schema.explorer, "fetch", broken)
    found = await errors(api, "{ policies { totalCount } }")
    assert codes(found) == {"INTERNAL"}
    assert "secret" not in found[0]["message"]
    logged = capsys.readouterr()
    assert "secret detail of the failure" in logged.out + logged.err


@pytest.fixture
async def unreachable_api(runtime: StoreRuntime, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    server = EmbeddedFalkorDB(tmp_path)
    server.start()
    store = FalkorDBStore("127.0.0.1", server.port, "nowhere", query_timeout_ms=500)
    server.stop()  # the store now points at a database that has gone away
    app = create_app(runtime=SharedRuntime(runtime, store))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://down.test") as http:
        yield http
    await store.close()


async def test_a_database_that_is_down_is_db_unavailable(unreachable_api: httpx.AsyncClient) -> None:
    found = await errors(unreachable_api, "{ policies { totalCount } }")
    assert codes(found) == {"DB_UNAVAILABLE"}
