"""Prepared chunks of a list, validated in this process or, for big lists, in a child process.

Validating and resolving a row costs about as much as writing it, and the two can run at
the same time only in two processes: a thread would share the interpreter lock with the
event loop that sends the statements. So a big list is read and validated by a child
process, a few chunks ahead of the writer; a small one, where starting a process would
cost more than it saves, is prepared here, chunk by chunk.
"""

from __future__ import annotations

import asyncio
import itertools
import multiprocessing
import queue
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loaders.awards.names import NameKeys
from loaders.awards.prepare import AwardPreparer, PreparedChunk
from loaders.awards.resolve import Resolver, graph_reference
from loaders.awards.table import AWARD_COLUMNS, TableError, read_table
from loaders.errors import InputError
from loaders.vocabulary import load_vocabulary

# Lists above this size are prepared in a child process (about 30,000 rows).
CHILD_PROCESS_BYTES = 5_000_000
_AHEAD = 3  # chunks the child may prepare ahead of the writer
_POLL_SECONDS = 1.0


@dataclass(frozen=True)
class PreparationInput:
    """Everything a child process needs to prepare a list on its own (it must pickle)."""

    path: Path
    vocabulary_dir: Path
    reference: dict[str, list[dict[str, Any]]]
    chunk_rows: int


class PreparationFailed(InputError):
    """The child process stopped before the end of the list."""


def open_table(path: Path) -> tuple[dict[str, str], Iterator[tuple[int, dict[str, str]]]]:
    table = read_table(path, AWARD_COLUMNS)
    return dict(table.headers), table.rows


def preparer_for(job: PreparationInput, headers: dict[str, str]) -> AwardPreparer:
    vocabulary = load_vocabulary(job.vocabulary_dir)
    resolver = Resolver(vocabulary, graph_reference(job.reference))
    return AwardPreparer(resolver, NameKeys.from_vocabulary(vocabulary), str(job.path), headers,
                         default_source=job.path.name)


async def prepared_chunks(job: PreparationInput) -> AsyncIterator[tuple[int, PreparedChunk]]:
    """(rows read, prepared chunk) until the list ends; raises `TableError` for an unreadable list."""
    if job.path.stat().st_size > CHILD_PROCESS_BYTES:
        async for item in _in_child_process(job):
            yield item
        return
    headers, rows = open_table(job.path)
    preparer = preparer_for(job, headers)
    while True:
        taken = list(itertools.islice(rows, job.chunk_rows))
        if not taken:
            return
        yield len(taken), preparer.prepare(taken)


async def _in_child_process(job: PreparationInput) -> AsyncIterator[tuple[int, PreparedChunk]]:
    context = multiprocessing.get_context("spawn")  # fork would copy the event loop and its threads
    chunks: multiprocessing.Queue[Any] = context.Queue(maxsize=_AHEAD)
    child = context.Process(target=_prepare_in_child, args=(job, chunks), name="award-preparation", daemon=True)
    child.start()
    try:
        while True:
            item = await asyncio.to_thread(_next_item, chunks, child)
            kind, payload = item
            if kind == "done":
                return
            if kind == "error":
                failure, source, reason = payload
                raise (TableError if failure == "table" else PreparationFailed)(source, reason)
            yield payload
    finally:
        if child.is_alive():
            child.terminate()
        child.join(timeout=5)


def _next_item(chunks: multiprocessing.Queue[Any], child: multiprocessing.process.BaseProcess) -> Any:
    while True:
        try:
            return chunks.get(timeout=_POLL_SECONDS)
        except queue.Empty:
            if not child.is_alive():
                return "error", ("process", child.name, f"stopped unexpectedly (exit code {child.exitcode})")


def _prepare_in_child(job: PreparationInput, chunks: multiprocessing.Queue[Any]) -> None:
    try:
        headers, rows = open_table(job.path)
        preparer = preparer_for(job, headers)
        while True:
            taken = list(itertools.islice(rows, job.chunk_rows))
            if not taken:
                break
            chunks.put(("chunk", (len(taken), preparer.prepare(taken))))
        chunks.put(("done", None))
    # Errors cross as plain tuples: exceptions with their own constructors do not pickle back.
    except TableError as error:
        chunks.put(("error", ("table", error.source, error.reason)))
    except Exception as error:  # reported to the parent, which names the file
        chunks.put(("error", ("process", str(job.path), f"could not be prepared: {error!r}")))
