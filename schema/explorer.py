"""Root fields for explorers: `node`, `policy`, a paged list per label, `neighborhood`, `policyLineage`.

Every root field compiles its whole selection (nested connections included)
into one statement; `policyLineage` needs two (the citation walk, then the
policies' fields). The number never depends on how many items come back.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Annotated, Any

import strawberry
from graphql import GraphQLObjectType, GraphQLResolveInfo, get_named_type
from strawberry.types import Info

from graph.compiler.plan import Fetch, Predicate, RootList, RootMany, RootOne
from graph.keys import normalize_doc_number
from graph.model import LABELS
from graph.queries.explorer import MAX_LINEAGE_DEPTH, MAX_NEIGHBORHOOD_DEPTH, fetch, neighborhood, policy_lineage
from schema.context import RequestContext
from schema.errors import BadUserInput, NotFound
from schema.filters import (
    FocusAreaFilter,
    FundingFilter,
    PolicyFilter,
    ProgramFilter,
    focus_area_predicates,
    funding_predicates,
    policy_predicates,
    program_predicates,
)
from schema.ids import global_id, parse_global_id
from schema.plan import Planner
from schema.shape import Precompleted, Shapes
from schema.types import (
    AFTER_DESCRIPTION,
    CONNECTION_TYPES,
    DEFAULT_FIRST,
    FIRST_DESCRIPTION,
    OBJECT_TYPES,
    ORDER_DESCRIPTION,
    ORDER_INPUTS,
    Node,
)

MAX_NEIGHBORHOOD_LIMIT = 500

PLURALS = {
    "Policy": "policies", "Clause": "clauses", "Agency": "agencies", "Program": "programs",
    "FocusArea": "focusAreas", "Theme": "themes", "Industry": "industries", "Instrument": "instruments",
    "Rule": "rules", "Target": "targets", "Province": "provinces", "City": "cities", "District": "districts",
    "Park": "parks", "Enterprise": "enterprises", "Project": "projects", "Award": "awards",
}

# label -> (filter input type, how to turn it into predicates)
FILTERS: dict[str, tuple[type, Callable[[Any], tuple[Predicate, ...]]]] = {
    "Policy": (PolicyFilter, policy_predicates),
    "Program": (ProgramFilter, program_predicates),
    "FocusArea": (FocusAreaFilter, focus_area_predicates),
    "Enterprise": (FundingFilter, lambda f: funding_predicates("Enterprise", f)),
    "Project": (FundingFilter, lambda f: funding_predicates("Project", f)),
}


def _raw(info: Info[RequestContext, None]) -> GraphQLResolveInfo[Any]:
    return info._raw_info


async def _one(info: Info[RequestContext, None], label: str, match: tuple[tuple[str, Any], ...]) -> Any:
    """A root field returning one node: fetched in one statement, shaped for the response."""
    raw = _raw(info)
    planner = Planner(raw, info.context)
    path = (str(raw.path.key),)
    node_fetch = planner.node(list(raw.field_nodes), (label,), path)
    node_fetch.tagged = True  # `node` returns the Node interface: the type is told by `_label`
    result = await fetch(info.context.store, RootOne(label, node_fetch, match))
    if not result.items:
        return None
    return Precompleted(Shapes(planner).node(raw.return_type, list(raw.field_nodes), path)(result.items[0]["node"]))


def _list_resolver(label: str) -> Any:
    filter_entry = FILTERS.get(label)

    async def resolve(info: Info[RequestContext, None], first: int | None = DEFAULT_FIRST, after: str | None = None,
                      order_by: Any = None, filter: Any = None) -> Any:
        raw = _raw(info)
        planner = Planner(raw, info.context)
        page = planner.page(planner.arguments(raw.parent_type, raw.field_nodes[0]), (label,))
        connection_type = get_named_type(raw.return_type)
        assert isinstance(connection_type, GraphQLObjectType)
        path = (str(raw.path.key),)
        node_fetch, page.total, page.cursors = planner.connection(list(raw.field_nodes), connection_type, (label,),
                                                                  path)
        predicates = filter_entry[1](filter) if filter_entry is not None else ()
        result = await fetch(info.context.store, RootList(label, node_fetch, page, predicates))
        connection = {"edges": result.items[: page.first], "totalCount": result.total,
                      "_more": len(result.items) > page.first, "_prev": page.after is not None}
        return Precompleted(Shapes(planner).connection(connection_type, list(raw.field_nodes), path)(connection))

    annotations: dict[str, Any] = {
        "info": Info[RequestContext, None],
        "first": Annotated[int | None, strawberry.argument(description=FIRST_DESCRIPTION)],
        "after": Annotated[str | None, strawberry.argument(description=AFTER_DESCRIPTION)],
        "order_by": Annotated[ORDER_INPUTS[label] | None, strawberry.argument(description=ORDER_DESCRIPTION)],
        "return": CONNECTION_TYPES[label],
    }
    if filter_entry is not None:
        annotations["filter"] = Annotated[filter_entry[0] | None, strawberry.argument(description="Conditions")]
    else:
        async def resolve_unfiltered(info: Info[RequestContext, None], first: int | None = DEFAULT_FIRST,
                                     after: str | None = None, order_by: Any = None) -> Any:
            return await resolve(info, first, after, order_by)

        resolve_unfiltered.__annotations__ = annotations
        return resolve_unfiltered
    resolve.__annotations__ = annotations
    return resolve


async def resolve_node(info: Info[RequestContext, None], id: strawberry.ID) -> Node | None:
    label, uid = parse_global_id(str(id))
    return await _one(info, label, (("uid", uid),))  # type: ignore[no-any-return]


async def resolve_policy(info: Info[RequestContext, None], doc_number: str) -> Any:
    return await _one(info, "Policy", (("docNumber", normalize_doc_number(doc_number)),))


@strawberry.type(description="A node of a graph view (图节点).")
class GraphNode:
    id: strawberry.ID = strawberry.field(description="Global ID, usable with `node(id:)`")
    label: str = strawberry.field(description="Label of the node, e.g. Policy, Program (类型)")
    name: str | None = strawberry.field(description="What to show: name, title, path or metric (名称)")


@strawberry.type(description="A relationship of a graph view (图关系), from source to target.")
class GraphEdge:
    source: strawberry.ID = strawberry.field(description="Global ID of the start node")
    target: strawberry.ID = strawberry.field(description="Global ID of the end node")
    type: str = strawberry.field(description="Relationship type, e.g. DEFINES, SUPPORTS (关系类型)")


@strawberry.type(description="The nodes around one node and the relationships among them (邻域), for graph views.")
class Neighborhood:
    nodes: list[GraphNode] = strawberry.field(description="The start node first, then the others by distance and uid")
    edges: list[GraphEdge] = strawberry.field(description="Relationships among these nodes, by source, type, target")


async def resolve_neighborhood(
    info: Info[RequestContext, None],
    id: Annotated[strawberry.ID, strawberry.argument(description="Global ID of the start node")],
    depth: Annotated[int, strawberry.argument(description=f"Hops from the start (1-{MAX_NEIGHBORHOOD_DEPTH})")] = 1,
    limit: Annotated[int, strawberry.argument(
        description=f"At most this many nodes besides the start (1-{MAX_NEIGHBORHOOD_LIMIT})")] = 100,
) -> Neighborhood:
    label, uid = parse_global_id(str(id))
    if not 1 <= depth <= MAX_NEIGHBORHOOD_DEPTH:
        raise BadUserInput(f"`depth` must be between 1 and {MAX_NEIGHBORHOOD_DEPTH}")
    if not 1 <= limit <= MAX_NEIGHBORHOOD_LIMIT:
        raise BadUserInput(f"`limit` must be between 1 and {MAX_NEIGHBORHOOD_LIMIT}")
    found = await neighborhood(info.context.store, label, uid, depth, limit)
    if found is None:
        raise NotFound(f"no node {id}")
    return Neighborhood(
        nodes=[GraphNode(id=strawberry.ID(global_id(n["label"], n["uid"])), label=n["label"], name=n["name"])
               for n in found["nodes"]],
        edges=[GraphEdge(source=strawberry.ID(global_id(e["sourceLabel"], e["source"])),
                         target=strawberry.ID(global_id(e["targetLabel"], e["target"])), type=e["type"])
               for e in found["edges"]],
    )


def _object(name: str, description: str, fields: dict[str, tuple[Any, str]]) -> type:
    cls = types.new_class(name)
    cls.__annotations__ = {key: annotation for key, (annotation, _) in fields.items()}
    for key, (_, text) in fields.items():
        setattr(cls, key, strawberry.field(description=text))
    return strawberry.type(cls, description=description)


_Policy = OBJECT_TYPES["Policy"]
LineageEntry = _object("LineageEntry", "A policy in the citation lineage (引用链) of another, with its distance.", {
    "policy": (_Policy, "The policy"),
    "distance": (int, "Citations between it and the lineage's root (1: cited or citing directly)"),
})
CitationLink = _object("CitationLink", "A citation (引用) between two policies of a lineage.", {
    "source": (strawberry.ID, "Global ID of the citing policy"),
    "target": (strawberry.ID, "Global ID of the cited policy"),
    "clause_uid": (str | None, "uid of the clause (条款) that makes the citation"),
})
PolicyLineage = _object("PolicyLineage", "A policy's citation graph in both directions (引用关系), to a depth.", {
    "root": (_Policy, "The policy asked for"),
    "cites": (types.GenericAlias(list, (LineageEntry,)), "Policies it cites, directly or through others (上游文件)"),
    "cited_by": (types.GenericAlias(list, (LineageEntry,)), "Policies citing it, directly or not (下游文件)"),
    "links": (types.GenericAlias(list, (CitationLink,)), "Every citation among these policies"),
})


async def resolve_policy_lineage(info: Info[RequestContext, None], doc_number: str, depth: int = 2) -> Any:
    if not 1 <= depth <= MAX_LINEAGE_DEPTH:
        raise BadUserInput(f"`depth` must be between 1 and {MAX_LINEAGE_DEPTH}")
    found = await policy_lineage(info.context.store, normalize_doc_number(doc_number), depth)
    if found is None:
        raise NotFound(f"no policy with document number {doc_number}")
    raw = _raw(info)
    planner = Planner(raw, info.context)
    lineage_type = get_named_type(raw.return_type)
    assert isinstance(lineage_type, GraphQLObjectType)
    policy_fetch = Fetch(("Policy",))
    for key, nodes in planner.collect(list(raw.field_nodes), lineage_type).items():
        name = nodes[0].name.value
        if name == "root":
            policy_fetch.merge(planner.node(nodes, ("Policy",), (str(raw.path.key), key)))
        elif name in ("cites", "citedBy"):
            entry_type = get_named_type(lineage_type.fields[name].type)
            assert isinstance(entry_type, GraphQLObjectType)
            for ekey, enodes in planner.collect(nodes, entry_type).items():
                if enodes[0].name.value == "policy":
                    policy_fetch.merge(planner.node(enodes, ("Policy",), (str(raw.path.key), key, ekey)))
    uids = [found["root"], *(c["uid"] for c in found["cites"]), *(c["uid"] for c in found["citedBy"])]
    policies = {item["node"]["uid"]: item["node"]
                for item in (await fetch(info.context.store, RootMany("Policy", policy_fetch, uids))).items}

    def entries(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        ordered = sorted(rows, key=lambda r: (r["distance"], r["uid"]))
        return [{"policy": policies[r["uid"]], "distance": r["distance"]} for r in ordered if r["uid"] in policies]

    return {
        "root": policies[found["root"]],
        "cites": entries(found["cites"]),
        "cited_by": entries(found["citedBy"]),
        "links": [{"source": global_id("Policy", link["source"]), "target": global_id("Policy", link["target"]),
                   "clause_uid": link["clauseUid"]} for link in found["links"]],
    }


resolve_policy.__annotations__["return"] = _Policy | None
resolve_policy.__annotations__["doc_number"] = Annotated[str, strawberry.argument(
    description="Document number (文号), simplified or traditional, any brackets round the year")]
resolve_policy_lineage.__annotations__["return"] = PolicyLineage
resolve_policy_lineage.__annotations__["doc_number"] = Annotated[str, strawberry.argument(
    description="Document number (文号) of the policy at the centre, simplified or traditional")]
resolve_policy_lineage.__annotations__["depth"] = Annotated[int, strawberry.argument(
    description=f"How many citations to follow in each direction (1-{MAX_LINEAGE_DEPTH})")]
resolve_node.__annotations__["id"] = Annotated[strawberry.ID, strawberry.argument(
    description="Global ID (`Label:uid`)")]


def _explorer_query() -> type:
    cls = types.new_class("ExplorerQuery")
    cls.node = strawberry.field(  # type: ignore[attr-defined]
        resolver=resolve_node, description="Any node by its global ID (全局标识); null if there is none")
    cls.policy = strawberry.field(  # type: ignore[attr-defined]
        resolver=resolve_policy, description="One policy by its document number (文号); null if there is none")
    for spec in LABELS:
        setattr(cls, PLURALS[spec.name], strawberry.field(
            resolver=_list_resolver(spec.name),
            description=f"{spec.description} Paged, sortable{', filterable' if spec.name in FILTERS else ''}."))
    cls.neighborhood = strawberry.field(  # type: ignore[attr-defined]
        resolver=resolve_neighborhood,
        description="The nodes within `depth` hops of a node and the relationships among them (邻域图), capped")
    cls.policy_lineage = strawberry.field(  # type: ignore[attr-defined]
        resolver=resolve_policy_lineage,
        description="What a policy cites and what cites it (引用链), to `depth` citations, both directions")
    return strawberry.type(cls, description="Explorer entry points: nodes, lists, neighbourhoods, lineage.")


ExplorerQuery = _explorer_query()
