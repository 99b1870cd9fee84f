"""From a GraphQL selection set to a fetch plan (`graph.compiler.plan`).

Walks the field nodes of a root field with graphql-core's own argument coercion
(fragments, variables, defaults, @skip/@include included), maps every field to
a property, reference or navigation through the relation catalogue, and records
under which key each field with arguments will find its value (`RequestContext.slots`):
aliases are user text and never reach Cypher.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLIncludeDirective,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLSkipDirective,
    InlineFragmentNode,
    NamedTypeNode,
    SelectionSetNode,
    get_argument_values,
    get_named_type,
    is_abstract_type,
)
from graphql.execution.values import VariableValues

from graph.compiler.plan import Fetch, Link, OrderKey, Page, RefFetch
from graph.model import LABELS, NAVIGATIONS, Navigation, Prop, Ref, Relation
from schema.context import RequestContext
from schema.errors import BadUserInput
from schema.ids import decode_cursor
from schema.types import DEFAULT_FIRST, MAX_FIRST, ORDER_FIELDS, default_order

Entry = tuple[str, Prop | Ref | Navigation]


def _field_table() -> dict[str, dict[str, Entry]]:
    table: dict[str, dict[str, Entry]] = {}
    for spec in LABELS:
        fields: dict[str, Entry] = {p.field_name: ("prop", p) for p in spec.props}
        fields.update({r.name: ("ref", r) for r in spec.refs})
        fields.update({n.name: ("nav", n) for n in NAVIGATIONS[spec.name].values()})
        table[spec.name] = fields
    return table


FIELDS = _field_table()


class Planner:
    def __init__(self, info: GraphQLResolveInfo[Any], context: RequestContext) -> None:
        self.schema = info.schema
        self.fragments = info.fragments
        # strawberry hands resolvers the plain coerced dict; graphql-core's coercion wants its container.
        coerced: Any = info.variable_values
        self.variables = VariableValues({}, getattr(coerced, "coerced", coerced))
        self.context = context
        self._slots = len(context.slots)

    # --- selection sets ---------------------------------------------------------------------------
    def collect(self, nodes: list[FieldNode], runtime: GraphQLObjectType) -> dict[str, list[FieldNode]]:
        grouped: dict[str, list[FieldNode]] = {}
        for node in nodes:
            if node.selection_set is not None:
                self._visit(node.selection_set, runtime, grouped, set())
        return grouped

    def _visit(self, selection_set: SelectionSetNode, runtime: GraphQLObjectType,
               grouped: dict[str, list[FieldNode]], visited: set[str]) -> None:
        for sel in selection_set.selections:
            if not self._included(sel):
                continue
            if isinstance(sel, FieldNode):
                grouped.setdefault(sel.alias.value if sel.alias else sel.name.value, []).append(sel)
            elif isinstance(sel, InlineFragmentNode):
                if self._applies(sel.type_condition, runtime):
                    self._visit(sel.selection_set, runtime, grouped, visited)
            elif isinstance(sel, FragmentSpreadNode) and sel.name.value not in visited:
                visited.add(sel.name.value)
                fragment = self.fragments[sel.name.value]
                if self._applies(fragment.type_condition, runtime):
                    self._visit(fragment.selection_set, runtime, grouped, visited)

    def _applies(self, condition: NamedTypeNode | None, runtime: GraphQLObjectType) -> bool:
        if condition is None:
            return True
        conditional = self.schema.get_type(condition.name.value)
        if conditional is runtime:
            return True
        return is_abstract_type(conditional) and self.schema.is_sub_type(conditional, runtime)

    def _included(self, node: Any) -> bool:
        for directive in node.directives or ():
            if directive.name.value == "skip":
                if get_argument_values(GraphQLSkipDirective, directive, self.variables)["if"]:
                    return False
            elif directive.name.value == "include" and not get_argument_values(
                    GraphQLIncludeDirective, directive, self.variables)["if"]:
                return False
        return True

    def arguments(self, parent: GraphQLObjectType, node: FieldNode) -> dict[str, Any]:
        return get_argument_values(parent.fields[node.name.value], node, self.variables)

    def object_type(self, name: str) -> GraphQLObjectType:
        t = self.schema.get_type(name)
        assert isinstance(t, GraphQLObjectType)
        return t

    # --- pages ------------------------------------------------------------------------------------
    def page(self, args: dict[str, Any], labels: tuple[str, ...]) -> Page:
        first = args.get("first")
        first = DEFAULT_FIRST if first is None else first
        if not 0 <= first <= MAX_FIRST:
            raise BadUserInput(f"`first` must be between 0 and {MAX_FIRST}, not {first}")
        order_by = args.get("orderBy")
        if order_by is not None and len(labels) == 1:
            spec = ORDER_FIELDS[labels[0]][order_by["field"].name]
            desc = order_by["direction"].name == "DESC"
        else:
            _, spec = default_order(labels)
            desc = False
        order = () if spec.prop == "uid" else (OrderKey(spec.prop, desc, spec.numeric),)
        if spec.prop == "uid" and desc:
            raise BadUserInput("uid order is ascending only")
        after = decode_cursor(args["after"], len(order)) if args.get("after") else None
        return Page(order=order, first=first, after=after)

    def _slot(self, parent: str, path: tuple[str, ...]) -> str:
        self._slots += 1
        slot = f"_s{self._slots}"
        self.context.slots[(parent, path)] = slot
        return slot

    # --- connections and nodes --------------------------------------------------------------------
    def connection(self, nodes: list[FieldNode], connection_type: GraphQLObjectType, labels: tuple[str, ...],
                   path: tuple[str, ...], edges_of: tuple[Link, Relation] | None = None) -> tuple[Fetch, bool, bool]:
        """The node fetch under `edges.node` and `nodes`, whether `totalCount` is asked for, and whether
        cursors or pageInfo are. Edge properties and references are added to the link of `edges_of`."""
        fetch = Fetch(labels)
        total = cursors = False
        for key, fnodes in self.collect(nodes, connection_type).items():
            name = fnodes[0].name.value
            if name == "totalCount":
                total = True
            elif name == "pageInfo":
                cursors = True
            elif name == "nodes":
                fetch.merge(self.node(fnodes, labels, (*path, key)))
            elif name == "edges":
                edge_type = get_named_type(connection_type.fields["edges"].type)
                assert isinstance(edge_type, GraphQLObjectType)
                for ekey, enodes in self.collect(fnodes, edge_type).items():
                    ename = enodes[0].name.value
                    if ename == "node":
                        fetch.merge(self.node(enodes, labels, (*path, key, ekey)))
                    elif ename == "cursor":
                        cursors = True
                    elif edges_of is not None:
                        self._edge_field(*edges_of, ename, enodes, (*path, key, ekey))
        return fetch, total, cursors

    def _edge_field(self, link: Link, relation: Relation, name: str, nodes: list[FieldNode],
                    path: tuple[str, ...]) -> None:
        for rel_prop in relation.edge_props:
            if rel_prop.field_name == name:
                link.edge_props.add(rel_prop.name)
        for ref in relation.edge_refs:
            if ref.name == name:
                target = self.node(nodes, (ref.label,), path)
                if name in link.edge_refs:
                    link.edge_refs[name].target.merge(target)
                else:
                    link.edge_refs[name] = RefFetch(ref.prop, ref.label, target)

    def node(self, nodes: list[FieldNode], labels: tuple[str, ...], path: tuple[str, ...]) -> Fetch:
        fetch = Fetch(labels)
        for label in labels:
            runtime = self.object_type(label)
            for key, fnodes in self.collect(nodes, runtime).items():
                name = fnodes[0].name.value
                if name == "id":
                    fetch.global_id = True
                elif name == "__typename":
                    fetch.tagged = True
                entry = FIELDS[label].get(name)
                if entry is not None:
                    self._node_field(fetch, label, runtime, key, fnodes, entry, (*path, key))
        return fetch

    def _node_field(self, fetch: Fetch, label: str, runtime: GraphQLObjectType, key: str, nodes: list[FieldNode],
                    entry: Entry, path: tuple[str, ...]) -> None:
        item = entry[1]
        if isinstance(item, Prop):
            fetch.props.add(item.name)
        elif isinstance(item, Ref):
            target = Fetch((item.label,))
            target.merge(self.node(nodes, (item.label,), path))
            fetch.merge(Fetch(fetch.labels, refs={item.name: RefFetch(item.prop, item.label, target)}))
        elif item.single:
            one = Link(item.relation.type, item.direction, self.node(nodes, item.targets, path),
                       Page(order=(), first=1), single=True)
            fetch.merge(Fetch(fetch.labels, links={item.name: one}))
        else:
            page = self.page(self.arguments(runtime, nodes[0]), item.targets)
            link = Link(item.relation.type, item.direction, Fetch(item.targets), page)
            connection_type = get_named_type(runtime.fields[item.name].type)
            assert isinstance(connection_type, GraphQLObjectType)
            link.target, page.total, page.cursors = self.connection(nodes, connection_type, item.targets, path,
                                                                   (link, item.relation))
            fetch.links[self._slot(label, path)] = link
