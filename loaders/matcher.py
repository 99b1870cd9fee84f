"""Find vocabulary terms in text: leftmost match, longest term first.

All terms of one vocabulary are compiled into a single regex shaped like a trie
(shared prefixes written once), so a scan costs one pass of the regex engine
however many terms there are; a flat alternation would try every term at every
position. At a position the trie prefers going on to a longer term and falls back
to a shorter one, which makes 机器人伺服控制器和驱动器 win over 伺服.

Terms and text are compared through a matching key that ignores what does not
change a name's meaning: whitespace (中国制造 2025), quote marks (“互联网+”,
「四基」), the width of ASCII, brackets and dashes, and the case of Latin letters.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeAlias

# Characters left out of the matching key.
_DROPPED_CHARS = " \t\r\n\f\v\u3000\u00a0\u200b“”‘’「」『』\"'"
_DROPPED = re.compile("[" + re.escape(_DROPPED_CHARS) + "]")


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII block
        table[code] = chr(code - 0xFEE0)
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code + 32)
    for code in range(0xFF21, 0xFF3B):  # full-width capitals fold straight to lower case
        table[code] = chr(code - 0xFEE0 + 32)
    table.update({ord(dash): "-" for dash in "—–―‐─－"})
    table.update({ord("〔"): "[", ord("〕"): "]", ord("【"): "[", ord("】"): "]"})
    return table


# Every replacement is one character for one, so positions survive folding.
_FOLD = _fold_table()
# Folding through a regex touches only the characters that change, which on Chinese text
# is several times faster than str.translate walking every character.
_FOLDABLE = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_FOLD)) + "]")


def _fold(text: str) -> str:
    return _FOLDABLE.sub(lambda match: _FOLD[ord(match.group())], text)
_ASCII_WORD = re.compile(r"[0-9a-z]")


def matching_key(text: str) -> str:
    """The form in which terms are compared; see the module docstring."""
    return _DROPPED.sub("", _fold(text))


class _KeyText:
    """The matching key of a text and the way back from key positions to text positions."""

    def __init__(self, text: str) -> None:
        folded = _fold(text)
        dropped = [match.start() for match in _DROPPED.finditer(folded)]
        self.key = _DROPPED.sub("", folded) if dropped else folded
        # For the j-th dropped character, how many key characters precede it: a key position
        # k lies after exactly those dropped characters whose count here is <= k.
        self._kept_before_dropped = [index - rank for rank, index in enumerate(dropped)]

    def text_position(self, key_position: int) -> int:
        return key_position + bisect_right(self._kept_before_dropped, key_position)


def literal_pattern(term: str) -> str:
    """A regex for `term` written in raw (unfolded) text, as tolerant as the matching key.

    Used where a vocabulary term is spliced into a larger pattern, e.g. the names of the
    四基 pillars in the focus-area enumeration patterns.
    """
    gap = "[" + re.escape(_DROPPED_CHARS) + "]*"
    parts: list[str] = []
    for char in matching_key(term):
        variants = {char} | {chr(code) for code, folded in _FOLD.items() if folded == char}
        parts.append(re.escape(char) if len(variants) == 1 else "[" + "".join(map(re.escape, sorted(variants))) + "]")
    return gap.join(parts)


@dataclass(frozen=True)
class TermMatch:
    """A term found in text: `value` is what the vocabulary maps the term to (an entry's uid)."""

    value: str
    start: int
    end: int
    text: str


class TermMatcher:
    """Leftmost-longest matcher over a fixed set of terms.

    `terms` maps each term to a value (usually an entry uid). `stop_phrases` are longer
    phrases that contain a term without meaning it (中国电子进出口有限公司 is no mention of
    电子): they take part in longest-match and are then dropped.
    """

    def __init__(self, terms: Mapping[str, str], stop_phrases: Iterable[str] = ()) -> None:
        self._values: dict[str, str | None] = {}
        for term, value in terms.items():
            key = matching_key(term)
            if key:
                self._values[key] = value
        for phrase in stop_phrases:
            key = matching_key(phrase)
            if key:
                self._values.setdefault(key, None)
        self._regex = re.compile(_trie_pattern(self._values)) if self._values else None

    def __len__(self) -> int:
        return len(self._values)

    def find(self, text: str) -> list[TermMatch]:
        """All non-overlapping terms in `text`, left to right, each the longest term at its start."""
        if self._regex is None or not text:
            return []
        keyed = _KeyText(text)
        found: list[TermMatch] = []
        for match in self._regex.finditer(keyed.key):
            value = self._values[match.group()]
            if value is None or not _on_word_boundary(keyed.key, match.start(), match.end()):
                continue
            start = keyed.text_position(match.start())
            end = keyed.text_position(match.end() - 1) + 1
            found.append(TermMatch(value=value, start=start, end=end, text=text[start:end]))
        return found


def _on_word_boundary(key: str, start: int, end: int) -> bool:
    # Latin terms must not match inside a longer Latin word (LPR in LPRS); Chinese has no
    # spaces to mark words, so only ASCII letters and digits are checked.
    if _ASCII_WORD.match(key[start]) and start > 0 and _ASCII_WORD.match(key[start - 1]):
        return False
    return not (_ASCII_WORD.match(key[end - 1]) and end < len(key) and _ASCII_WORD.match(key[end]))


_TERMINAL = ""  # trie key marking that a term ends at a node; never a character of a term
_Trie: TypeAlias = dict[str, "_Trie"]


def _trie_pattern(keys: Iterable[str]) -> str:
    trie: _Trie = {}
    for key in keys:
        node = trie
        for char in key:
            node = node.setdefault(char, {})
        node[_TERMINAL] = {}
    return _render(trie)


def _render(node: _Trie) -> str:
    branches = [re.escape(char) + _render(child) for char, child in sorted(node.items()) if char != _TERMINAL]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # Greedy optional: a longer term is tried before the term that ends here.
    return f"(?:{body})?" if _TERMINAL in node else body
