"""Parse one document into a `ParsedDocument` (no database involved)."""

from __future__ import annotations

import re
from pathlib import Path

from loaders.errors import DocumentError
from loaders.identity import stable_uid
from loaders.model import ParsedDocument

_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*\d{1,5}\s*[号號]")


def parse_document(data: bytes, source: str) -> ParsedDocument:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(source, "not UTF-8 text") from exc
    lines = [line.strip().lstrip("#").strip() for line in text.splitlines() if line.strip()]
    if not lines:
        raise DocumentError(source, "empty file")
    match = _DOC_NUMBER.search("\n".join(lines[:5]))
    doc_number = match.group(0) if match else None
    title = next((line for line in lines if "文件" not in line and line != doc_number), lines[0])
    key = doc_number or title
    return ParsedDocument(
        source=source, uid=stable_uid("pol", key), doc_number=doc_number, doc_number_original=doc_number,
        title=title, title_original=title,
    )


def parse_file(path: Path) -> ParsedDocument:
    return parse_document(path.read_bytes(), str(path))
