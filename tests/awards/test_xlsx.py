"""An Excel list with English headers below a title loads like the CSV sample, and resolves the same enterprises."""

from __future__ import annotations

import csv
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from openpyxl import Workbook

from graph.queries.rebuild import all_nodes, all_relationships
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


async def test_a_later_list_links_its_enterprises_to_those_of_earlier_lists(
        runtime: StoreRuntime, seed_dir: Path, tmp_path: Path) -> None:
    store = await second_graph(runtime, "awards_linked_across_lists")
    try:
        await ingest_award_file(store, seed_dir / "sample" / "awards.csv", sample=True)
        later = tmp_path / "later.csv"  # an enterprise of the sample, listed without its credit code
        later.write_text("项目名称,企业名称,统一社会信用代码,专项,城市,金额（万元）,年度,来源\n"
                         "减速器检测中心项目,示例华泰精密机械股份有限公司,,工业强基工程实施方案,济南市,100,2019,后来的清单\n",
                         encoding="utf-8")
        report = await ingest_award_file(store, later, sample=True)
        assert not report.bulk_built and report.loaded == 1
        nodes = {node["id"]: node["props"] for node in await all_nodes(store)}
        linked = {frozenset((nodes[rel["source"]].get("creditCode"), nodes[rel["target"]].get("creditCode")))
                  for rel in await all_relationships(store) if rel["type"] == "MAYBE_SAME_AS"}
        assert frozenset(("91370100MA3C5E7K1Q", None)) in linked
    finally:
        await store.delete_graph()
        await store.close()
