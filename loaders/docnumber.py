"""Document numbers (文号) and title keys, used to link a policy to the ones it cites.

A document number is the issuer's abbreviation, the year in brackets and a
serial: ``工信厅联规〔2018〕36号``. The same number is written in many ways –
traditional characters (``工信廳聯規函〔2025〕108號``), square or round
brackets (``財建[2024]16號``, ``(2018)``), full-width digits – so numbers are
normalised to one spelling before they are compared: simplified characters,
``〔〕`` around the year and ``号`` at the end. State Council decrees use a
different form, ``国务院令第427号``, which is recognised as well.
"""

from __future__ import annotations

import re

from loaders.text.chars import CJK_IDEOGRAPH_RANGES
from loaders.text.script import to_simplified

_OPEN = "〔[［(（【〖"
_CLOSE = "〕]］)）】〗"
DOC_NUMBER_PATTERN = re.compile(
    rf"(?P<prefix>[{CJK_IDEOGRAPH_RANGES}]{{1,16}}?)\s*[{re.escape(_OPEN)}]\s*(?P<year>(?:19|20)\d{{2}})\s*"
    rf"[{re.escape(_CLOSE)}]\s*第?\s*(?P<serial>\d{{1,5}})\s*[号號]"
    rf"|(?P<decree>[{CJK_IDEOGRAPH_RANGES}]{{1,14}}令)\s*第\s*(?P<decree_serial>\d{{1,5}})\s*[号號]"
)

# Words that precede a number in running text ("根据财建〔2016〕797号") and
# are never part of an issuer's abbreviation.
_LEADING_FUNCTION_WORDS = re.compile(
    r"^(?:根据|根據|按照|依据|依據|依照|参照|參照|参见|參見|详见|詳見|以及|印发|印發|转发|轉發|"
    r"按|据|據|见|見|和|及|与|與|即|为|為|在|对|對|由|于|於)+"
)
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_WHITESPACE = re.compile(r"\s+")


def find_doc_numbers(text: str) -> list[str]:
    """Return the document numbers written in ``text``, as written, in order, without repeats."""
    found: list[str] = []
    if "号" not in text and "號" not in text:
        return found  # every number ends in 号: skip the costly pattern on most clauses
    for match in DOC_NUMBER_PATTERN.finditer(text.translate(_FULLWIDTH_DIGITS)):
        raw = text[match.start():match.end()]
        prefix = match.group("prefix") or match.group("decree")
        trimmed = _LEADING_FUNCTION_WORDS.sub("", prefix)
        if not trimmed or trimmed == "令":
            continue
        raw = raw[len(prefix) - len(trimmed):]
        if raw not in found:
            found.append(raw)
    return found


def normalize_doc_number(raw: str) -> str:
    """Spell a document number the canonical way: simplified, ``〔year〕``, ``号``.

    Text that is not a recognisable number is returned simplified and without
    whitespace, so callers can still compare it.
    """
    text = _WHITESPACE.sub("", to_simplified(raw.translate(_FULLWIDTH_DIGITS)))
    match = DOC_NUMBER_PATTERN.search(text)
    if match is None:
        return text
    if match.group("decree"):
        decree = _LEADING_FUNCTION_WORDS.sub("", match.group("decree"))
        return f"{decree}第{int(match.group('decree_serial'))}号"
    prefix = _LEADING_FUNCTION_WORDS.sub("", match.group("prefix")) or match.group("prefix")
    return f"{prefix}〔{match.group('year')}〕{int(match.group('serial'))}号"


_TITLE_MARKS = str.maketrans({
    "《": None, "》": None, "〈": None, "〉": None,
    "—": "-", "–": "-", "－": "-", "―": "-", "‐": "-", "─": "-", "~": "-", "～": "-",
    "（": "(", "）": ")",
    "［": "〔", "[": "〔", "【": "〔", "〖": "〔", "］": "〕", "]": "〕", "】": "〕", "〗": "〕",
})
_REPEATED_DASH = re.compile(r"-{2,}")


def normalize_title(title: str) -> str:
    """Key for comparing titles: simplified, no 《》 or whitespace, one dash and bracket style."""
    text = _WHITESPACE.sub("", to_simplified(title.translate(_FULLWIDTH_DIGITS)))
    text = text.translate(_TITLE_MARKS)
    return _REPEATED_DASH.sub("-", text)
