"""Find the parts of a cleaned policy document: title, number, addressees, clauses, attachments, signature.

Chinese official documents follow a fixed layout (GB/T 9704): an issuing
line ("…办公厅 文件"), the document number, the title, the addressees ending in
a colon, the body numbered ``一、`` / ``（一）`` / ``1.`` / ``（1）`` or, for
regulations, ``第一章`` / ``第一条``, then attachments and a signature block of
issuer names over a date. Republished copies drop or reorder some of these,
so every part is optional and found by its shape, not by its position alone.

Clause paths
------------
A clause's path lists the numbering of every enclosing unit, outermost
first, in simplified characters with ASCII parentheses: ``一、``, ``(一)``,
``1.``, ``(1)``, ``①``, ``第二章``, ``第七条``. Components are separated by one
space, except that nothing is added after a component ending in ``、``, whose
comma already separates: ``二、(一)``, ``三、(一) 2.``, ``第二章 第七条``.
Further components:

* ``¶N`` – the N-th unnumbered paragraph of its parent (the parent's own text,
  inline or on the line after its heading, is ``¶1``), e.g. ``第一章 第四条 ¶2``;
  at top level simply ``¶N``. An unnumbered heading line inside a numbered
  unit (a short label such as a box title) is such a paragraph too, and the
  numbered items under it nest below it: ``三、(三) ¶3 1.``.
* ``表T 行R`` – row R of the T-th table of its parent: ``二、(一) 表1 行2``.
* ``附件N`` – the N-th attachment in the attachment list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from loaders.docnumber import find_doc_numbers, normalize_title
from loaders.errors import DocumentError
from loaders.model import Clause, DocumentStructure
from loaders.text.chars import CJK_IDEOGRAPH_RANGES
from loaders.text.layout import (
    Marker,
    MarkerKind,
    is_date_line,
    is_table_row,
    match_marker,
    strip_bullet,
    strip_markdown_heading,
    table_cells,
)
from loaders.text.pipeline import CleanText

# The front matter (issuing line, number, title, addressees) sits in the
# first lines; looking further would pick up headings of the body.
_FRONT_MATTER_LINES = 8
_MAX_TITLE_LENGTH = 150
_MAX_HEADING_LENGTH = 40
_MAX_LABEL_LENGTH = 30
_MAX_ORGANISATION_LINE_LENGTH = 60

_ISSUING_LINE_ENDING = "文件"
_ADDRESSEE_OPENINGS = ("各", "有关")
_ISSUING_NOTICE = re.compile(r"关于(?:印发|发布|转发|下发|颁布|公布|修订)《(?P<issued>.+)》的(?:通知|决定|公告)$")
_TITLE_SUBJECT_START = "关于"
# Endings of agency names (会 covers 委员会 and 协会, 府 covers 人民政府).
_ORGANISATION_ENDINGS = (
    "部", "厅", "局", "委", "会", "办公室", "办", "院", "府", "署", "行", "司", "处", "中心", "集团", "公司",
)
_SENTENCE_PUNCTUATION = re.compile(r"[，。；！？,;!?]")
_HEADING_PUNCTUATION = re.compile(r"[，。；！？、,;!?]")
_ATTACHMENT_HEAD = re.compile(r"^附件\s*(?:[：:]\s*(?P<rest>.*)|(?P<numbered>\d+\s*[：:.、].*))?$")
_FILE_EXTENSION = re.compile(r"\.(?:docx?|xlsx?|pdf|wps|et|ofd|zip|rar|txt)$", re.IGNORECASE)
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{CJK_IDEOGRAPH_RANGES}])\s+(?=[{CJK_IDEOGRAPH_RANGES}])")
_TRAILING_COLON = re.compile(r"[：:]$")

ClauseKind = Literal["section", "item", "article", "table_row", "paragraph", "attachment"]
_KIND_OF_MARKER: dict[MarkerKind, ClauseKind] = {
    "part": "section", "chapter": "section", "section": "section", "article": "article",
    "l1": "section", "l2": "section", "l3": "item", "l4": "item", "l5": "item",
}


@dataclass
class _Line:
    """One clean line in both scripts."""

    text: str
    original: str


@dataclass
class _Unit:
    """An open unit of the outline while the body is walked."""

    rank: float
    path: str
    clause: Clause | None
    holds_labels: bool = True
    paragraphs: int = 0
    tables: int = 0
    rows: int = 0
    awaiting_body: bool = False


@dataclass
class _FrontMatter:
    issuing_line: str | None = None
    doc_number_original: str | None = None
    title: str | None = None
    title_original: str | None = None
    addressees: str | None = None
    consumed: set[int] = field(default_factory=set)


def parse_structure(clean: CleanText, source: str) -> DocumentStructure:
    """Parse cleaned lines into a ``DocumentStructure``; raises ``DocumentError`` when no text unit is found."""
    lines = [_Line(text, original) for text, original in zip(clean.lines, clean.lines_original, strict=True)]
    front = _find_front_matter(lines)
    consumed = set(front.consumed)
    signature_issuers, signature_date, signature_lines = _find_signature(lines, consumed)
    consumed |= signature_lines
    clauses, attachments = _BodyWalker(lines, consumed).walk()
    if not clauses:
        raise DocumentError(source, "no text units found: not a policy document")
    return DocumentStructure(
        source=source,
        script=clean.script,
        title=front.title,
        title_original=front.title_original,
        doc_number_original=front.doc_number_original,
        issuing_line=front.issuing_line,
        addressees=front.addressees,
        clauses=clauses,
        attachments=attachments,
        signature_issuers=signature_issuers,
        signature_date_text=signature_date,
    )


# --- front matter -----------------------------------------------------------


def _find_front_matter(lines: list[_Line]) -> _FrontMatter:
    front = _FrontMatter()
    limit = min(len(lines), _first_marker_index(lines), _FRONT_MATTER_LINES)
    for index in range(limit):
        line = lines[index]
        if front.issuing_line is None and front.title is None and _is_issuing_line(line.text):
            # Spaces here separate the issuers, so they stay.
            front.issuing_line = line.text.strip().removesuffix(_ISSUING_LINE_ENDING).strip()
            front.consumed.add(index)
        elif front.doc_number_original is None and _doc_number_line(line.original) is not None:
            front.doc_number_original = _doc_number_line(line.original)
            front.consumed.add(index)
        elif front.title is None and front.addressees is None and _is_title_like(line.text):
            front.title, front.title_original = _clean_title(line.text, line.original)
            front.consumed.add(index)
        elif front.addressees is None and _is_addressee_line(line.text):
            front.addressees = _TRAILING_COLON.sub("", line.text)
            front.consumed.add(index)
        elif not is_date_line(line.text) and _SENTENCE_PUNCTUATION.search(line.text):
            break  # the body has started
    _prefer_issued_document_title(lines, front)
    return front


def _first_marker_index(lines: list[_Line]) -> int:
    for index, line in enumerate(lines):
        if match_marker(line.text) is not None:
            return index
    return len(lines)


def _is_issuing_line(text: str) -> bool:
    compact = text.replace(" ", "")
    return compact.endswith(_ISSUING_LINE_ENDING) and len(compact) > len(_ISSUING_LINE_ENDING) \
        and not _SENTENCE_PUNCTUATION.search(text) and "关于" not in text


def _doc_number_line(original: str) -> str | None:
    """The document number when it is all the line holds (bar brackets or spaces)."""
    numbers = find_doc_numbers(original)
    if len(numbers) != 1:
        return None
    rest = original.replace(numbers[0], "").strip(" ()（）[]［］")
    return numbers[0] if not rest else None


def _is_title_like(text: str) -> bool:
    body = strip_markdown_heading(text)[1]
    return bool(body) and len(body) <= _MAX_TITLE_LENGTH and not re.search(r"[。；;]", body) \
        and not body.endswith(("：", ":")) and not is_date_line(body) and match_marker(text) is None


def _is_addressee_line(text: str) -> bool:
    return text.endswith(("：", ":")) and text.startswith(_ADDRESSEE_OPENINGS)


def _prefer_issued_document_title(lines: list[_Line], front: _FrontMatter) -> None:
    """When a notice issues a document whose full text follows, the policy is that document."""
    if front.title is None:
        return
    notice = _ISSUING_NOTICE.search(front.title)
    if notice is None:
        return
    wanted = normalize_title(notice.group("issued"))
    for index, line in enumerate(lines):
        if index in front.consumed:
            continue
        heading = strip_markdown_heading(line.text)[1]
        if normalize_title(heading) == wanted:
            front.title, front.title_original = _clean_title(line.text, line.original)
            front.consumed.add(index)
            return


def _clean_title(text: str, original: str) -> tuple[str, str]:
    """Drop markdown marks and layout spaces from a title, keeping spaces between issuer names.

    In "财政部 工业和信息化部关于…" the space separates two issuers and stays;
    spaces in the subject after "关于", or anywhere in a title without
    "关于", are line-layout artefacts and go.
    """
    text = strip_markdown_heading(text)[1]
    original = strip_markdown_heading(original)[1]
    split = text.find(_TITLE_SUBJECT_START)
    if split < 0 or len(text) != len(original):
        return _compact_spaces(text), _compact_spaces(original)
    return (text[:split] + _compact_spaces(text[split:]), original[:split] + _compact_spaces(original[split:]))


def _compact_spaces(text: str) -> str:
    return _SPACE_BETWEEN_CJK.sub("", text).strip()


# --- signature block --------------------------------------------------------


def _find_signature(lines: list[_Line], consumed: set[int]) -> tuple[list[str], str | None, set[int]]:
    """Issuer names over a date line. Returns issuers, the raw date text and the lines used.

    Every date-only line and the issuer lines above it are metadata, not
    clauses. The signature is the last such block that names issuers, or the
    last bare date when none does.
    """
    used: set[int] = set()
    blocks: list[tuple[list[str], str]] = []
    for index, line in enumerate(lines):
        if index in consumed or not is_date_line(line.text):
            continue
        used.add(index)
        issuers: list[str] = []
        above = index - 1
        while above >= 0 and above not in consumed and above not in used and _is_organisation_line(lines[above].text):
            issuers[:0] = lines[above].text.split()
            used.add(above)
            above -= 1
        blocks.append((issuers, line.original.strip()))
    if not blocks:
        return [], None, used
    named = [block for block in blocks if block[0]]
    issuers, date_text = (named or blocks)[-1]
    return issuers, date_text, used


def _is_organisation_line(text: str) -> bool:
    return len(text) <= _MAX_ORGANISATION_LINE_LENGTH and not _HEADING_PUNCTUATION.search(text) \
        and match_marker(text) is None and not text.startswith("#") \
        and all(name.endswith(_ORGANISATION_ENDINGS) for name in text.split())


# --- body -------------------------------------------------------------------


class _BodyWalker:
    """Walks the body lines once, keeping a stack of open numbered units."""

    def __init__(self, lines: list[_Line], consumed: set[int]) -> None:
        self.lines = lines
        self.consumed = consumed
        self.clauses: list[Clause] = []
        self.attachments: list[str] = []
        self.stack: list[_Unit] = []
        self.root = _Unit(rank=-1.0, path="", clause=None)
        self.used_paths: set[str] = set()
        self.previous_was_table = False

    def walk(self) -> tuple[list[Clause], list[str]]:
        index = 0
        while index < len(self.lines):
            if index in self.consumed:
                index += 1
                continue
            line = self.lines[index]
            head = _ATTACHMENT_HEAD.match(strip_bullet(line.text))
            if head is not None:
                index = self._attachments(index, head)
                continue
            self._line(line)
            index += 1
        return self.clauses, self.attachments

    # One line of body text: a table row, a numbered unit, a label or a paragraph.
    def _line(self, line: _Line) -> None:
        is_table = is_table_row(line.original)
        if is_table:
            self._table_row(line)
        else:
            marker = match_marker(line.text)
            if marker is not None:
                self._numbered(line, marker)
            elif self._is_label(line.text):
                self._label(line)
            else:
                self._paragraph(line)
        self.previous_was_table = is_table

    @property
    def parent(self) -> _Unit:
        return self.stack[-1] if self.stack else self.root

    def _numbered(self, line: _Line, marker: Marker) -> None:
        while self.stack and self.stack[-1].rank >= marker.rank:
            self.stack.pop()
        original_marker = match_marker(line.original)
        original_rest = original_marker.rest if original_marker is not None else marker.rest
        path = self._unique_path(_join_path(self.parent.path, marker.label))
        kind = _KIND_OF_MARKER[marker.kind]
        has_heading = marker.kind in ("part", "chapter", "section") or (
            marker.kind != "article" and _is_heading_text(marker.rest)
        )
        if has_heading:
            heading, heading_original = _compact_spaces(marker.rest), _compact_spaces(original_rest)
            clause = Clause(path=path, heading=heading, text=heading, original=heading_original, kind=kind)
        else:
            clause = Clause(path=path, text=marker.rest, original=original_rest, kind=kind)
        self.clauses.append(clause)
        body_follows = has_heading or not marker.rest
        self.stack.append(_Unit(rank=marker.rank, path=path, clause=clause, holds_labels=kind != "item",
                                paragraphs=0 if body_follows else 1, awaiting_body=body_follows))

    def _is_label(self, text: str) -> bool:
        """A short unnumbered heading inside a numbered unit, such as a box title or "完善工作机制："."""
        if not self.stack:
            return False
        body = _TRAILING_COLON.sub("", text)
        return bool(body) and len(body) <= _MAX_LABEL_LENGTH and not _HEADING_PUNCTUATION.search(body) \
            and not body.startswith(("（", "(")) and not is_date_line(body)

    def _label(self, line: _Line) -> None:
        # Labels title groups of items inside a section: a new label closes
        # the items and the label before it, so both labels are siblings.
        while self.stack and not self.stack[-1].holds_labels:
            self.stack.pop()
        parent = self.parent
        parent.paragraphs += 1
        parent.awaiting_body = False
        path = self._unique_path(_join_path(parent.path, f"¶{parent.paragraphs}"))
        heading = _TRAILING_COLON.sub("", line.text)
        clause = Clause(path=path, heading=heading, text=heading,
                        original=_TRAILING_COLON.sub("", line.original), kind="section")
        self.clauses.append(clause)
        self.stack.append(_Unit(rank=parent.rank + 0.5, path=path, clause=clause, holds_labels=False,
                                awaiting_body=True))

    def _paragraph(self, line: _Line) -> None:
        parent = self.parent
        if parent.awaiting_body and parent.clause is not None:
            parent.clause.text, parent.clause.original = line.text, line.original
            parent.awaiting_body = False
            parent.paragraphs = 1
            return
        parent.paragraphs += 1
        path = self._unique_path(_join_path(parent.path, f"¶{parent.paragraphs}"))
        self.clauses.append(Clause(path=path, text=line.text, original=line.original, kind="paragraph"))

    def _table_row(self, line: _Line) -> None:
        parent = self.parent
        parent.awaiting_body = False
        if not self.previous_was_table:
            parent.tables += 1
            parent.rows = 0
        parent.rows += 1
        path = self._unique_path(_join_path(parent.path, f"表{parent.tables} 行{parent.rows}"))
        self.clauses.append(Clause(path=path, text=" | ".join(table_cells(line.text)),
                                   original=" | ".join(table_cells(line.original)), kind="table_row"))

    def _attachments(self, index: int, head: re.Match[str]) -> int:
        """Read "附件：1. … 2. …" into the attachment list; returns the index after it."""
        items: list[_Line] = []
        first = head.group("rest") or head.group("numbered")
        if first:
            original_head = _ATTACHMENT_HEAD.match(strip_bullet(self.lines[index].original))
            original_first = original_head and (original_head.group("rest") or original_head.group("numbered"))
            items.append(_Line(first, original_first or first))
        index += 1
        while index < len(self.lines) and index not in self.consumed:
            line = self.lines[index]
            marker = match_marker(line.text)
            if marker is None or marker.kind not in ("l3", "l4") or _SENTENCE_PUNCTUATION.search(marker.rest):
                break
            items.append(line)
            index += 1
        for number, item in enumerate(items, start=1):
            name, name_original = _attachment_name(item.text), _attachment_name(item.original)
            self.attachments.append(name)
            path = "附件" if len(items) == 1 and match_marker(item.text) is None else f"附件{number}"
            self.clauses.append(Clause(path=self._unique_path(path), text=name, original=name_original,
                                       kind="attachment"))
        # What follows the attachment list (contacts, notes) belongs to no section.
        self.stack.clear()
        self.previous_was_table = False
        return index

    def _unique_path(self, path: str) -> str:
        candidate, copy = path, 1
        while candidate in self.used_paths:
            copy += 1
            candidate = f"{path}#{copy}"
        self.used_paths.add(candidate)
        return candidate


def _join_path(parent: str, component: str) -> str:
    if not parent:
        return component
    separator = "" if parent.endswith("、") else " "
    return f"{parent}{separator}{component}"


def _is_heading_text(text: str) -> bool:
    return bool(text) and len(text) <= _MAX_HEADING_LENGTH and not _SENTENCE_PUNCTUATION.search(text) \
        and not text.endswith(("：", ":"))


def _attachment_name(text: str) -> str:
    marker = match_marker(text)
    name = marker.rest if marker is not None else text
    return _FILE_EXTENSION.sub("", name.strip()).strip()
