"""A big first list is written as bulk payloads into a rebuilt graph: the same graph as the statements write.

`generated_store` loads the 20,000 generated awards the default way, which for a list of
that size into a graph without awards is the bulk build; here the same list is loaded
with statements into another graph, and the two graphs are compared node by node and
relationship by relationship, every label and property included.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from redis.asyncio import Redis

from graph.bulk_format import BulkPayload, UnsupportedValue
from graph.falkordb_store import FalkorDBStore
from graph.queries.awards import label_has_nodes
from graph.queries.bulk import upsert_nodes
from graph.queries.rebuild import all_nodes, all_relationships, schema_order
from graph.rebuild import GraphChanged, GraphRebuild, RebuildUnsupported, start_rebuild
from graph.runtime import StoreRuntime
from graph.store import GraphStore
from loaders.awards.ingest import ListLoadReport, ingest_award_file, ingest_selection_file
from loaders.synthetic.files import GeneratedSet
from tests.awards.conftest import with_seed_documents
from tests.conftest import embedded_only, second_graph, store_settings_for

NodeDump = dict[str, tuple[tuple[str, ...], dict[str, Any]]]
EdgeDump = Counter[tuple[str, str, str, tuple[tuple[str, Any], ...]]]


def _frozen(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


async def dump(store: GraphStore) -> tuple[NodeDump, EdgeDump]:
    """Every node by uid with its labels and properties; every relationship by its ends' uids."""
    nodes = await all_nodes(store)
    uid_of = {node["id"]: node["props"]["uid"] for node in nodes}
    by_uid = {node["props"]["uid"]: (tuple(sorted(node["labels"])), node["props"]) for node in nodes}
    assert len(by_uid) == len(nodes), "every node has a uid of its own"
    edges: EdgeDump = Counter(
        (uid_of[rel["source"]], rel["type"], uid_of[rel["target"]],
         tuple(sorted((key, _frozen(value)) for key, value in rel["props"].items())))
        for rel in await all_relationships(store))
    return by_uid, edges


@pytest.fixture(scope="module")
async def statement_store(runtime: StoreRuntime, seed_dir: Path, generated_set: GeneratedSet
                          ) -> Any:
    store = await with_seed_documents(await second_graph(runtime, "awards_generated_statements"), seed_dir)
    await ingest_selection_file(store, generated_set.selections)
    report = await ingest_award_file(store, generated_set.awards, build="statements")
    assert report.error is None and not report.bulk_built
    try:
        yield store
    finally:
        await store.close()


async def test_the_generated_list_was_built_in_bulk(generated_store: tuple[GraphStore, ListLoadReport]) -> None:
    _, report = generated_store
    assert report.bulk_built
    assert report.written.awards_created == report.loaded - report.repeated
    assert report.written.candidate_links > 0


async def test_bulk_and_statements_write_the_same_graph(
        generated_store: tuple[GraphStore, ListLoadReport], statement_store: GraphStore) -> None:
    bulk_nodes, bulk_edges = await dump(generated_store[0])
    statement_nodes, statement_edges = await dump(statement_store)
    assert bulk_nodes.keys() == statement_nodes.keys()
    different = [uid for uid in bulk_nodes if bulk_nodes[uid] != statement_nodes[uid]]
    assert different == [], [(bulk_nodes[uid], statement_nodes[uid]) for uid in different[:3]]
    assert bulk_edges == statement_edges, (list((bulk_edges - statement_edges).items())[:3],
                                           list((statement_edges - bulk_edges).items())[:3])
    # what the comparison covers: every kind of thing the list writes
    labels = Counter(labels for labels, _ in bulk_nodes.values())
    assert {("Award",), ("Enterprise",), ("Project",)} <= labels.keys()
    types = Counter(edge[1] for edge in bulk_edges.elements())
    assert {"RECEIVED", "FROM", "BY", "LOCATED_IN", "TARGETS", "MAYBE_SAME_AS"} <= types.keys()
    marked = [props for _, props in bulk_nodes.values() if props.get("awardCount") or props.get("aliases")
              or props.get("sharesFocusArea") or props.get("linkedWork")]
    assert {"awardCount", "aliases", "sharesFocusArea", "linkedWork"} <= {key for props in marked for key in props}


