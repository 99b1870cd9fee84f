"""GraphQL object types, generated from the relation catalogue (`graph.model`).

One type per label, implementing `Node` (and `Region` for areas); a field per
property, per uid reference and per navigation; to-many navigations are
connections with `first`/`after`/`orderBy` and `totalCount`. Types are built
from the table rather than written out so that the GraphQL schema, the Cypher
whitelist and the graph model cannot drift apart; `schema.graphql` at the
repository root is the readable result.

Objects are plain dicts projected by the compiled statement (see
`graph/compiler/build.py`): scalar fields are read by the schema's default
resolver (a dict lookup), and only fields with arguments have resolvers, which
find their value under the slot the planner chose for them.
"""

from __future__ import annotations

import enum
import types
from dataclasses import dataclass
from typing import Any

import strawberry
from strawberry.types import Info

from graph.model import INTERFACES, LABELS, LABELS_BY_NAME, NAVIGATIONS, Label, Navigation, Prop, Ref
from schema.context import RequestContext
from schema.ids import encode_cursor

DEFAULT_FIRST = 20
MAX_FIRST = 500

FIRST_DESCRIPTION = f"How many items to return (default {DEFAULT_FIRST}, at most {MAX_FIRST})"
AFTER_DESCRIPTION = "Return items after this cursor (a previous page's `pageInfo.endCursor`)"
ORDER_DESCRIPTION = "Sort order; ties are broken by uid, so pages are stable and never overlap"


def dict_resolver(source: Any, name: str) -> Any:
    """Default resolver: objects are dicts from the database, keyed by field name."""
    if type(source) is dict:
        return source.get(name)
    return getattr(source, name, None)


@strawberry.interface(description="Anything with a global ID (全局标识), fetchable with `node(id:)`.")
class Node:
    id: strawberry.ID = strawberry.field(description="Global ID: `Label:uid`, e.g. `Policy:pol-0123456789abcdef`")


@strawberry.interface(description="An administrative area or park (地区/园区): province, city, district or park.")
class Region(Node):
    uid: str = strawberry.field(description="Stable identifier of the node in the graph (ASCII)")
    name: str | None = strawberry.field(description="Name (名称) in simplified characters")
    kind: str | None = strawberry.field(description="Kind of area, e.g. 地级市, 国家级高新区")


@strawberry.type(description="Where a page of a connection sits in the whole list (分页信息).")
class PageInfo:
    has_next_page: bool = strawberry.field(description="True when more items follow this page")
    has_previous_page: bool = strawberry.field(description="True when this page was asked for with `after`")
    start_cursor: str | None = strawberry.field(description="Cursor of the first item of the page")
    end_cursor: str | None = strawberry.field(description="Cursor of the last item; pass it as `after` for the next")


@strawberry.enum(description="Sort direction (排序方向).")
class OrderDirection(enum.Enum):
    ASC = strawberry.enum_value("ASC", description="Smallest first; missing values first")
    DESC = strawberry.enum_value("DESC", description="Largest first; missing values last")


@dataclass(frozen=True)
class OrderSpec:
    """What an `orderBy` enum value sorts on."""

    prop: str
    numeric: bool


_PY_TYPES: dict[str, Any] = {"str": str, "int": int, "float": float, "bool": bool, "strs": list[str]}

OBJECT_TYPES: dict[str, type] = {}
CONNECTION_TYPES: dict[str, type] = {}
ORDER_INPUTS: dict[str, type] = {}
ORDER_FIELDS: dict[str, dict[str, OrderSpec]] = {}  # label -> enum value name -> spec
INTERFACE_TYPES: dict[str, type] = {"Node": Node, "Region": Region}


def edge_cursor(edge: dict[str, Any]) -> str:
    return encode_cursor(edge["_key"], edge["node"]["uid"])


def page_info(connection: dict[str, Any]) -> PageInfo:
    edges = connection["edges"]
    return PageInfo(
        has_next_page=bool(connection.get("_more")),
        has_previous_page=bool(connection.get("_prev")),
        start_cursor=edge_cursor(edges[0]) if edges else None,
        end_cursor=edge_cursor(edges[-1]) if edges else None,
    )


def _upper(name: str) -> str:
    return "".join(f"_{c}" if c.isupper() else c.upper() for c in name)


