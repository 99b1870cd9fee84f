"""Named Cypher statements, one module per concern.

Each module declares its statements with `graph.cypher.statement` and wraps each
in an async function named after the question it answers. Importing
`graph.queries.all_modules()` registers every statement (the lint test uses it).
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def all_modules() -> list[ModuleType]:
    return [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
        if not info.name.startswith("_")
    ]
