"""The fictitious sample under `seed/sample/`: pilot selections first, then the awards."""

from __future__ import annotations

from pathlib import Path

from graph.store import GraphStore
from loaders.awards.ingest import ListLoadReport, ingest_award_file, ingest_selection_file
from loaders.vocabulary import Vocabulary, load_vocabulary

SAMPLE_DIR = "sample"
SELECTIONS_FILE = "selections.csv"
AWARDS_FILE = "awards.csv"


async def load_sample(store: GraphStore, seed_dir: Path, *, vocabulary: Vocabulary | None = None
                      ) -> list[ListLoadReport]:
    """Load `seed_dir/sample/` marked as sample data; safe to run on every start.

    Call after the seed documents: the audit reads the rules they state, and the lists
    resolve programs and parks against the graph. A missing folder loads nothing.
    """
    directory = seed_dir / SAMPLE_DIR
    if not directory.is_dir():
        return []
    vocab = vocabulary or load_vocabulary(seed_dir / "vocabulary")
    reports = [await ingest_selection_file(store, directory / SELECTIONS_FILE, vocabulary=vocab, sample=True)]
    reports.append(await ingest_award_file(store, directory / AWARDS_FILE, vocabulary=vocab, sample=True))
    return reports
