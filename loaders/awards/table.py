"""Read an award or selection list (CSV or XLSX) into rows of named cells.

Lists come from government sites and office tools: CSV in UTF-8 (with or without a
BOM) or GBK/GB18030, or Excel workbooks; headers in English or Chinese, often below a
title row or two. The header row is the first of the top rows in which at least
`_MIN_HEADER_MATCHES` cells name known columns; cells are then keyed by the column's
canonical name, and each row keeps its row number in the file (the header counts),
which is how a person finds it in a spreadsheet.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from loaders.errors import InputError
from loaders.text.decode import ENCODING_SAMPLE_BYTES, decode_bytes, detect_encoding

_HEADER_SEARCH_ROWS = 20
_MIN_HEADER_MATCHES = 3
_HEADER_NOISE = re.compile(r"[\s_\-()（）\[\]【】:：*＊/]+")


class TableError(InputError):
    """A list that cannot be read as a whole: wrong format, no header, a required column missing."""


# Codecs as a person knows them, for errors.
_ENCODING_NAMES = {"utf-8": "UTF-8", "gb18030": "GB18030/GBK"}

# The pseudo-column of a row that could not be split into cells; its value is the reason.
UNREADABLE_ROW = "(whole row)"


class _UnreadableRecord(list[str]):
    """A CSV record the reader could not split (a field over the size limit, a stray quote):
    no cells, so it is never a header; a data row in its place is rejected with the reason."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason

    @classmethod
    def of(cls, error: csv.Error) -> _UnreadableRecord:
        return cls(f"cannot be read as CSV: {error}")


@dataclass(frozen=True)
class ColumnSpec:
    """A column: its canonical name, the headers lists use for it, whether every list must have it."""

    name: str
    headers: tuple[str, ...]
    required: bool = False


AWARD_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("project_name", ("项目名称", "项目", "project", "project name"), required=True),
    ColumnSpec("enterprise_name", ("企业名称", "承担单位", "申报单位", "项目单位", "单位名称", "企业", "enterprise",
                                   "enterprise name", "company"), required=True),
    ColumnSpec("credit_code", ("统一社会信用代码", "社会信用代码", "信用代码", "credit code", "uscc")),
    ColumnSpec("program", ("专项", "专项名称", "资金专项", "支持专项", "资金类别", "项目类别", "program", "fund"),
               required=True),
    ColumnSpec("city", ("城市", "所在城市", "所在市", "地市", "市", "city"), required=True),
    ColumnSpec("park", ("园区", "所在园区", "开发区", "park")),
    ColumnSpec("focus_area", ("支持方向", "重点方向", "重点领域", "领域", "focus area")),
    ColumnSpec("amount_wan", ("金额（万元）", "支持金额（万元）", "补助金额（万元）", "资金（万元）", "金额",
                              "amount wan", "amount (wan)", "amount"), required=True),
    ColumnSpec("year", ("年度", "年份", "year"), required=True),
    ColumnSpec("batch", ("批次", "batch")),
    ColumnSpec("source", ("来源", "数据来源", "清单", "source")),
)

SELECTION_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("city", ("城市", "入选城市", "试点城市", "所在城市", "地市", "市", "city"), required=True),
    ColumnSpec("program", ("专项", "试点", "试点名称", "专项名称", "program", "pilot"), required=True),
    ColumnSpec("batch", ("批次", "batch")),
    ColumnSpec("year", ("年度", "年份", "year"), required=True),
    ColumnSpec("source", ("来源", "数据来源", "清单", "source")),
)


def header_key(text: str) -> str:
    """Headers compare without width, case, spaces, brackets or underscores: 金额(万元) = 金额（万元）."""
    folded = text.translate({code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}).lower()
    return _HEADER_NOISE.sub("", folded)


@dataclass(frozen=True)
class Table:
    """The rows of a list below its header: canonical column name -> cell text."""

    source: str
    headers: Mapping[str, str]  # canonical name -> the header as the file writes it
    rows: Iterator[tuple[int, dict[str, str]]]


