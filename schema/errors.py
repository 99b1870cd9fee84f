"""Error codes in `extensions.code`, and masking of everything unexpected.

NOT_FOUND and BAD_USER_INPUT come from resolvers (`ApiError` subclasses) or from
GraphQL itself (syntax, validation, variable coercion: errors without a path).
`StoreUnavailable` becomes DB_UNAVAILABLE. Anything else is INTERNAL: the
client sees a fixed message, the log gets the exception with its traceback.
Responses never carry a stack trace.
"""

from __future__ import annotations

from collections.abc import Iterator

import structlog
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from graph.store import StoreUnavailable

log = structlog.get_logger(__name__)

INTERNAL_MESSAGE = "Internal error; it has been logged."
UNAVAILABLE_MESSAGE = "The database is unavailable; try again shortly."


class ApiError(Exception):
    code = "INTERNAL"


class NotFound(ApiError):
    code = "NOT_FOUND"


class BadUserInput(ApiError):
    code = "BAD_USER_INPUT"


def classify(error: GraphQLError) -> tuple[str, str]:
    """(code, message to show) for one error."""
    original = error.original_error
    if isinstance(original, ApiError):
        return original.code, str(original)
    if isinstance(original, StoreUnavailable):
        return "DB_UNAVAILABLE", UNAVAILABLE_MESSAGE
    if original is None and not error.path:
        return "BAD_USER_INPUT", error.message  # syntax, validation, variables, query limits
    return "INTERNAL", INTERNAL_MESSAGE


def log_unexpected(errors: list[GraphQLError]) -> None:
    for error in errors:
        code, _ = classify(error)
        if code == "INTERNAL":
            original = error.original_error or error
            log.error("graphql_internal_error", path=error.path, message=error.message,
                      exc_info=(type(original), original, original.__traceback__))
        elif code == "DB_UNAVAILABLE":
            log.warning("graphql_store_unavailable", path=error.path, detail=str(error.original_error))


class ErrorCodes(SchemaExtension):
    """Rewrites every error of the result with its code; unexpected ones lose their message.

    Errors raised by a parsing extension skip this hook (strawberry closes the
    operation early), so the HTTP view applies `with_codes` once more.
    """

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if result is not None and errors:
            result.errors = with_codes(errors)


def with_codes(errors: list[GraphQLError]) -> list[GraphQLError]:
    """The errors as the client may see them: each with a code, unexpected ones masked."""
    rewritten = []
    for error in errors:
        if "code" in (error.extensions or {}):
            rewritten.append(error)
            continue
        code, message = classify(error)
        rewritten.append(GraphQLError(message, nodes=error.nodes, source=error.source, positions=error.positions,
                                      path=error.path, original_error=None,
                                      extensions={**(error.extensions or {}), "code": code}))
    return rewritten
