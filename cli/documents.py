"""Document commands: `load-seed`, `parse`, `ingest`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import orjson
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cli.common import DataDir, configure_logging, console, store_settings, with_store
from graph.store import GraphStore
from loaders.errors import InputError
from loaders.ingest import IngestReport, ingest_documents
from loaders.parse import parse_file
from loaders.seed import load_everything
from settings import ServiceSettings


def _print_report(report: IngestReport) -> None:
    for error in report.failed:
        console.print(f"[red]rejected[/red] {error.describe()}")
    console.print(f"loaded {len(report.loaded)} document(s), rejected {len(report.failed)}")


def load_seed_command(data_dir: DataDir = None) -> None:
    """Load the seed documents and sample data into the store (idempotent)."""
    service = ServiceSettings()
    configure_logging(service.log_json)
    report = with_store(store_settings(data_dir), lambda store: load_everything(store, service.seed_dir))
    _print_report(report.documents)
    for listed in report.lists:
        console.print(f"{listed.source}: {listed.loaded} of {listed.rows} row(s) loaded, {listed.rejected} rejected")
    raise typer.Exit(0 if report.ok else 1)


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
        except InputError as exc:
            failures += 1
            console.print(f"[red]error[/red] {exc.describe()}")
            continue
        except OSError as exc:
            failures += 1
            console.print(f"[red]error[/red] {path}: {exc.strerror or exc}")
            continue
        if array:
            parsed.append(doc)
        else:
            sys.stdout.buffer.write(orjson.dumps(doc) + b"\n")
    if array:
        sys.stdout.buffer.write(orjson.dumps(parsed, option=orjson.OPT_INDENT_2) + b"\n")
    raise typer.Exit(1 if failures else 0)


def ingest(
    files: Annotated[list[Path], typer.Argument(help="Policy documents to load")],
    data_dir: DataDir = None,
) -> None:
    """Parse documents and load them into the graph; bad files are reported, good ones still load."""
    configure_logging()

    async def work(store: GraphStore) -> IngestReport:
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=console) as progress:
            task = progress.add_task("documents", total=len(files))
            return await ingest_documents(store, files, on_progress=lambda _p: progress.advance(task))

    report = with_store(store_settings(data_dir), work)
    _print_report(report)
    raise typer.Exit(1 if report.failed else 0)
