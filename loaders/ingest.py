"""Load documents from files into the graph, reporting per-file failures without stopping the batch."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graph.store import GraphStore
from loaders.errors import InputError
from loaders.parse import parse_file
from loaders.writer import write_document


@dataclass
class IngestReport:
    loaded: list[str] = field(default_factory=list)
    failed: list[InputError] = field(default_factory=list)


async def ingest_documents(
    store: GraphStore, paths: Sequence[Path], *, on_progress: Callable[[Path], None] | None = None
) -> IngestReport:
    report = IngestReport()
    for path in paths:
        try:
            doc = parse_file(path)
            await write_document(store, doc)
            report.loaded.append(str(path))
        except InputError as exc:
            report.failed.append(exc)
        finally:
            if on_progress is not None:
                on_progress(path)
    return report


def seed_document_paths(seed_dir: Path) -> list[Path]:
    return sorted((seed_dir / "documents").glob("*.txt"))


async def load_seed(store: GraphStore, seed_dir: Path) -> IngestReport:
    """Load everything shipped under `seed/`; safe to run on every start."""
    return await ingest_documents(store, seed_document_paths(seed_dir))
