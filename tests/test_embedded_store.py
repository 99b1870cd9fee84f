"""The embedded FalkorDB as a user meets it: started by the app, survives crashes and restarts."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import httpx
import pytest
import redis
from starlette.applications import Starlette

from graph.embedded import EmbeddedFalkorDB, EmbeddedStoreError, server_environment
from graph.queries.policies import graph_counts
from graph.runtime import StoreRuntime
from loaders.ingest import load_seed
from server import create_app
from tests.conftest import append_only_log, embedded_only, store_settings_for

pytestmark = embedded_only

POLICY_QUERY = '{ policy(docNumber: "工信厅联规〔2018〕36号") { uid title } }'


def _client(app: Starlette) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://policygraph.test")


async def test_readyz_fails_when_the_store_dies_and_recovers_after_restart(tmp_path: Path, seed_dir: Path) -> None:
    async def seed(store: object) -> None:
        await load_seed(store, seed_dir)  # type: ignore[arg-type]

    app = create_app(store_settings_for(tmp_path, supervise_interval_s=1.0), on_startup=[seed])
    async with app.router.lifespan_context(app), _client(app) as client:
        assert (await client.get("/readyz")).status_code == 200
        runtime: StoreRuntime = app.state.runtime
        assert runtime.embedded is not None
        runtime.embedded.kill()

        down = await client.get("/readyz")
        assert down.status_code == 503
        assert down.json()["status"] == "unavailable"

        for _ in range(120):
            await asyncio.sleep(0.25)
            if (await client.get("/readyz")).status_code == 200:
                break
        else:
            pytest.fail("the store was not restarted within 30 s")
        body = (await client.post("/graphql", json={"query": POLICY_QUERY})).json()
        assert body["data"]["policy"]["uid"].startswith("pol-")


async def test_data_survives_an_app_restart(tmp_path: Path, seed_dir: Path) -> None:
    async def seed(store: object) -> None:
        await load_seed(store, seed_dir)  # type: ignore[arg-type]

    first = create_app(store_settings_for(tmp_path), on_startup=[seed])
    async with first.router.lifespan_context(first):
        counts_before = await graph_counts(first.state.runtime.store)

    second = create_app(store_settings_for(tmp_path))  # no seed hook: the data must come from disk
    async with second.router.lifespan_context(second), _client(second) as client:
        assert await graph_counts(second.state.runtime.store) == counts_before
        body = (await client.post("/graphql", json={"query": POLICY_QUERY})).json()
        assert body["data"]["policy"] is not None

    # What `make serve` does on every start: load the seed again. Nothing may be duplicated.
    third = create_app(store_settings_for(tmp_path), on_startup=[seed])
    async with third.router.lifespan_context(third):
        assert await graph_counts(third.state.runtime.store) == counts_before


def test_a_second_store_on_the_same_data_dir_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    first = EmbeddedFalkorDB(tmp_path)
    first.start()
    try:
        with pytest.raises(EmbeddedStoreError, match="already using"):
            EmbeddedFalkorDB(tmp_path).start()
    finally:
        first.stop()


def test_a_busy_port_is_reported_not_waited_on(tmp_path: Path) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        with pytest.raises(EmbeddedStoreError, match=f"port {port} .* in use"):
            EmbeddedFalkorDB(tmp_path, port=port).start()


def _rows_after_restart(data_dir: Path, **options: float) -> int:
    """Start a store on `data_dir` again and count the rows its graph holds."""
    server = EmbeddedFalkorDB(data_dir, **options)
    server.start()
    try:
        reply = redis.Redis(host="127.0.0.1", port=server.port).execute_command(
            "GRAPH.QUERY", "g", "MATCH (r:Row) RETURN count(r)")
        return int(reply[1][0][0])
    finally:
        server.stop()


def test_a_compaction_under_way_finishes_before_the_store_stops(tmp_path: Path) -> None:
    server = EmbeddedFalkorDB(tmp_path)
    server.start()
    try:
        client = redis.Redis(host="127.0.0.1", port=server.port)
        client.execute_command("GRAPH.QUERY", "g", "UNWIND range(1, 300000) AS n CREATE (:Row {n: n, text: 'x' + n})")
        client.bgrewriteaof()
        client.close()
    finally:
        server.stop()  # at once: the compaction has only just begun
    assert not any(b"UNWIND" in text for text in append_only_log(tmp_path)), \
        "the compaction was cut short: the log still holds the write"
    assert _rows_after_restart(tmp_path) == 300_000


def test_a_store_replaying_a_long_log_is_waited_for(tmp_path: Path) -> None:
    server = EmbeddedFalkorDB(tmp_path)
    server.start()
    client = redis.Redis(host="127.0.0.1", port=server.port)
    writes = client.pipeline(transaction=False)
    for _ in range(8_000):  # many writes: a replaying store answers "loading" between them
        writes.execute_command("GRAPH.QUERY", "g", "UNWIND range(1, 250) AS n CREATE (:Row {n: n})")
    writes.execute()
    client.close()
    server.kill()  # no compaction: the next start replays every write

    # Less time than the replay takes: only a store that does not answer at all is given up.
    assert _rows_after_restart(tmp_path, startup_timeout_s=0.2) == 2_000_000


def test_the_servers_matrix_threads_sleep_when_idle_unless_told_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    # The server rewrites its environment block for its process title, so it is checked here.
    monkeypatch.delenv("OMP_WAIT_POLICY", raising=False)
    assert server_environment()["OMP_WAIT_POLICY"] == "passive"
    monkeypatch.setenv("OMP_WAIT_POLICY", "active")
    assert server_environment()["OMP_WAIT_POLICY"] == "active"
