"""A city fund loaded later is compared the same way: nothing in the overlap code knows Linyi.

The new city's rules go into a graph of their own on the session's embedded server, with a
copy of the vocabulary that lists the new fund, so the seed graph of the other tests is untouched.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from graph.queries.overlaps import ProgramOverlap, program_overlaps
from graph.runtime import StoreRuntime
from graph.store import GraphStore
from tests.conftest import second_graph_with_a_new_program

ZIBO = "prog-zibo-intelligent-upgrade-fund"

ZIBO_PROGRAM = """
  - uid: prog-zibo-intelligent-upgrade-fund
    name: 淄博市智能化改造专项资金
    nameEn: Zibo Special Fund for Intelligent Upgrading
    kind: fund
    level: CITY
"""

ZIBO_RULES = """淄博市财政局 淄博市工业和信息化局关于印发《淄博市智能化改造专项资金管理办法》的通知

淄财工〔2024〕1号

各区县财政局、工业和信息化局：

第一条 为支持我市工业企业智能化改造，设立淄博市智能化改造专项资金。

第二条 专项资金重点支持建设智能工厂和数字化车间，推广网络协同制造、远程运维服务等新模式，支持构建绿色供应链。

第三条 已通过其他渠道获得中央财政（工业转型升级资金）支持的项目，不得申请本专项资金。

第四条 本办法自2024年1月1日起施行。
"""


@pytest.fixture(scope="module")
async def city_store(runtime: StoreRuntime, seed_dir: Path, tmp_path_factory: pytest.TempPathFactory,
                     ) -> AsyncIterator[GraphStore]:
    store, _ = await second_graph_with_a_new_program(runtime, "overlaps_new_city", seed_dir,
                                                     tmp_path_factory.mktemp("new_city"), ZIBO_PROGRAM, ZIBO_RULES)
    try:
        yield store
    finally:
        await store.close()


def other(found: list[ProgramOverlap], uid: str) -> ProgramOverlap:
    return next(o for o in found if o.other.uid == uid)


def exact_themes(overlap: ProgramOverlap) -> set[str]:
    return {s.match.item.term.name for s in overlap.shared if s.match.match == "EXACT" and s.match.kind == "THEME"}


async def test_a_new_city_fund_overlaps_the_central_programs_it_duplicates(city_store: GraphStore) -> None:
    found = await program_overlaps(city_store, program=ZIBO)
    smart = other(found, "prog-smart-manufacturing-standardization")
    assert {"网络协同制造", "远程运维"} <= exact_themes(smart)
    green = other(found, "prog-green-manufacturing-integration")
    assert "绿色供应链" in exact_themes(green)
    supply = next(s for s in green.shared if s.match.item.term.name == "绿色供应链")
    assert [c.path for c in supply.program_clauses] == ["第二条"]
    assert supply.program_clauses[0].doc_number == "淄财工〔2024〕1号"


async def test_its_rule_naming_the_central_fund_bears_on_that_pair(city_store: GraphStore) -> None:
    fund = other(await program_overlaps(city_store, program=ZIBO), "prog-industrial-transformation-fund")
    own = [r for r in fund.stacking_rules if r.owner == ZIBO]
    assert len(own) == 1
    assert set(own[0].reasons) == {"FORBIDS_OTHER_LEVEL", "NAMES_OTHER_PROGRAM"}
    assert own[0].clause.path == "第三条"


async def test_city_programs_are_all_compared_and_with_each_other_on_request(city_store: GraphStore) -> None:
    everything = await program_overlaps(city_store)
    assert {o.program.uid for o in everything} == {ZIBO, "prog-linyi-intelligent-tech-upgrade-fund"}
    cities = await program_overlaps(city_store, program=ZIBO, level="CITY")
    linyi = other(cities, "prog-linyi-intelligent-tech-upgrade-fund")
    assert {"智能工厂", "数字化车间", "网络协同制造", "远程运维"} <= exact_themes(linyi)
    assert linyi.stacking_rules == ()  # Zibo's rule is about central money, and names no Linyi fund
