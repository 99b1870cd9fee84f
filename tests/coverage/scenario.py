"""A small funding scenario along the industrial-robot chain.

Fictitious enterprises (模拟…) in 临沂市 (some in a park), 淄博市, 济南市 and 石家庄市, with awards
from central programs, the Linyi fund and a Zibo fund whose rules (below) support robot
reducers and robots. The awards are loaded as an award list through the award loader, except
one written the way other sources may write it: a project with no place of its own (its
enterprise is located in a city and a park), which counts for the whole country only.
Expected counts are computed from `AWARDS` by `tally`, which knows nothing of the graph.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from graph.cypher import statement
from graph.store import GraphStore
from loaders.awards.ingest import ingest_award_file
from loaders.identity import stable_uid
from loaders.vocabulary import Vocabulary

ZIBO_FUND = "prog-zibo-robot-chain-fund"

ZIBO_PROGRAM = f"""
  - uid: {ZIBO_FUND}
    name: 淄博市机器人产业链专项资金
    nameEn: Zibo Special Fund for the Robot Industry Chain
    kind: fund
    level: CITY
"""

ZIBO_RULES = """淄博市财政局 淄博市工业和信息化局关于印发《淄博市机器人产业链专项资金管理办法》的通知

淄财工〔2024〕7号

各区县财政局、工业和信息化局：

第一条 为补齐我市机器人产业链短板，设立淄博市机器人产业链专项资金。

第二条 专项资金重点支持机器人精密减速器、工业机器人等方面。

第三条 本办法自2024年1月1日起施行。
"""

CENTRAL_2018 = "prog-industrial-foundation-implementation"
TRANSFORMATION = "prog-industrial-transformation-fund"
LINYI_FUND = "prog-linyi-intelligent-tech-upgrade-fund"
LINYI_PARK = "临沂经济技术开发区"


@dataclass(frozen=True)
class ScenarioAward:
    enterprise: str
    city: str
    park: str | None
    project: str
    focus_area: str
    program: str
    year: int
    amount_wan: float
    listed: bool = True  # loaded from an award list; False: written without a place for the project


AWARDS = (
    ScenarioAward("模拟甲伺服科技有限公司", "临沂市", LINYI_PARK, "伺服驱动器产业化项目", "fa-servo-drives",
                  CENTRAL_2018, 2019, 100),
    ScenarioAward("模拟甲伺服科技有限公司", "临沂市", LINYI_PARK, "伺服驱动器产业化项目", "fa-servo-drives",
                  TRANSFORMATION, 2020, 50),
    ScenarioAward("模拟甲伺服科技有限公司", "临沂市", None, "控制器研发项目", "fa-robot-controllers",
                  LINYI_FUND, 2020, 25),
    ScenarioAward("模拟乙机器人有限公司", "临沂市", None, "伺服电机扩产项目", "fa-servo-drives",
                  TRANSFORMATION, 2021, 30),
    ScenarioAward("模拟乙机器人有限公司", "临沂市", None, "控制器数字化车间项目", "fa-robot-controllers",
                  LINYI_FUND, 2020, 20),
    ScenarioAward("模拟丙减速机有限公司", "淄博市", None, "精密减速器生产线项目", "fa-robot-precision-reducers",
                  ZIBO_FUND, 2020, 80),
    ScenarioAward("模拟丁智能装备有限公司", "济南市", None, "工业机器人智能工厂项目", "fa-industrial-robots",
                  TRANSFORMATION, 2018, 200),
    ScenarioAward("模拟戊电气有限公司", "石家庄市", None, "伺服系统产业化项目", "fa-servo-drives",
                  CENTRAL_2018, 2020, 60.5),
    ScenarioAward("模拟己伺服电机有限公司", "临沂市", LINYI_PARK, "伺服电机技术改造项目", "fa-servo-drives",
                  CENTRAL_2018, 2020, 40, listed=False),
)

SHANDONG_CITIES = frozenset({"临沂市", "淄博市", "济南市"})


@dataclass(frozen=True)
class Counts:
    enterprises: int
    projects: int
    awards: int
    amount_wan: float


def tally(focus_area: str, *, cities: Iterable[str] | None = None, park: str | None = None,
          first: int | None = None, last: int | None = None) -> Counts:
    """What the definitions give for one link, straight from `AWARDS`."""
    places = set(cities) if cities is not None else None
    rows = [a for a in AWARDS if a.focus_area == focus_area
            and (places is None or (a.listed and a.city in places)) and (park is None or a.park == park)
            and (first is None or a.year >= first) and (last is None or a.year <= last)]
    return Counts(enterprises=len({a.enterprise for a in rows}),
                  projects=len({(a.enterprise, a.project) for a in rows}),
                  awards=len(rows), amount_wan=sum(a.amount_wan for a in rows))


AWARD_LIST_HEADER = ("项目名称", "企业名称", "专项", "城市", "园区", "支持方向", "金额（万元）", "年度")

WRITE_UNPLACED = statement(
    "test_coverage_write_unplaced_project",
    """
    UNWIND $rows AS row
    MATCH (c:City {name: row.city})
    MATCH (k:Park {name: row.park})
    MATCH (f:FocusArea {uid: row.focusArea})
    MATCH (g:Program {uid: row.program})
    MERGE (e:Enterprise {uid: row.enterprise})
    SET e.name = row.enterpriseName, e.sample = true
    MERGE (e)-[:LOCATED_IN]->(c)
    MERGE (e)-[:LOCATED_IN]->(k)
    MERGE (p:Project {uid: row.project})
    SET p.name = row.projectName, p.sample = true
    MERGE (p)-[:BY]->(e)
    MERGE (p)-[:TARGETS]->(f)
    MERGE (a:Award {uid: row.uid})
    SET a.amountWan = row.amountWan, a.year = row.year, a.sample = true
    MERGE (p)-[:RECEIVED]->(a)
    MERGE (a)-[:FROM]->(g)
    RETURN count(a) AS written
    """,
)


async def write_awards(store: GraphStore, vocabulary: Vocabulary, directory: Path) -> None:
    listed = directory / "robot-chain-awards.csv"
    with listed.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(AWARD_LIST_HEADER)
        writer.writerows([a.project, a.enterprise, a.program, a.city, a.park or "", a.focus_area, a.amount_wan, a.year]
                         for a in AWARDS if a.listed)
    report = await ingest_award_file(store, listed, vocabulary=vocabulary, sample=True)
    assert report.error is None and not report.problems, [p.describe() for p in report.problems]
    assert report.loaded == sum(a.listed for a in AWARDS)
    rows = []
    for a in AWARDS:
        if not a.listed:
            enterprise = stable_uid("ent", a.city, a.enterprise)
            project = stable_uid("prj", enterprise, a.project)
            rows.append({"enterprise": enterprise, "enterpriseName": a.enterprise, "city": a.city, "park": a.park,
                         "focusArea": a.focus_area, "program": a.program, "project": project,
                         "projectName": a.project, "uid": stable_uid("awd", project, a.program, str(a.year)),
                         "amountWan": a.amount_wan, "year": a.year})
    written = await store.write(WRITE_UNPLACED, {"rows": rows})
    assert written[0]["written"] == len(rows)
