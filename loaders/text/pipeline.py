"""The clean-up pipeline: document bytes in, clean lines in two scripts out.

Order matters: width normalisation first so later patterns see one form of
brackets and digits; pinyin removal before line splitting since annotations
sit inside lines; boilerplate removal before re-joining so a disclaimer is
never glued onto the last sentence of a policy; the simplified copy last, from
the final lines, so both lists stay index-aligned.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from loaders.errors import DocumentError
from loaders.model import Script
from loaders.text.boilerplate import BoilerplateMarkers, strip_boilerplate
from loaders.text.decode import decode_bytes
from loaders.text.linebreaks import rejoin_broken_lines
from loaders.text.pinyin import strip_pinyin
from loaders.text.script import detect_script, to_simplified
from loaders.text.width import normalize_width


class CleanText(BaseModel):
    """A cleaned document: one entry per logical line, in its own script and in simplified."""

    script: Script
    lines_original: list[str] = Field(description="Clean lines in the document's own script, for display")
    lines: list[str] = Field(description="The same lines in simplified characters, index-aligned")


def clean_document(data: bytes, source: str, markers: BoilerplateMarkers) -> CleanText:
    """Decode and clean a policy document; raises ``DocumentError`` if nothing readable is left."""
    text = decode_bytes(data, source)
    text = normalize_width(text)
    text = strip_pinyin(text)
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    lines = strip_boilerplate(lines, markers)
    lines = rejoin_broken_lines(lines)
    if not lines:
        raise DocumentError(source, "no text left after removing page boilerplate")
    joined = "\n".join(lines)
    simplified = to_simplified(joined).split("\n")
    if len(simplified) != len(lines):
        simplified = [to_simplified(line) for line in lines]
    return CleanText(script=detect_script(joined), lines_original=lines, lines=simplified)
