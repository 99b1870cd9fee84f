"""Named Cypher statements.

A `Statement` is the only thing a store executes. Query modules declare theirs
at import time with `statement(...)`, which also registers them so a test can
lint every statement the service can emit. Where Neo4j and FalkorDB need
different text, `dialect_statement(...)` carries both forms (see `dialect.py`).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Literal

Backend = Literal["neo4j", "falkordb"]


@dataclass(frozen=True)
class Statement:
    name: str
    neo4j: str
    falkordb: str

    def text_for(self, backend: Backend) -> str:
        return self.neo4j if backend == "neo4j" else self.falkordb


REGISTRY: dict[str, Statement] = {}
EXECUTED: dict[tuple[str, str], Statement] = {}
_EXECUTED_CAP = 10_000  # generated statements vary in shape; keep memory bounded in a long-lived service


def note_executed(stmt: Statement) -> None:
    key = (stmt.name, stmt.neo4j)
    if key not in EXECUTED and len(EXECUTED) < _EXECUTED_CAP:
        EXECUTED[key] = stmt


def _register(stmt: Statement) -> Statement:
    existing = REGISTRY.get(stmt.name)
    if existing is not None and existing != stmt:
        raise ValueError(f"two different statements are named {stmt.name!r}")
    REGISTRY[stmt.name] = stmt
    return stmt


def statement(name: str, text: str) -> Statement:
    """A statement both databases run as written."""
    clean = textwrap.dedent(text).strip()
    return _register(Statement(name, clean, clean))


def dialect_statement(name: str, *, neo4j: str, falkordb: str) -> Statement:
    """A statement whose text differs between the two databases."""
    return _register(Statement(name, textwrap.dedent(neo4j).strip(), textwrap.dedent(falkordb).strip()))


def generated_statement(name: str, text: str) -> Statement:
    """A statement assembled from schema identifiers at run time (never from user text).

    Not registered: there are too many shapes. The store still records each one it
    executes, so the lint test sees them.
    """
    return Statement(name, text, text)