def read_table(path: Path, columns: tuple[ColumnSpec, ...], keep: Callable[[int], bool] | None = None) -> Table:
    """Open `path` (.csv or .xlsx) and find its header; rows are read lazily, and with `keep`, only
    those whose row number it accepts (the others are still read, but not split into columns, and
    in a CSV list a line of its own is not even decoded)."""
    suffix = path.suffix.lower()
    raw: Iterable[list[str]]
    if suffix in (".xlsx", ".xlsm"):
        raw = _xlsx_rows(path)
    elif suffix in (".csv", ".txt", ".tsv"):
        raw = _csv_rows(path)
    else:
        raise TableError(str(path), f"unsupported file type {suffix or '(none)'}: use .csv or .xlsx")
    return _with_header(str(path), raw, columns, keep)


def _with_header(source: str, raw: Iterable[list[str]], columns: tuple[ColumnSpec, ...],
                 keep: Callable[[int], bool] | None = None) -> Table:
    by_key = {header_key(header): spec.name for spec in columns for header in (spec.name, *spec.headers)}
    number = 0
    records = iter(raw)  # read on below the header
    for number, cells in enumerate(records, start=1):
        found = {index: by_key[key] for index, cell in enumerate(cells) if (key := header_key(cell)) in by_key}
        if len(set(found.values())) >= _MIN_HEADER_MATCHES:
            positions = _first_positions(found)
            missing = [spec.name for spec in columns if spec.required and spec.name not in positions]
            if missing:
                wanted = ", ".join(f"{name} ({_headers_of(columns, name)})" for name in missing)
                raise TableError(source, f"header in row {number} lacks required column(s): {wanted}")
            headers = {name: cells[index].strip() for name, index in positions.items()}
            if keep is not None and isinstance(raw, _LineRecords):
                raw.pass_over(keep)
            return Table(source, headers, _data_rows(records, positions, number, keep))
        if number >= _HEADER_SEARCH_ROWS:
            break
    expected = ", ".join(spec.headers[0] for spec in columns if spec.required)
    raise TableError(source, f"no header row in the first {max(number, 1)} rows; expected columns such as {expected}")


