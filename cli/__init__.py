"""`policygraph`: serve the API, load documents, parse without loading."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, TypeVar

import orjson
import structlog
import typer
import uvicorn
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from graph.config import StoreSettings
from graph.runtime import StoreRuntime
from graph.store import GraphStore
from loaders.errors import InputError
from loaders.ingest import IngestReport, ingest_documents, load_seed
from loaders.parse import parse_file
from server import create_app
from settings import ServiceSettings

app = typer.Typer(help="PolicyGraph: a GraphQL knowledge service over Chinese industrial policy and its funding.",
                  no_args_is_help=True, add_completion=False)
console = Console(stderr=True)
T = TypeVar("T")

DataDir = Annotated[Path | None, typer.Option(help="Data directory of the embedded store (default ./.data)")]


def _configure_logging(json_logs: bool) -> None:
    renderer: structlog.types.Processor = (
        structlog.processors.JSONRenderer() if json_logs else structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
    )
    structlog.configure(
        processors=[structlog.processors.add_log_level, structlog.processors.TimeStamper(fmt="iso"), renderer],
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        wrapper_class=structlog.make_filtering_bound_logger(logging.INFO),
    )


def _store_settings(data_dir: Path | None, store_port: int | None = None) -> StoreSettings:
    overrides: dict[str, object] = {}
    if data_dir is not None:
        overrides["data_dir"] = data_dir
    if store_port is not None:
        overrides["store_port"] = store_port
    return StoreSettings(**overrides)  # type: ignore[arg-type]


def _with_store(settings: StoreSettings, work: Callable[[GraphStore], Awaitable[T]]) -> T:
    async def run() -> T:
        runtime = StoreRuntime(settings)
        await runtime.open()
        try:
            return await work(runtime.store)
        finally:
            await runtime.close()

    return asyncio.run(run())


def _print_report(report: IngestReport) -> None:
    for error in report.failed:
        console.print(f"[red]rejected[/red] {error.describe()}")
    console.print(f"loaded {len(report.loaded)} document(s), rejected {len(report.failed)}")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to listen on")] = None,
    port: Annotated[int | None, typer.Option(help="HTTP port")] = None,
    data_dir: DataDir = None,
    store_port: Annotated[int | None, typer.Option(help="Port of the embedded store (0: any free port)")] = None,
    load_seed_documents: Annotated[bool | None, typer.Option("--load-seed/--no-load-seed",
                                                             help="Load the seed data at start-up")] = None,
) -> None:
    """Serve GraphQL on http://HOST:PORT/graphql (GraphiQL in a browser), with /healthz, /readyz, /metrics."""
    service = ServiceSettings()
    _configure_logging(service.log_json)
    store_settings = _store_settings(data_dir, store_port)
    hooks = []
    if load_seed_documents if load_seed_documents is not None else service.load_seed:
        seed_dir = service.seed_dir

        async def seed_hook(store: GraphStore) -> None:
            report = await load_seed(store, seed_dir)
            structlog.get_logger("policygraph").info(
                "seed_loaded", documents=len(report.loaded), rejected=[e.describe() for e in report.failed]
            )

        hooks.append(seed_hook)
    application = create_app(store_settings, on_startup=hooks)
    uvicorn.run(application, host=host or service.host, port=port or service.port, log_level="info",
                timeout_graceful_shutdown=10)


@app.command("load-seed")
def load_seed_command(data_dir: DataDir = None) -> None:
    """Load the seed documents and sample data into the store (idempotent)."""
    service = ServiceSettings()
    _configure_logging(service.log_json)
    report = _with_store(_store_settings(data_dir), lambda store: load_seed(store, service.seed_dir))
    _print_report(report)
    raise typer.Exit(1 if report.failed else 0)


@app.command()
def parse(
    files: Annotated[list[Path], typer.Argument(help="Policy documents (text files)")],
    output_format: Annotated[str, typer.Option("--format", help="Output format (json)")] = "json",
    array: Annotated[bool, typer.Option("--array", help="One JSON array instead of one object per line")] = False,
) -> None:
    """Parse documents and print what would be loaded, without touching the database."""
    if output_format != "json":
        raise typer.BadParameter("only json is supported", param_hint="--format")
    parsed: list[dict[str, object]] = []
    failures = 0
    for path in files:
        try:
            doc = parse_file(path).to_json_dict()
        except (InputError, OSError) as exc:
            failures += 1
            console.print(f"[red]error[/red] {exc.describe() if isinstance(exc, InputError) else f'{path}: {exc}'}")
            continue
        if array:
            parsed.append(doc)
        else:
            sys.stdout.buffer.write(orjson.dumps(doc) + b"\n")
    if array:
        sys.stdout.buffer.write(orjson.dumps(parsed, option=orjson.OPT_INDENT_2) + b"\n")
    raise typer.Exit(1 if failures else 0)


@app.command()
def ingest(
    files: Annotated[list[Path], typer.Argument(help="Policy documents to load")],
    data_dir: DataDir = None,
) -> None:
    """Parse documents and load them into the graph; bad files are reported, good ones still load."""
    _configure_logging(False)

    async def work(store: GraphStore) -> IngestReport:
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=console) as progress:
            task = progress.add_task("documents", total=len(files))
            return await ingest_documents(store, files, on_progress=lambda _p: progress.advance(task))

    report = _with_store(_store_settings(data_dir), work)
    _print_report(report)
    raise typer.Exit(1 if report.failed else 0)


if __name__ == "__main__":
    app()
