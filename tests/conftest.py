"""Shared fixtures: one real store per test session, and the real ASGI app over HTTP.

Against the embedded FalkorDB (default) the session starts its own server in a
temporary directory on a free port. With `NEO4J_URI` set, the same tests run
against that Neo4j instead; tests that only make sense for the embedded
process say so with `embedded_only`.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette

from graph.config import StoreSettings
from graph.runtime import StoreRuntime
from graph.store import GraphStore
from server import create_app
from settings import REPOSITORY_SEED_DIR

USING_NEO4J = bool(os.environ.get("NEO4J_URI"))

embedded_only = pytest.mark.skipif(
    USING_NEO4J, reason="exercises the embedded FalkorDB child process, which does not exist with Neo4j"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The Cypher lint test checks every statement the other tests executed, so it runs last.
    items.sort(key=lambda item: item.get_closest_marker("lint_last") is not None)


def store_settings_for(tmp: Path, **overrides: object) -> StoreSettings:
    base: dict[str, object] = {"data_dir": tmp, "graph_name": "policygraph_test", "supervise_interval_s": 0.5}
    base.update(overrides)
    return StoreSettings(**base)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    return REPOSITORY_SEED_DIR


@pytest.fixture(scope="session")
def session_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("store")


@pytest.fixture(scope="session")
async def runtime(session_data_dir: Path) -> AsyncIterator[StoreRuntime]:
    rt = StoreRuntime(store_settings_for(session_data_dir))
    await rt.open()
    try:
        yield rt
    finally:
        await rt.close()


@pytest.fixture(scope="session")
def store(runtime: StoreRuntime) -> GraphStore:
    return runtime.store


@pytest.fixture(scope="session")
async def seeded_store(store: GraphStore, seed_dir: Path) -> GraphStore:
    from loaders.ingest import load_seed

    report = await load_seed(store, seed_dir)
    assert not report.failed, [e.describe() for e in report.failed]
    return store


@pytest.fixture(scope="session")
def app(runtime: StoreRuntime, seeded_store: GraphStore) -> Starlette:
    return create_app(runtime=runtime)


@pytest.fixture(scope="session")
async def client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://policygraph.test") as http,
    ):
        yield http


async def graphql(client: httpx.AsyncClient, query: str, **variables: object) -> dict[str, object]:
    """POST a GraphQL request and return the decoded body (asserting the HTTP exchange worked)."""
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body
