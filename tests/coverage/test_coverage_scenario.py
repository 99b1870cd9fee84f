"""Coverage of the industrial-robot chain in the scenario: statuses, counts, years, roll-ups."""

from __future__ import annotations

import pytest

from graph.queries.coverage import (
    LinkCoverage,
    PlaceCoverage,
    SupplyChainCoverage,
    Tally,
    UnknownChain,
    UnknownRegion,
    YearRange,
    supply_chain_coverage,
)
from graph.store import GraphStore
from tests.coverage.scenario import AWARDS, CENTRAL_2018, LINYI_PARK, SHANDONG_CITIES, ZIBO_FUND, Counts, tally

ROBOTS = "chain-industrial-robots"
REDUCERS, SERVO, CONTROLLERS, ROBOT_SECTOR = (
    "fa-robot-precision-reducers", "fa-servo-drives", "fa-robot-controllers", "fa-industrial-robots")


def link(found: SupplyChainCoverage | PlaceCoverage, uid: str) -> LinkCoverage:
    assert isinstance(found, SupplyChainCoverage)
    return next(c for c in found.links if c.link.uid == uid)


def place(places: tuple[PlaceCoverage, ...], name: str) -> PlaceCoverage:
    return next(p for p in places if p.place.name == name)


def counts(t: Tally) -> Counts:
    return Counts(t.enterprises, t.projects, t.awards, t.amount_wan)


async def test_a_city_over_two_years(chain_store: GraphStore) -> None:
    found = await supply_chain_coverage(chain_store, ROBOTS, region="临沂市", years=YearRange(2019, 2020))
    assert found.region is not None and found.region.label == "City"
    assert [c.link.uid for c in found.links] == [REDUCERS, SERVO, CONTROLLERS, ROBOT_SECTOR]
    assert [c.link.position for c in found.links] == [1, 2, 3, 4]
    statuses = {c.link.uid: c.status for c in found.links}
    # The Zibo fund supports reducers and robots, but only in Zibo; nothing central supports controllers.
    assert statuses == {REDUCERS: "UNCOVERED", SERVO: "COVERED", CONTROLLERS: "ENTERPRISE_ONLY_GAP",
                        ROBOT_SECTOR: "UNCOVERED"}
    for c in found.links:
        assert counts(c.tally) == tally(c.link.uid, cities={"临沂市"}, first=2019, last=2020), c.link.uid
    servo = link(found, SERVO)
    # 乙's servo award is of 2021; 己's project has no place of its own.
    assert [e.name for e in servo.enterprises] == ["模拟甲伺服科技有限公司"]
    assert set(servo.enterprises[0].located_in) == {"临沂市", LINYI_PARK}
    assert [s.program_uid for s in servo.support] == [CENTRAL_2018]
    assert [(c.doc_number, c.path) for c in servo.support[0].clauses] == [("工信厅联规〔2018〕36号", "二、(一)")]
    assert link(found, CONTROLLERS).support == ()


async def test_the_parks_of_a_city(chain_store: GraphStore) -> None:
    found = await supply_chain_coverage(chain_store, ROBOTS, region="临沂市")
    park = place(found.places, LINYI_PARK)
    assert park.place.label == "Park" and park.parts == ()
    by_link = {s.link.uid: s for s in park.links}
    for uid, status in by_link.items():
        assert counts(status.tally) == tally(uid, cities={"临沂市"}, park=LINYI_PARK), uid
    assert by_link[SERVO].status == "COVERED"
    # 甲 is in the park, but its controller project is listed in the city only; 乙 is not in the park.
    assert by_link[CONTROLLERS].status == "UNCOVERED"
    assert {p.place.label for p in found.places} == {"Park"}


