"""Tests of the document loaders; helpers shared by them read the seed documents."""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

from loaders.model import DocumentStructure
from loaders.structure import parse_structure
from loaders.text.boilerplate import BoilerplateMarkers, load_boilerplate_markers
from loaders.text.pipeline import CleanText, clean_document

ROOT = Path(__file__).resolve().parents[2]
SEED_DOCUMENTS = ROOT / "seed" / "documents"
BOILERPLATE_YAML = ROOT / "seed" / "vocabulary" / "boilerplate.yaml"
SEED_IDS = ("000", "002", "003", "004")


def seed_path(seed_id: str) -> Path:
    return next(SEED_DOCUMENTS.glob(f"{seed_id}_*.txt"))


@lru_cache(maxsize=1)
def markers() -> BoilerplateMarkers:
    return load_boilerplate_markers(BOILERPLATE_YAML)


@cache
def cleaned_seed(seed_id: str) -> CleanText:
    path = seed_path(seed_id)
    return clean_document(path.read_bytes(), path.name, markers())


@cache
def parsed_seed(seed_id: str) -> DocumentStructure:
    return parse_structure(cleaned_seed(seed_id), seed_path(seed_id).name)
