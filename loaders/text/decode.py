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
# (mark, encoding of what follows it, codec that reads the file with the mark on and leaves it out)
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
# Sample size for the plausibility check: enough to judge, cheap on big files.
_SAMPLE_CHARS = 200_000
# How much of a big file `detect_encoding` reads to choose an encoding; the rest is decoded as it is read.
ENCODING_SAMPLE_BYTES = 1 << 20


def decode_bytes(data: bytes, source: str) -> str:
    """Decode a document's bytes to text with newlines normalised to ``\\n``.

    Tries, in order: a byte-order mark (UTF-8 or UTF-16), strict UTF-8, strict
    GB18030 (a superset of GBK and GB2312). Raises ``DocumentError`` naming
    ``source`` for empty input, binary input and input no encoding accepts.
    """
    _, text = detect_encoding(data, source, whole=True)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def detect_encoding(head: bytes, source: str, *, whole: bool) -> tuple[str, str]:
    """The codec to read a file with and the text of its first bytes (`whole`: all of them),
    judged as `decode_bytes` judges a whole file; raises ``DocumentError`` for what it would refuse.

    A later byte the codec cannot decode is found only when it is read.
    """
    if not head:
        raise DocumentError(source, "empty file")
    if _looks_binary_bytes(head):
        raise DocumentError(source, "binary file, not text")
    encoding, text = _decode_start(head, source, final=whole)
    if whole and not text.strip():
        raise DocumentError(source, "empty file")
    if _looks_binary_text(text):
        raise DocumentError(source, "binary file, not text")
    return encoding, text


def _decode_start(data: bytes, source: str, *, final: bool) -> tuple[str, str]:
    """(codec, text) of `data`, the text without its byte-order mark; with `final` false, `data`
    may end inside a character."""
    for bom, encoding, codec in _BOMS:
        if data.startswith(bom):
            try:
                return codec, codecs.getincrementaldecoder(encoding)().decode(data[len(bom):], final)
            except UnicodeDecodeError as error:
                raise DocumentError(source, f"cannot decode: starts with a {encoding} mark but is not {encoding}") \
                    from error
    for encoding in ("utf-8", "gb18030"):
        try:
            return encoding, codecs.getincrementaldecoder(encoding)().decode(data, final)
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
