"""Hand-checked expectations for each seed document, through the whole parse pipeline.

These go through `parse_document` (clean-up, structure, extraction, attribution),
i.e. exactly what `policygraph parse` prints and `ingest` writes.
"""

from __future__ import annotations

from functools import cache

import pytest

from loaders.model import ParsedDocument
from loaders.parse import parse_file
from settings import REPOSITORY_SEED_DIR

DOCS = REPOSITORY_SEED_DIR / "documents"
GUIDE_2018 = "000_f5ececbc7abfa093.txt"
PILOT_2025 = "002_c2ef3086be1e3033.txt"
FOUNDATION_2016 = "003_44410bff9ff528e9.txt"
LINYI_2020 = "004_e18a8b72a9dbccc7.txt"


@cache
def parsed(name: str) -> ParsedDocument:
    return parse_file(DOCS / name)


def rules_of(doc: ParsedDocument, kind: str) -> list[dict[str, object]]:
    return [r.model_dump() for r in doc.rules if r.kind == kind]


def clause_text(doc: ParsedDocument, path: str) -> str:
    return next(c.text for c in doc.clauses if c.path == path)


def test_document_numbers_are_normalised_and_the_original_kept() -> None:
    assert parsed(GUIDE_2018).doc_number == "工信厅联规〔2018〕36号"
    pilot = parsed(PILOT_2025)
    assert pilot.doc_number == "工信厅联规函〔2025〕108号"
    assert pilot.doc_number_original == "工信廳聯規函〔2025〕108號"
    assert pilot.script == "traditional"
    assert parsed(LINYI_2020).doc_number is None


def test_dates_issue_validity_and_deadlines() -> None:
    assert parsed(PILOT_2025).issued_on == "2025-03-25"
    linyi = parsed(LINYI_2020)
    assert linyi.issued_on == "2020-06-08"
    assert (linyi.effective_from, linyi.effective_to) == ("2020-07-01", "2022-06-30")
    assert linyi.level == "CITY"
    assert "2018-06-04" in {d.date for d in parsed(GUIDE_2018).deadlines}
    assert "2025-04-23" in {d.date for d in parsed(PILOT_2025).deadlines}


def test_every_citation_of_the_2018_guide() -> None:
    cited = {(c.doc_number, c.title) for c in parsed(GUIDE_2018).citations}
    numbers = {n for n, _ in cited if n}
    assert numbers >= {"财建〔2016〕797号", "财建〔2015〕19号", "财办建〔2015〕82号", "财办建〔2016〕60号",
                       "财办建〔2018〕35号", "财预〔2015〕163号", "财建〔2016〕844号"}
    titles = {t for _, t in cited if t}
    assert {"工业强基工程实施指南（2016—2020年）",
            "财政部 工业和信息化部关于组织开展绿色制造系统集成工作的通知",
            "国务院关于深化“互联网+先进制造业”发展工业互联网的指导意见",
            "关于开展首台（套）重大技术装备保险补偿机制试点工作的通知"} <= titles


def test_every_citation_of_the_2025_notice() -> None:
    cited = {(c.doc_number, c.title) for c in parsed(PILOT_2025).citations}
    assert ("财建〔2024〕16号", "财政部 工业和信息化部关于开展制造业新型技术改造城市试点工作的通知") in cited
    assert any(n == "工规函〔2024〕1109号" for n, _ in cited)
    assert all(t != "通知" for _, t in cited), "the abbreviation 《通知》 is not a separate citation"


def test_the_five_2018_programs_are_defined_by_the_guide() -> None:
    defined = {p.uid for p in parsed(GUIDE_2018).programs if p.defined}
    assert defined >= {
        "prog-industrial-foundation-implementation",
        "prog-green-manufacturing-integration",
        "prog-industrial-internet-innovation",
        "prog-smart-manufacturing-standardization",
        "prog-first-major-equipment-insurance",
    }


def test_the_nine_2018_focus_areas_with_their_pillar() -> None:
    areas = {a.name: a.pillar for a in parsed(GUIDE_2018).focus_areas}
    expected = {
        "机器人伺服控制器和驱动器": "fa-core-components",
        "5G通信核心器件": "fa-core-components",
        "高档数控机床轴承": "fa-core-components",
        "航空航天标准件高温合金材料": "fa-key-materials",
        "高效电池组用高分子薄膜": "fa-key-materials",
        "海工装备特种焊接材料": "fa-key-materials",
        "可降解血管支架材料": "fa-key-materials",
        "大型金属构件增材制造": "fa-advanced-processes",
        "汽车关键零部件近净成形精锻制造": "fa-advanced-processes",
    }
    assert {name: areas.get(name) for name in expected} == expected


