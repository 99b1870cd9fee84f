"""Search text: one segmentation for indexed text and for queries, on both databases.

FalkorDB's and Neo4j's full-text analyzers segment Chinese differently (or not
at all), so the application does it: convert to simplified with OpenCC, lower
case, segment with jieba in search mode (which also emits the shorter words
inside long ones: 高温合金 → 高温, 合金, 高温合金), and keep word tokens only.
Both indexes then see space-separated tokens, and a query is the same tokens
joined with OR semantics.
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache

import jieba
import opencc

_WORD = re.compile(r"[0-9a-z\u4e00-\u9fff]+")
_lock = threading.Lock()
_state: dict[str, object] = {}


def _segmenter() -> jieba.Tokenizer:
    with _lock:
        tokenizer = _state.get("jieba")
        if tokenizer is None:
            jieba.setLogLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            _state["jieba"] = tokenizer
        return tokenizer


def add_words(words: list[str]) -> None:
    """Teach the segmenter domain terms (focus areas, programs) so they stay whole."""
    tokenizer = _segmenter()
    for word in words:
        tokenizer.add_word(word, freq=2000)
    tokens.cache_clear()


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return str(_converter().convert(text))


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[str, ...]:
    """Distinct search tokens of `text`, in order of first appearance."""
    simplified = to_simplified(text).lower()
    seen: dict[str, None] = {}
    for word in _segmenter().cut_for_search(simplified):
        for piece in _WORD.findall(word):
            if len(piece) > 1 or "\u4e00" <= piece <= "\u9fff":
                seen.setdefault(piece, None)
    return tuple(seen)


def index_text(*texts: str | None) -> str:
    """What to store in a node's `searchText` property."""
    words: dict[str, None] = {}
    for text in texts:
        if text:
            for token in tokens(text):
                words.setdefault(token, None)
    return " ".join(words)


def query_text(text: str) -> str | None:
    """A full-text query for `text`, or None when it has no searchable word."""
    words = tokens(text)
    return " ".join(words) if words else None