def _order_enum(spec: Label) -> type:
    sortable = [p for p in spec.props if p.sortable]
    members = {_upper(p.field_name): strawberry.enum_value(_upper(p.field_name), description=p.description)
               for p in sortable}
    ORDER_FIELDS[spec.name] = {
        name: OrderSpec(p.name, p.kind in ("int", "float")) for name, p in zip(members, sortable, strict=True)
    }
    python_enum = enum.Enum(f"{spec.name}OrderField", members)  # type: ignore[misc]
    return strawberry.enum(python_enum, description=f"Fields {spec.name} lists can be sorted by")


def _order_input(spec: Label) -> type:
    field_enum = _order_enum(spec)
    cls = types.new_class(f"{spec.name}Order")
    cls.__annotations__ = {"field": field_enum, "direction": OrderDirection}
    cls.field = strawberry.field(description="What to sort by")  # type: ignore[attr-defined]
    cls.direction = strawberry.field(  # type: ignore[attr-defined]
        description="Ascending or descending", default=OrderDirection.ASC
    )
    return strawberry.input(cls, description=f"Sort order of a list of {spec.name} nodes")


def default_order(labels: tuple[str, ...]) -> tuple[str, OrderSpec]:
    """The order a list uses without `orderBy`: the label's default sort, or uid."""
    sorts = {LABELS_BY_NAME[lb].default_sort for lb in labels}
    prop = sorts.pop() if len(sorts) == 1 else "uid"
    if prop == "uid":
        return "UID", OrderSpec("uid", False)
    kind = LABELS_BY_NAME[labels[0]].prop(prop).kind
    return _upper(prop), OrderSpec(prop, kind in ("int", "float"))


def _target_type(targets: tuple[str, ...]) -> type:
    if len(targets) == 1:
        return OBJECT_TYPES[targets[0]]
    for name, members in INTERFACES.items():
        if set(targets) <= set(members):
            return INTERFACE_TYPES[name]
    return Node


def _link_resolver(nav: Navigation, connection: type) -> Any:
    def resolve(root: Any, info: Info[RequestContext, None], first: int | None = DEFAULT_FIRST,
                after: str | None = None, order_by: Any = None) -> Any:
        # The planner compiled this field's arguments into the statement; the value waits under its slot.
        return root.get(info.context.slot_for(info))

    resolve.__name__ = f"resolve_{nav.owner}_{nav.name}"
    resolve.__annotations__ = {"root": Any, "info": Info[RequestContext, None], "first": int | None,
                               "after": str | None, "return": connection}
    if len(nav.targets) == 1:
        resolve.__annotations__["order_by"] = ORDER_INPUTS[nav.targets[0]] | None
    else:
        # Mixed-label lists sort by name or uid only; no `orderBy` argument.
        def resolve_mixed(root: Any, info: Info[RequestContext, None], first: int | None = DEFAULT_FIRST,
                          after: str | None = None) -> Any:
            return root.get(info.context.slot_for(info))

        resolve_mixed.__annotations__ = {k: v for k, v in resolve.__annotations__.items() if k != "order_by"}
        return resolve_mixed
    return resolve


def _argument_descriptions() -> dict[str, Any]:
    return {
        "first": strawberry.argument(description=FIRST_DESCRIPTION),
        "after": strawberry.argument(description=AFTER_DESCRIPTION),
        "order_by": strawberry.argument(description=ORDER_DESCRIPTION),
    }


def _annotate_arguments(fn: Any) -> None:
    from typing import Annotated

    descriptions = _argument_descriptions()
    for name in ("first", "after", "order_by"):
        if name in fn.__annotations__:
            fn.__annotations__[name] = Annotated[fn.__annotations__[name], descriptions[name]]


