"""The benchmark's baseline: the same GraphQL shape, resolved field by field.

Every relation field runs its own statement per parent object (the usual N+1
pattern of resolver-per-field GraphQL servers), and `totalCount` runs a count
per connection. Only the types and arguments the benchmark's queries use are
here; it is not part of the service.
"""

from __future__ import annotations

import datetime
import enum
from typing import Any, Generic, TypeVar

import strawberry
from strawberry.types import Info

from graph.cypher import generated_statement
from graph.store import GraphStore
from schema.context import RequestContext

T = TypeVar("T")
Ctx = Info[RequestContext, None]

_ORDER = {"Policy": "docNumber", "Program": "name", "FocusArea": "name", "Agency": "name", "Enterprise": "name",
          "Project": "name", "Award": "year"}


async def _related(store: GraphStore, label: str, uid: str, pattern: str, target: str, first: int,
                   order: str | None = None, desc: bool = False) -> list[dict[str, Any]]:
    key = order or _ORDER[target]
    direction = " DESC" if desc else ""
    stmt = generated_statement(
        f"naive_{label}_{target}_{key}",
        f"MATCH (a:{label} {{uid: $uid}}){pattern}(b:{target}) "
        f"RETURN b {{.*}} AS b ORDER BY b.{key}{direction}, b.uid{direction} LIMIT $first",
    )
    return [r["b"] for r in await store.read(stmt, {"uid": uid, "first": first})]


async def _count(store: GraphStore, label: str, uid: str, pattern: str, target: str) -> int:
    stmt = generated_statement(f"naive_count_{label}_{target}",
                               f"MATCH (a:{label} {{uid: $uid}}){pattern}(b:{target}) RETURN count(b) AS c")
    return int((await store.read(stmt, {"uid": uid}))[0]["c"])


@strawberry.type
class Edge(Generic[T]):
    node: T
    cursor: str


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    nodes: list[T]
    _counter: strawberry.Private[Any]

    @strawberry.field
    async def total_count(self) -> int:
        return int(await self._counter())


def _connection(items: list[Any], counter: Any) -> Any:
    return Connection(edges=[Edge(node=i, cursor=i.uid) for i in items], nodes=items, _counter=counter)


@strawberry.type
class Agency:
    uid: str
    name: str | None = None


@strawberry.type
class FocusArea:
    uid: str
    name: str | None = None
    pillar_uid: strawberry.Private[str | None] = None

    @strawberry.field
    async def pillar(self, info: Ctx) -> FocusArea | None:
        stmt = generated_statement("naive_focusarea_by_uid", "MATCH (f:FocusArea {uid: $uid}) RETURN f {.*} AS f")
        rows = await info.context.store.read(stmt, {"uid": self.pillar_uid})
        return _focus(rows[0]["f"]) if rows else None

    @strawberry.field
    async def narrower(self, info: Ctx, first: int = 20) -> Connection[FocusArea]:
        store = info.context.store
        rows = await _related(store, "FocusArea", self.uid, "<-[:BROADER]-", "FocusArea", first)
        return _connection([_focus(r) for r in rows],
                           lambda: _count(store, "FocusArea", self.uid, "<-[:BROADER]-", "FocusArea"))


def _focus(row: dict[str, Any]) -> FocusArea:
    return FocusArea(uid=row["uid"], name=row.get("name"), pillar_uid=row.get("pillar"))


@strawberry.type
class Enterprise:
    uid: str
    name: str | None = None

    @strawberry.field
    async def projects(self, info: Ctx, first: int = 20) -> Connection[Project]:
        store = info.context.store
        rows = await _related(store, "Enterprise", self.uid, "<-[:BY]-", "Project", first)
        return _connection([Project(uid=r["uid"], name=r.get("name")) for r in rows],
                           lambda: _count(store, "Enterprise", self.uid, "<-[:BY]-", "Project"))