def _first_positions(found: dict[int, str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, name in sorted(found.items()):
        positions.setdefault(name, index)  # a repeated header: the first one counts
    return positions


def _headers_of(columns: tuple[ColumnSpec, ...], name: str) -> str:
    spec = next(spec for spec in columns if spec.name == name)
    return " / ".join(spec.headers[:2])


def _data_rows(raw: Iterator[list[str]], positions: dict[str, int], header_row: int,
               keep: Callable[[int], bool] | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows as {column: text}, without empty cells; blank lines between blocks of a list are layout, not rows."""
    columns = list(positions.items())
    for number, cells in enumerate(raw, start=header_row + 1):
        if keep is not None and not keep(number):
            continue
        if isinstance(cells, _UnreadableRecord):
            yield number, {UNREADABLE_ROW: cells.reason}
            continue
        width = len(cells)
        row = {name: text for name, index in columns if index < width and (text := cells[index].strip())}
        if row:
            yield number, row


def _csv_rows(path: Path) -> Iterable[list[str]]:
    source = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise _unreadable(source, exc) from exc
    try:
        head = handle.read(ENCODING_SAMPLE_BYTES)
        encoding, start = detect_encoding(head, source, whole=len(head) < ENCODING_SAMPLE_BYTES)
    except (InputError, OSError) as exc:
        handle.close()
        raise _unreadable(source, exc) from exc
    sample = start[:8192]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    if encoding == "utf-16" or ("\r" in sample and "\n" not in sample):
        handle.close()  # lines that do not end in a newline byte: decoded whole
        return _whole_file_records(path, delimiter)
    handle.seek(len(codecs.BOM_UTF8) if encoding == "utf-8-sig" else 0)
    return _LineRecords(source, handle, encoding.removesuffix("-sig"), delimiter)


class _LineRecords:
    """Records of a file whose lines end in a newline byte (UTF-8, GB18030), decoded line by line
    as they are read: a big list need not be decoded whole (and held twice over) before its first
    row is validated, and a line that does not decode stops the list there, naming it.

    A reader that keeps only some rows (`pass_over`) skips the others' lines undecoded when they
    hold no quote, which is when a line is a record of its own: each of the processes that share
    a big list reads every line, and decoding and splitting the others' was a third of its reading.
    """

    def __init__(self, source: str, handle: BinaryIO, encoding: str, delimiter: str) -> None:
        self._source = source
        self._handle = handle
        self._encoding = encoding
        self._lines = iter(handle)
        self._next_line: bytes | None = None  # read to see whether it can be skipped, not yet decoded
        self._line_number = 0
        self._keep: Callable[[int], bool] | None = None
        self._reader = csv.reader(self._decoded_lines(), delimiter=delimiter)
        self._records = self._read()

    def pass_over(self, keep: Callable[[int], bool]) -> None:
        """Records after this one whose number `keep` refuses come without cells, read no further
        than needed."""
        self._keep = keep

    def __iter__(self) -> Iterator[list[str]]:
        return self._records  # the same records each time: a second loop goes on where the first stopped

    def _read(self) -> Iterator[list[str]]:
        with self._handle:
            number = 0
            for line in self._lines:
                number += 1
                keep = self._keep
                if keep is not None and not keep(number) and b'"' not in line:
                    self._line_number += 1  # a quote byte is no part of a GB18030 or UTF-8 character
                    yield []
                    continue
                self._next_line = line
                try:
                    yield next(self._reader)
                except StopIteration:
                    return
                except csv.Error as error:  # the reader goes on after it, so one bad line costs one row
                    yield _UnreadableRecord.of(error)
                except UnicodeDecodeError as error:  # the rows before it stand
                    raise TableError(self._source, f"line {self._line_number} is not "
                                                   f"{_ENCODING_NAMES[self._encoding]} like the lines before it "
                                                   f"({error.reason})") from error

    def _decoded_lines(self) -> Iterator[str]:
        """The line just read, then the lines a quoted cell spans."""
        while True:
            line, self._next_line = self._next_line, None
            if line is None:
                line = next(self._lines, None)
                if line is None:
                    return
            self._line_number += 1
            text = line.decode(self._encoding)
            # Never meant as text; a zero character would also end a string in the store.
            yield text.replace("\x00", "") if "\x00" in text else text


def _whole_file_records(path: Path, delimiter: str) -> Iterator[list[str]]:
    try:
        text = decode_bytes(path.read_bytes(), str(path))
    except (InputError, OSError) as exc:
        raise _unreadable(str(path), exc) from exc
    yield from _records(csv.reader(io.StringIO(text.replace("\x00", "")), delimiter=delimiter))


def _unreadable(source: str, exc: InputError | OSError) -> TableError:
    return TableError(source, exc.reason if isinstance(exc, InputError) else f"cannot be read: {exc.strerror or exc}")


def _records(reader: Iterator[list[str]]) -> Iterator[list[str]]:
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as error:  # the reader goes on after it, so one bad line costs one row
            yield _UnreadableRecord.of(error)


def _xlsx_rows(path: Path) -> Iterator[list[str]]:
    # Imported here: most lists are CSV, and openpyxl takes a while to import.
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (OSError, KeyError, ValueError) as exc:
        raise TableError(str(path), f"not a readable .xlsx workbook: {exc}") from exc
    except Exception as exc:  # zipfile.BadZipFile and friends: still a bad file, not a crash
        raise TableError(str(path), f"not a readable .xlsx workbook: {exc}") from exc

    def rows() -> Iterator[list[str]]:
        try:
            sheet = workbook.worksheets[0]
            for values in sheet.iter_rows(values_only=True):
                yield [_cell_text(value) for value in values]
        finally:
            workbook.close()

    return rows()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores 2018 as 2018.0
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
