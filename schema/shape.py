"""Turn the compiled statement's maps into the response, without graphql-core walking every field.

A compiled root field already knows, from its selection set, every value the
response will hold. Letting graphql-core complete a large result field by field
costs more than the database does (a few microseconds per field and resolver
info), so the root resolver shapes the result itself, with the same rules
(aliases, selection order, fragments, scalar serialisation, `__typename`), and
returns it wrapped in `Precompleted`; `CompiledExecutionContext` hands such a
value to the response as it is. Shapers are built once per selection and then
applied to every item.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    GraphQLAbstractType,
    GraphQLError,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    get_named_type,
    get_nullable_type,
    is_abstract_type,
    is_leaf_type,
)
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from graph.model import LABELS_BY_NAME
from schema.plan import FIELDS, Planner
from schema.types import edge_cursor, page_info

Shaper = Callable[[Any], Any]


@dataclass(frozen=True)
class Precompleted:
    """A response value that needs no further completion."""

    value: Any


class CompiledExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def complete_value(self, return_type: GraphQLOutputType, field_details_list: Any, info: Any, path: Any,
                       result: Any, position_context: Any) -> Any:
        if type(result) is Precompleted:
            return result.value
        return super().complete_value(return_type, field_details_list, info, path, result, position_context)


def _leaf(field_type: GraphQLOutputType) -> Shaper:
    nullable = get_nullable_type(field_type)
    if isinstance(nullable, GraphQLList):
        item = _leaf(nullable.of_type)
        return lambda v: None if v is None else [item(x) for x in v]
    assert isinstance(nullable, GraphQLLeafType)
    serialize = nullable.serialize
    return lambda v: None if v is None else serialize(v)


def _required(shaper: Shaper, what: str) -> Shaper:
    def shape(value: Any) -> Any:
        if value is None:
            raise GraphQLError(f"missing a value for non-null {what}")
        return shaper(value)

    return shape


class Shapes:
    """Builds shapers for the selection of one root field, from the planner that compiled it."""

    def __init__(self, planner: Planner) -> None:
        self.planner = planner

    def node(self, field_type: GraphQLOutputType, nodes: list[FieldNode], path: tuple[str, ...]) -> Shaper:
        named = get_named_type(field_type)
        if is_abstract_type(named):
            assert isinstance(named, GraphQLAbstractType)
            by_label = {t.name: self._object(t, nodes, path)
                        for t in self.planner.schema.get_possible_types(named) if t.name in LABELS_BY_NAME}
            return lambda o: None if o is None else by_label[o["_label"]](o)
        assert isinstance(named, GraphQLObjectType)
        shaper = self._object(named, nodes, path)
        return lambda o: None if o is None else shaper(o)

    def _object(self, object_type: GraphQLObjectType, nodes: list[FieldNode], path: tuple[str, ...]) -> Shaper:
        entries: list[tuple[str, Shaper]] = []
        table = FIELDS.get(object_type.name, {})
        for key, fnodes in self.planner.collect(nodes, object_type).items():
            name = fnodes[0].name.value
            if name == "__typename":
                entries.append((key, _const(object_type.name)))
                continue
            field_type = object_type.fields[name].type
            entry = table.get(name)
            if entry is not None and entry[0] == "nav" and not getattr(entry[1], "single", True):
                slot = self.planner.context.slots[(object_type.name, (*path, key))]
                connection_type = get_named_type(field_type)
                assert isinstance(connection_type, GraphQLObjectType)
                entries.append((key, _at(slot, self.connection(connection_type, fnodes, (*path, key)))))
            elif is_leaf_type(get_named_type(field_type)):
                leaf = _leaf(field_type)
                if isinstance(field_type, GraphQLNonNull):
                    leaf = _required(leaf, f"{object_type.name}.{name}")
                entries.append((key, _at(name, leaf)))
            else:
                entries.append((key, _at(name, self.node(field_type, fnodes, (*path, key)))))
        return _object_of(entries)

    def connection(self, connection_type: GraphQLObjectType, nodes: list[FieldNode],
                   path: tuple[str, ...]) -> Shaper:
        entries: list[tuple[str, Shaper]] = []
        for key, fnodes in self.planner.collect(nodes, connection_type).items():
            name = fnodes[0].name.value
            field_type = connection_type.fields[name].type
            if name == "__typename":
                entries.append((key, _const(connection_type.name)))
            elif name == "totalCount":
                entries.append((key, _at("totalCount", _same)))
            elif name == "nodes":
                item_type = get_nullable_type(field_type)
                assert isinstance(item_type, GraphQLList)
                entries.append((key, _each(_nodes, self.node(item_type.of_type, fnodes, (*path, key)))))
            elif name == "edges":
                edge_type = get_named_type(field_type)
                assert isinstance(edge_type, GraphQLObjectType)
                entries.append((key, _each(_edges, self._edge(edge_type, fnodes, (*path, key)))))
            elif name == "pageInfo":
                info_type = get_named_type(field_type)
                assert isinstance(info_type, GraphQLObjectType)
                keys = [(k, n[0].name.value) for k, n in self.planner.collect(fnodes, info_type).items()]
                entries.append((key, _page_info_of(keys)))
        return _object_of(entries)

    def _edge(self, edge_type: GraphQLObjectType, nodes: list[FieldNode], path: tuple[str, ...]) -> Shaper:
        entries: list[tuple[str, Shaper]] = []
        for key, fnodes in self.planner.collect(nodes, edge_type).items():
            name = fnodes[0].name.value
            field_type = edge_type.fields[name].type
            if name == "__typename":
                entries.append((key, _const(edge_type.name)))
            elif name == "cursor":
                entries.append((key, edge_cursor))
            elif is_leaf_type(get_named_type(field_type)):
                entries.append((key, _at(name, _leaf(field_type))))
            else:  # the node, or a node a relationship property names (the clause behind a fact)
                entries.append((key, _at(name, self.node(field_type, fnodes, (*path, key)))))
        return _object_of(entries)


def _const(value: Any) -> Shaper:
    return lambda _: value


def _same(value: Any) -> Any:
    return value


def _at(key: str, shaper: Shaper) -> Shaper:
    return lambda o: shaper(o.get(key))


def _each(items: Callable[[Any], list[Any]], shaper: Shaper) -> Shaper:
    return lambda c: [shaper(item) for item in items(c)]


def _object_of(entries: list[tuple[str, Shaper]]) -> Shaper:
    return lambda o: {key: shaper(o) for key, shaper in entries}


def _page_info_of(keys: list[tuple[str, str]]) -> Shaper:
    return lambda c: _page_info(c, keys)


def _nodes(connection: dict[str, Any]) -> list[Any]:
    if "nodes" in connection:
        return list(connection["nodes"])
    return [edge["node"] for edge in connection["edges"]]


def _edges(connection: dict[str, Any]) -> list[Any]:
    if "edges" in connection:
        return list(connection["edges"])
    return [{"node": node} for node in connection["nodes"]]


_PAGE_INFO_FIELDS = {"hasNextPage": "has_next_page", "hasPreviousPage": "has_previous_page",
                     "startCursor": "start_cursor", "endCursor": "end_cursor"}


def _page_info(connection: dict[str, Any], keys: list[tuple[str, str]]) -> dict[str, Any]:
    info = page_info(connection)
    return {key: "PageInfo" if name == "__typename" else getattr(info, _PAGE_INFO_FIELDS[name]) for key, name in keys}
