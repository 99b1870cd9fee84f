"""Loading the same seed twice changes nothing."""

from __future__ import annotations

from pathlib import Path

from graph.queries.policies import graph_counts
from graph.store import GraphStore
from loaders.ingest import load_seed


async def test_loading_the_seed_twice_leaves_counts_unchanged(seeded_store: GraphStore, seed_dir: Path) -> None:
    before = await graph_counts(seeded_store)
    report = await load_seed(seeded_store, seed_dir)
    assert not report.failed
    assert await graph_counts(seeded_store) == before
    assert before["node:Policy"] >= 4
