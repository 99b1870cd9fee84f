"""What every resolver can reach."""

from __future__ import annotations

from dataclasses import dataclass

from graph.store import GraphStore


@dataclass
class RequestContext:
    store: GraphStore
