"""Traditional/simplified handling.

Policies from Hong Kong, Taiwan-facing sites and republishers arrive in
traditional characters, while vocabulary and matching work on simplified text.
Every document is therefore kept twice: in its own script for display, and
converted to simplified for matching. OpenCC's phrase-aware ``t2s`` conversion
is used because character-by-character tables mis-convert many words.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

import opencc

from loaders.text.chars import is_cjk_ideograph

# Share of Chinese characters that t2s changes above which a text is taken as
# traditional. Simplified text is left almost untouched by t2s; traditional
# text has a changed character every few characters, so 5% separates them
# with a wide margin even for short texts.
_TRADITIONAL_SHARE = 0.05
# Script detection needs a sample, not the whole of a multi-megabyte file.
_SAMPLE_CHARS = 50_000


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    # Building the converter loads dictionaries; do it once, on first use.
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert text to simplified Chinese; simplified text passes through unchanged."""
    converted: str = _converter().convert(text)
    return converted


def detect_script(text: str) -> Literal["simplified", "traditional"]:
    """Tell whether a text is written in traditional or simplified characters."""
    sample = text[:_SAMPLE_CHARS]
    converted = to_simplified(sample)
    if len(converted) != len(sample):
        # Phrase conversion changed the length; fall back to comparing
        # character by character so positions line up.
        converted = "".join(to_simplified(char) for char in sample)
    total = changed = 0
    for original, simplified in zip(sample, converted, strict=True):
        if is_cjk_ideograph(original):
            total += 1
            changed += original != simplified
    if total == 0:
        return "simplified"
    return "traditional" if changed / total > _TRADITIONAL_SHARE else "simplified"
