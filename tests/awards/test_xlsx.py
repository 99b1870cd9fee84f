"""An Excel list with English headers below a title loads like the CSV sample, and resolves the same enterprises."""

from __future__ import annotations

import csv
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from openpyxl import Workbook

from graph.runtime import StoreRuntime
from graph.store import GraphStore
from loaders.awards.ingest import ingest_award_file
from tests.conftest import second_graph

ENGLISH = ["project_name", "enterprise_name", "credit_code", "program", "city", "park", "focus_area", "amount_wan",
           "year", "batch", "source"]


@pytest.fixture(scope="module")
async def xlsx_store(runtime: StoreRuntime) -> AsyncIterator[GraphStore]:
    store = await second_graph(runtime, "awards_xlsx")
    try:
        yield store
    finally:
        await store.close()


def _sample_as_xlsx(seed_dir: Path, path: Path) -> int:
    with (seed_dir / "sample" / "awards.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[2:]  # below the title and the Chinese header
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Sample award list (fictitious)"])
    sheet.append(ENGLISH)
    for row in rows:
        cells: list[object] = list(row)
        cells[7], cells[8] = float(row[7]), int(row[8])  # numbers as Excel stores them
        sheet.append(cells)
    workbook.save(path)
    return len(rows)


async def test_the_sample_as_xlsx_loads_every_row(xlsx_store: GraphStore, seed_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "awards.xlsx"
    rows = _sample_as_xlsx(seed_dir, path)
    report = await ingest_award_file(xlsx_store, path, sample=True)
    assert report.error is None
    assert (report.rows, report.loaded, report.rejected) == (rows, rows, 0), [p.describe() for p in report.problems]
    assert report.written.awards_created == rows
    # Two Linyi enterprises are listed once with a credit code and once without: two records, linked.
    assert report.written.candidate_links >= 2
    again = await ingest_award_file(xlsx_store, path, sample=True)
    assert (again.written.awards_created, again.written.awards_rewritten) == (0, rows)
