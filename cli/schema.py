"""`policygraph export-schema`: write the GraphQL schema to schema.graphql."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cli.common import console


def export_schema(
    output: Annotated[Path | None, typer.Option(help="Where to write the SDL (default: schema.graphql)")] = None,
) -> None:
    """Write the GraphQL schema (SDL) to schema.graphql, the checked-in artifact a test compares with the code."""
    # Imported here, as in `serve`: every other command (and every child process a load
    # starts, which imports the program again) would pay a second for the schema.
    from schema.export import SCHEMA_FILE
    from schema.export import export_schema as write_sdl

    console.print(f"wrote {write_sdl(output or SCHEMA_FILE)}")
