"""Reading lists: CSV in UTF-8 or GBK, XLSX, Chinese or English headers below title rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook

from loaders.awards.resolve import Resolver
from loaders.awards.rows import AwardRow, validate_award_rows
from loaders.awards.table import AWARD_COLUMNS, TableError, read_table
from loaders.vocabulary import load_vocabulary

CHINESE = "项目名称,企业名称,统一社会信用代码,专项,城市,园区,支持方向,金额（万元）,年度,批次,来源"
ENGLISH = "project_name,enterprise_name,credit_code,program,city,park,focus_area,amount_wan,year,batch,source"
ROW = ("年产5万套机器人精密减速器项目,示例华泰精密机械有限公司,91370100MA3C5E7K1Q,工业强基,临沂,临沂经济技术开发区,"
       "机器人精密减速器,850,2018,第一批,清单")


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    return list(read_table(path, AWARD_COLUMNS).rows)


@pytest.mark.parametrize(("header", "encoding"), [(CHINESE, "utf-8"), (CHINESE, "utf-8-sig"), (CHINESE, "gbk"),
                                                  (ENGLISH, "utf-8"), (ENGLISH, "gb18030")])
def test_csv_in_either_encoding_with_either_header(tmp_path: Path, header: str, encoding: str) -> None:
    path = tmp_path / "awards.csv"
    path.write_bytes(f"{header}\n{ROW}\n".encode(encoding))
    [(number, cells)] = _rows(path)
    assert number == 2
    assert cells["enterprise_name"] == "示例华泰精密机械有限公司"
    assert cells["amount_wan"] == "850"


def test_title_rows_above_the_header_and_blank_lines_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "awards.csv"
    path.write_text(f"2018年项目清单（示例）,,,\n,,,\n{CHINESE}\n{ROW}\n,,,,\n{ROW}\n", encoding="utf-8")
    table = read_table(path, AWARD_COLUMNS)
    assert table.headers["amount_wan"] == "金额（万元）"
    assert [number for number, _ in table.rows] == [4, 6]


def test_xlsx_cells_become_text_as_the_list_shows_them(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["2018年项目清单（示例）"])
    sheet.append(CHINESE.split(","))
    cells: list[object] = ROW.split(",")
    cells[7], cells[8] = 850.0, 2018
    sheet.append(cells)
    path = tmp_path / "awards.xlsx"
    workbook.save(path)
    [(number, row)] = _rows(path)
    assert number == 3
    assert (row["amount_wan"], row["year"]) == ("850", "2018")
    [parsed] = validate_award_rows([row], Resolver(load_vocabulary()))
    assert isinstance(parsed, AwardRow)
    assert (parsed.amount_wan, parsed.year, parsed.program) == (850, 2018, "prog-industrial-foundation")


def test_a_list_without_a_required_column_is_rejected_as_a_whole(tmp_path: Path) -> None:
    path = tmp_path / "awards.csv"
    path.write_text("项目名称,企业名称,专项,城市,年度\n甲,乙,工业强基,临沂,2018\n", encoding="utf-8")
    with pytest.raises(TableError, match="lacks required column"):
        read_table(path, AWARD_COLUMNS)


def test_a_file_without_a_header_is_named(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("这不是清单\n只是一些文字\n", encoding="utf-8")
    with pytest.raises(TableError, match="no header row"):
        read_table(path, AWARD_COLUMNS)


def test_other_file_types_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "awards.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(TableError, match="unsupported file type"):
        read_table(path, AWARD_COLUMNS)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "utf-16"])
def test_a_list_longer_than_the_encoding_sample_is_read_whole(tmp_path: Path, encoding: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # A sample of 101 bytes ends inside a character in every one of these encodings.
    monkeypatch.setattr("loaders.awards.table.ENCODING_SAMPLE_BYTES", 101)
    path = tmp_path / "awards.csv"
    path.write_bytes((f"{CHINESE}\r\n" + f"{ROW}\r\n" * 50).encode(encoding))
    rows = _rows(path)
    assert [number for number, _ in rows] == list(range(2, 52))
    assert {cells["enterprise_name"] for _, cells in rows} == {"示例华泰精密机械有限公司"}
    assert {cells["source"] for _, cells in rows} == {"清单"}  # no line break left at the end of a row


def test_a_line_that_cannot_be_decoded_stops_the_list_there(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("loaders.awards.table.ENCODING_SAMPLE_BYTES", 1024)
    path = tmp_path / "awards.csv"
    good = f"{CHINESE}\n" + f"{ROW}\n" * 30
    path.write_bytes(good.encode("utf-8") + b"\xff\xfe broken\n" + f"{ROW}\n".encode())
    table = read_table(path, AWARD_COLUMNS)
    read: list[int] = []
    with pytest.raises(TableError, match=r"line 32 is not UTF-8 like the lines before it") as error:
        read.extend(number for number, _ in table.rows)
    assert read[-1] == 31  # every row before the bad line was read
    assert error.value.source == str(path)


def test_a_bad_line_stops_the_reader_whose_row_it_is_and_no_other(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("loaders.awards.table.ENCODING_SAMPLE_BYTES", 1024)
    path = tmp_path / "awards.csv"
    quoted = ROW.replace("清单", '"清单"')  # a line with a quote is read whoever keeps it
    good = f"{CHINESE}\n" + f"{ROW}\n{quoted}\n" * 15
    path.write_bytes(good.encode("utf-8") + b"\xff\xfe broken\n" + f"{ROW}\n".encode())

    def reader(child: int) -> Iterator[int]:  # blocks of 6 rows: row 32 falls to the second reader
        return (number for number, _ in read_table(path, AWARD_COLUMNS, keep=lambda row: (row // 6) % 2 == child).rows)

    assert list(reader(0)) == [row for row in range(2, 34) if (row // 6) % 2 == 0]
    read: list[int] = []
    with pytest.raises(TableError, match=r"line 32 is not UTF-8 like the lines before it"):
        read.extend(reader(1))
    assert read == [row for row in range(2, 32) if (row // 6) % 2 == 1]


def test_zero_characters_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "awards.csv"
    row = ROW.replace("清单", "清\x00单")
    path.write_bytes(f"{CHINESE}\n{row}\n".encode())
    [(_, cells)] = _rows(path)
    assert cells["source"] == "清单"


def test_lines_ending_in_a_carriage_return_alone(tmp_path: Path) -> None:
    path = tmp_path / "awards.csv"  # as older spreadsheet programs on the Mac save them
    path.write_bytes(f"{CHINESE}\r{ROW}\r{ROW}\r".encode("gbk"))
    assert [number for number, _ in _rows(path)] == [2, 3]


def _tricky_list(path: Path) -> str:
    """Quoted cells with commas, doubled quotes and line breaks, blank lines, a quote inside a cell."""
    lines = [f"{CHINESE}"]
    for index in range(12):
        cells = ROW.split(",")
        if index % 3 == 0:
            cells[0] = f'"年产{index}万套,精密减速器""二期""项目"'
        if index % 4 == 1:
            cells[1] = f'"示例华泰\n精密机械{index}有限公司"'
        if index % 5 == 2:
            cells[10] = '清单"附件"'  # a quote that does not open a quoted cell is a character
        lines.append(",".join(cells))
        if index % 6 == 5:
            lines.append("")
    text = "\r\n".join(lines) + "\r\n"
    path.write_bytes(text.encode("utf-8"))
    return text


def _reference_rows(text: str) -> list[tuple[int, dict[str, str]]]:
    """What Python's CSV reader makes of the whole text, row by row as the table numbers them."""
    names = [spec.name for spec in AWARD_COLUMNS]
    rows = []
    for number, cells in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
        if number > 1 and (row := {name: cell.strip() for name, cell in zip(names, cells, strict=False)
                                    if cell.strip()}):
            rows.append((number, row))
    return rows


def test_quoted_cells_are_read_as_the_csv_reader_reads_them(tmp_path: Path) -> None:
    path = tmp_path / "awards.csv"
    text = _tricky_list(path)
    rows = _rows(path)
    assert rows == _reference_rows(text)
    assert any("\n" in cells["enterprise_name"] for _, cells in rows)
    assert any('"二期"' in cells["project_name"] for _, cells in rows)


def test_children_reading_their_own_blocks_read_every_row_once(tmp_path: Path) -> None:
    path = tmp_path / "awards.csv"
    _tricky_list(path)
    whole = _rows(path)
    blocks = 3  # rows per block; blocks alternate between two readers, as between child processes
    parts = [list(read_table(path, AWARD_COLUMNS, keep=lambda row, child=child: (row // blocks) % 2 == child).rows)
             for child in (0, 1)]
    assert parts[0] and parts[1]
    assert sorted(parts[0] + parts[1]) == whole
