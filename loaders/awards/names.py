"""Name keys: the form in which enterprise and project names are compared across lists.

The same enterprise is written many ways: 临沂华泰精密机械有限公司, 华泰精密机械股份有限公司,
华泰精密机械（临沂）有限公司, 山东临沂华泰精密机械有限责任公司. Its key drops what does not
tell enterprises apart within one city: the width of characters, spaces and punctuation,
the company form (有限公司, 有限责任公司, 股份有限公司, 集团 ...), bracketed place names and
company forms, and the place names it starts with. Names are only ever compared within a
city (the block), where the place they start with says nothing.

A project key drops width, punctuation, brackets and the word 项目 at the end or before a
bracketed phase, which lists add or leave out at will; the phase itself (一期, 二期) stays:
it tells projects apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from loaders.vocabulary import Vocabulary

# Company forms, longest first; stripped repeatedly from the end (集团股份有限公司 -> 集团 -> nothing).
COMPANY_FORMS = ("股份有限公司", "有限责任公司", "集团有限公司", "集团公司", "有限公司", "股份公司", "总公司",
                 "集团", "公司")
# Place-name endings whose stem is a usable short form (山东省 -> 山东, 淄博市 -> 淄博).
_PLACE_ENDINGS = ("省", "市", "自治区")
_MIN_KEY = 2  # a key shorter than this names nothing; keep more of the name instead

_OPEN = "（(【[〔［｛{"
_CLOSE = "）)】]〕］｝}"
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_FOLD.update({ord(char): ord("(") for char in _OPEN} | {ord(char): ord(")") for char in _CLOSE})
# Most names are plain Han characters: folding is skipped unless something needs it.
_NEEDS_FOLD = re.compile("[" + re.escape("".join(map(chr, _FOLD))) + "A-Z]")
_BRACKETED = re.compile(r"\(([^()]*)\)")
_NOT_NAME = re.compile(r"[^0-9a-z\u3400-\u4dbf\u4e00-\u9fff]+")
# 项目 at the end, or before a bracketed phase: 年产10万套伺服电机项目（一期） = 年产10万套伺服电机（一期）.
_PROJECT_WORD = re.compile(r"项目(?=\s*(?:\(|$))")


def fold(text: str) -> str:
    """Half-width, lower-case Latin, one kind of bracket."""
    return text.translate(_FOLD).lower() if _NEEDS_FOLD.search(text) else text


def place_terms(vocabulary: Vocabulary) -> list[str]:
    """Every way a list may write a place at the start of a name: names, aliases, short forms."""
    terms: set[str] = set()
    for name, place in vocabulary.regions.places.items():
        terms.add(name)
        if place.kind in ("province", "city"):
            for ending in _PLACE_ENDINGS:
                stem = name.removesuffix(ending)
                if stem != name and len(stem) >= _MIN_KEY:
                    terms.add(stem)
    # The matcher's key table holds every name and alias of every place.
    terms.update(vocabulary.regions.place_by_key)
    return sorted({fold(term) for term in terms if term}, key=len, reverse=True)


class NameKeys:
    """Keys for enterprise and project names, knowing the place names of the vocabulary."""

    def __init__(self, places: Iterable[str]) -> None:
        self._places = frozenset(places)
        # One pass of a trie-shaped pattern, longest place first (临沂市 before 临沂), repeated
        # for 山东省临沂市; a flat alternation of a few hundred names would try each in turn.
        self._leading_places = re.compile(f"^(?:{_trie(self._places)})+") if self._places else None
        # Room for the enterprises of a million-row list (about 500,000), each named on several rows.
        self.enterprise_key = lru_cache(maxsize=1 << 19)(self._enterprise_key)
        self.project_key = lru_cache(maxsize=1 << 16)(self._project_key)

    @classmethod
    def from_vocabulary(cls, vocabulary: Vocabulary) -> NameKeys:
        return cls(place_terms(vocabulary))

    def _enterprise_key(self, name: str) -> str:
        text = _BRACKETED.sub(self._bracket_content, fold(name))
        text = _NOT_NAME.sub("", text)
        text = _strip_company_forms(text)
        if self._leading_places is None:
            return text
        stripped = self._leading_places.sub("", text, count=1)
        return stripped if len(stripped) >= _MIN_KEY else text

    def _bracket_content(self, match: re.Match[str]) -> str:
        content = _NOT_NAME.sub("", match.group(1))
        if content in self._places or content in COMPANY_FORMS:
            return ""
        return content

    @staticmethod
    def _project_key(name: str) -> str:
        folded = fold(name)
        stripped = _NOT_NAME.sub("", _PROJECT_WORD.sub("", folded))
        return stripped if len(stripped) >= _MIN_KEY else _NOT_NAME.sub("", folded)


# Matched on the reversed name, so the pattern starts at the end instead of trying every position.
_TRAILING_FORMS_REVERSED = re.compile("(?:" + "|".join(form[::-1] for form in COMPANY_FORMS) + ")+")


def _strip_company_forms(text: str) -> str:
    match = _TRAILING_FORMS_REVERSED.match(text[::-1])
    stripped = text[: len(text) - match.end()] if match else text
    if len(stripped) >= _MIN_KEY:
        return stripped
    while text.endswith(COMPANY_FORMS):  # the name is little more than its form: strip one at a time
        form = next(form for form in COMPANY_FORMS if text.endswith(form))
        if len(text) - len(form) < _MIN_KEY:
            break
        text = text[: -len(form)]
    return text


def _trie(terms: Iterable[str]) -> str:
    """A regex matching any of `terms`, shaped like a trie and preferring the longest."""
    root: dict[str, dict[str, Any]] = {}
    for term in terms:
        node = root
        for char in term:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + render(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return render(root)
