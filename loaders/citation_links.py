"""Decide which policy node a document, or a document it cites, is.

Rules, in order: the same normalised document number is the same document; two
different numbers are never the same document; otherwise the same normalised
title is, and so is a title whose every word appears in the other one (a
headline such as 《中国制造2025》五大工程实施指南：工业强基工程（2016-2020年）
and the formal title 工业强基工程实施指南（2016—2020年） it reports on).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.text_index import query_words

# A title with fewer distinct words is too generic to be matched by containment.
_MIN_WORDS_FOR_CONTAINMENT = 5


@dataclass(frozen=True)
class PolicyKey:
    uid: str
    doc_number: str | None
    title_key: str | None


def _words(title_key: str) -> frozenset[str]:
    return frozenset(query_words(title_key))


def titles_match(a: str, b: str) -> bool:
    if a == b:
        return True
    words_a, words_b = _words(a), _words(b)
    shorter, longer = sorted((words_a, words_b), key=len)
    return len(shorter) >= _MIN_WORDS_FOR_CONTAINMENT and shorter <= longer


def find_policy(doc_number: str | None, title_key: str | None, known: Sequence[PolicyKey]) -> str | None:
    """The uid of the known policy this (number, title) names, if any."""
    if doc_number:
        for key in known:
            if key.doc_number == doc_number:
                return key.uid
    candidates = [k for k in known if not (doc_number and k.doc_number and k.doc_number != doc_number)]
    if title_key:
        for key in candidates:
            if key.title_key == title_key:
                return key.uid
        for key in candidates:
            if key.title_key and titles_match(title_key, key.title_key):
                return key.uid
    return None