@strawberry.type
class Project:
    uid: str
    name: str | None = None

    @strawberry.field
    async def enterprise(self, info: Ctx) -> Enterprise | None:
        rows = await _related(info.context.store, "Project", self.uid, "-[:BY]->", "Enterprise", 1)
        return Enterprise(uid=rows[0]["uid"], name=rows[0].get("name")) if rows else None

    @strawberry.field
    async def awards(self, info: Ctx, first: int = 20) -> Connection[Award]:
        store = info.context.store
        rows = await _related(store, "Project", self.uid, "-[:RECEIVED]->", "Award", first)
        return _connection([_award(r) for r in rows],
                           lambda: _count(store, "Project", self.uid, "-[:RECEIVED]->", "Award"))


@strawberry.type
class Award:
    uid: str
    amount_wan: float | None = None
    year: int | None = None

    @strawberry.field
    async def program(self, info: Ctx) -> Program | None:
        rows = await _related(info.context.store, "Award", self.uid, "-[:FROM]->", "Program", 1)
        return Program(uid=rows[0]["uid"], name=rows[0].get("name")) if rows else None

    @strawberry.field
    async def project(self, info: Ctx) -> Project | None:
        rows = await _related(info.context.store, "Award", self.uid, "<-[:RECEIVED]-", "Project", 1)
        return Project(uid=rows[0]["uid"], name=rows[0].get("name")) if rows else None


def _award(row: dict[str, Any]) -> Award:
    return Award(uid=row["uid"], amount_wan=row.get("amountWan"), year=row.get("year"))


@strawberry.enum
class AwardOrderField(enum.Enum):
    AMOUNT_WAN = "AMOUNT_WAN"
    YEAR = "YEAR"


@strawberry.enum
class Direction(enum.Enum):
    ASC = "ASC"
    DESC = "DESC"


@strawberry.enum
class Level(enum.Enum):
    CENTRAL = "CENTRAL"
    PROVINCIAL = "PROVINCIAL"
    CITY = "CITY"


@strawberry.input
class AwardOrder:
    field: AwardOrderField
    direction: Direction = Direction.ASC


@strawberry.type
class Program:
    uid: str
    name: str | None = None

    @strawberry.field
    async def focus_areas(self, info: Ctx, first: int = 20) -> Connection[FocusArea]:
        store = info.context.store
        rows = await _related(store, "Program", self.uid, "-[:SUPPORTS]->", "FocusArea", first)
        return _connection([_focus(r) for r in rows],
                           lambda: _count(store, "Program", self.uid, "-[:SUPPORTS]->", "FocusArea"))

    @strawberry.field
    async def defined_in(self, info: Ctx, first: int = 20) -> Connection[Policy]:
        store = info.context.store
        rows = await _related(store, "Program", self.uid, "<-[:DEFINES]-", "Policy", first)
        return _connection([_policy(r) for r in rows],
                           lambda: _count(store, "Program", self.uid, "<-[:DEFINES]-", "Policy"))

    @strawberry.field
    async def awards(self, info: Ctx, first: int = 20, order_by: AwardOrder | None = None) -> Connection[Award]:
        store = info.context.store
        desc = order_by is not None and order_by.direction is Direction.DESC
        order = "amountWan" if order_by is not None and order_by.field is AwardOrderField.AMOUNT_WAN else None
        rows = await _related(store, "Program", self.uid, "<-[:FROM]-", "Award", first, order, desc)
        return _connection([_award(r) for r in rows],
                           lambda: _count(store, "Program", self.uid, "<-[:FROM]-", "Award"))


@strawberry.type
class Policy:
    uid: str
    title: str | None = None
    doc_number: str | None = None
    issued_on: str | None = None

    @strawberry.field
    async def programs(self, info: Ctx, first: int = 20) -> Connection[Program]:
        store = info.context.store
        rows = await _related(store, "Policy", self.uid, "-[:DEFINES]->", "Program", first)
        return _connection([Program(uid=r["uid"], name=r.get("name")) for r in rows],
                           lambda: _count(store, "Policy", self.uid, "-[:DEFINES]->", "Program"))

    @strawberry.field
    async def issuers(self, info: Ctx, first: int = 20) -> Connection[Agency]:
        store = info.context.store
        rows = await _related(store, "Policy", self.uid, "-[:ISSUED_BY]->", "Agency", first)
        return _connection([Agency(uid=r["uid"], name=r.get("name")) for r in rows],
                           lambda: _count(store, "Policy", self.uid, "-[:ISSUED_BY]->", "Agency"))


