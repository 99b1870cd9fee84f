"""The schema as an artifact: SDL written to `schema.graphql` at the repository root."""

from __future__ import annotations

from pathlib import Path

from schema.api import build_schema

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schema.graphql"


def schema_sdl() -> str:
    return build_schema().as_str().rstrip() + "\n"


def export_schema(path: Path = SCHEMA_FILE) -> Path:
    path.write_text(schema_sdl(), encoding="utf-8")
    return path
