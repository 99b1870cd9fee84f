"""The coverage scenario in a graph of its own (`coverage_test`) on the session's embedded server.

It holds the seed documents, the vocabulary with a Zibo fund added, that fund's rules and the
scenario's awards (see `scenario.py`), so the seed graph of the other tests is untouched.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette

from graph.runtime import StoreRuntime
from graph.store import GraphStore
from server import create_app
from tests.conftest import SharedRuntime, second_graph_with_a_new_program
from tests.coverage.scenario import ZIBO_PROGRAM, ZIBO_RULES, write_awards

COVERAGE_GRAPH = "coverage_test"


@pytest.fixture(scope="session")
async def chain_store(runtime: StoreRuntime, seed_dir: Path, tmp_path_factory: pytest.TempPathFactory,
                      ) -> AsyncIterator[GraphStore]:
    work = tmp_path_factory.mktemp("coverage")
    store, vocabulary = await second_graph_with_a_new_program(runtime, COVERAGE_GRAPH, seed_dir, work,
                                                              ZIBO_PROGRAM, ZIBO_RULES)
    await write_awards(store, vocabulary, work)
    try:
        yield store
    finally:
        await store.close()


@pytest.fixture(scope="session")
def chain_app(runtime: StoreRuntime, chain_store: GraphStore) -> Starlette:
    return create_app(runtime=SharedRuntime(runtime, chain_store))


@pytest.fixture(scope="session")
async def chain_api(chain_app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=chain_app),
                                 base_url="http://coverage.test") as http:
        yield http
