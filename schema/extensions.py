"""Schema extensions: count database round trips per GraphQL operation."""

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


class RoundTripCounter(SchemaExtension):
    """Counts the statements an operation sends; reports them in `extensions.roundTrips`."""

    trips: RoundTrips | None = None

    def on_operation(self) -> Iterator[None]:
        with track_round_trips() as trips:
            self.trips = trips
            yield
        ROUND_TRIPS_PER_REQUEST.observe(trips.count)

    def get_results(self) -> dict[str, object]:
        trips = self.trips
        return {"roundTrips": trips.count if trips else 0}
