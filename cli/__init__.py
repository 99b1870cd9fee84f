"""`policygraph`: the command line. One module per group of commands, registered here."""

from __future__ import annotations

import typer

from cli import awards, documents
from cli.coverage import coverage
from cli.overlaps import overlaps
from cli.schema import export_schema
from cli.serve import serve

app = typer.Typer(
    help="PolicyGraph: a GraphQL knowledge service over Chinese industrial policy and its funding.",
    no_args_is_help=True,
    add_completion=False,
)
app.command()(serve)
app.command("load-seed")(documents.load_seed_command)
app.command()(documents.parse)
app.command()(documents.ingest)
app.command("export-schema")(export_schema)
app.command()(overlaps)
app.command("ingest-awards")(awards.ingest_awards)
app.command()(awards.generate)
app.command()(awards.audit)
app.command()(coverage)
