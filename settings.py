"""Service settings (environment variables `POLICYGRAPH_*` or `policygraph serve` options)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPOSITORY_SEED_DIR = Path(__file__).resolve().parent / "seed"


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="POLICYGRAPH_", env_file=".env", extra="ignore")

    host: str = Field(default="127.0.0.1", description="Interface the HTTP server listens on")
    port: int = Field(default=8000, description="HTTP port")
    seed_dir: Path = Field(default=REPOSITORY_SEED_DIR, description="Folder with documents/, vocabulary/, sample/")
    load_seed: bool = Field(default=True, description="Load the seed documents (idempotently) at start-up")
    log_json: bool = Field(default=False, description="Log JSON lines instead of console text")
