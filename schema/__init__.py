"""The GraphQL schema: types, root queries and the request context."""

from schema.api import build_schema

__all__ = ["build_schema"]
