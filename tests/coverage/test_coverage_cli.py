"""`policygraph coverage`: the table, the CSV and JSON files, and the command against its own store."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import orjson
import pytest
import typer
from typer.testing import CliRunner

from cli import app
from cli.coverage import CSV_COLUMNS, parse_years, render_csv, render_json, render_table
from graph.queries.coverage import YearRange, supply_chain_coverage
from graph.store import GraphStore
from tests.coverage.scenario import LINYI_PARK, SHANDONG_CITIES, tally


async def test_the_table_shows_each_link_its_support_and_the_places(chain_store: GraphStore) -> None:
    found = await supply_chain_coverage(chain_store, "chain-industrial-robots", region="山东省")
    table = render_table(found)
    assert table.startswith("工业机器人产业链 (Industrial robots) in 山东省, awards of every year")
    servo_line = next(line for line in table.splitlines() if line.startswith("2 "))
    assert "机器人伺服控制器和驱动器" in servo_line and "covered" in servo_line
    assert "工信厅联规〔2018〕36号 二、(一)" in servo_line
    controllers = next(line for line in table.splitlines() if line.startswith("3 "))
    assert "enterprise-only gap" in controllers and controllers.rstrip().endswith("none")
    assert any(line.startswith("济南市") for line in table.splitlines())
    assert any(line.startswith("  " + LINYI_PARK) for line in table.splitlines())


async def test_csv_has_a_row_per_place_and_link(chain_store: GraphStore) -> None:
    found = await supply_chain_coverage(chain_store, "chain-industrial-robots", region="山东省",
                                        years=YearRange(2019, 2020))
    rows = list(csv.DictReader(io.StringIO(render_csv(found))))
    assert tuple(rows[0]) == CSV_COLUMNS
    province = [row for row in rows if row["place_kind"] == "Province"]
    assert [row["focus_area_uid"] for row in province] == [link.link.uid for link in found.links]
    for row in province:
        expected = tally(row["focus_area_uid"], cities=SHANDONG_CITIES, first=2019, last=2020)
        assert (int(row["enterprises"]), float(row["amount_wan"])) == (expected.enterprises, expected.amount_wan)
    zibo_reducers = next(row for row in rows if row["place"] == "淄博市"
                         and row["focus_area_uid"] == "fa-robot-precision-reducers")
    assert zibo_reducers["status"] == "COVERED" and zibo_reducers["programs"] == "淄博市机器人产业链专项资金"
    assert any(row["place_kind"] == "Park" and row["place"] == LINYI_PARK for row in rows)
    document = orjson.loads(render_json(found))
    assert [link["status"] for link in document["links"]] == [link.status for link in found.links]


def test_years_are_read_as_a_year_or_a_range() -> None:
    assert parse_years(None) == YearRange()
    assert parse_years("2019") == YearRange(2019, 2019)
    assert parse_years("2018-2020") == YearRange(2018, 2020)
    assert parse_years("2018-") == YearRange(2018, None)
    assert parse_years("-2020") == YearRange(None, 2020)
    for bad in ("2020-2018", "twenty", "-"):
        with pytest.raises(typer.BadParameter):
            parse_years(bad)


def test_the_command_prints_the_table_and_writes_csv_and_json(tmp_path: Path, command_line: None) -> None:
    runner = CliRunner()
    data = tmp_path / "data"
    loaded = runner.invoke(app, ["load-seed", "--data-dir", str(data)])
    assert loaded.exit_code == 0, loaded.output
    out_csv, out_json = tmp_path / "robots.csv", tmp_path / "robots.json"
    result = runner.invoke(app, ["coverage", "--chain", "chain-industrial-robots", "--region", "临沂市",
                                 "--years", "2018-2020", "--output", str(out_csv), "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    assert "机器人伺服控制器和驱动器" in result.stdout and "工信厅联规〔2018〕36号 二、(一)" in result.stdout
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8")))
    assert {row["place"] for row in rows} >= {"临沂市", LINYI_PARK}
    result = runner.invoke(app, ["coverage", "--chain", "工业机器人产业链", "--region", "临沂市", "--format", "json",
                                 "--output", str(out_json), "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    assert orjson.loads(result.stdout) == orjson.loads(out_json.read_bytes())
    assert orjson.loads(out_json.read_bytes())["region"]["name"] == "临沂市"

    for args in (["--chain", "chain-no-such-chain"], ["--chain", "chain-industrial-robots", "--region", "没有这个市"]):
        assert runner.invoke(app, ["coverage", *args, "--data-dir", str(data)]).exit_code == 2
    wrong_file = runner.invoke(app, ["coverage", "--chain", "chain-industrial-robots", "--output",
                                     str(tmp_path / "robots.txt"), "--data-dir", str(data)])
    assert wrong_file.exit_code == 2
