"""Health, readiness and Prometheus metrics."""

from __future__ import annotations

import httpx

from tests.conftest import graphql


async def test_healthz_says_the_process_is_up(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_says_the_database_is_reachable(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "ready"


def _queries_total(metrics_text: str) -> float:
    total = 0.0
    for line in metrics_text.splitlines():
        if line.startswith("policygraph_db_queries_total{"):
            total += float(line.rsplit(" ", 1)[1])
    return total


async def test_metrics_count_database_queries(client: httpx.AsyncClient) -> None:
    before = _queries_total((await client.get("/metrics")).text)
    await graphql(client, '{ policy(docNumber: "工信厅联规〔2018〕36号") { uid } }')
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert "# TYPE policygraph_db_queries_total counter" in response.text
    assert _queries_total(response.text) == before + 1