def test_the_servo_focus_area_is_supported_by_the_foundation_program_in_its_clause() -> None:
    doc = parsed(GUIDE_2018)
    supports = {(f.source, f.target, f.clause_path) for f in doc.facts if f.rel_type == "SUPPORTS"}
    assert ("prog-industrial-foundation-implementation", "fa-servo-drives", "二、(一)") in supports
    assert "机器人伺服控制器和驱动器" in clause_text(doc, "二、(一)")


@pytest.mark.parametrize(("name", "path", "phrase"), [
    (GUIDE_2018, "三、(一) 2.", "不得申请本资金"),
    (PILOT_2025, "二、(二)", "不得重复安排中央财政资金"),
])
def test_no_duplicate_central_funding_in_both_central_documents(name: str, path: str, phrase: str) -> None:
    doc = parsed(name)
    rules = rules_of(doc, "NO_DUPLICATE_CENTRAL_FUNDING")
    assert [r["clause_path"] for r in rules] == [path]
    assert phrase in clause_text(doc, path)
    assert rules[0]["program_uids"], "a rule applies to the programs its policy defines"


def test_research_and_development_is_excluded_in_2018() -> None:
    assert [r["clause_path"] for r in rules_of(parsed(GUIDE_2018), "RD_EXCLUDED")] == ["三、(一) 2."]


def test_linyi_money_rules() -> None:
    doc = parsed(LINYI_2020)
    assert rules_of(doc, "MIN_INVESTMENT")[0]["params"] == {"amountWan": 1000}
    assert rules_of(doc, "CAP_PER_PROJECT")[0]["params"] == {"amountWan": 500}
    assert rules_of(doc, "INTEREST_SUBSIDY")[0]["params"] == {"termYears": 5, "benchmark": "LPR"}
    assert rules_of(doc, "EQUITY_EXIT")[0]["params"] == {"years": 5}
    assert {r.clause_path for r in doc.rules if r.kind not in {"VALIDITY", "DEADLINE"}} == {"第二章 第七条"}


def test_pilot_quota_one_city_per_province_two_districts_per_municipality() -> None:
    assert rules_of(parsed(PILOT_2025), "QUOTA")[0]["params"] == {"perProvince": 1, "perMunicipality": 2}


def test_targets_of_the_2016_2020_guide() -> None:
    targets = {(t.metric, t.value, t.unit) for t in parsed(FOUNDATION_2016).targets}
    values = sorted(v for _, v, _ in targets)
    for expected in (40, 50, 80, 70, 20, 40, 20, 100, 10):
        assert expected in values, expected
    assert all(t.year == 2020 for t in parsed(FOUNDATION_2016).targets)
    assert len(targets) >= 9


def test_the_four_linyi_parks() -> None:
    parks = {(r.name, r.parent) for r in parsed(LINYI_2020).regions if r.kind == "park"}
    assert parks == {
        ("临沂高新技术产业开发区", "临沂市"),
        ("临沂经济技术开发区", "临沂市"),
        ("临沂临港经济开发区", "临沂市"),
        ("临沂综合保税区", "临沂市"),
    }


NOISE = ("(yè)", "(tīng)", "(lián)", "版权", "版權", "相关新闻", "验证码", "昵称", "■", "http", "评论")
BROKEN_HALVES = ("供给侧结构性改革", "建设工业互联网网络", "制造强国建设的瓶颈", "清洁生产水平", "突破行动",
                 "给予一次性贴息补助", "具备独立法人资格")


@pytest.mark.parametrize("name", [GUIDE_2018, PILOT_2025, FOUNDATION_2016, LINYI_2020])
def test_no_pinyin_boilerplate_or_broken_line_survives_in_any_clause(name: str) -> None:
    doc = parsed(name)
    for clause in doc.clauses:
        for noise in NOISE:
            assert noise not in clause.original and noise not in clause.text, (clause.path, noise)
    whole = "\n".join(c.text for c in doc.clauses)
    raw = (DOCS / name).read_bytes().decode("utf-8")
    from graph.text_index import to_simplified

    for phrase in BROKEN_HALVES:
        if phrase in to_simplified(raw.replace("\n", "").replace(" ", "")):
            assert phrase in whole, phrase
