"""Counters of database work: Prometheus metrics and per-request round trips.

Round trips are counted in a context variable so that a GraphQL request can
report exactly how many statements it sent, whatever resolvers ran.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from prometheus_client import Counter, Histogram

DB_QUERIES = Counter("policygraph_db_queries_total", "Database statements executed", ["backend", "kind"])
DB_ERRORS = Counter("policygraph_db_errors_total", "Database statements that failed", ["backend", "kind"])
DB_SECONDS = Histogram(
    "policygraph_db_query_seconds",
    "Time spent in one database statement",
    ["backend", "kind"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
STORE_RESTARTS = Counter("policygraph_store_restarts_total", "Times the embedded store was restarted after dying")


@dataclass
class RoundTrips:
    count: int = 0
    statements: list[str] = field(default_factory=list)


_current: contextvars.ContextVar[RoundTrips | None] = contextvars.ContextVar("policygraph_round_trips", default=None)


@contextmanager
def track_round_trips() -> Iterator[RoundTrips]:
    """Count the statements sent while the block runs (in this task and the tasks it spawns)."""
    trips = RoundTrips()
    token = _current.set(trips)
    try:
        yield trips
    finally:
        _current.reset(token)


def record_round_trip(statement_name: str) -> None:
    trips = _current.get()
    if trips is not None:
        trips.count += 1
        trips.statements.append(statement_name)