async def test_a_province_counts_a_city_program_and_rolls_up_to_its_cities(chain_store: GraphStore) -> None:
    found = await supply_chain_coverage(chain_store, ROBOTS, region="山东省")
    for c in found.links:
        assert counts(c.tally) == tally(c.link.uid, cities=SHANDONG_CITIES), c.link.uid
    # Zibo's fund applies within the province: reducers and robots are covered province-wide ...
    assert {c.link.uid: c.status for c in found.links} == {
        REDUCERS: "COVERED", SERVO: "COVERED", CONTROLLERS: "ENTERPRISE_ONLY_GAP", ROBOT_SECTOR: "COVERED"}
    assert [s.program_uid for s in link(found, REDUCERS).support] == [ZIBO_FUND]
    assert [a.name for a in link(found, REDUCERS).support[0].applies_in] == ["淄博市"]
    # ... but in each city only where it applies.
    assert {p.place.label for p in found.places} == {"City"}
    jinan = {s.link.uid: s.status for s in place(found.places, "济南市").links}
    zibo = {s.link.uid: s.status for s in place(found.places, "淄博市").links}
    assert jinan[ROBOT_SECTOR] == "ENTERPRISE_ONLY_GAP" and zibo[ROBOT_SECTOR] == "POLICY_ONLY_GAP"
    assert zibo[REDUCERS] == "COVERED" and jinan[REDUCERS] == "UNCOVERED"
    linyi = place(found.places, "临沂市")
    assert [p.place.name for p in linyi.parts if p.place.name == LINYI_PARK] == [LINYI_PARK]
    for city in found.places:
        for s in city.links:
            assert counts(s.tally) == tally(s.link.uid, cities={city.place.name}), (city.place.name, s.link.uid)


async def test_the_whole_country(chain_store: GraphStore) -> None:
    found = await supply_chain_coverage(chain_store, ROBOTS, years=YearRange(first=2020))
    assert found.region is None
    for c in found.links:
        assert counts(c.tally) == tally(c.link.uid, first=2020), c.link.uid
    # 己's project, without a place of its own, counts for the country but for no province.
    servo_by_province = sum(s.tally.enterprises for p in found.places for s in p.links if s.link.uid == SERVO)
    assert servo_by_province == link(found, SERVO).tally.enterprises - 1
    # Without a region every program counts, the Zibo fund included.
    assert link(found, ROBOT_SECTOR).status == "POLICY_ONLY_GAP"
    hebei = place(found.places, "河北省")
    assert {s.link.uid: s.tally.enterprises for s in hebei.links}[SERVO] == 1
    assert "石家庄市" in [p.place.name for p in hebei.parts]


async def test_enterprises_are_listed_largest_first_and_capped(chain_store: GraphStore) -> None:
    found = await supply_chain_coverage(chain_store, ROBOTS, enterprises_per_link=1)
    servo = link(found, SERVO)
    assert servo.tally.enterprises == tally(SERVO).enterprises > 1
    totals: dict[str, float] = {}
    for award in AWARDS:
        if award.focus_area == SERVO:
            totals[award.enterprise] = totals.get(award.enterprise, 0) + award.amount_wan
    assert [(e.name, e.amount_wan) for e in servo.enterprises] == [max(totals.items(), key=lambda item: item[1])]


async def test_a_chain_and_a_region_are_found_by_name_and_uid(chain_store: GraphStore) -> None:
    by_uid = await supply_chain_coverage(chain_store, ROBOTS, region="临沂市")
    by_name = await supply_chain_coverage(chain_store, "工业机器人产业链", region=by_uid.region.uid if by_uid.region
                                          else "")
    assert by_name == by_uid
    with pytest.raises(UnknownChain):
        await supply_chain_coverage(chain_store, "chain-no-such-chain")
    with pytest.raises(UnknownRegion):
        await supply_chain_coverage(chain_store, ROBOTS, region="没有这个市")



async def test_a_park(chain_store: GraphStore) -> None:
    found = await supply_chain_coverage(chain_store, ROBOTS, region=LINYI_PARK)
    assert found.region is not None and found.region.label == "Park" and found.places == ()
    for c in found.links:
        assert counts(c.tally) == tally(c.link.uid, cities={"临沂市"}, park=LINYI_PARK), c.link.uid
    # The central 2018 guide applies in the park; Linyi's fund supports none of the links.
    assert {c.link.uid: c.status for c in found.links}[SERVO] == "COVERED"
