"""GraphStore over Neo4j 5 through the official async driver, with managed transactions."""

from __future__ import annotations

from typing import Any

from neo4j import AsyncGraphDatabase, AsyncManagedTransaction, unit_of_work
from neo4j.exceptions import ClientError, ServiceUnavailable, SessionExpired

from graph.catalog import Catalog
from graph.cypher import Backend
from graph.dialect import CypherDDL, neo4j_schema
from graph.metrics import DB_QUERIES
from graph.store import GraphStore, Health, QueryFailed, Row, StoreUnavailable


class Neo4jStore(GraphStore):
    backend: Backend = "neo4j"

    def __init__(self, uri: str, user: str, password: str, database: str, *, query_timeout_ms: int = 30_000) -> None:
        self.uri = uri
        self.database = database
        self.query_timeout_s = query_timeout_ms / 1000
        self._driver = AsyncGraphDatabase.driver(uri, auth=(user, password))

    async def _run(self, text: str, params: dict[str, Any], *, write: bool, name: str) -> list[Row]:
        # Statements come from the registry or the schema compiler, never from user text.
        @unit_of_work(timeout=self.query_timeout_s)
        async def work(tx: AsyncManagedTransaction) -> list[Row]:
            result = await tx.run(text, params)
            return await result.data()

        try:
            async with self._driver.session(database=self.database) as session:
                if write:
                    return await session.execute_write(work)
                return await session.execute_read(work)
        except (ServiceUnavailable, SessionExpired) as exc:
            raise StoreUnavailable(f"Neo4j at {self.uri} is unreachable: {exc}") from exc
        except ClientError as exc:
            raise QueryFailed(name, str(exc)) from exc

    async def ensure_schema(self, catalog: Catalog) -> None:
        async with self._driver.session(database=self.database) as session:
            for command in neo4j_schema(catalog):
                assert isinstance(command, CypherDDL)
                DB_QUERIES.labels(self.backend, "schema").inc()
                result = await session.run(command.text)
                await result.consume()

    async def health(self) -> Health:
        try:
            await self._driver.verify_connectivity()
        except Exception as exc:  # the driver raises several unrelated types for "not reachable"
            return Health(False, self.backend, f"Neo4j at {self.uri} unreachable: {exc}")
        return Health(True, self.backend, f"Neo4j at {self.uri}, database {self.database}")

    async def close(self) -> None:
        await self._driver.close()
