"""The command line starts without importing what only some commands use.

Each child process a big `ingest-awards` starts imports the program again, so what the
command line imports at start-up is paid once per process, not once per command.
"""

from __future__ import annotations

import subprocess
import sys

# The web server and GraphQL schema (`serve`, `export-schema`), the Neo4j driver (NEO4J_URI
# set) and the segmenter (documents and search text): each imported where it is used.
ON_DEMAND = ("uvicorn", "strawberry", "starlette", "neo4j", "jieba")


def test_starting_the_command_line_imports_none_of_the_heavy_modules() -> None:
    probe = f"import sys; from cli import app; print(' '.join(m for m in {ON_DEMAND!r} if m in sys.modules))"
    imported = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert imported == []
