"""`search(text:)`: one box that finds policies, clauses and vocabulary in any script or English."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graph.queries.search import search
from schema.context import RequestContext
from schema.errors import BadUserInput
from schema.ids import global_id

MAX_SEARCH_RESULTS = 100


@strawberry.type(description="The policy (政策) a clause belongs to, as shown beside a search hit.")
class SearchHitPolicy:
    uid: str = strawberry.field(description="Stable identifier of the policy node")
    doc_number: str | None = strawberry.field(description="Document number (文号), simplified")
    title: str | None = strawberry.field(description="Title (标题), simplified")


@strawberry.type(description="One search result (检索结果): a node and why it matched.")
class SearchHit:
    id: strawberry.ID = strawberry.field(description="Global ID of the node, usable with `node(id:)`")
    label: str = strawberry.field(description="Node label: Clause, Policy, FocusArea, Program, Theme ...")
    name: str = strawberry.field(description="Name, title or clause path (条款路径) of the node")
    score: float = strawberry.field(description="Relevance; higher is better. Direct matches rank above `via` hits")
    text: str | None = strawberry.field(description="Clause text (条款原文, simplified) when the hit is a clause")
    via: str | None = strawberry.field(
        description="For a clause reached through a vocabulary term: which term it mentions (e.g. a broader area)"
    )
    policy: SearchHitPolicy | None = strawberry.field(description="The policy a clause hit belongs to")


def _hit(row: dict[str, Any]) -> SearchHit:
    policy = row.get("policy")
    return SearchHit(
        id=strawberry.ID(global_id(row["label"], row["uid"])),
        label=row["label"],
        name=str(row["name"]),
        score=float(row["score"]),
        text=row.get("text"),
        via=row.get("via"),
        policy=SearchHitPolicy(uid=policy["uid"], doc_number=policy.get("docNumber"), title=policy.get("title"))
        if policy else None,
    )


@strawberry.type
class SearchQuery:
    @strawberry.field(
        description="Full-text search (全文检索) in simplified, traditional or English: 高温合金, 高溫合金 and "
        "superalloy find the same clauses. Hits on a focus area or program also bring the clauses that mention "
        "it or a broader term, with `via` saying which."
    )
    async def search(
        self,
        info: Info[RequestContext, None],
        text: Annotated[str, strawberry.argument(description="Words to look for (检索词), any script or English")],
        first: Annotated[int, strawberry.argument(description=f"How many hits, 1 to {MAX_SEARCH_RESULTS}")] = 20,
    ) -> list[SearchHit]:
        if not 1 <= first <= MAX_SEARCH_RESULTS:
            raise BadUserInput(f"first must be between 1 and {MAX_SEARCH_RESULTS}")
        rows = await search(info.context.store, text, limit=first)
        return [_hit(row) for row in rows]
