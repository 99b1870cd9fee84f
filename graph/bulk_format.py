"""The binary payload of FalkorDB's `GRAPH.BULK` command, which adds nodes and relationships
to a graph without going through Cypher.

A payload is a list of tokens. A node token is its labels (`A:B`), the names of its
properties, then one record per node: each property as a type byte and a value (null:
nothing, bool: 1 byte, double and integer: 8 bytes little-endian, string: UTF-8 ending in a
zero byte, array: an 8-byte length and its values). A relationship token is its type, the
names of its properties, then per relationship the ids of its two nodes (8 bytes each) and
its properties. A null property is not stored, as in Cypher.

The server gives nodes ids in the order it reads them, counting on from the graph's node
count; in a graph built from nothing by bulk payloads alone (see `graph.rebuild`), that
makes every id known before it is sent, so relationships can name their ends by id.
"""

from __future__ import annotations

import struct
import sys
from array import array
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any

Value = str | int | float | bool | None | list["Value"]

_NULL = b"\x00"
_TRUE = b"\x01\x01"
_FALSE = b"\x01\x00"
_DOUBLE = struct.Struct("<Bd")
_LONG = struct.Struct("<Bq")
_ARRAY = struct.Struct("<Bq")
_COUNT = struct.Struct("<I")
_ENDS = struct.Struct("<QQ")
if sys.byteorder != "little" or array("Q").itemsize != 8:
    raise ImportError("the bulk format packs node ids as 8-byte little-endian integers")


class UnsupportedValue(TypeError):
    """A property value the bulk format cannot carry (a map, a point, a date ...)."""


# Column kinds: what `NodeToken.add` and `EdgeToken.add` may find in a column. A typed
# kind (a value of that type, or None) is encoded without asking each value its type, which
# matters on the hot path; `ANY` columns go through `encode_value`, which asks.
TEXT, INTEGER, FLOAT, BOOLEAN, ANY = "text", "integer", "float", "boolean", "any"
Column = tuple[str, str]  # (property name, kind)
_KIND_OF_TYPE = {str: TEXT, int: INTEGER, float: FLOAT, bool: BOOLEAN}


def _header(name: str, columns: Sequence[Column]) -> bytearray:
    out = bytearray(name.encode() + b"\x00" + _COUNT.pack(len(columns)))
    for key, _ in columns:
        out += key.encode() + b"\x00"
    return out


RowEncoder = Callable[[Iterable[Value], bytearray], None]


@cache
def _row_encoder(kinds: tuple[str, ...]) -> RowEncoder:
    """A function that appends one record of `kinds` to a payload, written out for those kinds.

    A million awards are three million records: a loop asking each value its kind cost more
    than the store's work of adding them. The generated function builds each run of text and
    boolean columns as one string (the type bytes and zero terminators are ASCII, so they
    encode as themselves) and encodes it once; numbers are packed; `ANY` columns ask.
    Counting the zero characters of each run catches a text holding one, which would end the
    value early in the store.
    """
    if not kinds:
        return _encode_nothing
    names = ", ".join(f"v{index}" for index in range(len(kinds)))
    lines = ["def encode(values, out):", f"    {names}, = values"]
    run: list[str] = []  # expressions of the current run of text and boolean columns
    zeros: list[str] = []  # how many zero characters the run holds when every text is clean

    def close_run() -> None:
        if run:
            lines.append(f"    text = {' + '.join(run)}")
            lines.append(f"    if text.count(NUL) != {' + '.join(zeros)}:")
            lines.append(f"        reject_zero_character(({names},))")
            lines.append("    out += text.encode()")
            run.clear()
            zeros.clear()

    for index, kind in enumerate(kinds):
        value = f"v{index}"
        if kind == TEXT:
            run.append(f'(NUL if {value} is None else "\\x03" + {value} + NUL)')
            zeros.append("1")
        elif kind == BOOLEAN:
            run.append(f'(NUL if {value} is None else "\\x01\\x01" if {value} else "\\x01\\x00")')
            zeros.append(f"(not {value})")  # None and False each write one zero
        else:
            close_run()
            if kind == INTEGER:
                lines.append(f"    out += NULL if {value} is None else LONG(4, {value})")
            elif kind == FLOAT:
                lines.append(f"    out += NULL if {value} is None else DOUBLE(2, {value})")
            else:
                lines.append(f"    encode_value({value}, out)")
    close_run()
    namespace: dict[str, Any] = {"NUL": "\x00", "NULL": _NULL, "LONG": _LONG.pack, "DOUBLE": _DOUBLE.pack,
                                 "reject_zero_character": _reject_zero_character, "encode_value": encode_value}
    exec("\n".join(lines), namespace)  # the source is built above from the kinds alone, never from values
    return namespace["encode"]  # type: ignore[no-any-return]


