"""Load documents from files into the graph, reporting per-file failures without stopping the batch."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graph.store import GraphStore
from loaders.errors import InputError
from loaders.parse import parse_file
from loaders.vocabulary import DEFAULT_VOCABULARY_DIR, Vocabulary, load_vocabulary
from loaders.vocabulary_writer import write_vocabulary
from loaders.writer import write_document


@dataclass
class IngestReport:
    loaded: list[str] = field(default_factory=list)
    failed: list[InputError] = field(default_factory=list)


async def ingest_documents(
    store: GraphStore,
    paths: Sequence[Path],
    *,
    vocabulary: Vocabulary | None = None,
    on_progress: Callable[[Path], None] | None = None,
) -> IngestReport:
    """Parse and write each file; one bad file is reported and the others still load."""
    vocab = vocabulary or load_vocabulary(DEFAULT_VOCABULARY_DIR)
    await write_vocabulary(store, vocab)
    report = IngestReport()
    for path in paths:
        try:
            await write_document(store, parse_file(path, vocab))
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
    vocab = load_vocabulary(seed_dir / "vocabulary")
    return await ingest_documents(store, seed_document_paths(seed_dir), vocabulary=vocab)
