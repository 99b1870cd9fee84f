"""What every resolver can reach, per request."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.store import GraphStore


def response_path(path: Any) -> tuple[str, ...]:
    """Response keys from the root to this field, without list indices."""
    keys: list[str] = []
    while path is not None:
        if isinstance(path.key, str):
            keys.append(path.key)
        path = path.prev
    return tuple(reversed(keys))


@dataclass
class RequestContext:
    store: GraphStore
    trace: bool = False  # report round trips in the response `extensions` (see schema/extensions.py)
    # (parent type, response path) -> key under which the compiled statement put a field with arguments.
    slots: dict[tuple[str, tuple[str, ...]], str] = field(default_factory=dict)

    def slot_for(self, info: Any) -> str:
        raw = getattr(info, "_raw_info", info)  # strawberry.Info wraps graphql-core's resolve info
        return self.slots[(raw.parent_type.name, response_path(raw.path))]
