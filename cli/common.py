"""Helpers shared by the commands: logging, store settings, running work against an open store."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, TypeVar

import structlog
import typer
from rich.console import Console

from graph.config import StoreSettings
from graph.runtime import StoreRuntime
from graph.store import GraphStore

console = Console(stderr=True)
T = TypeVar("T")

DataDir = Annotated[Path | None, typer.Option(help="Data directory of the embedded store (default ./.data)")]


def _stderr_logger(*_args: object) -> structlog.PrintLogger:
    # Looked up per call: a caller (or a test runner) may swap sys.stderr after configuration.
    return structlog.PrintLogger(file=sys.stderr)


def configure_logging(json_logs: bool = False) -> None:
    renderer: structlog.types.Processor = (
        structlog.processors.JSONRenderer() if json_logs else structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
    )
    structlog.configure(
        processors=[structlog.processors.add_log_level, structlog.processors.TimeStamper(fmt="iso"), renderer],
        logger_factory=_stderr_logger,
        wrapper_class=structlog.make_filtering_bound_logger(logging.INFO),
    )


def store_settings(data_dir: Path | None, store_port: int | None = None) -> StoreSettings:
    overrides: dict[str, object] = {}
    if data_dir is not None:
        overrides["data_dir"] = data_dir
    if store_port is not None:
        overrides["store_port"] = store_port
    return StoreSettings(**overrides)  # type: ignore[arg-type]


def with_store(settings: StoreSettings, work: Callable[[GraphStore], Awaitable[T]]) -> T:
    """Open the configured store (starting the embedded one if needed), run `work`, close it."""

    async def run() -> T:
        runtime = StoreRuntime(settings)
        await runtime.open()
        try:
            return await work(runtime.store)
        finally:
            await runtime.close()

    return asyncio.run(run())
