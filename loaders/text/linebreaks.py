"""Re-join lines that a web page or PDF export broke in the middle of a sentence.

Exports wrap paragraphs at arbitrary points ("深入推进供给" / "侧结构性改革"),
sometimes with a blank line between the halves. A broken sentence splits words
that vocabulary matching and rule extraction must see whole, and turns one
clause into two. Headings, numbered items, titles and table rows are also
lines without final punctuation, so joining is conservative: a line is joined
to the next non-blank line only when the evidence says it is unfinished prose.

A line is joined when it does not end with sentence- or clause-final
punctuation, is not a heading, title, table row, date or document-number line,
the next line does not open a numbered unit or heading, and either

* the line ends with a continuing mark (``，`` ``、`` an opening bracket) or
  leaves a bracket or book-title mark open; or
* the next line starts with punctuation that cannot open a line (``，`` ``）``…); or
* the line is running prose – it holds a comma or full stop, or it is at
  least ``_MIN_WRAPPED_LENGTH`` characters long and holds an enumeration comma
  or is too long to be a heading – and the next line continues with a Chinese
  character, a digit or a lowercase letter.
"""

from __future__ import annotations

import re

from loaders.docnumber import DOC_NUMBER_PATTERN
from loaders.text.chars import is_cjk_ideograph
from loaders.text.layout import DOCUMENT_TYPE_ENDINGS, is_date_line, starts_new_unit
from loaders.text.script import to_simplified

_FINAL_PUNCTUATION = frozenset("。！？；：…”」』）》!?;:")
_CONTINUING_END = frozenset("，、,（(《〈「『“〔【—")
_CONTINUING_START = frozenset("，。、；：！？）》〉」』”〕】,.;:!?)")
_CLAUSE_PUNCTUATION = re.compile(r"[，。；、！？,;]")
_SENTENCE_PUNCTUATION = re.compile(r"[，。；！？,;]")
_MIN_SENTENCE_LENGTH = 10
# A wrapped paragraph line is long; short unpunctuated lines are headings or labels.
_MIN_WRAPPED_LENGTH = 25
# Past this length a line without any clause punctuation is still prose.
_MAX_HEADING_LENGTH = 45
_BRACKET_PAIRS = (("《", "》"), ("（", "）"), ("「", "」"), ("“", "”"), ("〔", "〕"), ("【", "】"), ("〈", "〉"))


def rejoin_broken_lines(lines: list[str]) -> list[str]:
    """Join each line broken mid-sentence to its continuation; blank lines between the halves go."""
    result: list[str] = []
    index = 0
    while index < len(lines):
        current = lines[index]
        index += 1
        if not current.strip():
            result.append(current)
            continue
        while True:
            following = _next_non_blank(lines, index)
            if following is None or not _is_broken(current, lines[following]):
                break
            current = _concatenate(current, lines[following])
            index = following + 1
        result.append(current)
    return result


def _next_non_blank(lines: list[str], start: int) -> int | None:
    for position in range(start, len(lines)):
        if lines[position].strip():
            return position
    return None


def _is_broken(line: str, following: str) -> bool:
    line, following = line.strip(), following.strip()
    if line[-1] in _FINAL_PUNCTUATION:
        return False
    if _is_standalone(line) or _is_standalone(following) or starts_new_unit(following):
        return False
    if line[-1] in _CONTINUING_END or _has_open_bracket(line) or following[0] in _CONTINUING_START:
        return True
    return _is_running_prose(line) and _continues(following)


def _is_standalone(line: str) -> bool:
    """Lines that are complete by nature: headings, table rows, dates, document numbers."""
    if line.startswith("#") or "\t" in line or is_date_line(line):
        return True
    match = DOC_NUMBER_PATTERN.search(line)
    return match is not None and len(line) - (match.end() - match.start()) <= 2


def _has_open_bracket(line: str) -> bool:
    return any(line.count(opening) > line.count(closing) for opening, closing in _BRACKET_PAIRS)


def _is_running_prose(line: str) -> bool:
    # Commas and full stops do not occur in headings, so a line holding one is
    # prose even when short; an enumeration comma does ("一、组织、保障"), so it
    # needs the length of a wrapped line as well.
    if len(line) >= _MIN_SENTENCE_LENGTH and _SENTENCE_PUNCTUATION.search(line):
        return True
    if len(line) < _MIN_WRAPPED_LENGTH:
        return False
    if _CLAUSE_PUNCTUATION.search(line):
        return True
    if len(line) < _MAX_HEADING_LENGTH:
        return False
    # A long line without punctuation is a title when it ends like one.
    return not to_simplified(line[-4:]).endswith(DOCUMENT_TYPE_ENDINGS)


def _continues(following: str) -> bool:
    first = following[0]
    return is_cjk_ideograph(first) or first.isdigit() or first.islower()


def _concatenate(line: str, following: str) -> str:
    line, following = line.rstrip(), following.lstrip()
    # Chinese needs no space at a join; two Latin words do.
    if line[-1].isascii() and line[-1].isalnum() and following[0].isascii() and following[0].isalpha():
        return f"{line} {following}"
    return line + following
