"""The sample: every planted overlap is found with its kind, rule and clause; no look-alike is reported.

What is planted is read from `seed/sample/planted.json`, the same file the sample's
README points to, so the expectations are the sample's own and not this test's.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from graph.findings import DEFAULT_MIN_CONFIDENCE, Finding
from graph.queries.audit import AuditFilters, funding_overlaps
from graph.store import GraphStore
from loaders.awards.sample import load_sample
from tests.conftest import graphql


@pytest.fixture(scope="module")
def planted(seed_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((seed_dir / "sample" / "planted.json").read_text(encoding="utf-8"))
    return data


def _rows(finding: Finding) -> set[int]:
    return {side.source_row for side in finding.sides if side.source_file == "awards.csv" and side.source_row}


async def _sample_findings(store: GraphStore, min_confidence: float) -> list[Finding]:
    result = await funding_overlaps(store, AuditFilters(min_confidence=min_confidence))
    return [f for f in result.findings if f.sides[0].source_file == "awards.csv"
            and all(side.enterprise.name.startswith(("示例", "临沂示例")) for side in f.sides)]


async def test_every_planted_overlap_is_reported_with_its_kind_rule_and_clause(
        sample_store: GraphStore, planted: dict[str, Any]) -> None:
    findings = {frozenset(_rows(f)): f for f in await _sample_findings(sample_store, DEFAULT_MIN_CONFIDENCE)}
    for case in planted["overlaps"]:
        finding = findings.get(frozenset(case["rows"]))
        assert finding is not None, f"not reported: {case['name']}"
        assert finding.kind.value == case["kind"], case["name"]
        assert finding.confidence >= DEFAULT_MIN_CONFIDENCE
        stated = {(b.rule.doc_number, b.rule.clause_path): b.rule.clause_text or "" for b in finding.bearings}
        for rule in case["rules"]:
            text = stated.get((rule["docNumber"], rule["clausePath"]))
            assert text is not None, f"{case['name']}: no rule of {rule['docNumber']} {rule['clausePath']}"
            assert rule["clauseContains"] in text
        assert finding.factors and all(factor.reason for factor in finding.factors)


async def test_no_look_alike_is_reported_above_the_default_confidence(
        sample_store: GraphStore, planted: dict[str, Any]) -> None:
    reported = [_rows(f) for f in await _sample_findings(sample_store, DEFAULT_MIN_CONFIDENCE)]
    for case in planted["lookAlikes"]:
        assert set(case["rows"]) not in reported, case["name"]
    planted_pairs = [set(case["rows"]) for case in planted["overlaps"]]
    assert all(rows in planted_pairs for rows in reported), "a finding the sample does not plant"


async def test_a_look_alike_below_the_threshold_says_why_it_is_doubtful(sample_store: GraphStore) -> None:
    everything = await _sample_findings(sample_store, 0.0)
    later = next(f for f in everything if _rows(f) == {8, 26})
    assert later.confidence < DEFAULT_MIN_CONFIDENCE
    reasons = " ".join(factor.reason for factor in later.factors)
    assert "unrelated focus areas" in reasons and "7 years apart" in reasons


async def test_the_sample_is_marked_as_sample_and_loads_again_without_change(
        sample_store: GraphStore, seed_dir: Path) -> None:
    reports = await load_sample(sample_store, seed_dir)
    awards = reports[1].written
    assert (awards.enterprises_created, awards.projects_created, awards.awards_created) == (0, 0, 0)
    assert awards.awards_rewritten == 25
    findings = await _sample_findings(sample_store, DEFAULT_MIN_CONFIDENCE)
    assert len(findings) == 4


QUERY = """
query ($province: String, $city: String, $min: Float!) {
  fundingOverlaps(province: $province, city: $city, minConfidence: $min) {
    totalCount
    nodes {
      kind confidence projects
      reasons { weight reason }
      enterprise { name creditCode }
      awards { program { name level } amountWan year sourceRow focusArea }
      rules { kind docNumber clausePath clauseText viaSelection { city year } }
    }
  }
}
"""


async def test_fundingoverlaps_answers_over_http(client: httpx.AsyncClient, sample_store: GraphStore) -> None:
    body = await graphql(client, QUERY, province="山东省", city="临沂", min=0.5)
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]["fundingOverlaps"]  # type: ignore[index]
    linyi = [n for n in data["nodes"] if n["enterprise"]["name"] == "示例沂蒙智能装备有限公司"]
    assert len(linyi) == 1
    [finding] = linyi
    assert finding["kind"] == "CENTRAL_AND_LOCAL"
    assert [a["program"]["level"] for a in finding["awards"]] == ["CENTRAL", "CITY"]
    [rule] = finding["rules"]
    assert (rule["docNumber"], rule["clausePath"]) == ("工信厅联规函〔2025〕108号", "二、(二)")
    assert rule["viaSelection"] == {"city": "临沂市", "year": 2025}
    assert "不得重复安排中央财政资金" in rule["clauseText"]


async def test_unknown_filters_are_bad_input(client: httpx.AsyncClient, sample_store: GraphStore) -> None:
    body = await graphql(client, QUERY, province="无此省", min=0.5)
    errors: list[dict[str, Any]] = body["errors"]  # type: ignore[assignment]
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
    body = await graphql(client, QUERY, min=1.5)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"  # type: ignore[index]
