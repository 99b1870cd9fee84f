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

from graph.catalog import CATALOG
from graph.falkordb_store import FalkorDBStore
from graph.runtime import StoreRuntime
from graph.store import GraphStore
from server import create_app
from tests.conftest import USING_NEO4J
from tests.graphdata import GraphData, build, write

pytestmark = pytest.mark.skipif(USING_NEO4J, reason="the explorer test graph lives in a second FalkorDB graph")

EXPLORER_GRAPH = "explorer_test"


class SharedRuntime(StoreRuntime):
    """The session's runtime settings, but serving another store on the same server."""

    def __init__(self, base: StoreRuntime, store: GraphStore) -> None:
        super().__init__(base.settings)
        self._store = store


@pytest.fixture(scope="session")
def graph_data() -> GraphData:
    return build()


@pytest.fixture(scope="session")
async def explorer_store(runtime: StoreRuntime, graph_data: GraphData) -> AsyncIterator[GraphStore]:
    assert runtime.embedded is not None
    store = FalkorDBStore("127.0.0.1", runtime.embedded.port, EXPLORER_GRAPH)
    await store.ensure_schema(CATALOG)
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
