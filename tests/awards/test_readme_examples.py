"""Every GraphQL example in the README runs against the seeded graph with its sample awards, without errors."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from graph.store import GraphStore
from tests.conftest import graphql

README = Path(__file__).resolve().parents[2] / "README.md"
EXAMPLES = re.findall(r"```graphql\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_the_readme_has_graphql_examples() -> None:
    assert len(EXAMPLES) >= 4


@pytest.mark.parametrize("query", EXAMPLES, ids=[f"example-{index + 1}" for index in range(len(EXAMPLES))])
async def test_a_readme_example_answers_without_errors(
        client: httpx.AsyncClient, sample_store: GraphStore, query: str) -> None:
    body = await graphql(client, query)
    assert "errors" not in body, body.get("errors")
    data = body["data"]
    assert isinstance(data, dict) and data
    assert all(value not in (None, [], {}) for value in data.values()), data
