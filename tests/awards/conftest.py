"""Award fixtures: the sample on the seeded store, and graphs of their own for larger lists.

A generated list of 20,000 awards or a list full of bad rows would change what other
tests see in the seeded graph, so those load into a second FalkorDB graph on the
session's server (and are skipped against Neo4j, which has one database).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from graph.runtime import StoreRuntime
from graph.store import GraphStore
from loaders.awards.ingest import ListLoadReport, ingest_award_file, ingest_selection_file
from loaders.awards.sample import load_sample
from loaders.ingest import ingest_documents, seed_document_paths
from loaders.synthetic.files import GeneratedSet, write_generated_set
from loaders.synthetic.generator import GeneratorSettings
from loaders.vocabulary import load_vocabulary
from tests.conftest import second_graph

GENERATED_AWARDS = 20_000

async def with_seed_documents(store: GraphStore, seed_dir: Path) -> GraphStore:
    """The seed documents (and with them the vocabulary and the stacking rules), without the sample."""
    report = await ingest_documents(store, seed_document_paths(seed_dir),
                                    vocabulary=load_vocabulary(seed_dir / "vocabulary"))
    assert not report.failed, [e.describe() for e in report.failed]
    return store


@pytest.fixture(scope="session")
async def sample_store(seeded_store: GraphStore, seed_dir: Path) -> GraphStore:
    for report in await load_sample(seeded_store, seed_dir):
        assert not report.failed and not report.problems, [p.describe() for p in report.problems]
    return seeded_store


@pytest.fixture(scope="session")
def generated_set(tmp_path_factory: pytest.TempPathFactory, seed_dir: Path) -> GeneratedSet:
    return write_generated_set(tmp_path_factory.mktemp("generated"), GeneratorSettings(awards=GENERATED_AWARDS),
                               seed_dir=seed_dir)


@pytest.fixture(scope="session")
async def generated_store(runtime: StoreRuntime, seed_dir: Path, generated_set: GeneratedSet
                          ) -> AsyncIterator[tuple[GraphStore, ListLoadReport]]:
    store = await with_seed_documents(await second_graph(runtime, "awards_generated"), seed_dir)
    selections = await ingest_selection_file(store, generated_set.selections)
    assert not selections.problems, [p.describe() for p in selections.problems]
    report = await ingest_award_file(store, generated_set.awards)
    assert report.error is None
    try:
        yield store, report
    finally:
        await store.close()
