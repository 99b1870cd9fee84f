"""`policygraph serve`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import structlog
import typer

from cli.common import DataDir, configure_logging, store_settings
from graph.store import GraphStore
from loaders.seed import load_everything
from settings import ServiceSettings

if TYPE_CHECKING:
    from server import StartupHook


def serve(
    host: Annotated[str | None, typer.Option(help="Interface to listen on")] = None,
    port: Annotated[int | None, typer.Option(help="HTTP port")] = None,
    data_dir: DataDir = None,
    store_port: Annotated[int | None, typer.Option(help="Port of the embedded store (0: any free port)")] = None,
    load_seed_data: Annotated[
        bool | None, typer.Option("--load-seed/--no-load-seed", help="Load the seed data at start-up")
    ] = None,
) -> None:
    """Serve GraphQL on http://HOST:PORT/graphql (GraphiQL in a browser), with /healthz, /readyz, /metrics."""
    # The web server and the GraphQL schema are imported by this command alone: the others (and
    # the child processes a big load starts, each importing the program again) start faster.
    import uvicorn

    from server import create_app

    service = ServiceSettings()
    configure_logging(service.log_json)
    hooks: list[StartupHook] = []
    if load_seed_data if load_seed_data is not None else service.load_seed:
        seed_dir = service.seed_dir

        async def seed_hook(store: GraphStore) -> None:
            report = await load_everything(store, seed_dir)
            structlog.get_logger("policygraph").info(
                "seed_loaded",
                documents=len(report.documents.loaded),
                rejected=[e.describe() for e in report.documents.failed],
                sample_rows={r.source: r.loaded for r in report.lists},
            )

        hooks.append(seed_hook)
    application = create_app(store_settings(data_dir, store_port), on_startup=hooks)
    uvicorn.run(application, host=host or service.host, port=port or service.port, log_level="info",
                timeout_graceful_shutdown=10)
