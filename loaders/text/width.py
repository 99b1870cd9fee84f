"""Normalise character width and spacing so later patterns see one form.

Documents typed on Chinese input methods mix full-width and half-width forms
freely: ``１０００万元`` next to ``1000 万元``, ``(一)`` next to ``（一）``,
``财政厅(局),`` next to ``财政厅（局），``. The structure parser and the rule
extractors match numbering, amounts and punctuation, so the text is brought to
one convention first:

* full-width ASCII letters and digits become half-width (``Ｚ``→``Z``, ``０``→``0``),
  the ideographic space and no-break space become an ordinary space;
* ASCII ``( ) , : ;`` written inside Chinese text become the Chinese forms
  ``（ ） ， ： ；`` (parentheses are converted as a pair when they enclose or
  touch Chinese text, so ``(一)`` becomes ``（一）`` but ``f(x)`` is kept);
* markdown emphasis ``**`` is dropped: it carries no meaning in a policy text
  and splits numbering such as ``**第六条**``;
* runs of spaces collapse to one; spaces next to Chinese punctuation, around
  tabs and between a Chinese character and a number or Latin word are removed,
  so ``1000 万元`` reads ``1000万元``, ``40% 的`` reads ``40%的`` and amounts match
  one pattern. Spaces between two Chinese characters are kept: they separate
  issuer names in titles and signature lines.

``〔〕`` and ``《》`` are left alone: they delimit document numbers and titles.
"""

from __future__ import annotations

import re

from loaders.text.chars import CJK_CONTEXT, CJK_IDEOGRAPH, CJK_IDEOGRAPH_RANGES, CJK_PUNCTUATION

_FULLWIDTH_ALNUM = {
    **{chr(code): chr(code - 0xFEE0) for code in range(ord("０"), ord("９") + 1)},
    **{chr(code): chr(code - 0xFEE0) for code in range(ord("Ａ"), ord("Ｚ") + 1)},
    **{chr(code): chr(code - 0xFEE0) for code in range(ord("ａ"), ord("ｚ") + 1)},
    "\u3000": " ",
    "\u00a0": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u2009": " ",
    "\u200b": "",
    "\ufeff": "",
}
_WIDTH_TABLE = str.maketrans(_FULLWIDTH_ALNUM)

_PAREN_PAIR = re.compile(r"\((?P<inner>[^()\n]*)\)")
_CJK_CHAR = re.compile(CJK_CONTEXT)
_CJK_IDEOGRAPH_CHAR = re.compile(CJK_IDEOGRAPH)
_LONE_OPEN = re.compile(rf"\((?={CJK_CONTEXT})")
_LONE_CLOSE = re.compile(rf"(?<={CJK_CONTEXT})\)")
_ASCII_MARK = re.compile(rf"(?<={CJK_CONTEXT})[ ]*([,:;])|([,:;])(?=[ ]*{CJK_IDEOGRAPH})")
_TO_CHINESE_MARK = {",": "，", ":": "：", ";": "；"}
_EMPHASIS = re.compile(r"\*\*")
_SPACE_RUN = re.compile(r"[ ]{2,}")
_SPACE_AROUND_TAB = re.compile(r"[ ]*\t[ ]*")
_SPACE_NEAR_PUNCT = re.compile(rf"[ ]+(?=[{CJK_PUNCTUATION}])|(?<=[{CJK_PUNCTUATION}])[ ]+")
_SPACE_CJK_ASCII = re.compile(
    rf"(?<=[{CJK_IDEOGRAPH_RANGES}])[ ]+(?=[0-9A-Za-z])|(?<=[0-9A-Za-z%])[ ]+(?=[{CJK_IDEOGRAPH_RANGES}])"
)


def normalize_width(text: str) -> str:
    """Bring width, Chinese punctuation and spacing to one convention (see module docstring)."""
    text = text.translate(_WIDTH_TABLE)
    text = _EMPHASIS.sub("", text)
    text = _PAREN_PAIR.sub(_convert_paren_pair, text)
    text = _LONE_OPEN.sub("（", text)
    text = _LONE_CLOSE.sub("）", text)
    text = _ASCII_MARK.sub(_convert_mark, text)
    text = _SPACE_RUN.sub(" ", text)
    text = _SPACE_AROUND_TAB.sub("\t", text)
    text = _SPACE_NEAR_PUNCT.sub("", text)
    return _SPACE_CJK_ASCII.sub("", text)


def _convert_paren_pair(match: re.Match[str]) -> str:
    # Neighbours are read from the whole string rather than consumed, so that
    # adjacent pairs such as ``(一)(二)`` are each seen by the pattern.
    text, start, end = match.string, match.start(), match.end()
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    inner = match.group("inner")
    chinese = bool(_CJK_IDEOGRAPH_CHAR.search(inner)) or bool(_CJK_CHAR.fullmatch(before)) \
        or bool(_CJK_CHAR.fullmatch(after))
    return f"（{inner}）" if chinese else match.group(0)


def _convert_mark(match: re.Match[str]) -> str:
    mark = match.group(1) or match.group(2)
    return _TO_CHINESE_MARK[mark]
