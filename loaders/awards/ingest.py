"""Load an award list or a selection list: read, validate, resolve, write; report what was rejected.

A bad row is rejected with each bad column and the reason, and the good rows of the same
file still load. Three things happen at once on a big list: child processes validate
(`loaders.awards.pipeline`), the loader plans a chunk, and the store writes the chunk
planned before (`loaders.awards.sender`). The first big list of a graph without awards is
planned as bulk payloads into a rebuilt graph (`loaders.awards.bulk_writer`), any other
as statements (`loaders.awards.writer`).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import structlog

from graph.queries import awards as q
from graph.rebuild import GraphChanged, GraphRebuild, RebuildUnsupported, start_rebuild
from graph.store import GraphStore
from loaders.awards.bulk_writer import BulkAwardWriter
from loaders.awards.collector import loading_collector
from loaders.awards.pipeline import PreparationInput, prepared_chunks
from loaders.awards.prepare import PreparedChunk, RowProblem, prepare_selections
from loaders.awards.resolve import Resolver, graph_reference
from loaders.awards.sender import ChunkSender
from loaders.awards.table import SELECTION_COLUMNS, read_table
from loaders.awards.writer import AwardWriter, ListWriter, WriteCounts
from loaders.errors import InputError
from loaders.vocabulary import Vocabulary, load_vocabulary
from loaders.vocabulary_writer import write_vocabulary

CHUNK_ROWS = 10_000
# Lists from this size on (about 7,000 rows) are written as bulk payloads into a rebuilt graph
# when the graph has no awards yet: below it, copying the rest of the graph costs more than it saves.
BULK_BUILD_BYTES = 1_000_000

BuildChoice = Literal["auto", "bulk", "statements"]
log = structlog.get_logger(__name__)


@dataclass
class ListLoadReport:
    """What loading one list did: rows read, loaded, repeated and rejected, with the reasons."""

    source: str
    kind: Literal["awards", "selections"]
    rows: int = 0
    loaded: int = 0
    repeated: int = 0
    rejected: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    written: WriteCounts = field(default_factory=WriteCounts)
    error: InputError | None = None
    bulk_built: bool = False  # written as bulk payloads into a rebuilt graph

    @property
    def failed(self) -> bool:
        return self.error is not None


async def ingest_award_file(
    store: GraphStore,
    path: Path,
    *,
    vocabulary: Vocabulary | None = None,
    sample: bool = False,
    chunk_rows: int = CHUNK_ROWS,
    build: BuildChoice = "auto",
    on_progress: Callable[[int], None] | None = None,
) -> ListLoadReport:
    """Load the awards in `path` (CSV or XLSX); safe to repeat.

    `build`: "auto" writes the first list of at least `BULK_BUILD_BYTES` into a graph without
    awards as bulk payloads into a rebuilt graph (`loaders.awards.bulk_writer`), anything else
    with statements; "bulk" rebuilds whatever the size (where the store and graph allow it),
    "statements" never does.
    """
    vocab = vocabulary or load_vocabulary()
    await write_vocabulary(store, vocab)  # programs, cities and focus areas the awards point to
    graph_had = await q.labels_with_nodes(store)
    rebuild = _rebuild_for(store, path, build, graph_had)
    writer: ListWriter[Any] = (
        AwardWriter(store, graph_had=graph_had, source_file=path.name, sample=sample) if rebuild is None
        else BulkAwardWriter(store, rebuild, source_file=path.name, sample=sample))
    try:
        with loading_collector():  # what the writer remembers lives to the end of the load
            report = await _load(store, path, writer, vocab, chunk_rows, on_progress)
    except (GraphChanged, RebuildUnsupported) as reason:  # load with statements, on top of what is there now
        log.warning("bulk_build_abandoned", file=str(path), reason=str(reason))
        return await ingest_award_file(store, path, vocabulary=vocab, sample=sample, chunk_rows=chunk_rows,
                                       build="statements", on_progress=on_progress)
    report.bulk_built = rebuild is not None and (report.error is None or report.rows > 0)
    return report


def _rebuild_for(store: GraphStore, path: Path, build: BuildChoice, graph_had: dict[q.Label, bool]
                 ) -> GraphRebuild | None:
    if build == "statements" or (build == "auto" and path.stat().st_size < BULK_BUILD_BYTES):
        return None
    if any(graph_had.values()):
        return None  # what the list shares with the graph must be merged: statements
    return start_rebuild(store)


async def _load(store: GraphStore, path: Path, writer: ListWriter[Any], vocab: Vocabulary, chunk_rows: int,
                on_progress: Callable[[int], None] | None) -> ListLoadReport:
    report = ListLoadReport(str(path), "awards")
    reference = await q.reference_data(store)
    job = PreparationInput(path, vocab.directory, reference, chunk_rows)
    await writer.start()
    finished = False
    try:
        sender: ChunkSender[Any] = ChunkSender(writer)
        try:
            try:
                async for read, chunk in prepared_chunks(job):
                    _count(report, read, chunk)
                    if chunk.new_parks:  # later lines refer to parks by position: write them first
                        await sender.drain()
                        await writer.write_parks(chunk.new_parks)
                    await sender.put(await writer.plan(chunk.awards))
                    if on_progress is not None:
                        on_progress(report.rows)
            except InputError as error:
                report.error = error
            await sender.close()  # the rows accepted before a bad one are written all the same
        finally:
            sender.cancel()
        if report.error is not None and report.rows == 0:
            return report  # not a list at all: nothing was written
        cities = Resolver(vocab).cities
        await writer.finish({uid: city.name for uid, city in cities.items()})
        finished = True
    finally:
        if not finished:
            await writer.abandon()
    report.written = writer.counts
    return report


def _count(report: ListLoadReport, read: int, chunk: PreparedChunk) -> None:
    report.rows += read
    report.rejected += chunk.rejected_rows
    report.repeated += chunk.repeated_rows
    report.loaded += read - chunk.rejected_rows
    report.problems.extend(chunk.problems)


async def ingest_selection_file(
    store: GraphStore, path: Path, *, vocabulary: Vocabulary | None = None, sample: bool = False
) -> ListLoadReport:
    """Load pilot-city selections (city, program, batch, year) from `path`; safe to repeat."""
    report = ListLoadReport(str(path), "selections")
    vocab = vocabulary or load_vocabulary()
    try:
        table = read_table(path, SELECTION_COLUMNS)
        await write_vocabulary(store, vocab)
        resolver = Resolver(vocab, graph_reference(await q.reference_data(store)))
        rows = list(table.rows)
    except InputError as error:
        report.error = error
        return report
    selections, problems, rejected = prepare_selections(rows, resolver, str(path), dict(table.headers),
                                                         default_source=path.name)
    await q.upsert_selections(store, [
        {"cityUid": s.city_uid, "programUid": s.program_uid, "year": s.year, "batch": s.batch,
         "source": s.source, "sample": sample} for s in selections])
    report.rows = len(rows)
    report.rejected = rejected
    report.loaded = len(rows) - rejected
    report.problems = problems
    return report


def default_rejects_path(path: Path) -> Path:
    """awards.csv -> awards.rejects.csv, next to the list."""
    return path.with_name(f"{path.stem}.rejects.csv")


def write_rejects(path: Path, problems: list[RowProblem]) -> None:
    """One line per problem: file, row, column, value, reason (UTF-8 with a BOM, so Excel reads it)."""
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["file", "row", "column", "value", "reason"])
        writer.writerows([p.source, p.row, p.column, p.value, p.reason] for p in problems)


def rejected_rows(problems: list[RowProblem]) -> Iterator[int]:
    """The distinct rejected row numbers, in file order."""
    return iter(dict.fromkeys(problem.row for problem in problems))
