"""GraphStore over FalkorDB through its async client (a Redis connection pool)."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from falkordb.asyncio import FalkorDB
from redis.asyncio import BlockingConnectionPool
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError

from graph.bulk_format import BulkPayload
from graph.catalog import Catalog
from graph.cypher import Backend
from graph.dialect import CypherDDL, falkordb_schema
from graph.metrics import DB_QUERIES
from graph.store import GraphStore, Health, QueryFailed, Row, StoreUnavailable

# How much the append-only file may grow (percent) before the server compacts it.
_COMPACTION_SETTING = "auto-aof-rewrite-percentage"


def _plain(value: Any) -> Any:
    # The client returns OrderedDicts for maps; plain dicts serialise everywhere.
    if isinstance(value, OrderedDict | dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class FalkorDBStore(GraphStore):
    backend: Backend = "falkordb"

    def __init__(self, host: str, port: int, graph_name: str, *, query_timeout_ms: int = 30_000,
                 max_connections: int = 16) -> None:
        self.host = host
        self.port = port
        self.graph_name = graph_name
        self.query_timeout_ms = query_timeout_ms
        self.max_connections = max_connections
        self._connect()

    def _connect(self) -> None:
        self._pool = BlockingConnectionPool(
            host=self.host, port=self.port, max_connections=self.max_connections,
            timeout=self.query_timeout_ms / 1000, socket_connect_timeout=2.0, decode_responses=True,
        )
        self._db = FalkorDB(connection_pool=self._pool)
        self._graph = self._db.select_graph(self.graph_name)

    async def retarget(self, port: int) -> None:
        """Point at a restarted server that had to take another port."""
        if port != self.port:
            await self._pool.disconnect()
            self.port = port
            self._connect()

    async def _run(self, text: str, params: dict[str, Any], *, write: bool, name: str) -> list[Row]:
        # One retry on a dropped connection: after a store restart the pool still holds
        # dead sockets. Every write is a MERGE, so repeating one is harmless.
        for attempt in (1, 2):
            try:
                if write:
                    result = await self._graph.query(text, params, timeout=self.query_timeout_ms)
                else:
                    result = await self._graph.ro_query(text, params, timeout=self.query_timeout_ms)
                break
            except (RedisConnectionError, RedisTimeoutError, OSError) as exc:
                if attempt == 2:
                    raise StoreUnavailable(f"FalkorDB at {self.host}:{self.port} is unreachable: {exc}") from exc
            except ResponseError as exc:
                raise QueryFailed(name, str(exc)) from exc
        columns = [column[1] for column in result.header]
        return [dict(zip(columns, (_plain(v) for v in row), strict=True)) for row in result.result_set]

    async def ensure_schema(self, catalog: Catalog) -> None:
        for command in falkordb_schema(catalog, self.graph_name):
            DB_QUERIES.labels(self.backend, "schema").inc()
            try:
                if isinstance(command, CypherDDL):
                    await self._graph.query(command.text)
                else:
                    await self._db.connection.execute_command(*command.args)
            except ResponseError as exc:
                if not any(marker in str(exc) for marker in command.already_done_markers):
                    raise QueryFailed("schema", f"{exc} (while running {command})") from exc

    def for_graph(self, graph_name: str) -> FalkorDBStore:
        """A store on another graph of the same server."""
        return FalkorDBStore(self.host, self.port, graph_name, query_timeout_ms=self.query_timeout_ms,
                             max_connections=2)

    async def bulk_insert(self, payload: BulkPayload, *, begin: bool = False) -> None:
        """Add a payload's nodes and relationships (`begin`: to a graph that does not exist yet)."""
        DB_QUERIES.labels(self.backend, "bulk").inc()
        await self._command("GRAPH.BULK", self.graph_name, *(["BEGIN"] if begin else []), *payload.arguments())

    async def graph_exists(self) -> bool:
        return bool(await self._command("EXISTS", self.graph_name))

    async def delete_graph(self) -> None:
        await self._command("DEL", self.graph_name)

    async def replace_graph(self, other: FalkorDBStore) -> None:
        """Put this store's graph in the place of `other`'s, which is dropped, in one step."""
        await self._command("RENAME", self.graph_name, other.graph_name)

    async def pause_log_compaction(self) -> str | None:
        """Stop the server compacting its append-only file until `resume_log_compaction`; returns
        the setting to restore (None if the server does not let clients change it).

        A compaction writes the whole dataset again in a forked process; during a big load the
        file doubles again and again, and each doubling would start one more.
        """
        try:
            reply = await self._command("CONFIG", "GET", _COMPACTION_SETTING)
            await self._command("CONFIG", "SET", _COMPACTION_SETTING, "0")
        except QueryFailed:
            return None
        value = next(iter(reply.values()), None) if isinstance(reply, dict) else None  # {name: value}
        return value.decode() if isinstance(value, bytes) else value

    async def resume_log_compaction(self, setting: str | None) -> None:
        """Restore the setting `pause_log_compaction` returned: the server compacts again as it sees fit."""
        if setting is not None:
            await self._command("CONFIG", "SET", _COMPACTION_SETTING, setting)

    async def compact_log(self) -> None:
        """Have the server write its append-only file anew from the data (in a forked process),
        unless it is doing so already."""
        try:
            await self._command("BGREWRITEAOF")
        except QueryFailed as error:
            if "already in progress" not in error.reason:
                raise

    async def _command(self, *args: object) -> object:
        try:
            return await self._db.connection.execute_command(*args)
        except (RedisConnectionError, RedisTimeoutError, OSError) as exc:
            raise StoreUnavailable(f"FalkorDB at {self.host}:{self.port} is unreachable: {exc}") from exc
        except ResponseError as exc:
            raise QueryFailed(str(args[0]), str(exc)) from exc

    async def health(self) -> Health:
        try:
            await self._db.connection.ping()
        except (RedisConnectionError, RedisTimeoutError, OSError) as exc:
            return Health(False, self.backend, f"FalkorDB at {self.host}:{self.port} unreachable: {exc}")
        return Health(True, self.backend, f"FalkorDB at {self.host}:{self.port}, graph {self.graph_name}")

    async def close(self) -> None:
        await self._pool.disconnect()
