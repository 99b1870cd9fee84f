"""1,000 awards with 10 bad rows: 990 load, the 10 are named with their reasons, a second run changes nothing."""

from __future__ import annotations

import csv
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from graph.cypher import generated_statement
from graph.queries.policies import graph_counts
from graph.runtime import StoreRuntime
from graph.store import GraphStore, Row
from loaders.awards.ingest import default_rejects_path, ingest_award_file
from loaders.awards.table import UNREADABLE_ROW
from loaders.synthetic.files import seed_roles
from loaders.synthetic.generator import AWARD_HEADER, AwardGenerator, GeneratorSettings
from loaders.vocabulary import load_vocabulary
from tests.conftest import second_graph

COLUMN = {name: index for index, name in enumerate(AWARD_HEADER)}
SNAPSHOT = generated_statement("test_awards_snapshot", """
    MATCH (n)
    WHERE n:Enterprise OR n:Project OR n:Award
    RETURN n.uid AS uid, properties(n) AS props
    ORDER BY uid
""")


def _spoil(rows: list[list[str]]) -> dict[int, tuple[str, str]]:
    """Make 10 rows bad in 10 different ways; file row number -> (column, what the reason says)."""
    spoiled = {
        11: ("统一社会信用代码", "check character"), 101: ("金额（万元）", "negative"),
        201: ("专项", "unknown program"), 301: ("城市", "unknown city"), 401: ("年度", "not plausible"),
        501: ("企业名称", "is empty"), 601: ("园区", "lies in"), 701: ("支持方向", "unknown focus area"),
        801: ("金额（万元）", "not an amount"), 901: ("金额（万元）", "repeats the award of row 900"),
    }
    def row(number: int) -> list[str]:
        return rows[number - 2]  # the header is row 1

    code = row(11)[COLUMN["统一社会信用代码"]] or "91370100MA3C5E7K1Q"
    row(11)[COLUMN["统一社会信用代码"]] = code[:-1] + ("0" if code[-1] != "0" else "1")
    row(101)[COLUMN["金额（万元）"]] = "-120"
    row(201)[COLUMN["专项"]] = "不存在的专项资金"
    row(301)[COLUMN["城市"]] = "海市蜃楼市"
    row(401)[COLUMN["年度"]] = "1975"
    row(501)[COLUMN["企业名称"]] = ""
    row(601)[COLUMN["城市"]], row(601)[COLUMN["园区"]] = "济南市", "临沂经济技术开发区"
    row(701)[COLUMN["支持方向"]] = "永动机"
    row(801)[COLUMN["金额（万元）"]] = "一百万"
    rows[901 - 2] = list(row(900))
    row(901)[COLUMN["金额（万元）"]] = "99999"
    return spoiled


@pytest.fixture(scope="module")
def bad_list(tmp_path_factory: pytest.TempPathFactory, seed_dir: Path) -> tuple[Path, dict[int, tuple[str, str]]]:
    vocabulary = load_vocabulary(seed_dir / "vocabulary")
    generator = AwardGenerator(GeneratorSettings(awards=1000, seed=11, planted_share=0, code_error_rate=0),
                               vocabulary, seed_roles(seed_dir, vocabulary))
    rows = list(generator.award_rows())
    spoiled = _spoil(rows)
    path = tmp_path_factory.mktemp("bad") / "awards.csv"
    with path.open("w", encoding="gbk", newline="") as out:  # GBK on purpose: older systems export it
        writer = csv.writer(out)
        writer.writerow(AWARD_HEADER)
        writer.writerows(rows)
    return path, spoiled


@pytest.fixture(scope="module")
async def rejects_store(runtime: StoreRuntime) -> AsyncIterator[GraphStore]:
    store = await second_graph(runtime, "awards_rejects")
    try:
        yield store
    finally:
        await store.close()


async def _snapshot(store: GraphStore) -> tuple[dict[str, int], list[Row]]:
    return await graph_counts(store), await store.read(SNAPSHOT)


async def test_990_rows_load_and_the_10_bad_ones_are_named_with_their_reasons(
        rejects_store: GraphStore, bad_list: tuple[Path, dict[int, tuple[str, str]]]) -> None:
    path, spoiled = bad_list
    report = await ingest_award_file(rejects_store, path)
    assert (report.rows, report.loaded, report.rejected) == (1000, 990, 10)
    assert report.written.awards_created == 990
    named = {problem.row: problem for problem in report.problems}
    assert set(named) == set(spoiled)
    for row, (column, reason) in spoiled.items():
        problem = named[row]
        assert (problem.source, problem.column) == (str(path), column)
        assert reason in problem.reason, problem.describe()
        assert problem.describe().startswith(f"{path}, row {row}, column {column}")

    first = await _snapshot(rejects_store)
    again = await ingest_award_file(rejects_store, path)
    assert (again.loaded, again.rejected, again.written.awards_created, again.written.awards_rewritten) == (
        990, 10, 0, 990)
    second = await _snapshot(rejects_store)
    assert second[0] == first[0]
    changed = [(a, b) for a, b in zip(first[1], second[1], strict=True) if a != b]
    assert not changed, [(k, a["props"].get(k), b["props"].get(k)) for a, b in changed[:3]
                         for k in set(a["props"]) | set(b["props"]) if a["props"].get(k) != b["props"].get(k)]


def test_the_command_writes_the_rejects_file_and_prints_the_reasons(
        tmp_path: Path, bad_list: tuple[Path, dict[int, tuple[str, str]]], command_line: None) -> None:
    path, spoiled = bad_list
    result = CliRunner().invoke(app, ["ingest-awards", str(path), "--data-dir", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output
    printed = " ".join(result.output.split())  # the console wraps long lines
    assert "loaded 990 of 1,000 rows, rejected 10" in printed
    assert "row 301, column 城市 ('海市蜃楼市'): unknown city" in printed
    with default_rejects_path(path).open(encoding="utf-8-sig") as rejects:
        lines = list(csv.DictReader(rejects))
    assert sorted(int(line["row"]) for line in lines) == sorted(spoiled)
    assert all(line["file"] == str(path) and line["reason"] for line in lines)


async def test_a_line_the_csv_reader_cannot_split_costs_that_row_only(
        rejects_store: GraphStore, bad_list: tuple[Path, dict[int, tuple[str, str]]], tmp_path: Path) -> None:
    source, _ = bad_list
    lines = source.read_text(encoding="gbk").splitlines()
    # Row 21 holds a cell larger than any CSV reader accepts (an unclosed quote swallowing the file looks alike).
    lines[20] = lines[20].replace(",", ',"' + "长" * 200_000 + '",', 1)
    path = tmp_path / "huge_cell.csv"
    path.write_text("\n".join(lines[:41]) + "\n", encoding="utf-8")

    report = await ingest_award_file(rejects_store, path)
    assert report.error is None
    [problem] = [p for p in report.problems if p.row == 21]
    assert problem.column == UNREADABLE_ROW and "field larger than field limit" in problem.reason
    assert problem.describe().startswith(f"{path}, row 21, column {UNREADABLE_ROW}")
    assert report.rows == 40 and report.loaded == 40 - report.rejected
    assert {p.row for p in report.problems} <= {11, 21}  # row 11 carries a spoiled credit code
