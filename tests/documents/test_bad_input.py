"""Bad input gets a clear error naming the file, in bounded time, and the rest of the batch loads."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from graph.store import GraphStore
from loaders.errors import DocumentError
from loaders.ingest import ingest_documents
from loaders.parse import parse_file
from settings import REPOSITORY_SEED_DIR

LINYI = REPOSITORY_SEED_DIR / "documents" / "004_e18a8b72a9dbccc7.txt"
GUIDE_2018 = REPOSITORY_SEED_DIR / "documents" / "000_f5ececbc7abfa093.txt"


@pytest.fixture
def bad_files(tmp_path: Path) -> dict[str, Path]:
    files = {
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "image.txt",
        "gbk": tmp_path / "linyi-gbk.txt",
        "huge": tmp_path / "huge.txt",
        "no_number": tmp_path / "no-number.txt",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(bytes(range(256)) * 64)
    files["gbk"].write_bytes(LINYI.read_text(encoding="utf-8").encode("gbk"))
    paragraph = LINYI.read_text(encoding="utf-8").split("第五条", 1)[1][:800].replace("\n", "")
    body = "\n\n".join(f"第{i}条 {paragraph}" for i in range(1, 6500))
    files["huge"].write_text("关于印发某市测试专项资金管理办法的通知\n\n" + body, encoding="utf-8")
    files["no_number"].write_text(
        "某市工业转型专项资金管理办法\n\n第一条 为规范专项资金管理，制定本办法。\n\n"
        "第二条 本办法自2021年1月1日起施行。\n",
        encoding="utf-8",
    )
    return files


def test_empty_and_binary_files_are_refused_naming_the_file(bad_files: dict[str, Path]) -> None:
    for key, reason in (("empty", "empty"), ("binary", "binary")):
        with pytest.raises(DocumentError) as caught:
            parse_file(bad_files[key])
        assert str(bad_files[key]) in str(caught.value)
        assert reason in str(caught.value)


def test_a_gbk_file_reads_like_its_utf8_original(bad_files: dict[str, Path]) -> None:
    gbk, utf8 = parse_file(bad_files["gbk"]), parse_file(LINYI)
    assert gbk.title == utf8.title
    assert [c.text for c in gbk.clauses] == [c.text for c in utf8.clauses]


def test_a_5mb_file_is_parsed_in_bounded_time(bad_files: dict[str, Path]) -> None:
    assert bad_files["huge"].stat().st_size > 5_000_000
    started = time.monotonic()
    doc = parse_file(bad_files["huge"])
    assert len(doc.clauses) > 6000
    assert time.monotonic() - started < 120  # generous: a shared 2-core machine; typically a few seconds


def test_a_document_without_a_number_is_parsed_by_its_title(bad_files: dict[str, Path]) -> None:
    doc = parse_file(bad_files["no_number"])
    assert doc.doc_number is None
    assert doc.title == "某市工业转型专项资金管理办法"
    assert doc.effective_from == "2021-01-01"


async def test_a_batch_with_bad_files_still_loads_the_good_ones(
    seeded_store: GraphStore, bad_files: dict[str, Path]
) -> None:
    batch = [bad_files["empty"], GUIDE_2018, bad_files["binary"], bad_files["no_number"], Path("/no/such/file.txt")]
    report = await ingest_documents(seeded_store, batch)
    assert sorted(report.loaded) == sorted([str(GUIDE_2018), str(bad_files["no_number"])])
    failed = {e.source: e.reason for e in report.failed}
    assert set(failed) == {str(bad_files["empty"]), str(bad_files["binary"]), "/no/such/file.txt"}


def test_parse_command_prints_json_and_names_bad_files(bad_files: dict[str, Path]) -> None:
    result = CliRunner().invoke(app, ["parse", str(GUIDE_2018), str(bad_files["empty"]), "--format", "json"])
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    doc = json.loads(lines[0])
    assert doc["docNumber"] == "工信厅联规〔2018〕36号"
    for field in ("title", "issuers", "issuedOn", "effectiveFrom", "effectiveTo", "level", "script", "citations",
                  "programs", "focusAreas", "industries", "instruments", "rules", "targets", "regions",
                  "deadlines", "clauses"):
        assert field in doc, field
    assert str(bad_files["empty"]) in result.stderr


def test_parse_command_array_output() -> None:
    result = CliRunner().invoke(app, ["parse", str(GUIDE_2018), str(LINYI), "--array"])
    assert result.exit_code == 0, result.stderr
    docs = json.loads(result.stdout)
    assert [d["title"][:4] for d in docs] == ["工业和信", "临沂市市"]
