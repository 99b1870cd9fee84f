"""Write parsed documents into the graph through `graph.queries`."""

from __future__ import annotations

from graph.queries.policies import upsert_policies
from graph.store import GraphStore
from loaders.model import ParsedDocument


async def write_document(store: GraphStore, doc: ParsedDocument) -> None:
    props = {"docNumber": doc.doc_number, "title": doc.title, "source": doc.source}
    await upsert_policies(store, [{"uid": doc.uid, "props": {k: v for k, v in props.items() if v is not None}}])
