"""Write a generated set: `awards.csv`, `selections.csv` and `truth.json` in one directory."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from loaders.ingest import seed_document_paths
from loaders.synthetic.generator import AWARD_HEADER, SELECTION_HEADER, AwardGenerator, GeneratorSettings
from loaders.synthetic.model import ProgramRoles, program_roles
from loaders.synthetic.truth import Truth
from loaders.vocabulary import Vocabulary, load_vocabulary

AWARDS_FILE = "awards.csv"
SELECTIONS_FILE = "selections.csv"
TRUTH_FILE = "truth.json"


@dataclass(frozen=True)
class GeneratedSet:
    awards: Path
    selections: Path
    truth_file: Path
    truth: Truth


def seed_roles(seed_dir: Path, vocabulary: Vocabulary) -> ProgramRoles:
    """Program roles from the rules of the shipped documents."""
    return program_roles(vocabulary, seed_document_paths(seed_dir))


def write_generated_set(directory: Path, settings: GeneratorSettings, *, seed_dir: Path,
                        vocabulary: Vocabulary | None = None) -> GeneratedSet:
    vocab = vocabulary or load_vocabulary(seed_dir / "vocabulary")
    generator = AwardGenerator(settings, vocab, seed_roles(seed_dir, vocab))
    directory.mkdir(parents=True, exist_ok=True)
    awards, selections, truth_file = directory / AWARDS_FILE, directory / SELECTIONS_FILE, directory / TRUTH_FILE
    with awards.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(AWARD_HEADER)
        writer.writerows(generator.award_rows())
    with selections.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(SELECTION_HEADER)
        writer.writerows(generator.selection_rows())
    generator.truth.write(truth_file)
    return GeneratedSet(awards, selections, truth_file, generator.truth)