def _encode_nothing(values: Iterable[Value], out: bytearray) -> None:
    if tuple(values):
        raise ValueError("values for no columns")


def _reject_zero_character(values: tuple[Value, ...]) -> None:
    culprit = next(value for value in values if isinstance(value, str) and "\x00" in value)
    raise UnsupportedValue(f"a text with a zero character cannot be written in bulk: {culprit!r}")


def encode_value(value: Value, out: bytearray) -> None:
    """Append one property value of any type the format carries to `out`."""
    if type(value) is list:
        out += _ARRAY.pack(5, len(value))
        for item in value:
            encode_value(item, out)
        return
    kind = TEXT if value is None else _KIND_OF_TYPE.get(type(value))
    if kind is None:
        raise UnsupportedValue(f"a {type(value).__name__} property cannot be written in bulk: {value!r}")
    _row_encoder((kind,))((value,), out)


class NodeToken:
    """Nodes with the same labels; `add` takes their property values in `columns` order."""

    def __init__(self, labels: Sequence[str], columns: Sequence[Column], first_id: int, count: int) -> None:
        self.kinds = tuple(kind for _, kind in columns)
        self._encode = _row_encoder(self.kinds)
        self.first_id = first_id
        self.count = count
        self.added = 0
        self.data = _header(":".join(labels), columns)

    def add(self, values: Iterable[Value]) -> int:
        """Append a node; returns its id."""
        if self.added == self.count:
            raise ValueError(f"{self.count} nodes were reserved for this token and all are added")
        self._encode(values, self.data)
        self.added += 1
        return self.first_id + self.added - 1


class EdgeToken:
    """Relationships of one type; `add` takes their ends' ids and property values."""

    def __init__(self, type_: str, columns: Sequence[Column] = ()) -> None:
        self.kinds = tuple(kind for _, kind in columns)
        self._encode = _row_encoder(self.kinds)
        self.count = 0
        self._header = _header(type_, columns)
        self._ends = array("Q")  # without properties, the records are just the ends, packed at the end
        self._records = bytearray()

    def add(self, source: int, target: int, values: Iterable[Value] = ()) -> None:
        if self.kinds:
            self._records += _ENDS.pack(source, target)
            self._encode(values, self._records)
        else:
            self._ends.append(source)
            self._ends.append(target)
        self.count += 1

    def add_ends(self, ends: array[int]) -> None:
        """Append relationships without properties, given as (source, target) pairs laid end to end."""
        if self.kinds:
            raise ValueError("these relationships have properties: add them one by one")
        self._ends.extend(ends)
        self.count += len(ends) // 2

    @property
    def data(self) -> bytes:
        return bytes(self._header) + (bytes(self._records) if self.kinds else self._ends.tobytes())


class NodeIds:
    """The ids the next nodes will get: handed out in the order payloads are built and sent."""

    def __init__(self, next_id: int = 0) -> None:
        self.next_id = next_id

    def reserve(self, count: int) -> int:
        first = self.next_id
        self.next_id += count
        return first


class BulkPayload:
    """One `GRAPH.BULK` call: node tokens in the order their ids were reserved, then relationships.

    Payloads must be sent in the order they were made, since each reserves the ids after
    the previous one's.
    """

    def __init__(self, ids: NodeIds) -> None:
        self._ids = ids
        self.node_tokens: list[NodeToken] = []
        self.edge_tokens: dict[tuple[str, tuple[Column, ...]], EdgeToken] = {}

    def nodes(self, labels: Sequence[str], columns: Sequence[Column], count: int) -> NodeToken:
        """A token for `count` nodes; their ids are reserved now, in order."""
        token = NodeToken(labels, columns, self._ids.reserve(count), count)
        self.node_tokens.append(token)
        return token

    def edges(self, type_: str, columns: Sequence[Column] = ()) -> EdgeToken:
        key = (type_, tuple(columns))
        token = self.edge_tokens.get(key)
        if token is None:
            token = self.edge_tokens[key] = EdgeToken(type_, columns)
        return token

    @property
    def node_count(self) -> int:
        return sum(token.count for token in self.node_tokens)

    @property
    def edge_count(self) -> int:
        return sum(token.count for token in self.edge_tokens.values())

    def is_empty(self) -> bool:
        return self.node_count == 0 and self.edge_count == 0 and not self.node_tokens and not self.edge_tokens

    def arguments(self) -> list[int | bytes]:
        """The arguments after `GRAPH.BULK graph [BEGIN]`."""
        for token in self.node_tokens:
            if token.added != token.count:
                raise ValueError(f"{token.count} nodes were reserved but {token.added} added")
        edge_tokens = list(self.edge_tokens.values())
        return [self.node_count, self.edge_count, len(self.node_tokens), len(edge_tokens),
                *(bytes(token.data) for token in self.node_tokens), *(token.data for token in edge_tokens)]
