"""`policygraph load-seed`: what `make serve` loads on start, documents and sample lists, twice."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from cli import app
from settings import REPOSITORY_SEED_DIR


def test_load_seed_loads_documents_and_sample_and_is_repeatable(tmp_path: Path, command_line: None) -> None:
    lines = (REPOSITORY_SEED_DIR / "sample" / "awards.csv").read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("项目名称"))  # below the "fictitious" notice
    award_rows = sum(1 for row in csv.reader(lines[header + 1 :]) if any(row))
    documents = len(list((REPOSITORY_SEED_DIR / "documents").glob("*.txt")))
    for _ in range(2):
        result = CliRunner().invoke(app, ["load-seed", "--data-dir", str(tmp_path)])
        assert result.exit_code == 0, result.stderr
        assert f"loaded {documents} document(s), rejected 0" in result.stderr
        assert f"awards.csv: {award_rows} of {award_rows} row(s) loaded, 0 rejected" in result.stderr
