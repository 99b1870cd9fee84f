"""Open the configured store, keep it alive, close it.

`StoreRuntime` is what the server and the CLI hold: the `GraphStore` plus, for
the embedded backend, the child process and a watchdog that restarts it if it
dies while the service runs.
"""

from __future__ import annotations

import asyncio
import contextlib

import structlog

from graph.catalog import CATALOG
from graph.config import StoreSettings
from graph.embedded import EmbeddedFalkorDB
from graph.falkordb_store import FalkorDBStore
from graph.metrics import STORE_RESTARTS
from graph.store import GraphStore, Health

log = structlog.get_logger(__name__)


class StoreRuntime:
    def __init__(self, settings: StoreSettings) -> None:
        self.settings = settings
        self.embedded: EmbeddedFalkorDB | None = None
        self._store: GraphStore | None = None
        self._watchdog: asyncio.Task[None] | None = None
        self.restarting = False

    @property
    def store(self) -> GraphStore:
        if self._store is None:
            raise RuntimeError("the store is not open; call `await runtime.open()` first")
        return self._store

    async def open(self) -> GraphStore:
        settings = self.settings
        if settings.neo4j_uri:
            # Imported only for Neo4j: the driver takes a while to import, and every command
            # and child process imports this module.
            from graph.neo4j_store import Neo4jStore

            self._store = Neo4jStore(
                settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password, settings.neo4j_database,
                query_timeout_ms=settings.query_timeout_ms,
            )
        else:
            self.embedded = EmbeddedFalkorDB(
                settings.data_dir, port=settings.store_port, appendfsync=settings.appendfsync,
                node_creation_buffer=settings.node_creation_buffer, startup_timeout_s=settings.startup_timeout_s,
            )
            # Spawned from the event-loop thread so the child's parent-death signal is tied to it.
            self.embedded.spawn()
            await asyncio.to_thread(self.embedded.wait_ready)
            self._store = FalkorDBStore(
                "127.0.0.1", self.embedded.port, settings.graph_name, query_timeout_ms=settings.query_timeout_ms
            )
            log.info("embedded_store_started", port=self.embedded.port, data_dir=str(self.embedded.data_dir))
        await self._store.ensure_schema(CATALOG)
        return self._store

    def start_watchdog(self) -> None:
        if self.embedded is not None and self._watchdog is None:
            self._watchdog = asyncio.create_task(self._watch(), name="embedded-store-watchdog")

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(self.settings.supervise_interval_s)
            if self.embedded is not None and not self.embedded.is_running():
                await self.restart_embedded()

    async def restart_embedded(self) -> None:
        assert self.embedded is not None
        self.restarting = True
        log.warning("embedded_store_died", tail=self.embedded.log_tail(5))
        try:
            self.embedded.spawn()
            await asyncio.to_thread(self.embedded.wait_ready)
            STORE_RESTARTS.inc()
            if isinstance(self._store, FalkorDBStore):
                await self._store.retarget(self.embedded.port)
            log.info("embedded_store_restarted", port=self.embedded.port)
        except Exception as exc:  # keep watching: the next round tries again
            log.error("embedded_store_restart_failed", error=str(exc))
        finally:
            self.restarting = False

    async def health(self) -> Health:
        health = await self.store.health()
        if self.restarting and health.ok:
            return Health(False, health.backend, "embedded store is restarting")
        return health

    async def close(self) -> None:
        if self._watchdog is not None:
            self._watchdog.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watchdog
            self._watchdog = None
        if self._store is not None:
            await self._store.close()
            self._store = None
        if self.embedded is not None:
            await asyncio.to_thread(self.embedded.stop)
