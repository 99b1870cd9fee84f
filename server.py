"""The ASGI application: GraphQL (GraphiQL on GET), health, readiness and metrics.

`create_app` wires a `StoreRuntime` into the GraphQL schema. Work that must
happen once the store is open (the CLI passes the seed load) is given as
`on_startup` hooks, so this module depends on `schema/` and `graph/` only.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any

import orjson
import structlog
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, process_result
from strawberry.http.temporal_response import TemporalResponse
from strawberry.types import ExecutionResult

from graph.config import StoreSettings
from graph.runtime import StoreRuntime
from graph.store import GraphStore
from schema import build_schema
from schema.context import RequestContext
from schema.errors import with_codes

log = structlog.get_logger(__name__)

StartupHook = Callable[[GraphStore], Awaitable[None]]
TRACE_HEADER = "x-policygraph-trace"  # "1": report database round trips in the response `extensions`


class PolicyGraphQL(GraphQL[RequestContext, None]):
    """Strawberry's ASGI view with our request context."""

    def __init__(self, runtime: StoreRuntime) -> None:
        super().__init__(build_schema(), graphql_ide="graphiql")
        self.runtime = runtime

    def encode_json(self, data: object) -> bytes:
        # orjson writes Chinese text as UTF-8 rather than \u escapes, and faster.
        return orjson.dumps(data)

    async def process_result(self, request: Any, result: ExecutionResult) -> GraphQLHTTPResponse:
        if result.errors:
            result.errors = with_codes(result.errors)
        return process_result(result)

    async def get_context(self, request: Any, response: TemporalResponse | Any) -> RequestContext:
        trace = request.headers.get(TRACE_HEADER, "").strip().lower() in ("1", "true", "yes")
        return RequestContext(store=self.runtime.store, trace=trace)


def create_app(
    store_settings: StoreSettings | None = None,
    *,
    runtime: StoreRuntime | None = None,
    on_startup: Sequence[StartupHook] = (),
) -> Starlette:
    """Build the app. Pass `runtime` to share an already-open store (tests do); otherwise the
    app opens the store from `store_settings` on start-up and closes it on shutdown."""
    owns_runtime = runtime is None
    rt = runtime if runtime is not None else StoreRuntime(store_settings or StoreSettings())
    graphql_app = PolicyGraphQL(rt)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if owns_runtime:
            await rt.open()
        for hook in on_startup:
            await hook(rt.store)
        if owns_runtime:
            rt.start_watchdog()
        log.info("ready", backend=rt.store.backend)
        try:
            yield
        finally:
            if owns_runtime:
                await rt.close()

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        health = await rt.health()
        body = {"status": "ready" if health.ok else "unavailable", "backend": health.backend, "detail": health.detail}
        return JSONResponse(body, status_code=200 if health.ok else 503)

    async def metrics(request: Request) -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    app = Starlette(
        routes=[
            Route("/graphql", graphql_app, methods=["GET", "POST"]),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/metrics", metrics),
        ],
        lifespan=lifespan,
    )
    app.state.runtime = rt
    return app
