"""Shared fixtures: one real store per test session, and the real ASGI app over HTTP.

Against the embedded FalkorDB (default) the session starts its own server in a
temporary directory on a free port. With `NEO4J_URI` set, the same tests run
against that Neo4j instead; tests that only make sense for the embedded
process say so with `embedded_only`. Tests that need a graph of their own next to
the seeded one take it from `second_graph`, and commands under test open a store of
their own in the directory they are given (`command_line`), whichever backend the
session uses.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
import structlog
from starlette.applications import Starlette

from graph.catalog import CATALOG
from graph.config import StoreSettings
from graph.falkordb_store import FalkorDBStore
from graph.runtime import StoreRuntime
from graph.store import GraphStore
from loaders.ingest import ingest_documents, seed_document_paths
from loaders.vocabulary import Vocabulary, load_vocabulary
from server import create_app
from settings import REPOSITORY_SEED_DIR

USING_NEO4J = bool(os.environ.get("NEO4J_URI"))

embedded_only = pytest.mark.skipif(
    USING_NEO4J, reason="exercises the embedded FalkorDB child process, which does not exist with Neo4j"
)
SECOND_GRAPH_UNAVAILABLE = (
    "needs an empty graph of its own next to the seeded one: the embedded FalkorDB server holds any number "
    "of graphs, but NEO4J_URI names one Neo4j database, which the seeded tests use"
)


async def second_graph(runtime: StoreRuntime, name: str) -> FalkorDBStore:
    """A graph called `name` on the session's embedded server, schema set up; skips the test under Neo4j."""
    if runtime.embedded is None:
        pytest.skip(SECOND_GRAPH_UNAVAILABLE)
    store = FalkorDBStore("127.0.0.1", runtime.embedded.port, name)
    await store.ensure_schema(CATALOG)
    return store


async def second_graph_with_a_new_program(runtime: StoreRuntime, name: str, seed_dir: Path, work: Path,
                                          program_yaml: str, rules_text: str) -> tuple[FalkorDBStore, Vocabulary]:
    """A second graph with the seed documents and one program more: `program_yaml` is appended to a
    copy of the vocabulary in `work`, and `rules_text` is loaded as the document that defines it."""
    store = await second_graph(runtime, name)
    vocabulary_dir = work / "vocabulary"
    shutil.copytree(seed_dir / "vocabulary", vocabulary_dir)
    with (vocabulary_dir / "programs.yaml").open("a", encoding="utf-8") as programs:
        programs.write(program_yaml)
    rules = work / "rules.txt"
    rules.write_text(rules_text, encoding="utf-8")
    vocabulary = load_vocabulary(vocabulary_dir)
    report = await ingest_documents(store, [*seed_document_paths(seed_dir), rules], vocabulary=vocabulary)
    assert not report.failed, [e.describe() for e in report.failed]
    return store, vocabulary


class SharedRuntime(StoreRuntime):
    """The session's runtime settings, serving another store (a second graph) on the same server."""

    def __init__(self, base: StoreRuntime, store: GraphStore) -> None:
        super().__init__(base.settings)
        self._store = store


@pytest.fixture
def command_line(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """For commands run with --data-dir: they start the embedded store there even when the session
    runs against Neo4j (NEO4J_URI would point them at the database the other tests share), and
    the terminal logging they configure does not outlive the test."""
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.delenv("POLICYGRAPH_NEO4J_URI", raising=False)
    saved = structlog.get_config()
    yield
    structlog.configure(**saved)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The Cypher lint test checks every statement the other tests executed, so it runs last.
    items.sort(key=lambda item: item.get_closest_marker("lint_last") is not None)


def append_only_log(data_dir: Path) -> list[bytes]:
    """The commands an embedded store's append-only log holds beyond its compacted base."""
    return [path.read_bytes() for path in sorted((data_dir / "appendonlydir").glob("*.incr.aof"))]


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
