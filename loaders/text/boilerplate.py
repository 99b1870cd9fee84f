"""Remove web-page boilerplate around a policy text.

Documents scraped from portals and news sites carry copyright notices,
comment boxes, related-news lists, photo captions and links. Left in, they
become clauses, leak dates and agencies into extraction and break line
re-joining. The trigger phrases are data (``seed/vocabulary/boilerplate.yaml``)
so that new sites can be handled without code changes.
"""

from __future__ import annotations

import re
from pathlib import Path
from re import Pattern

import yaml
from pydantic import BaseModel, ConfigDict, Field

from loaders.text.script import to_simplified

_NON_WORD = re.compile(r"[\W_]+")


class BoilerplateMarkers(BaseModel):
    """Phrases and patterns that identify boilerplate lines (phrases in simplified Chinese)."""

    model_config = ConfigDict(frozen=True)

    line_phrases: list[str] = Field(default_factory=list, description="A line containing one is dropped")
    weak_phrases: list[str] = Field(default_factory=list, description="Dropped only in combination")
    weak_phrase_threshold: int = Field(default=2, ge=1)
    trailing_section_headers: list[str] = Field(
        default_factory=list, description="A line reading exactly this drops itself and all later lines"
    )
    line_prefixes: list[str] = Field(default_factory=list, description="Caption marks at the start of a line")
    line_patterns: list[Pattern[str]] = Field(
        default_factory=list, description="Debris patterns, searched in each line"
    )


def load_boilerplate_markers(path: Path | str) -> BoilerplateMarkers:
    """Read boilerplate markers from a YAML file."""
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    return BoilerplateMarkers.model_validate(data)


def strip_boilerplate(lines: list[str], markers: BoilerplateMarkers) -> list[str]:
    """Return ``lines`` without boilerplate lines and without any trailing related-news/comment block.

    Matching is done on a simplified copy so traditional pages match the
    simplified phrases; the returned lines keep their own script.
    """
    # One conversion for the whole text is far cheaper than one per line; the
    # conversion never adds or removes newlines, so lines stay aligned.
    simplified_lines = to_simplified("\n".join(lines)).split("\n")
    if len(simplified_lines) != len(lines):
        simplified_lines = [to_simplified(line) for line in lines]
    headers = {_word_characters(header) for header in markers.trailing_section_headers}
    kept: list[str] = []
    for line, simplified in zip(lines, simplified_lines, strict=True):
        stripped = simplified.strip()
        if headers and _word_characters(stripped) in headers:
            break
        if not _is_boilerplate(stripped, markers):
            kept.append(line)
    return kept


def _is_boilerplate(line: str, markers: BoilerplateMarkers) -> bool:
    if not line:
        return False
    if any(phrase in line for phrase in markers.line_phrases):
        return True
    if line.startswith(tuple(markers.line_prefixes)):
        return True
    if any(pattern.search(line) for pattern in markers.line_patterns):
        return True
    weak_hits = sum(1 for phrase in markers.weak_phrases if phrase in line)
    return weak_hits >= markers.weak_phrase_threshold


def _word_characters(text: str) -> str:
    return _NON_WORD.sub("", text)
