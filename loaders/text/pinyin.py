"""Remove inline pinyin readings that web pages leave after Chinese characters.

Some republished documents carry ruby annotations flattened into the text, as
in ``工業(yè)`` or ``聯(lián)規(guī)``. They break word matching (``業(yè)務`` is no
longer ``業務``) and document numbers, so they are removed. Parentheses are
common in real policy text (``财政厅(局)``, ``(一)``, ``(2018)``), so removal is
deliberately narrow: the parenthesis must follow a Chinese character directly
and hold nothing but one to three pinyin syllables, and either at least one
syllable carries a tone mark or the content is a single toneless syllable of at
least two letters (``a``, ``e`` alone are too likely to be list labels).
"""

from __future__ import annotations

import re

from loaders.text.chars import CJK_IDEOGRAPH_RANGES

_TONED_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_TONELESS = str.maketrans({
    **dict.fromkeys("āáǎà", "a"), **dict.fromkeys("ēéěè", "e"), **dict.fromkeys("īíǐì", "i"),
    **dict.fromkeys("ōóǒò", "o"), **dict.fromkeys("ūúǔù", "u"), **dict.fromkeys("ǖǘǚǜ", "ü"),
    **dict.fromkeys("ńňǹ", "n"), "ḿ": "m",
})

# Standard Mandarin initials and finals. The combination is looser than the
# real syllable table (it accepts a few impossible pairs) but requires a valid
# final, which is what separates pinyin from English abbreviations.
_INITIAL = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])"
_FINAL = (
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|"
    r"ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|üe|ue|ün|ve|"
    r"a|o|e|i|u|ü|v)"
)
_SYLLABLE = rf"(?:{_INITIAL}?{_FINAL}|ng|hm|m|n)"
_SYLLABLES = re.compile(rf"(?:{_SYLLABLE}[ ']?){{1,3}}")
_SINGLE_SYLLABLE = re.compile(_SYLLABLE)

_ANNOTATION = re.compile(
    rf"(?<=[{CJK_IDEOGRAPH_RANGES}])[(（](?P<reading>[a-zü{_TONED_VOWELS} ']{{1,24}})[)）]"
)


def strip_pinyin(text: str) -> str:
    """Drop ``(pinyin)`` annotations that directly follow a Chinese character."""
    return _ANNOTATION.sub(_drop_if_pinyin, text)


def _drop_if_pinyin(match: re.Match[str]) -> str:
    reading = match.group("reading").strip()
    return "" if _is_pinyin(reading) else match.group(0)


def _is_pinyin(reading: str) -> bool:
    if not reading:
        return False
    plain = reading.translate(_TONELESS)
    if any(char in _TONED_VOWELS for char in reading):
        return _SYLLABLES.fullmatch(plain.rstrip(" '")) is not None
    return len(plain) >= 2 and _SINGLE_SYLLABLE.fullmatch(plain) is not None
