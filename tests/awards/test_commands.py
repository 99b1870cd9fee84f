"""`policygraph generate`, `ingest-awards --selections` and `audit` in every output format, on a store they open."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import orjson
from openpyxl import load_workbook
from typer.testing import CliRunner

from cli import app
from graph.findings import FLAT_COLUMNS
from loaders.ingest import seed_document_paths
from loaders.synthetic.truth import Truth
from settings import REPOSITORY_SEED_DIR


def test_generate_load_and_audit_from_the_command_line(tmp_path: Path, command_line: None) -> None:
    runner = CliRunner()
    store = ["--data-dir", str(tmp_path / "store")]
    out = tmp_path / "set"
    generated = runner.invoke(app, ["generate", "--out", str(out), "--awards", "2000", "--seed", "5"])
    assert generated.exit_code == 0, generated.output
    truth = Truth.read(out / "truth.json")
    assert truth.awards == 2000 and truth.expected()

    assert runner.invoke(app, ["load-seed", *store]).exit_code == 0
    selections = runner.invoke(app, ["ingest-awards", "--selections", str(out / "selections.csv"), *store])
    assert selections.exit_code == 0, selections.output
    awards = runner.invoke(app, ["ingest-awards", str(out / "awards.csv"), *store])
    assert awards.exit_code == 0, awards.output

    table = runner.invoke(app, ["audit", "--province", "山东", *store])
    assert table.exit_code == 0, table.output
    assert "findings at confidence ≥ 0.5" in " ".join(table.output.split())

    as_json = tmp_path / "audit.json"
    assert runner.invoke(app, ["audit", "--format", "json", "--output", str(as_json), *store]).exit_code == 0
    findings = orjson.loads(as_json.read_bytes())
    reported = {frozenset(a["sourceRow"] for a in f["awards"]) for f in findings}
    assert {case.pair() for case in truth.expected()} <= reported
    first = findings[0]
    assert {"kind", "confidence", "reasons", "enterprise", "awards", "rules"} <= set(first)
    assert first["rules"][0]["clause"]["text"] and first["rules"][0]["policy"]["docNumber"]

    as_csv = tmp_path / "audit.csv"
    assert runner.invoke(app, ["audit", "--format", "csv", "--output", str(as_csv), *store]).exit_code == 0
    with as_csv.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(findings) and list(rows[0]) == list(FLAT_COLUMNS)

    as_xlsx = tmp_path / "audit.xlsx"
    assert runner.invoke(app, ["audit", "--format", "xlsx", "--output", str(as_xlsx), *store]).exit_code == 0
    sheet = load_workbook(as_xlsx, read_only=True).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == list(FLAT_COLUMNS) and len(values) == len(findings) + 1

    unknown = runner.invoke(app, ["audit", "--city", "无此市", *store])
    assert unknown.exit_code == 2


def test_the_truth_file_is_plain_json(tmp_path: Path, command_line: None) -> None:
    result = CliRunner().invoke(app, ["generate", "--out", str(tmp_path), "--awards", "300"])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    assert {"seed", "awards", "cases", "rejects"} <= set(data)


def test_a_first_list_can_be_written_in_bulk_from_the_command_line(tmp_path: Path, command_line: None) -> None:
    runner = CliRunner()
    store = ["--data-dir", str(tmp_path / "store")]
    out = tmp_path / "set"
    assert runner.invoke(app, ["generate", "--out", str(out), "--awards", "1000", "--seed", "9"]).exit_code == 0
    documents = runner.invoke(app, ["ingest", *map(str, seed_document_paths(REPOSITORY_SEED_DIR)), *store])
    assert documents.exit_code == 0, documents.output

    first = runner.invoke(app, ["ingest-awards", str(out / "awards.csv"), "--build", "bulk", *store])
    assert first.exit_code == 0, first.output
    assert "written in bulk into a rebuilt graph" in " ".join(first.output.split())
    again = runner.invoke(app, ["ingest-awards", str(out / "awards.csv"), "--build", "bulk", *store])
    assert again.exit_code == 0, again.output
    said = " ".join(again.output.split())
    assert "0 awards;" in said and "in bulk" not in said  # the graph has awards now: statements, nothing new