def _policy(row: dict[str, Any]) -> Policy:
    return Policy(uid=row["uid"], title=row.get("title"), doc_number=row.get("docNumber"),
                  issued_on=row.get("issuedOn"))


@strawberry.input
class PolicyFilter:
    level: Level | None = None
    in_force_on: datetime.date | None = None


@strawberry.input
class FundingFilter:
    city: strawberry.ID | None = None


@strawberry.input
class FocusAreaFilter:
    roots_only: bool | None = None


async def _root(store: GraphStore, name: str, where: str, label: str, first: int, params: dict[str, Any]) -> Any:
    key = _ORDER[label]
    rows = await store.read(
        generated_statement(f"naive_root_{name}",
                            f"MATCH (n:{label}) {where} RETURN n {{.*}} AS n ORDER BY n.{key}, n.uid LIMIT $first"),
        {**params, "first": first})
    count = generated_statement(f"naive_root_count_{name}", f"MATCH (n:{label}) {where} RETURN count(n) AS c")

    async def counter() -> int:
        return int((await store.read(count, params))[0]["c"])

    return [r["n"] for r in rows], counter


@strawberry.type
class Query:
    @strawberry.field
    async def policies(self, info: Ctx, first: int = 20, filter: PolicyFilter | None = None) -> Connection[Policy]:
        where, params = "", {}
        if filter is not None and filter.in_force_on is not None:
            where = ("WHERE coalesce(n.effectiveFrom, n.issuedOn) <= $d AND (n.effectiveTo IS NULL OR "
                     "n.effectiveTo >= $d) AND n.level = $level")
            params = {"d": filter.in_force_on.isoformat(), "level": filter.level.name if filter.level else None}
        rows, counter = await _root(info.context.store, "policies" + ("_filtered" if where else ""), where, "Policy",
                                    first, params)
        return _connection([_policy(r) for r in rows], counter)

    @strawberry.field
    async def enterprises(self, info: Ctx, first: int = 20,
                          filter: FundingFilter | None = None) -> Connection[Enterprise]:
        city = str(filter.city).split(":")[-1] if filter is not None and filter.city else ""
        where = ("WHERE (n)-[:LOCATED_IN]->(:City {uid: $city}) OR "
                 "(n)-[:LOCATED_IN]->(:Park)-[:IN]->(:City {uid: $city})")
        rows, counter = await _root(info.context.store, "enterprises", where, "Enterprise", first, {"city": city})
        return _connection([Enterprise(uid=r["uid"], name=r.get("name")) for r in rows], counter)

    @strawberry.field
    async def focus_areas(self, info: Ctx, first: int = 20,
                          filter: FocusAreaFilter | None = None) -> Connection[FocusArea]:
        rows, counter = await _root(info.context.store, "focus_roots", "WHERE NOT (n)-[:BROADER]->(:FocusArea)",
                                    "FocusArea", first, {})
        return _connection([_focus(r) for r in rows], counter)

    @strawberry.field
    async def node(self, info: Ctx, id: strawberry.ID) -> Program | None:
        stmt = generated_statement("naive_program_by_uid", "MATCH (p:Program {uid: $uid}) RETURN p {.*} AS p")
        rows = await info.context.store.read(stmt, {"uid": str(id).split(":", 1)[1]})
        return Program(uid=rows[0]["p"]["uid"], name=rows[0]["p"].get("name")) if rows else None


def build_naive_schema() -> strawberry.Schema:
    from schema.extensions import RoundTripCounter

    return strawberry.Schema(query=Query, extensions=[RoundTripCounter])
