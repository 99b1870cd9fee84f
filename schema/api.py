"""Root query type and schema assembly.

The root `Query` is merged from per-concern query types, so other modules can
contribute root fields (`search`, `fundingOverlaps`, ...) by adding their type
to `QUERY_PARTS` without touching the explorer fields.
"""

from __future__ import annotations

import types
from functools import partial
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from schema.audit import AuditQuery
from schema.coverage import CoverageQuery
from schema.errors import ErrorCodes, log_unexpected
from schema.explorer import ExplorerQuery
from schema.extensions import RoundTripCounter
from schema.overlaps import OverlapQuery
from schema.search import SearchQuery
from schema.shape import CompiledExecutionContext
from schema.types import OBJECT_TYPES, dict_resolver

# A policy -> programs -> focus areas -> pillar request through connections is 11 levels deep.
MAX_DEPTH = 16
MAX_TOKENS = 5000
MAX_ALIASES = 50

QUERY_PARTS: tuple[type, ...] = (ExplorerQuery, SearchQuery, OverlapQuery, AuditQuery, CoverageQuery)


class PolicyGraphSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        # Only what the client cannot fix is logged, with its traceback (see schema/errors.py).
        log_unexpected(errors)


def build_query() -> Any:
    # Like strawberry.tools.merge_types, but keeping a description on the root type.
    query = types.new_class("Query", QUERY_PARTS)
    return strawberry.type(query, description="Entry points into the policy graph (政策图谱).")


def build_schema() -> strawberry.Schema:
    # The limits are validation rules; built once, so that a document validated before is found in the
    # validation cache (its key includes the rule classes, and each limiter instance makes new ones).
    limits = [*QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
              *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules]
    return PolicyGraphSchema(
        query=build_query(),
        types=list(OBJECT_TYPES.values()),
        config=StrawberryConfig(default_resolver=dict_resolver),
        execution_context_class=CompiledExecutionContext,
        extensions=[
            # Factories: a fresh extension per request (the parse and validation caches are shared underneath).
            partial(ParserCache, maxsize=512),
            partial(ValidationCache, maxsize=512),
            partial(AddValidationRules, limits),
            partial(MaxTokensLimiter, max_token_count=MAX_TOKENS),
            RoundTripCounter,
            ErrorCodes,
        ],
    )
