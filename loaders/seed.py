"""Everything shipped under `seed/`: the policy documents, then the fictitious sample lists."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graph.store import GraphStore
from loaders.awards.ingest import ListLoadReport
from loaders.awards.sample import load_sample
from loaders.ingest import IngestReport, load_seed


@dataclass
class SeedReport:
    documents: IngestReport
    lists: list[ListLoadReport]

    @property
    def ok(self) -> bool:
        return not self.documents.failed and all(r.error is None and not r.rejected for r in self.lists)


async def load_everything(store: GraphStore, seed_dir: Path) -> SeedReport:
    """What `make serve` loads on every start; idempotent. Documents first: the sample lists
    resolve programs against them and the audit reads the rules they state."""
    documents = await load_seed(store, seed_dir)
    return SeedReport(documents, await load_sample(store, seed_dir))
