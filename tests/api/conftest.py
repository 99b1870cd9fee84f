"""Explorer API fixtures: the test graph in its own graph (`explorer_test`) on the session's store.

The app under test is the real ASGI app over HTTP, with a runtime that shares the
session's embedded server but reads the `explorer_test` graph, so the seed data
and these fixtures never see each other.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette

from graph.runtime import StoreRuntime
from graph.store import GraphStore
from server import create_app
from tests.conftest import SharedRuntime, second_graph
from tests.graphdata import GraphData, build, write

EXPLORER_GRAPH = "explorer_test"


@pytest.fixture(scope="session")
def graph_data() -> GraphData:
    return build()


@pytest.fixture(scope="session")
async def explorer_store(runtime: StoreRuntime, graph_data: GraphData) -> AsyncIterator[GraphStore]:
    store = await second_graph(runtime, EXPLORER_GRAPH)
    await write(store, graph_data)
    try:
        yield store
    finally:
        await store.close()


@pytest.fixture(scope="session")
def explorer_app(runtime: StoreRuntime, explorer_store: GraphStore) -> Starlette:
    return create_app(runtime=SharedRuntime(runtime, explorer_store))


@pytest.fixture(scope="session")
async def api(explorer_app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=explorer_app), base_url="http://explorer.test",
                                 headers={"X-PolicyGraph-Trace": "1"}) as http:
        yield http


async def gql(client: httpx.AsyncClient, query: str, **variables: object) -> dict[str, object]:
    """POST a query; fail on GraphQL errors; return the body (data and extensions)."""
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    assert "errors" not in body, body["errors"]
    return body
