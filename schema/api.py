"""Root query type and schema assembly."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graph.queries.policies import policy_by_doc_number
from schema.context import RequestContext
from schema.extensions import RoundTripCounter
from schema.types import Policy


@strawberry.type(description="Entry points into the policy graph.")
class Query:
    @strawberry.field(description="One policy by its document number (文号), in simplified or traditional characters.")
    async def policy(self, info: Info[RequestContext, None], doc_number: str) -> Policy | None:
        row = await policy_by_doc_number(info.context.store, doc_number)
        return Policy.from_row(row) if row else None


def build_schema() -> strawberry.Schema:
    return strawberry.Schema(query=Query, extensions=[RoundTripCounter])
