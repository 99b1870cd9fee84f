"""Big lists are prepared in child processes: the chunks they send back must be the chunks
this process prepares from the same list, in the same order, and a child that fails must
say so instead of ending the list early."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.queries import awards as q
from graph.store import GraphStore
from loaders.awards import pipeline
from loaders.awards.pipeline import PreparationFailed, PreparationInput, prepared_chunks
from loaders.awards.prepare import PreparedChunk
from loaders.awards.table import TableError
from loaders.synthetic.files import GeneratedSet
from tests.awards.conftest import GENERATED_AWARDS

CHUNK_ROWS = 1_000


@pytest.fixture(scope="module")
async def reference(seeded_store: GraphStore) -> dict[str, list[dict[str, Any]]]:
    return await q.reference_data(seeded_store)


def _job(path: Path, seed_dir: Path, reference: dict[str, list[dict[str, Any]]]) -> PreparationInput:
    return PreparationInput(path, seed_dir / "vocabulary", reference, CHUNK_ROWS)


async def _prepare(job: PreparationInput, monkeypatch: pytest.MonkeyPatch, *, in_children: bool
                   ) -> list[tuple[int, PreparedChunk]]:
    monkeypatch.setattr(pipeline, "CHILD_PROCESS_BYTES", 0 if in_children else 1 << 40)
    return [(read, chunk) async for read, chunk in prepared_chunks(job)]


def _contents(chunks: list[tuple[int, PreparedChunk]]) -> list[tuple[Any, ...]]:
    return [(read, chunk.awards, chunk.problems, chunk.rejected_rows, chunk.repeated_rows) for read, chunk in chunks]


def _parks_told_in_time(chunks: list[tuple[int, PreparedChunk]], new_parks: set[str]) -> set[str]:
    """The new parks the chunks tell of, checking that each is told no later than the chunk of
    its first award: the writer writes a chunk's new parks before its awards."""
    told: set[str] = set()
    for _, chunk in chunks:
        told.update(park.uid for park in chunk.new_parks)
        untold = new_parks - told
        late = [award.row for award in chunk.awards if award.park_uid in untold]
        assert not late, f"rows {late} name a park no chunk has told of yet"
    return told


async def test_children_send_the_chunks_this_process_prepares(
        generated_set: GeneratedSet, seed_dir: Path, reference: dict[str, list[dict[str, Any]]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    job = _job(generated_set.awards, seed_dir, reference)
    here = await _prepare(job, monkeypatch, in_children=False)
    in_children = await _prepare(job, monkeypatch, in_children=True)

    assert pipeline.preparing_processes(job.path) >= 2  # blocks alternate between children
    assert sum(read for read, _ in here) == GENERATED_AWARDS
    assert len(here) > 20  # blocks of 1,000 rows, the first shortened by the header
    assert sum(chunk.rejected_rows for _, chunk in here) > 0  # the generated code errors are among them
    assert _contents(in_children) == _contents(here)
    rows = [award.row for _, chunk in in_children for award in chunk.awards]
    assert rows == sorted(rows)  # file order, whichever child prepared a block
    for _, chunk in in_children:  # repeated sources and batches cross as one string each
        texts = [text for award in chunk.awards for text in (award.source, award.batch) if text]
        assert len({id(text) for text in texts}) == len(set(texts))
    # Each child tells of the parks it comes across first, so a park may be told twice or in
    # another chunk than here (writing a park is idempotent); but every one in time.
    new_parks = {park.uid for _, chunk in here for park in chunk.new_parks}
    assert new_parks  # the generated list names parks the graph lacks
    assert _parks_told_in_time(in_children, new_parks) == _parks_told_in_time(here, new_parks) == new_parks


async def test_a_list_the_children_cannot_read_fails_as_it_does_here(
        tmp_path: Path, seed_dir: Path, reference: dict[str, list[dict[str, Any]]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "no-header.csv"
    path.write_text("这不是一份清单\n" * 100, encoding="utf-8")
    job = _job(path, seed_dir, reference)
    with pytest.raises(TableError) as here:
        await _prepare(job, monkeypatch, in_children=False)
    with pytest.raises(TableError) as in_children:
        await _prepare(job, monkeypatch, in_children=True)
    assert (in_children.value.source, in_children.value.reason) == (here.value.source, here.value.reason)
    assert "no header row" in in_children.value.reason


async def test_a_child_that_cannot_prepare_names_the_list(
        generated_set: GeneratedSet, tmp_path: Path, reference: dict[str, list[dict[str, Any]]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    job = PreparationInput(generated_set.awards, tmp_path / "no-vocabulary", reference, CHUNK_ROWS)
    with pytest.raises(PreparationFailed) as failed:
        await _prepare(job, monkeypatch, in_children=True)
    assert failed.value.source == str(generated_set.awards)
    assert "could not be prepared" in failed.value.reason
