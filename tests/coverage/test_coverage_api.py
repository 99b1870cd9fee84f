"""`supplyChainCoverage` and `chainsFor` over HTTP, on the seed graph and on the scenario."""

from __future__ import annotations

from typing import Any

import httpx

from loaders.identity import region_uid
from tests.conftest import graphql
from tests.coverage.scenario import LINYI_PARK, tally

COVERAGE = """
query($chain: String!, $region: String, $years: CoverageYears, $n: Int! = 10) {
  supplyChainCoverage(chain: $chain, region: $region, years: $years, enterprisesPerLink: $n) {
    chain { uid name nameEn links { position focusArea { uid } feeds } }
    region { id uid name kind } yearFrom yearTo
    links { position status enterpriseCount projectCount awardCount amountWan
      focusArea { id uid name nameEn pillar }
      enterprises { id name locatedIn projectCount awardCount amountWan }
      support { program { id uid name level } appliesIn { name kind }
                clauses { id path text policy { docNumber title } } } }
    places { place { name kind } links { position status enterpriseCount amountWan }
             parts { place { name kind } links { position status enterpriseCount } } }
  }
}
"""


def coverage_of(body: dict[str, Any]) -> dict[str, Any]:
    assert "errors" not in body, body["errors"]
    found: dict[str, Any] = body["data"]["supplyChainCoverage"]
    return found


def by_area(links: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {link["focusArea"]["uid"]: link for link in links}


async def test_the_servo_link_shows_the_2018_guide_clause_and_an_unsupported_link_says_so(
        client: httpx.AsyncClient) -> None:
    found = coverage_of(await graphql(client, COVERAGE, chain="chain-industrial-robots", region="临沂市"))
    links = by_area(found["links"])
    servo = links["fa-servo-drives"]
    (support,) = servo["support"]
    assert support["program"]["uid"] == "prog-industrial-foundation-implementation"
    assert support["program"]["level"] == "CENTRAL" and support["appliesIn"] == []
    (clause,) = support["clauses"]
    assert clause["policy"]["docNumber"] == "工信厅联规〔2018〕36号" and clause["path"] == "二、(一)"
    assert "机器人伺服控制器和驱动器" in clause["text"]
    assert clause["id"].startswith("Clause:")
    reducers = links["fa-robot-precision-reducers"]
    assert reducers["support"] == []
    assert reducers["status"] in ("UNCOVERED", "ENTERPRISE_ONLY_GAP")
    assert reducers["status"] == ("ENTERPRISE_ONLY_GAP" if reducers["enterpriseCount"] else "UNCOVERED")
    assert servo["status"] == ("COVERED" if servo["enterpriseCount"] else "POLICY_ONLY_GAP")
    assert found["region"]["kind"] == "CITY" and found["region"]["id"].startswith("City:")
    assert [link["position"] for link in found["links"]] == [1, 2, 3, 4]


async def test_the_scenario_over_http_matches_the_awards(chain_api: httpx.AsyncClient) -> None:
    found = coverage_of(await graphql(chain_api, COVERAGE, chain="工业机器人产业链",
                                      region="City:" + region_uid("city", "临沂市"), years={"from": 2019, "to": 2020}))
    assert (found["yearFrom"], found["yearTo"]) == (2019, 2020)
    for uid, link in by_area(found["links"]).items():
        expected = tally(uid, cities={"临沂市"}, first=2019, last=2020)
        assert (link["enterpriseCount"], link["projectCount"], link["awardCount"], link["amountWan"]) == (
            expected.enterprises, expected.projects, expected.awards, expected.amount_wan), uid
    servo = by_area(found["links"])["fa-servo-drives"]
    assert servo["status"] == "COVERED"
    assert servo["enterprises"][0]["id"].startswith("Enterprise:")
    assert set(servo["enterprises"][0]["locatedIn"]) == {"临沂市", LINYI_PARK}
    park = next(p for p in found["places"] if p["place"]["name"] == LINYI_PARK)
    assert park["place"]["kind"] == "PARK"


async def test_a_province_rolls_up_to_cities_and_their_parks(chain_api: httpx.AsyncClient) -> None:
    found = coverage_of(await graphql(chain_api, COVERAGE, chain="chain-industrial-robots", region="山东省"))
    linyi = next(p for p in found["places"] if p["place"]["name"] == "临沂市")
    assert linyi["place"]["kind"] == "CITY"
    assert LINYI_PARK in [part["place"]["name"] for part in linyi["parts"]]
    assert {part["place"]["kind"] for part in linyi["parts"]} == {"PARK"}


async def test_chains_for_a_focus_area(client: httpx.AsyncClient) -> None:
    body = await graphql(client, """{ chainsFor(focusArea: "FocusArea:fa-battery-polymer-films") {
        chain { uid name links { position focusArea { uid } } } position
        upstream { focusArea { uid } } downstream { position focusArea { uid name } } } }""")
    (membership,) = body["data"]["chainsFor"]  # type: ignore[index]
    assert membership["chain"]["uid"] == "chain-power-batteries"
    assert membership["position"] == 2
    assert [d["focusArea"]["uid"] for d in membership["downstream"]] == ["fa-power-batteries"]
    assert membership["upstream"] == []


async def test_unknown_chains_regions_and_bad_arguments_are_reported(client: httpx.AsyncClient) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"chain": "chain-no-such-chain"}, "NOT_FOUND"),
        ({"chain": "chain-industrial-robots", "region": "没有这个市"}, "NOT_FOUND"),
        ({"chain": "chain-industrial-robots", "region": "Policy:pol-1"}, "BAD_USER_INPUT"),
        ({"chain": "chain-industrial-robots", "years": {"from": 2021, "to": 2019}}, "BAD_USER_INPUT"),
        ({"chain": "chain-industrial-robots", "n": 1000}, "BAD_USER_INPUT"),
    ]
    for variables, code in cases:
        body = await graphql(client, COVERAGE, **variables)
        assert body["errors"][0]["extensions"]["code"] == code, (variables, body)  # type: ignore[index]
    body = await graphql(client, '{ chainsFor(focusArea: "没有这个领域") { position } }')
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"  # type: ignore[index]
