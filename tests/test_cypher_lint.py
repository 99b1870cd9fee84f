"""Every Cypher statement the service can emit, and every one it did emit, is valid Neo4j 5 Cypher.

Checked with Neo4j's own linter (`@neo4j-cypher/language-support`, `lintCypherQuery`)
run offline in Node. Errors fail the test; warnings are printed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from graph import cypher
from graph.catalog import CATALOG
from graph.dialect import CypherDDL, neo4j_schema
from graph.queries import all_modules

LINTER = Path(__file__).resolve().parents[1] / "tools" / "cypherlint" / "lint.mjs"


def lint(statements: dict[str, str]) -> dict[str, list[dict[str, object]]]:
    node = shutil.which("node")
    assert node, "Node.js is required to run Neo4j's Cypher linter"
    payload = json.dumps([{"name": name, "query": text} for name, text in statements.items()])
    done = subprocess.run([node, str(LINTER)], input=payload, capture_output=True, text=True, check=True, timeout=300)
    return {entry["name"]: entry["diagnostics"] for entry in json.loads(done.stdout)}


def errors_and_warnings(results: dict[str, list[dict[str, object]]]) -> tuple[list[str], list[str]]:
    errors, warnings = [], []
    for name, diagnostics in results.items():
        for d in diagnostics:
            (errors if d["severity"] == 1 else warnings).append(f"{name}: {d['message']}")
    return errors, warnings


def test_the_linter_rejects_invalid_cypher() -> None:
    results = lint({"broken": "MATCH (p:Policy RETURN p", "falkordb_only": "MATCH (p:Policy) RETURN p OFFSET 1 2"})
    errors, _ = errors_and_warnings(results)
    assert any(e.startswith("broken:") for e in errors)
    assert any(e.startswith("falkordb_only:") for e in errors)


def test_the_linter_accepts_valid_cypher() -> None:
    errors, _ = errors_and_warnings(lint({"fine": "MATCH (p:Policy {uid: $uid}) RETURN p {.uid, .title} AS p"}))
    assert errors == []


def test_every_declared_statement_and_schema_command_is_valid_neo4j_cypher() -> None:
    all_modules()
    statements = {name: stmt.neo4j for name, stmt in cypher.REGISTRY.items()}
    statements.update(
        {f"schema:{i}": c.text for i, c in enumerate(neo4j_schema(CATALOG)) if isinstance(c, CypherDDL)}
    )
    assert len(statements) > len(CATALOG.labels)
    errors, warnings = errors_and_warnings(lint(statements))
    for warning in warnings:
        print("cypher warning:", warning)
    assert errors == []


@pytest.mark.lint_last
def test_every_statement_executed_during_the_test_run_is_valid_neo4j_cypher() -> None:
    executed = {f"{name}#{i}": stmt.neo4j for i, ((name, _), stmt) in enumerate(cypher.EXECUTED.items())}
    assert executed, "no statement was executed before this test: it must run last"
    errors, warnings = errors_and_warnings(lint(executed))
    for warning in warnings:
        print("cypher warning:", warning)
    assert errors == []