def _edge_and_connection(name: str, node_type: type, description: str, extra_props: tuple[Prop, ...] = (),
                         extra_refs: tuple[Ref, ...] = ()) -> type:
    edge = types.new_class(f"{name}Edge")
    annotations: dict[str, Any] = {"node": node_type}
    edge.node = strawberry.field(description="The item")  # type: ignore[attr-defined]

    def cursor(root: Any) -> str:
        return edge_cursor(root)

    edge.cursor = strawberry.field(resolver=cursor, description="Opaque position of the item, for `after`")  # type: ignore[attr-defined]
    for p in extra_props:
        annotations[p.field_name] = _PY_TYPES[p.kind] | None
        setattr(edge, p.field_name, strawberry.field(description=f"{p.description} (relationship property)"))
    for r in extra_refs:
        annotations[r.name] = OBJECT_TYPES[r.label] | None
        setattr(edge, r.name, strawberry.field(description=r.description))
    edge.__annotations__ = annotations
    edge_type = strawberry.type(edge, description=f"One item of {description}, with its position")

    conn = types.new_class(f"{name}Connection")
    # Python names are the dict keys the default resolver reads, so this one stays camelCase.
    conn.__annotations__ = {"totalCount": int}
    conn.totalCount = strawberry.field(  # type: ignore[attr-defined]
        description="How many items the whole list has (counted only when asked for)"
    )

    # A list with nothing asked of its edges comes back as plain `nodes` (see graph/compiler/build.py).
    def edges(root: Any) -> list[Any]:
        if "edges" in root:
            return list(root["edges"])
        return [{"node": node} for node in root["nodes"]]

    edges.__annotations__ = {"root": Any, "return": types.GenericAlias(list, (edge_type,))}

    def nodes(root: Any) -> list[Any]:
        if "nodes" in root:
            return list(root["nodes"])
        return [edge["node"] for edge in root["edges"]]

    nodes.__annotations__ = {"root": Any, "return": types.GenericAlias(list, (node_type,))}
    conn.edges = strawberry.field(resolver=edges, description="The items of this page, with cursors")  # type: ignore[attr-defined]
    conn.nodes = strawberry.field(resolver=nodes, description="The items of this page, without cursors")  # type: ignore[attr-defined]

    def resolve_page_info(root: Any) -> PageInfo:
        return page_info(root)

    conn.page_info = strawberry.field(resolver=resolve_page_info, description="Where this page sits in the list")  # type: ignore[attr-defined]
    connection = strawberry.type(conn, description=f"A page of {description}")
    CONNECTION_TYPES[name] = connection
    return connection


def _is_type_of(label: str) -> Any:
    def is_type_of(cls: type, obj: Any, info: Any) -> bool:
        # `_label` is projected where the type is not known in advance (interfaces, mixed-label lists).
        return type(obj) is dict and obj.get("_label", label) == label

    return classmethod(is_type_of)


def _fill_object(spec: Label, cls: type) -> None:
    annotations: dict[str, Any] = {}
    for p in spec.props:
        annotations[p.field_name] = str if p.name == "uid" else _PY_TYPES[p.kind] | None
        setattr(cls, p.field_name, strawberry.field(description=p.description))
    for r in spec.refs:
        annotations[r.name] = OBJECT_TYPES[r.label] | None
        setattr(cls, r.name, strawberry.field(description=r.description))
    for nav in NAVIGATIONS[spec.name].values():
        target = _target_type(nav.targets)
        if nav.single:
            annotations[nav.name] = target | None
            setattr(cls, nav.name, strawberry.field(description=nav.description))
            continue
        rel = nav.relation
        if rel.edge_props or rel.edge_refs:
            name = f"{spec.name}{nav.name[0].upper()}{nav.name[1:]}"
            connection = _edge_and_connection(name, target, nav.description.lower(), rel.edge_props, rel.edge_refs)
        else:
            connection = CONNECTION_TYPES[target.__name__]
        resolver = _link_resolver(nav, connection)
        _annotate_arguments(resolver)
        setattr(cls, nav.name, strawberry.field(resolver=resolver, description=nav.description))
    cls.__annotations__ = annotations
    cls.is_type_of = _is_type_of(spec.name)  # type: ignore[attr-defined]


def _build() -> None:
    for spec in LABELS:
        bases = (Region,) if spec.name in INTERFACES["Region"] else (Node,)
        OBJECT_TYPES[spec.name] = types.new_class(spec.name, bases)
        ORDER_INPUTS[spec.name] = _order_input(spec)
    for spec in LABELS:
        _edge_and_connection(spec.name, OBJECT_TYPES[spec.name], spec.description.split(":")[0].rstrip(".").lower())
    _edge_and_connection("Region", Region, "regions and parks (地区/园区)")
    _edge_and_connection("Node", Node, "nodes of any kind")
    for spec in LABELS:
        _fill_object(spec, OBJECT_TYPES[spec.name])
        strawberry.type(OBJECT_TYPES[spec.name], description=spec.description)


_build()
