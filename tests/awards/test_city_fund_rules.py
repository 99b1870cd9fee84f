"""A city fund's own rule against central money makes central-and-local findings, with no pilot involved.

Nothing in the audit knows a fund: a fictitious city fund and its rules document go into a
graph of their own, with a copy of the vocabulary that lists the fund, and the findings
come from the rule the document loader extracts.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from graph.findings import OverlapKind
from graph.queries.audit import AuditFilters, funding_overlaps
from graph.runtime import StoreRuntime
from graph.store import GraphStore
from loaders.awards.ingest import ingest_award_file
from tests.conftest import second_graph_with_a_new_program

FUND = "prog-weifang-sample-upgrade-fund"
FUND_ENTRY = """
  - uid: prog-weifang-sample-upgrade-fund
    name: 潍坊市示例技术改造专项资金
    nameEn: Weifang Sample Technology Upgrading Fund (fictitious)
    kind: fund
    level: CITY
"""
FUND_RULES = """潍坊市财政局关于印发《潍坊市示例技术改造专项资金管理办法》的通知（示例，虚构）

潍财工〔2024〕9号

各县市区财政局：

第一条 为支持我市工业企业技术改造，设立潍坊市示例技术改造专项资金。

第二条 已通过其他渠道获得中央财政资金支持的项目，不得申请本专项资金。

第三条 本办法自2024年1月1日起施行。
"""
AWARDS = """项目名称,企业名称,统一社会信用代码,专项,城市,支持方向,金额（万元）,年度,来源
数控机床数字化车间项目,示例鸢都精工有限公司,91370700MA3W5Y9B1P,高端装备创新工程,潍坊市,高档数控机床,800,2023,central
数控机床数字化车间项目,示例鸢都精工有限公司,,潍坊市示例技术改造专项资金,潍坊市,高档数控机床,200,2024,city
轴承热处理线改造项目,示例寿光轴承有限公司,91370200MA3X7A2C2U,潍坊市示例技术改造专项资金,潍坊市,高端轴承钢,150,2024,city
"""


@pytest.fixture(scope="module")
async def fund_store(runtime: StoreRuntime, seed_dir: Path, tmp_path_factory: pytest.TempPathFactory
                     ) -> AsyncIterator[GraphStore]:
    work = tmp_path_factory.mktemp("city_fund")
    store, vocabulary = await second_graph_with_a_new_program(runtime, "awards_city_fund", seed_dir, work,
                                                              FUND_ENTRY, FUND_RULES)
    awards = work / "awards.csv"
    awards.write_text(AWARDS, encoding="utf-8")
    loaded = await ingest_award_file(store, awards, vocabulary=vocabulary)
    assert loaded.loaded == 3, [p.describe() for p in loaded.problems]
    try:
        yield store
    finally:
        await store.close()


async def test_the_city_funds_own_rule_makes_central_and_local_money_a_finding(fund_store: GraphStore) -> None:
    result = await funding_overlaps(fund_store, AuditFilters(city="潍坊市"))
    [finding] = result.findings
    assert finding.kind is OverlapKind.CENTRAL_AND_LOCAL
    assert [side.level for side in finding.sides] == ["CENTRAL", "CITY"]
    [bearing] = finding.bearings
    assert bearing.governed_program == FUND and bearing.via_selection is None
    assert bearing.rule.doc_number == "潍财工〔2024〕9号"
    assert "不得申请本专项资金" in (bearing.rule.clause_text or "")
    # One record lacks the credit code: the link between the two records weighs in.
    assert finding.confidence == pytest.approx(0.95 * 0.9)


async def test_the_fund_alone_is_no_finding(fund_store: GraphStore) -> None:
    result = await funding_overlaps(fund_store, AuditFilters(city="潍坊市", min_confidence=0.0))
    assert all(side.project_name != "轴承热处理线改造项目" for f in result.findings for side in f.sides)
