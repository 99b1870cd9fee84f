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
from collections.abc import Iterable, Sequence

Value = str | int | float | bool | None | list["Value"]

_NULL = b"\x00"
_TRUE = b"\x01\x01"
_FALSE = b"\x01\x00"
_DOUBLE = struct.Struct("<Bd")
_LONG = struct.Struct("<Bq")
_ARRAY = struct.Struct("<Bq")
_COUNT = struct.Struct("<I")
_ENDS = struct.Struct("<QQ")


class UnsupportedValue(TypeError):
    """A property value the bulk format cannot carry (a map, a point, a date ...)."""


def encode_value(value: Value, out: bytearray) -> None:
    """Append one property value to `out`."""
    kind = type(value)
    if kind is str:
        out += b"\x03"
        out += value.encode()  # type: ignore[union-attr]
        out += b"\x00"
    elif value is None:
        out += _NULL
    elif kind is bool:
        out += _TRUE if value else _FALSE
    elif kind is int:
        out += _LONG.pack(4, value)
    elif kind is float:
        out += _DOUBLE.pack(2, value)
    elif kind is list:
        out += _ARRAY.pack(5, len(value))  # type: ignore[arg-type]
        for item in value:  # type: ignore[union-attr]
            encode_value(item, out)
    else:
        raise UnsupportedValue(f"a {kind.__name__} property cannot be written in bulk: {value!r}")


def _header(name: str, properties: Sequence[str]) -> bytearray:
    out = bytearray(name.encode() + b"\x00" + _COUNT.pack(len(properties)))
    for key in properties:
        out += key.encode() + b"\x00"
    return out


class NodeToken:
    """Nodes with the same labels; `add` takes their property values in `properties` order."""

    def __init__(self, labels: Sequence[str], properties: Sequence[str], first_id: int, count: int) -> None:
        self.properties = tuple(properties)
        self.first_id = first_id
        self.count = count
        self.added = 0
        self.data = _header(":".join(labels), self.properties)

    def add(self, values: Iterable[Value]) -> int:
        """Append a node; returns its id."""
        if self.added == self.count:
            raise ValueError(f"{self.count} nodes were reserved for this token and all are added")
        data = self.data
        for value in values:
            encode_value(value, data)
        self.added += 1
        return self.first_id + self.added - 1


class EdgeToken:
    """Relationships of one type; `add` takes their ends' ids and property values."""

    def __init__(self, type_: str, properties: Sequence[str] = ()) -> None:
        self.properties = tuple(properties)
        self.count = 0
        self.data = _header(type_, self.properties)

    def add(self, source: int, target: int, values: Iterable[Value] = ()) -> None:
        data = self.data
        data += _ENDS.pack(source, target)
        for value in values:
            encode_value(value, data)
        self.count += 1


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
        self.edge_tokens: dict[tuple[str, tuple[str, ...]], EdgeToken] = {}

    def nodes(self, labels: Sequence[str], properties: Sequence[str], count: int) -> NodeToken:
        """A token for `count` nodes; their ids are reserved now, in order."""
        token = NodeToken(labels, properties, self._ids.reserve(count), count)
        self.node_tokens.append(token)
        return token

    def edges(self, type_: str, properties: Sequence[str] = ()) -> EdgeToken:
        key = (type_, tuple(properties))
        token = self.edge_tokens.get(key)
        if token is None:
            token = self.edge_tokens[key] = EdgeToken(type_, properties)
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
                *(bytes(token.data) for token in self.node_tokens), *(bytes(token.data) for token in edge_tokens)]
