"""Build the embedded store's graph again with bulk payloads, and put it in place at the end.

FalkorDB's `GRAPH.BULK` adds nodes and relationships for a fraction of what Cypher
statements cost the server, but it names relationship ends by node id, and node ids are
only known in advance in a graph built by bulk payloads from nothing (elsewhere the
server reuses the ids of deleted nodes first, last deleted first). So a big first load is
written to a new graph: a copy of the current one (same labels, property keys and
relationship types, numbered in the same order, since clients cache those numbers) with
the catalogue's indexes and constraints, then the load's payloads (indexing as they go
costs no more than indexing at the end); the server does not compact its append-only
file until the build ends. `commit` renames the new graph over the old
one, one step for the server; until then readers see the old graph, and `abort` (or a
failure) leaves it as it was. A failed `GRAPH.BULK` makes the server drop the graph it
was adding to, which here is only the new one.

Writes to the old graph during the build would be lost by the rename, so `commit` first
checks that its size has not changed and refuses otherwise (`GraphChanged`).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graph.bulk_format import ANY, BulkPayload, NodeIds, UnsupportedValue, Value
from graph.catalog import CATALOG
from graph.falkordb_store import FalkorDBStore
from graph.queries import rebuild as q
from graph.store import GraphStore

BUILD_SUFFIX = ":rebuild"


class RebuildUnsupported(Exception):
    """The graph holds something bulk payloads cannot copy (a node without a label, a map ...)."""


class GraphChanged(Exception):
    """The graph was written to while its rebuild was under way."""


class GraphRebuild:
    def __init__(self, store: FalkorDBStore) -> None:
        self.store = store
        self.building = store.for_graph(store.graph_name + BUILD_SUFFIX)
        self.ids = NodeIds()
        self.uid_ids: dict[str, int] = {}  # uid -> id in the new graph, for the copied nodes
        self._size_at_copy: tuple[int, int] | None = None
        self._compaction: str | None = None

    def payload(self) -> BulkPayload:
        """An empty payload whose nodes take the ids after those of every payload made before."""
        return BulkPayload(self.ids)

    async def begin(self) -> None:
        """Create the new graph as a copy of the current one, with the catalogue's indexes; if
        that fails, nothing of it stays (see `abort`)."""
        await self.building.delete_graph()  # what a load that stopped half-way left behind
        self._compaction = await self.store.pause_log_compaction()
        try:
            self._size_at_copy = await q.graph_size(self.store)
            try:
                copy = await self._copy_payload()
            except UnsupportedValue as error:
                raise RebuildUnsupported(str(error)) from error
            await self.building.bulk_insert(copy, begin=True)
            await self.building.ensure_schema(CATALOG)
        except BaseException:
            await self.abort()
            raise

    async def send(self, payload: BulkPayload) -> None:
        if not payload.is_empty():
            await self.building.bulk_insert(payload)

    async def commit(self) -> None:
        """Put the new graph in place of the old one, unless the old one changed meanwhile."""
        try:
            if await q.graph_size(self.store) != self._size_at_copy:
                await self.building.delete_graph()
                raise GraphChanged(f"graph {self.store.graph_name!r} was written to while it was being rebuilt")
            await self.building.replace_graph(self.store)
        finally:
            await self._close()

    async def abort(self) -> None:
        await self.building.delete_graph()
        await self._close()

    async def _close(self) -> None:
        # The server compacts its log once now, with the new graph in place of the old one. Asked,
        # not left to its own rule, which waits for a log of some size: replayed at a start, the
        # payloads and the statements after them would run again against indexes still filling.
        await self.store.resume_log_compaction(self._compaction)
        self._compaction = None
        try:
            await self.store.compact_log()
        finally:
            await self.building.close()

    async def _copy_payload(self) -> BulkPayload:
        labels, keys, types = await q.schema_order(self.store)
        nodes = await q.all_nodes(self.store)
        relationships = await q.all_relationships(self.store)
        payload = self.payload()
        # Tokens without records, read first, number labels, keys and types in the old order.
        for index, label in enumerate(labels):
            payload.nodes([label], [(key, ANY) for key in keys] if index == 0 else [], 0)
        if keys and not labels:
            raise RebuildUnsupported("the graph has property keys but no labels")
        for type_ in types:
            payload.edges(type_)

        new_ids: dict[Any, int] = {}
        by_labels: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
        for node in nodes:
            if not node["labels"]:
                raise RebuildUnsupported(f"node {node['id']} has no label")
            by_labels[tuple(node["labels"])].append(node)
        key_order = {key: index for index, key in enumerate(keys)}
        for node_labels, group in by_labels.items():
            names = sorted({key for node in group for key in node["props"]}, key=key_order.__getitem__)
            token = payload.nodes(node_labels, [(name, ANY) for name in names], len(group))
            for node in group:
                props = node["props"]
                new_id = token.add([_value(props.get(name)) for name in names])
                new_ids[node["id"]] = new_id
                if isinstance(props.get("uid"), str):
                    self.uid_ids[props["uid"]] = new_id
        for rel in relationships:
            names = sorted(rel["props"], key=key_order.__getitem__)
            edges = payload.edges(rel["type"], [(name, ANY) for name in names])
            edges.add(new_ids[rel["source"]], new_ids[rel["target"]], [_value(rel["props"][name]) for name in names])
        return payload


def _value(value: Any) -> Value:
    if isinstance(value, dict):
        raise RebuildUnsupported(f"a map property cannot be copied: {value!r}")
    return value  # type: ignore[no-any-return]


def start_rebuild(store: GraphStore) -> GraphRebuild | None:
    """A rebuild of the store's graph, or None where the store cannot build one (Neo4j)."""
    return GraphRebuild(store) if isinstance(store, FalkorDBStore) else None
