"""Schema extensions: count database round trips per GraphQL operation.

Every operation's count goes to `/metrics` (`policygraph_graphql_round_trips`).
The response carries it in `extensions.roundTrips` (with the statement names in
`extensions.statements`) only when the request asks: header
`X-PolicyGraph-Trace: 1`, or `"extensions": {"trace": true}` in the JSON body.
"""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client import Histogram
from strawberry.extensions import SchemaExtension

from graph.metrics import RoundTrips, track_round_trips

ROUND_TRIPS_PER_REQUEST = Histogram(
    "policygraph_graphql_round_trips",
    "Database statements sent per GraphQL operation",
    buckets=(0, 1, 2, 3, 5, 8, 13, 21, 50, 100),
)


def trace_requested(execution_context: object) -> bool:
    context = getattr(execution_context, "context", None)
    if getattr(context, "trace", False):
        return True
    body_extensions = getattr(execution_context, "operation_extensions", None) or {}
    return body_extensions.get("trace") is True


class RoundTripCounter(SchemaExtension):
    """Counts the statements an operation sends; reports them when the request asks for a trace."""

    trips: RoundTrips | None = None

    def on_operation(self) -> Iterator[None]:
        with track_round_trips() as trips:
            self.trips = trips
            yield
        ROUND_TRIPS_PER_REQUEST.observe(trips.count)

    def get_results(self) -> dict[str, object]:
        if not trace_requested(self.execution_context):
            return {}
        trips = self.trips
        return {"roundTrips": trips.count if trips else 0, "statements": list(trips.statements) if trips else []}
