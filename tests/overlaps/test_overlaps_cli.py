"""`policygraph overlaps`: the text report and the JSON answer."""

from __future__ import annotations

from pathlib import Path

import orjson
from typer.testing import CliRunner

from cli import app
from cli.overlaps import render_text
from graph.queries.overlaps import program_overlaps
from graph.store import GraphStore

LINYI = "prog-linyi-intelligent-tech-upgrade-fund"
PILOT_2025 = "prog-manufacturing-tech-upgrade-pilot-cities"


async def test_the_text_report_names_pairs_shared_items_clauses_and_rules(seeded_store: GraphStore) -> None:
    report = render_text(await program_overlaps(seeded_store, program=LINYI))
    assert "临沂市市级智能化技术改造专项资金 (CITY) ~ 智能制造综合标准化与新模式应用 (CENTRAL)" in report
    assert "  = 网络协同制造 [theme]" in report
    assert "  ~ 绿色工厂 / 绿色供应链 [theme, via 绿色制造]" in report
    assert "工信厅联规〔2018〕36号 二、(三) 2.  …" in report
    assert "stacking rules: none found" in report
    report = render_text(await program_overlaps(seeded_store, program=PILOT_2025, level="CENTRAL"))
    assert "NO_DUPLICATE_CENTRAL_FUNDING of 制造业新型技术改造城市试点 (forbids other level)" in report
    assert render_text([]) == "no overlapping programs found"


def test_the_command_answers_from_the_store_it_opens(tmp_path: Path, command_line: None) -> None:
    runner = CliRunner()
    loaded = runner.invoke(app, ["load-seed", "--data-dir", str(tmp_path)])
    assert loaded.exit_code == 0, loaded.output
    result = runner.invoke(app, ["overlaps", "--program", PILOT_2025, "--level", "CENTRAL", "--format", "json",
                                 "--min-score", "0.1", "--data-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    found = orjson.loads(result.stdout)
    assert found and all(o["score"] >= 0.1 and o["program"]["uid"] == PILOT_2025 for o in found)
    green = next(o for o in found if o["other"]["uid"] == "prog-green-manufacturing-integration")
    rules = [r for r in green["stackingRules"] if r["owner"] == PILOT_2025]
    assert rules[0]["clause"]["path"] == "二、(二)" and rules[0]["reasons"] == ["FORBIDS_OTHER_LEVEL"]
    supply = next(s for s in green["shared"] if s["item"]["name"] == "绿色供应链")
    assert supply["match"] == "EXACT" and supply["otherClauses"][0]["policy"]["docNumber"] == "工信厅联规〔2018〕36号"

    unknown = runner.invoke(app, ["overlaps", "--program", "prog-no-such-program", "--data-dir", str(tmp_path)])
    assert unknown.exit_code == 2
