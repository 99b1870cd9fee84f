"""The bulk payload's records: what the generated row encoders write is the format, value by value."""

from __future__ import annotations

import struct

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.bulk_format import ANY, BOOLEAN, FLOAT, INTEGER, TEXT, BulkPayload, NodeIds, UnsupportedValue, Value

KINDS = (TEXT, INTEGER, FLOAT, BOOLEAN, ANY)
_TEXTS = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12)
_BY_KIND = {
    TEXT: _TEXTS,
    INTEGER: st.integers(-(2**63), 2**63 - 1),
    FLOAT: st.floats(allow_nan=False),
    BOOLEAN: st.booleans(),
    ANY: st.one_of(_TEXTS, st.integers(-(2**63), 2**63 - 1), st.booleans(), st.lists(_TEXTS, max_size=3)),
}


def reference_record(kinds: tuple[str, ...], values: tuple[Value, ...]) -> bytes:
    """The format as the module docstring states it, one value at a time."""
    out = bytearray()

    def one(value: Value) -> None:
        if value is None:
            out.extend(b"\x00")
        elif isinstance(value, bool):
            out.extend(b"\x01" + (b"\x01" if value else b"\x00"))
        elif isinstance(value, float):
            out.extend(b"\x02" + struct.pack("<d", value))
        elif isinstance(value, str):
            out.extend(b"\x03" + value.encode() + b"\x00")
        elif isinstance(value, int):
            out.extend(b"\x04" + struct.pack("<q", value))
        else:
            out.extend(b"\x05" + struct.pack("<q", len(value)))
            for item in value:
                one(item)

    for kind, value in zip(kinds, values, strict=True):
        one(float(value) if kind == FLOAT and isinstance(value, int) else value)
    return bytes(out)


@st.composite
def records(draw: st.DrawFn) -> tuple[tuple[str, ...], list[tuple[Value, ...]]]:
    kinds = tuple(draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=8)))
    rows = draw(st.lists(st.tuples(*(st.none() | _BY_KIND[kind] for kind in kinds)), min_size=1, max_size=4))
    return kinds, rows


def _node_records(kinds: tuple[str, ...], rows: list[tuple[Value, ...]]) -> bytes:
    columns = [(f"p{index}", kind) for index, kind in enumerate(kinds)]
    payload = BulkPayload(NodeIds())
    token = payload.nodes(("Thing",), columns, len(rows))
    for row in rows:
        token.add(row)
    names = b"".join(f"p{index}".encode() + b"\x00" for index in range(len(kinds)))
    header = b"Thing\x00" + struct.pack("<I", len(columns)) + names
    data = bytes(token.data)
    assert data.startswith(header)
    return data[len(header):]


@given(records())
def test_node_records_are_the_format_value_by_value(case: tuple[tuple[str, ...], list[tuple[Value, ...]]]) -> None:
    kinds, rows = case
    assert _node_records(kinds, rows) == b"".join(reference_record(kinds, row) for row in rows)


@given(records())
def test_relationship_records_carry_their_ends_then_their_values(
        case: tuple[tuple[str, ...], list[tuple[Value, ...]]]) -> None:
    kinds, rows = case
    payload = BulkPayload(NodeIds())
    token = payload.edges("LINKS", [(f"p{index}", kind) for index, kind in enumerate(kinds)])
    for number, row in enumerate(rows):
        token.add(number, number + 7, row)
    expected = b"".join(struct.pack("<QQ", number, number + 7) + reference_record(kinds, row)
                        for number, row in enumerate(rows))
    assert token.data.endswith(expected)


@pytest.mark.parametrize("kinds", [(TEXT,), (TEXT, BOOLEAN, TEXT), (INTEGER, TEXT), (ANY,)])
def test_a_text_with_a_zero_character_is_refused_naming_it(kinds: tuple[str, ...]) -> None:
    payload = BulkPayload(NodeIds())
    columns = [(f"p{index}", kind) for index, kind in enumerate(kinds)]
    values: list[Value] = [None] * len(kinds)
    values[-1 if kinds[-1] != BOOLEAN else 0] = "临沂\x00华泰"
    token = payload.nodes(("Thing",), columns, 1)
    with pytest.raises(UnsupportedValue, match=r"zero character.*临沂"):
        token.add(values)


def test_false_and_null_booleans_do_not_pass_for_zero_characters() -> None:
    payload = BulkPayload(NodeIds())
    token = payload.nodes(("Thing",), [("a", BOOLEAN), ("b", TEXT), ("c", BOOLEAN)], 3)
    token.add((False, "x", None))
    token.add((None, None, False))
    token.add((True, "", True))
    assert bytes(token.data).endswith(b"\x01\x00\x03x\x00\x00" + b"\x00\x00\x01\x00" + b"\x01\x01\x03\x00\x01\x01")