async def test_payloads_cut_small_write_the_same_graph(
        runtime: StoreRuntime, seed_dir: Path, generated_set: GeneratedSet, statement_store: GraphStore,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # The end's nodes and relationships are cut into many payloads here, as a big list's are.
    monkeypatch.setattr("loaders.awards.bulk_writer.PAYLOAD_NODES", 1_009)
    monkeypatch.setattr("loaders.awards.bulk_writer.PAYLOAD_EDGES", 997)
    monkeypatch.setattr("loaders.awards.bulk_writer.FINISH_PAYLOADS_AHEAD", 3)
    store = await with_seed_documents(await second_graph(runtime, "awards_bulk_small_payloads"), seed_dir)
    try:
        await ingest_selection_file(store, generated_set.selections)
        report = await ingest_award_file(store, generated_set.awards, build="bulk")
        assert report.bulk_built
        assert await dump(store) == await dump(statement_store)
    finally:
        await store.close()


async def test_loading_the_list_again_changes_nothing(
        generated_store: tuple[GraphStore, ListLoadReport], generated_set: GeneratedSet) -> None:
    store, _ = generated_store
    before = await dump(store)
    again = await ingest_award_file(store, generated_set.awards)
    assert not again.bulk_built and again.written.awards_created == 0
    assert await dump(store) == before


async def test_the_rebuilt_graph_numbers_labels_keys_and_types_as_before(
        runtime: StoreRuntime, seed_dir: Path, generated_set: GeneratedSet) -> None:
    store = await with_seed_documents(await second_graph(runtime, "awards_bulk_schema_order"), seed_dir)
    try:
        labels, keys, types = await schema_order(store)
        report = await ingest_award_file(store, generated_set.awards, build="bulk")
        assert report.bulk_built
        after_labels, after_keys, after_types = await schema_order(store)
        assert after_labels[:len(labels)] == labels
        assert after_keys[:len(keys)] == keys
        assert after_types[:len(types)] == types
    finally:
        await store.close()


async def test_a_graph_written_to_during_its_rebuild_is_left_as_it_was(runtime: StoreRuntime, seed_dir: Path) -> None:
    store = await with_seed_documents(await second_graph(runtime, "awards_bulk_changed"), seed_dir)
    try:
        rebuild = start_rebuild(store)
        assert rebuild is not None
        await rebuild.begin()
        await upsert_nodes(store, "Agency", [{"uid": "agency-written-meanwhile", "props": {"name": "某局"}}])
        before = await dump(store)
        with pytest.raises(GraphChanged):
            await rebuild.commit()
        assert await dump(store) == before
        assert not await rebuild.building.graph_exists()  # the half-built graph is gone
    finally:
        await store.close()


async def _compaction_setting(store: GraphStore) -> str:
    assert isinstance(store, FalkorDBStore)
    client = Redis(host=store.host, port=store.port)
    try:
        reply = await client.config_get("auto-aof-rewrite-percentage")
        return str(reply["auto-aof-rewrite-percentage"])
    finally:
        await client.aclose()


async def test_the_server_compacts_its_log_again_once_the_rebuild_ends(
        runtime: StoreRuntime, seed_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = await with_seed_documents(await second_graph(runtime, "awards_bulk_compaction"), seed_dir)
    try:
        before = await _compaction_setting(store)
        assert before != "0"
        for ending in ("commit", "changed", "abort"):
            rebuild = start_rebuild(store)
            assert rebuild is not None
            await rebuild.begin()
            assert await _compaction_setting(store) == "0", "no compaction while the new graph is written"
            if ending == "changed":
                await upsert_nodes(store, "Agency", [{"uid": f"agency-{ending}", "props": {"name": "某局"}}])
                with pytest.raises(GraphChanged):
                    await rebuild.commit()
            else:
                await (rebuild.commit() if ending == "commit" else rebuild.abort())
            assert await _compaction_setting(store) == before, ending

        async def uncopyable(self: GraphRebuild) -> BulkPayload:
            raise UnsupportedValue("a map property")

        monkeypatch.setattr(GraphRebuild, "_copy_payload", uncopyable)
        rebuild = start_rebuild(store)
        assert rebuild is not None
        with pytest.raises(RebuildUnsupported):
            await rebuild.begin()
        assert await _compaction_setting(store) == before, "a rebuild that could not begin"
        assert not await rebuild.building.graph_exists()
    finally:
        await store.close()


async def test_a_file_that_is_no_list_leaves_the_graph_as_it_was(
        runtime: StoreRuntime, seed_dir: Path, tmp_path: Path) -> None:
    store = await with_seed_documents(await second_graph(runtime, "awards_bulk_not_a_list"), seed_dir)
    try:
        before = await dump(store)
        not_a_list = tmp_path / "notes.csv"
        not_a_list.write_text("these,are,not\nthe,columns,of an award list\n", encoding="utf-8")
        report = await ingest_award_file(store, not_a_list, build="bulk")
        assert report.error is not None and not report.bulk_built
        assert await dump(store) == before
        assert not await label_has_nodes(store, "Award")
    finally:
        await store.close()


@embedded_only
async def test_a_bulk_built_graph_survives_a_restart_of_the_store(tmp_path: Path, seed_dir: Path,
                                                                 generated_set: GeneratedSet) -> None:
    # The append-only file holds the bulk payloads and the rename: replayed, they must give the same graph.
    settings = store_settings_for(tmp_path / "store")
    runtime = StoreRuntime(settings)
    store = await with_seed_documents(await runtime.open(), seed_dir)
    try:
        report = await ingest_award_file(store, generated_set.awards, build="bulk")
        assert report.bulk_built
        before = await dump(store)
    finally:
        await runtime.close()
    runtime = StoreRuntime(settings)
    try:
        assert await dump(await runtime.open()) == before
    finally:
        await runtime.close()


async def test_a_list_whose_rebuild_is_overtaken_loads_with_statements(
        runtime: StoreRuntime, seed_dir: Path, generated_set: GeneratedSet, monkeypatch: pytest.MonkeyPatch) -> None:
    store = await with_seed_documents(await second_graph(runtime, "awards_bulk_overtaken"), seed_dir)
    real_commit = GraphRebuild.commit

    async def overtaken(self: GraphRebuild) -> None:
        await upsert_nodes(self.store, "Agency", [{"uid": "agency-written-meanwhile", "props": {"name": "某局"}}])
        await real_commit(self)

    monkeypatch.setattr(GraphRebuild, "commit", overtaken)
    try:
        report = await ingest_award_file(store, generated_set.awards, build="bulk")
        assert report.error is None and not report.bulk_built
        assert report.written.awards_created == report.loaded - report.repeated
        nodes, _ = await dump(store)
        assert "agency-written-meanwhile" in nodes  # what was written meanwhile is kept
        assert sum(1 for labels, _ in nodes.values() if labels == ("Award",)) == report.written.awards_created
    finally:
        await store.close()
