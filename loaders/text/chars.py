"""Character classes shared by the clean-up steps.

Chinese policy text mixes CJK ideographs, full-width punctuation and ASCII;
each step needs the same notion of "a Chinese character" so that, for example,
width normalisation and pinyin removal agree on what counts as CJK context.
"""

from __future__ import annotations

# Unified ideographs, extension A and compatibility ideographs cover every
# character seen in official documents; extension B and later are rare but
# appear in place names, so they are included as well.
CJK_IDEOGRAPH_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
CJK_IDEOGRAPH = f"[{CJK_IDEOGRAPH_RANGES}]"

# Full-width punctuation used in Chinese text. Treated as "CJK context" when
# deciding whether an ASCII mark between them is really Chinese punctuation.
CJK_PUNCTUATION = "，。、；：！？（）《》〈〉「」『』“”‘’【】〔〕［］…—·〇"

CJK_CONTEXT = f"[{CJK_IDEOGRAPH_RANGES}{CJK_PUNCTUATION}]"


def is_cjk_ideograph(char: str) -> bool:
    """True for a single Chinese character (not punctuation)."""
    code = ord(char)
    return (
        0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2EBEF
    )
