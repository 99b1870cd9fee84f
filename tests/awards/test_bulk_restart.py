"""After a bulk build the store's log is compacted before it stops, so the next start reads the
graph as data instead of replaying every payload and statement of the load."""

from __future__ import annotations

from pathlib import Path

from graph.queries.policies import graph_counts
from graph.runtime import StoreRuntime
from loaders.awards.ingest import ingest_award_file, ingest_selection_file
from loaders.synthetic.files import GeneratedSet
from tests.awards.conftest import with_seed_documents
from tests.conftest import append_only_log, embedded_only, store_settings_for

pytestmark = embedded_only


async def test_a_bulk_built_graph_is_compacted_before_the_store_stops(
        tmp_path: Path, seed_dir: Path, generated_set: GeneratedSet) -> None:
    settings = store_settings_for(tmp_path)
    runtime = StoreRuntime(settings)
    store = await with_seed_documents(await runtime.open(), seed_dir)
    try:
        await ingest_selection_file(store, generated_set.selections)
        report = await ingest_award_file(store, generated_set.awards, build="bulk")
        assert report.error is None and report.bulk_built
        counts = await graph_counts(store)
    finally:
        await runtime.close()

    logs = append_only_log(tmp_path)
    assert logs, "the store keeps an append-only log"
    assert not any(b"GRAPH.BULK" in text for text in logs), "the bulk payloads were left in the log to replay"
    assert not any(b"awardCount" in text for text in logs), "the statements after the payloads were left in the log"

    again = StoreRuntime(settings)
    try:
        assert await graph_counts(await again.open()) == counts
    finally:
        await again.close()
