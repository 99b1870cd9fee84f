"""Turn the bytes of a policy document into text.

Documents arrive from government sites and office exports in UTF-8 (with or
without a BOM), UTF-16 from Windows tools, or GB18030/GBK from older Chinese
systems. Guessing wrong silently produces mojibake that poisons every later
step, so decoding is strict: a text is accepted only if one encoding decodes it
without errors and the result looks like text rather than binary data.
"""

from __future__ import annotations

import codecs
import unicodedata

from loaders.errors import DocumentError

# Share of control characters above which decoded data is taken to be binary.
# Real documents contain tabs and newlines only; a few stray control bytes are
# tolerated because copy-pasted web text sometimes carries them.
_MAX_CONTROL_SHARE = 0.05
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Sample size for the plausibility check: enough to judge, cheap on big files.
_SAMPLE_CHARS = 200_000


def decode_bytes(data: bytes, source: str) -> str:
    """Decode a document's bytes to text with newlines normalised to ``\\n``.

    Tries, in order: a byte-order mark (UTF-8 or UTF-16), strict UTF-8, strict
    GB18030 (a superset of GBK and GB2312). Raises ``DocumentError`` naming
    ``source`` for empty input, binary input and input no encoding accepts.
    """
    if not data:
        raise DocumentError(source, "empty file")
    if _looks_binary_bytes(data):
        raise DocumentError(source, "binary file, not text")
    text = _decode(data, source)
    if not text.strip():
        raise DocumentError(source, "empty file")
    if _looks_binary_text(text):
        raise DocumentError(source, "binary file, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, source: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as error:
                raise DocumentError(source, f"cannot decode: starts with a {encoding} mark but is not {encoding}") \
                    from error
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentError(source, "cannot decode: not UTF-8, UTF-16 or GB18030/GBK text")


def _looks_binary_bytes(data: bytes) -> bool:
    # UTF-16 text is full of NUL bytes by design, so it is judged after decoding.
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    sample = data[:_SAMPLE_CHARS]
    controls = sum(1 for byte in sample if byte < 0x20 and chr(byte) not in _ALLOWED_CONTROLS)
    return controls > _MAX_CONTROL_SHARE * len(sample)


def _looks_binary_text(text: str) -> bool:
    sample = text[:_SAMPLE_CHARS]
    suspicious = sum(
        1 for char in sample
        if char not in _ALLOWED_CONTROLS and unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn")
    )
    return suspicious > _MAX_CONTROL_SHARE * len(sample)
