"""Cut clause text into sentences, the scope within which a rule or target is read."""

from __future__ import annotations

import re

# A semicolon ends a sentence too: enumerated conditions are separated by ；.
_SENTENCE = re.compile(r"[^。；;！？!?\n]+[。；;！？!?]?")


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, each with its closing mark, blank ones left out."""
    return [sentence.strip() for sentence in _SENTENCE.findall(text) if sentence.strip()]
