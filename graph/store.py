"""The one async interface every layer above `graph/` uses to reach the database."""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph.catalog import Catalog
from graph.cypher import Backend, Statement, note_executed
from graph.metrics import DB_ERRORS, DB_QUERIES, DB_SECONDS, record_round_trip

Row = dict[str, Any]
Params = Mapping[str, Any]


class StoreUnavailable(Exception):
    """The database cannot be reached (down, restarting, or refusing connections)."""


class QueryFailed(Exception):
    """The database reached, but rejected or aborted the statement."""

    def __init__(self, statement: str, reason: str) -> None:
        self.statement = statement
        self.reason = reason
        super().__init__(f"statement {statement!r} failed: {reason}")


@dataclass(frozen=True)
class Health:
    ok: bool
    backend: Backend
    detail: str


class GraphStore(ABC):
    """Run reads, writes and batched writes; report health; set up the schema.

    Subclasses implement `_run`; this base class counts every statement for
    `/metrics` and for the per-request round-trip count, and notes each distinct
    statement in `graph.cypher.EXECUTED` so tests can lint what actually ran.
    """

    backend: Backend

    async def read(self, stmt: Statement, params: Params | None = None) -> list[Row]:
        return await self._timed(stmt, dict(params or {}), write=False)

    async def write(self, stmt: Statement, params: Params | None = None) -> list[Row]:
        return await self._timed(stmt, dict(params or {}), write=True)

    async def write_batch(
        self, stmt: Statement, rows: Sequence[Mapping[str, Any]], *, batch_size: int = 2000, **params: Any
    ) -> int:
        """Send `rows` as `$rows` in chunks; the statement should `UNWIND $rows AS row`.

        Each chunk is one transaction, so a failure leaves whole chunks applied;
        statements are MERGE-based, so re-running the batch is safe.
        """
        sent = 0
        for start in range(0, len(rows), batch_size):
            chunk = [dict(r) for r in rows[start : start + batch_size]]
            await self._timed(stmt, {**params, "rows": chunk}, write=True)
            sent += len(chunk)
        return sent

    async def _timed(self, stmt: Statement, params: dict[str, Any], *, write: bool) -> list[Row]:
        kind = "write" if write else "read"
        note_executed(stmt)
        record_round_trip(stmt.name)
        DB_QUERIES.labels(self.backend, kind).inc()
        started = time.perf_counter()
        try:
            return await self._run(stmt.text_for(self.backend), params, write=write, name=stmt.name)
        except Exception:
            DB_ERRORS.labels(self.backend, kind).inc()
            raise
        finally:
            DB_SECONDS.labels(self.backend, kind).observe(time.perf_counter() - started)

    @abstractmethod
    async def _run(self, text: str, params: dict[str, Any], *, write: bool, name: str) -> list[Row]:
        """Execute one statement and return its rows as dicts keyed by column name."""

    @abstractmethod
    async def ensure_schema(self, catalog: Catalog) -> None:
        """Create uniqueness constraints, indexes and full-text indexes; safe to repeat."""

    @abstractmethod
    async def health(self) -> Health: ...

    @abstractmethod
    async def close(self) -> None: ...
