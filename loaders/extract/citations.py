"""Documents a policy cites: 《titles》, document numbers (文号), and the two paired.

A 《title》 takes the number in the brackets right after it: 《…的通知》（财建〔2016〕797号）.
A number with no 《title》 is a citation too, titled by the phrase before it when that
phrase reads like a document title (工业转型升级资金管理办法（财建〔2016〕844号）).
Not citations: the document itself, and the short names a document gives a cited title
(以下简称《通知》) when they are used again. Titles are compared by `normalize_title`
and numbers by `normalize_doc_number`, so one document cited twice is listed once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from loaders.docnumber import find_doc_numbers, normalize_doc_number, normalize_title
from loaders.model import Citation, Clause
from loaders.vocabulary import CitationPatterns, Vocabulary

_OPEN_BRACKETS = "（("
_CLOSE_BRACKETS = "）)"
# Where the phrase before a bare number stops when read backwards.
_PHRASE_BREAKS = frozenset("，。；：、,;:“”\"「」（）()《》〈〉\n")


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    text: str


def find_citations(clauses: Sequence[Clause], vocabulary: Vocabulary, *, own_doc_number: str | None = None,
                   own_title: str | None = None) -> list[Citation]:
    """The documents `clauses` cite, in order of first citation.

    `own_doc_number` and `own_title` identify the citing document so that it is not listed
    as citing itself; a title that `own_title` issues (关于印发《X》的通知) is the document
    itself as well.
    """
    patterns = vocabulary.citations
    abbreviations = {normalize_title(match.group("abbr")) for clause in clauses
                     for pattern in patterns.abbreviations for match in pattern.finditer(clause.text)}
    own_keys = _own_keys(own_doc_number, own_title, patterns)
    seen: set[str] = set()
    citations: list[Citation] = []
    for clause in clauses:
        for citation in _clause_citations(clause, patterns):
            title_key = normalize_title(citation.title) if citation.title else None
            if citation.doc_number is None and title_key in abbreviations:
                continue
            keys = {key for key in (citation.doc_number, title_key) if key}
            if keys & own_keys or keys & seen:
                continue
            seen.update(keys)
            citations.append(citation)
    return citations


def _own_keys(own_doc_number: str | None, own_title: str | None, patterns: CitationPatterns) -> set[str]:
    keys: set[str] = set()
    if own_doc_number:
        keys.add(normalize_doc_number(own_doc_number))
    if own_title:
        keys.add(normalize_title(own_title))
        keys.update(normalize_title(span.text) for span in bracketed_titles(own_title)
                    if own_title[:span.start].rstrip().endswith(patterns.issuing_verbs))
    return keys


def _clause_citations(clause: Clause, patterns: CitationPatterns) -> Iterator[Citation]:
    text = clause.text
    numbers = _number_spans(text)
    written, originals = find_doc_numbers(text), find_doc_numbers(clause.original)
    # The original script writes the same numbers in the same order; where it does not,
    # the simplified spelling stands in for the original one.
    original_of = dict(zip(written, originals, strict=True)) if len(written) == len(originals) else {}
    paired: set[int] = set()
    found: list[tuple[int, Citation]] = []
    for title in bracketed_titles(text):
        number = _number_in_brackets_after(title.end, text, numbers) or _number_within(title, numbers)
        if number is not None:
            paired.add(number.start)
        found.append((title.start, _citation(title.text, number, original_of, clause.path)))
    for number in numbers:
        if number.start not in paired:
            bare_title = _title_before(number.start, text, patterns)
            found.append((number.start, _citation(bare_title, number, original_of, clause.path)))
    for _, citation in sorted(found, key=lambda item: item[0]):
        yield citation


def _number_within(title: _Span, numbers: Sequence[_Span]) -> _Span | None:
    # A number written inside the title's own brackets: 《…的通知（财建〔2016〕844号）》.
    return next((number for number in numbers if title.start < number.start and number.end < title.end), None)


def _citation(title: str | None, number: _Span | None, original_of: dict[str, str], path: str) -> Citation:
    return Citation(
        doc_number=normalize_doc_number(number.text) if number else None,
        doc_number_original=original_of.get(number.text, number.text) if number else None,
        title=title,
        clause_path=path,
    )


def bracketed_titles(text: str) -> list[_Span]:
    """The outermost 《…》 spans of `text`; a 《》 nested inside a title belongs to that title."""
    spans: list[_Span] = []
    depth = start = 0
    for index, char in enumerate(text):
        if char == "《":
            if depth == 0:
                start = index
            depth += 1
        elif char == "》" and depth > 0:
            depth -= 1
            if depth == 0:
                inner = text[start + 1:index].strip()
                if inner:
                    spans.append(_Span(start, index + 1, inner))
    return spans


def _number_spans(text: str) -> list[_Span]:
    spans: list[_Span] = []
    for raw in find_doc_numbers(text):
        cursor = 0
        while (start := text.find(raw, cursor)) >= 0:
            spans.append(_Span(start, start + len(raw), raw))
            cursor = start + len(raw)
    return sorted(spans, key=lambda span: span.start)


def _number_in_brackets_after(position: int, text: str, numbers: Sequence[_Span]) -> _Span | None:
    """The first number inside the brackets that open right after `position`, if any."""
    index = position
    while index < len(text) and text[index].isspace():
        index += 1
    if index >= len(text) or text[index] not in _OPEN_BRACKETS:
        return None
    close = _closing_bracket(text, index)
    return next((number for number in numbers if index < number.start and number.end <= close), None)


def _closing_bracket(text: str, open_index: int) -> int:
    depth = 0
    for index in range(open_index, len(text)):
        if text[index] in _OPEN_BRACKETS:
            depth += 1
        elif text[index] in _CLOSE_BRACKETS:
            depth -= 1
            if depth == 0:
                return index
    return len(text)


def _title_before(position: int, text: str, patterns: CitationPatterns) -> str | None:
    """The document title written just before a number's opening bracket, if the phrase there reads as one."""
    end = position
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if end == 0 or text[end - 1] not in _OPEN_BRACKETS:
        return None
    end -= 1
    start = end
    while start > 0 and text[start - 1] not in _PHRASE_BREAKS:
        start -= 1
    phrase = text[start:end].strip()
    stripped = True
    while stripped:
        stripped = False
        for word in patterns.leading_words:
            if phrase.startswith(word) and len(phrase) > len(word):
                phrase, stripped = phrase[len(word):], True
                break
    if not phrase or len(phrase) > patterns.bare_title_max_length:
        return None
    return phrase if phrase.endswith(tuple(patterns.title_suffixes)) else None
