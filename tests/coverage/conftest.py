"""The coverage scenario in a graph of its own (`coverage_test`) on the session's embedded server.

It holds the seed documents, the vocabulary with a Zibo fund added, that fund's rules and the
scenario's awards (see `scenario.py`), so the seed graph of the other tests is untouched.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette

from graph.catalog import CATALOG
from graph.falkordb_store import FalkorDBStore
from graph.runtime import StoreRuntime
from graph.store import GraphStore
from loaders.ingest import ingest_documents, seed_document_paths
from loaders.vocabulary import load_vocabulary
from server import create_app
from tests.coverage.scenario import ZIBO_PROGRAM, ZIBO_RULES, write_awards

COVERAGE_GRAPH = "coverage_test"


class SharedRuntime(StoreRuntime):
    """The session's runtime settings, serving another graph on the same server."""

    def __init__(self, base: StoreRuntime, store: GraphStore) -> None:
        super().__init__(base.settings)
        self._store = store


@pytest.fixture(scope="session")
async def chain_store(runtime: StoreRuntime, seed_dir: Path, tmp_path_factory: pytest.TempPathFactory,
                      ) -> AsyncIterator[GraphStore]:
    if runtime.embedded is None:
        pytest.skip("the coverage scenario lives in a second FalkorDB graph")
    work = tmp_path_factory.mktemp("coverage")
    vocabulary_dir = work / "vocabulary"
    shutil.copytree(seed_dir / "vocabulary", vocabulary_dir)
    with (vocabulary_dir / "programs.yaml").open("a", encoding="utf-8") as programs:
        programs.write(ZIBO_PROGRAM)
    rules = work / "zibo.txt"
    rules.write_text(ZIBO_RULES, encoding="utf-8")

    store = FalkorDBStore("127.0.0.1", runtime.embedded.port, COVERAGE_GRAPH)
    await store.ensure_schema(CATALOG)
    vocabulary = load_vocabulary(vocabulary_dir)
    report = await ingest_documents(store, [*seed_document_paths(seed_dir), rules], vocabulary=vocabulary)
    assert not report.failed, [e.describe() for e in report.failed]
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
