"""Recognisers for the line-level layout of Chinese official documents.

Both the line re-joiner and the structure parser must agree on what starts a
numbered unit (``一、``, ``（一）``, ``1.``, ``第七条`` …), what a date line or a
table row looks like. These are the conventions of the national standard for
official documents (GB/T 9704) plus the markdown that web exports add; they
are grammar, not vocabulary, so they live here rather than in a data file.
Patterns accept both simplified and traditional forms (``条``/``條``) because
they run before and after conversion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

MarkerKind = Literal["part", "chapter", "section", "article", "l1", "l2", "l3", "l4", "l5"]

# Outline depth of each kind of marker: a marker closes every open unit of
# the same or a deeper rank. 编 > 章 > 节 > 条 > 一、 > （一） > 1. > （1） > ①.
MARKER_RANK: dict[MarkerKind, int] = {
    "part": 0, "chapter": 1, "section": 2, "article": 3,
    "l1": 4, "l2": 5, "l3": 6, "l4": 7, "l5": 8,
}

_CN_NUMERAL = "零〇一二三四五六七八九十百千两兩"
_ORDINAL = rf"[{_CN_NUMERAL}\d]+"
_DIVISION_SIMPLIFIED = {"编": "编", "編": "编", "章": "章", "节": "节", "節": "节", "条": "条", "條": "条"}
_DIVISION_KIND: dict[str, MarkerKind] = {"编": "part", "章": "chapter", "节": "section", "条": "article"}

_MARKDOWN_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s*(?P<text>.*)$")
_BULLET = re.compile(r"^[-*+•]\s+")
# A division marker must be followed by a space or by the start of its own
# text, not by words that show the line merely cites it ("第二条规定的…").
_DIVISION = re.compile(
    rf"^第\s*(?P<num>{_ORDINAL})\s*(?P<unit>[编編章节節条條])"
    r"(?:\s+|(?!规定|規定|所述|所称|所稱|之|至|中|的|款|项|項|[，,、]))(?P<rest>.*)$"
)
_L1 = re.compile(rf"^(?P<num>[{_CN_NUMERAL}]+)\s*[、．.]\s*(?P<rest>.*)$")
_L2 = re.compile(rf"^[（(]\s*(?P<num>[{_CN_NUMERAL}]+)\s*[）)]\s*(?P<rest>.*)$")
_L3 = re.compile(r"^(?P<num>\d{1,3})\s*(?:[、．]|\.(?!\d))\s*(?P<rest>.*)$")
_L4 = re.compile(r"^[（(]\s*(?P<num>\d{1,3})\s*[）)]\s*(?P<rest>.*)$")
_L5 = re.compile(r"^(?P<num>[①-⑳])\s*(?P<rest>.*)$")

_CN_DIGITS = "〇零一二三四五六七八九十"
DATE_TEXT = rf"(?:\d{{4}}|[{_CN_DIGITS}]{{4}})\s*年\s*[\d{_CN_DIGITS}]{{1,3}}\s*月\s*[\d{_CN_DIGITS}]{{1,3}}\s*日"
_DATE_LINE = re.compile(rf"^(?P<date>{DATE_TEXT})\s*(?:印发|印發|发布|發布|制发|製發|签发|簽發)?$")

# Endings that make a line the title of a document rather than a sentence.
DOCUMENT_TYPE_ENDINGS = (
    "通知", "办法", "意见", "规定", "决定", "方案", "指南", "细则", "公告", "通告", "批复", "规划",
    "纲要", "条例", "函", "报告", "决议", "规则", "措施", "计划", "要点", "通报",
)


# Order matters: "（一）" must be tried before "一、" could see its numeral.
_NUMBERED_FORMS: tuple[tuple[MarkerKind, re.Pattern[str], str], ...] = (
    ("l2", _L2, "({})"), ("l4", _L4, "({})"), ("l1", _L1, "{}、"), ("l3", _L3, "{}."), ("l5", _L5, "{}"),
)


@dataclass(frozen=True)
class Marker:
    """A numbering marker at the start of a line and the text after it."""

    kind: MarkerKind
    label: str
    rest: str

    @property
    def rank(self) -> int:
        return MARKER_RANK[self.kind]


def strip_markdown_heading(line: str) -> tuple[int, str]:
    """Return the markdown heading level (0 if none) and the line without ``#`` marks."""
    match = _MARKDOWN_HEADING.match(line)
    if match is None:
        return 0, line
    return len(match.group("hashes")), match.group("text").strip()


def strip_bullet(line: str) -> str:
    """Drop a leading markdown list bullet (``- ``, ``* ``)."""
    return _BULLET.sub("", line, count=1)


def match_marker(line: str) -> Marker | None:
    """Recognise the numbering marker a line starts with, if any.

    ``label`` is the marker in path form: ``一、``, ``(一)``, ``1.``, ``(1)``,
    ``①``, ``第七条``, ``第二章`` (simplified, ASCII parentheses).
    """
    text = strip_bullet(strip_markdown_heading(line)[1])
    division = _DIVISION.match(text)
    if division is not None:
        unit = _DIVISION_SIMPLIFIED[division.group("unit")]
        num = division.group("num").replace("兩", "两")
        return Marker(_DIVISION_KIND[unit], f"第{num}{unit}", division.group("rest").strip())
    for kind, pattern, template in _NUMBERED_FORMS:
        match = pattern.match(text)
        if match is not None:
            return Marker(kind, template.format(match.group("num")), match.group("rest").strip())
    return None


def starts_new_unit(line: str) -> bool:
    """True when a line opens a numbered unit, a markdown heading or a table row."""
    return line.startswith("#") or "\t" in line or match_marker(line) is not None


def is_date_line(line: str) -> bool:
    """True for a line that is only a date, optionally followed by 印发/发布."""
    return _DATE_LINE.match(line.strip()) is not None


def is_table_row(line: str) -> bool:
    """Tab-separated cells mark a table row in text exports."""
    return "\t" in line.strip()


def table_cells(line: str) -> list[str]:
    """Split a table row into its non-empty cells."""
    return [cell.strip() for cell in line.split("\t") if cell.strip()]
