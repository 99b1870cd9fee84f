"""Search text: one segmentation for indexed text and for queries, on both databases.

FalkorDB's and Neo4j's full-text analyzers segment Chinese differently (or not
at all), so the application does it: convert to simplified with OpenCC, lower
case, segment with jieba in search mode (which also emits the shorter words
inside long ones: 高温合金 → 高温, 合金, 高温合金), and keep word tokens only.
Both indexes then see space-separated tokens. A query is segmented plainly and
every one of its words must match: a plain word is always among the search-mode
tokens of a text that contains it.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

import opencc

if TYPE_CHECKING:
    import jieba

_WORD = re.compile(r"[0-9a-z\u4e00-\u9fff]+")
_lock = threading.Lock()
_state: dict[str, object] = {}


def _segmenter() -> jieba.Tokenizer:
    with _lock:
        tokenizer = _state.get("jieba")
        if tokenizer is None:
            import jieba  # on first use: most commands never segment text, and it takes a while to import

            jieba.setLogLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            _state["jieba"] = tokenizer
        return tokenizer


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return str(_converter().convert(text))


def _distinct_words(words: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for word in words:
        for piece in _WORD.findall(word):
            if len(piece) > 1 or "\u4e00" <= piece <= "\u9fff":
                seen.setdefault(piece, None)
    return tuple(seen)


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[str, ...]:
    """Index tokens: every word and the shorter words inside long ones (高温合金 → 高温, 合金, 高温合金)."""
    return _distinct_words(_segmenter().cut_for_search(to_simplified(text).lower()))


@lru_cache(maxsize=4096)
def query_words(text: str) -> tuple[str, ...]:
    """Query words: the plain segmentation, each of which the index holds for any text containing it."""
    return _distinct_words(_segmenter().cut(to_simplified(text).lower()))


def index_text(*texts: str | None) -> str:
    """What to store in a node's `searchText` property."""
    words: dict[str, None] = {}
    for text in texts:
        if text:
            for token in tokens(text):
                words.setdefault(token, None)
    return " ".join(words)


