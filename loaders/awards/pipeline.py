"""Prepared chunks of a list, validated in this process or, for big lists, in child processes.

Validating and resolving a row costs more than writing it, and the work can run at the same
time as the writing only in other processes: a thread would share the interpreter lock with
the event loop that sends the chunks. So a big list is read by several child processes, each
validating its own blocks of rows (block k by child k mod n), a few blocks ahead of the
writer, which takes the blocks back in file order; a small list, where starting processes
would cost more than they save, is prepared here, block by block. Either way the chunks are
screened for repeated awards here, in file order (`RepeatedAwards`).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import queue
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any

from loaders.awards.collector import loading_collector
from loaders.awards.names import NameKeys
from loaders.awards.prepare import AwardPreparer, PreparedChunk, RepeatedAwards
from loaders.awards.resolve import Resolver, graph_reference
from loaders.awards.table import AWARD_COLUMNS, TableError, read_table
from loaders.errors import InputError
from loaders.vocabulary import load_vocabulary

# Lists above this size are prepared in child processes (about 30,000 rows).
CHILD_PROCESS_BYTES = 5_000_000
_AHEAD = 3  # blocks each child may prepare ahead of the writer
_POLL_SECONDS = 1.0


def preparing_processes(path: Path) -> int:
    """Two on a two-processor machine: with the writer and the store they keep both busy. Each
    reads the whole list, which for a workbook costs about as much as validating it: one then."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return 1
    return max(2, min(4, (os.cpu_count() or 2) // 2))


@dataclass(frozen=True)
class PreparationInput:
    """Everything a child process needs to prepare a list on its own (it must pickle)."""

    path: Path
    vocabulary_dir: Path
    reference: dict[str, list[dict[str, Any]]]
    chunk_rows: int


class PreparationFailed(InputError):
    """A child process stopped before the end of the list."""


def preparer_for(job: PreparationInput, headers: dict[str, str]) -> AwardPreparer:
    vocabulary = load_vocabulary(job.vocabulary_dir)
    resolver = Resolver(vocabulary, graph_reference(job.reference))
    return AwardPreparer(resolver, NameKeys.from_vocabulary(vocabulary), str(job.path), headers,
                         default_source=job.path.name)


def _blocks(job: PreparationInput, child: int = 0, children: int = 1
            ) -> tuple[dict[str, str], Iterator[tuple[int, list[tuple[int, dict[str, str]]]]]]:
    """The list's headers, and (block number, rows) for the blocks of `chunk_rows` lines that fall
    to `child` of `children`; blocks without rows are left out."""
    keep = None if children == 1 else (lambda row: (row // job.chunk_rows) % children == child)
    table = read_table(job.path, AWARD_COLUMNS, keep=keep)
    blocks = ((block, list(rows)) for block, rows in groupby(table.rows, key=lambda item: item[0] // job.chunk_rows))
    return dict(table.headers), blocks


async def prepared_chunks(job: PreparationInput) -> AsyncIterator[tuple[int, PreparedChunk]]:
    """(rows read, prepared chunk) in file order until the list ends; raises `TableError` for an
    unreadable list."""
    in_children = job.path.stat().st_size > CHILD_PROCESS_BYTES
    repeated: RepeatedAwards | None = None
    async for headers, read, chunk in (_in_child_processes(job) if in_children else _here(job)):
        repeated = repeated or RepeatedAwards(str(job.path), headers)
        yield read, repeated.screen(chunk)


# Both sources yield (the list's headers, rows read, prepared chunk).
Prepared = tuple[dict[str, str], int, PreparedChunk]


async def _here(job: PreparationInput) -> AsyncIterator[Prepared]:
    headers, blocks = _blocks(job)
    preparer = preparer_for(job, headers)
    for _, rows in blocks:
        yield headers, len(rows), preparer.prepare(rows)


async def _in_child_processes(job: PreparationInput) -> AsyncIterator[Prepared]:
    context = multiprocessing.get_context("spawn")  # fork would copy the event loop and its threads
    count = preparing_processes(job.path)
    queues: list[multiprocessing.Queue[Any]] = [context.Queue(maxsize=_AHEAD) for _ in range(count)]
    children = [context.Process(target=_prepare_in_child, args=(job, index, count, queues[index]),
                                name=f"award-preparation-{index}", daemon=True) for index in range(count)]
    for child in children:
        child.start()
    try:
        # Each child sends its blocks in order, so the next block of the list is the lowest
        # block number at the head of the queues.
        heads: dict[int, tuple[int, Prepared]] = {}
        for index in range(count):
            if (head := await _next_block(queues[index], children[index])) is not None:
                heads[index] = head
        while heads:
            index = min(heads, key=lambda i: heads[i][0])
            yield heads.pop(index)[1]
            if (head := await _next_block(queues[index], children[index])) is not None:
                heads[index] = head
    finally:
        for child in children:
            if child.is_alive():
                child.terminate()
        for child in children:
            child.join(timeout=5)


async def _next_block(chunks: multiprocessing.Queue[Any], child: multiprocessing.process.BaseProcess
                      ) -> tuple[int, Prepared] | None:
    kind, payload = await asyncio.to_thread(_next_item, chunks, child)
    if kind == "done":
        return None
    if kind == "error":
        failure, source, reason = payload
        raise (TableError if failure == "table" else PreparationFailed)(source, reason)
    return payload  # type: ignore[no-any-return]


def _next_item(chunks: multiprocessing.Queue[Any], child: multiprocessing.process.BaseProcess) -> Any:
    while True:
        try:
            return chunks.get(timeout=_POLL_SECONDS)
        except queue.Empty:
            if not child.is_alive():
                return "error", ("process", child.name, f"stopped unexpectedly (exit code {child.exitcode})")


def _prepare_in_child(job: PreparationInput, index: int, count: int, chunks: multiprocessing.Queue[Any]) -> None:
    try:
        headers, blocks = _blocks(job, index, count)
        preparer = preparer_for(job, headers)
        with loading_collector():
            for block, rows in blocks:
                chunks.put(("block", (block, (headers, len(rows), preparer.prepare(rows)))))
        chunks.put(("done", None))
    # Errors cross as plain tuples: exceptions with their own constructors do not pickle back.
    except TableError as error:
        chunks.put(("error", ("table", error.source, error.reason)))
    except Exception as error:  # reported to the parent, which names the file
        chunks.put(("error", ("process", str(job.path), f"could not be prepared: {error!r}")))
