"""`make bench`: five explorer queries three ways, side by side, on a generated data set.

1. this API (the real ASGI app, in process, over HTTP with httpx);
2. the same GraphQL through resolvers that fetch field by field (`bench/naive_schema.py`);
3. hand-written Cypher returning the same data, sent straight through the store client.

The embedded store runs in its own temporary data directory. Prints p50/p95
latency, round trips per request and the ratios, and writes `bench/results.md`.
`BENCH_RUNS` sets the number of timed runs (default 15).
"""

from __future__ import annotations

import asyncio
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.routing import Route
from strawberry.asgi import GraphQL

from bench.dataset import Sizes, load
from bench.naive_schema import build_naive_schema
from graph.config import StoreSettings
from graph.cypher import generated_statement
from graph.runtime import StoreRuntime
from graph.store import GraphStore
from schema.context import RequestContext
from server import create_app

RUNS = int(os.environ.get("BENCH_RUNS", "15"))
WARMUP = 2
RESULTS = Path(__file__).resolve().parent / "results.md"
CITY = "city-008"
PROGRAM = "prog-042"


# Matched from the city, not tested per enterprise: FalkorDB plans a MATCH from its indexed end.
IN_CITY = """OPTIONAL MATCH (a:Enterprise)-[:LOCATED_IN]->(:City {uid: $city}) WITH collect(a) AS direct
OPTIONAL MATCH (b:Enterprise)-[:LOCATED_IN]->(:Park)-[:IN]->(:City {uid: $city})
WITH direct, collect(b) AS viaPark UNWIND direct + viaPark AS e WITH DISTINCT e"""


@dataclass
class Case:
    name: str
    query: str
    bare: list[tuple[str, dict[str, Any]]]


CASES = [
    Case(
        "nested: 100 policies → programs → focus areas → pillar",
        """{ policies(first: 100) { edges { node { title docNumber
             programs(first: 5) { totalCount nodes { name
               focusAreas(first: 5) { totalCount nodes { name pillar { name } } } } } } } } }""",
        # Expanded, sorted, collected and cut per parent: on FalkorDB this beats a subquery per parent.
        [("""MATCH (p:Policy) WITH p ORDER BY p.docNumber, p.uid LIMIT 100
OPTIONAL MATCH (p)-[:DEFINES]->(g:Program)
WITH p, g ORDER BY g.name, g.uid
WITH p, collect(g) AS programs
WITH p, programs[..5] AS page, size(programs) AS programCount
UNWIND CASE WHEN size(page) = 0 THEN [null] ELSE page END AS g
OPTIONAL MATCH (g)-[:SUPPORTS]->(f:FocusArea)
WITH p, programCount, g, f ORDER BY f.name, f.uid
WITH p, programCount, g, collect(f) AS areas
WITH p, programCount, g, areas[..5] AS page, size(areas) AS areaCount
UNWIND CASE WHEN size(page) = 0 THEN [null] ELSE page END AS f
OPTIONAL MATCH (pillar:FocusArea {uid: f.pillar})
WITH p, programCount, g, areaCount, f, pillar ORDER BY f.name, f.uid
WITH p, programCount, g, areaCount,
     collect(CASE WHEN f IS NULL THEN null ELSE f {.name, pillar: pillar {.name}} END) AS focusAreas
WITH p, programCount, g, areaCount, focusAreas ORDER BY g.name, g.uid
WITH p, programCount, collect(CASE WHEN g IS NULL THEN null
     ELSE g {.name, focusAreas: {totalCount: areaCount, nodes: focusAreas}} END) AS programs
RETURN p {.title, .docNumber, programs: {totalCount: programCount, nodes: programs}} AS policy
ORDER BY p.docNumber, p.uid""", {})],
    ),
    Case(
        "filtered list: 50 enterprises in a city → projects → awards → program",
        """{ enterprises(first: 50, filter: {city: "City:CITY_UID"}) { totalCount nodes { name
             projects(first: 3) { nodes { name awards(first: 3) { nodes { amountWan year program { name } } } } } } } }
        """.replace("CITY_UID", CITY),
        [(IN_CITY + " RETURN count(e) AS total", {"city": CITY}),
         (IN_CITY + """
WITH e ORDER BY e.name, e.uid LIMIT 50
CALL { WITH e MATCH (e)<-[:BY]-(pr:Project) WITH pr ORDER BY pr.name, pr.uid LIMIT 3
  CALL { WITH pr MATCH (pr)-[:RECEIVED]->(a:Award) WITH a ORDER BY a.year, a.uid LIMIT 3
    CALL { WITH a MATCH (a)-[:FROM]->(g:Program) RETURN collect(g {.name})[0] AS program }
    RETURN collect(a {.amountWan, .year, program: program}) AS awards }
  RETURN collect(pr {.name, awards: awards}) AS projects }
RETURN e {.name, projects: projects} AS enterprise ORDER BY e.name, e.uid""", {"city": CITY})],
    ),
    Case(
        "node detail: a program, its policies, focus areas and 20 largest awards",
        """{ node(id: "Program:PROGRAM") { ... on Program { name definedIn { nodes { title } }
             focusAreas { nodes { name } }
             awards(first: 20, orderBy: {field: AMOUNT_WAN, direction: DESC}) { totalCount nodes { amountWan year
               project { name enterprise { name } } } } } } }""".replace("PROGRAM", PROGRAM),
        [("""MATCH (g:Program {uid: $uid})
CALL { WITH g MATCH (g)<-[:DEFINES]-(p:Policy) WITH p ORDER BY p.docNumber, p.uid LIMIT 20
  RETURN collect(p {.title}) AS policies }
CALL { WITH g MATCH (g)-[:SUPPORTS]->(f:FocusArea) WITH f ORDER BY f.name, f.uid LIMIT 20
  RETURN collect(f {.name}) AS focusAreas }
CALL { WITH g MATCH (g)<-[:FROM]-(a:Award) RETURN count(a) AS total }
CALL { WITH g MATCH (g)<-[:FROM]-(a:Award) WITH a ORDER BY a.amountWan DESC, a.uid DESC LIMIT 20
  CALL { WITH a MATCH (a)<-[:RECEIVED]-(pr:Project)-[:BY]->(e:Enterprise)
    RETURN collect(pr {.name, enterprise: e {.name}})[0] AS project }
  RETURN collect(a {.amountWan, .year, project: project}) AS awards }
RETURN g {.name, definedIn: policies, focusAreas: focusAreas, awards: {totalCount: total, nodes: awards}} AS program""",
          {"uid": PROGRAM})],
    ),
    Case(
        "tree: the four pillars → narrower → narrower focus areas",
        """{ focusAreas(first: 10, filter: {rootsOnly: true}) { nodes { name
             narrower(first: 100) { nodes { name narrower(first: 100) { nodes { name } } } } } } }""",
        [("""MATCH (f:FocusArea) WHERE NOT (f)-[:BROADER]->(:FocusArea) WITH f ORDER BY f.name, f.uid LIMIT 10
CALL { WITH f MATCH (f)<-[:BROADER]-(c:FocusArea) WITH c ORDER BY c.name, c.uid LIMIT 100
  CALL { WITH c MATCH (c)<-[:BROADER]-(d:FocusArea) WITH d ORDER BY d.name, d.uid LIMIT 100
    RETURN collect(d {.name}) AS grandchildren }
  RETURN collect(c {.name, narrower: grandchildren}) AS children }
RETURN f {.name, narrower: children} AS root ORDER BY f.name, f.uid""", {})],
    ),
    Case(
        "filter by date: city policies in force on 2021-01-01, with issuers",
        """{ policies(first: 20, filter: {inForceOn: "2021-01-01", level: CITY}) { totalCount edges { cursor node {
             title issuedOn issuers { nodes { name } } } } } }""",
        [("""MATCH (p:Policy)
WHERE coalesce(p.effectiveFrom, p.issuedOn) <= $d AND (p.effectiveTo IS NULL OR p.effectiveTo >= $d)
  AND p.level = 'CITY'
RETURN count(p) AS total""", {"d": "2021-01-01"}),
         ("""MATCH (p:Policy)
WHERE coalesce(p.effectiveFrom, p.issuedOn) <= $d AND (p.effectiveTo IS NULL OR p.effectiveTo >= $d)
  AND p.level = 'CITY'
WITH p ORDER BY p.docNumber, p.uid LIMIT 20
CALL { WITH p MATCH (p)-[:ISSUED_BY]->(a:Agency) WITH a ORDER BY a.name, a.uid LIMIT 20
  RETURN collect(a {.name}) AS issuers }
RETURN p {.title, .issuedOn, issuers: issuers} AS policy ORDER BY p.docNumber, p.uid""", {"d": "2021-01-01"})],
    ),
]


@dataclass
class Timings:
    seconds: list[float] = field(default_factory=list)
    trips: int = 0

    def p(self, q: float) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000

    @property
    def p50(self) -> float:
        return statistics.median(self.seconds) * 1000


class NaiveGraphQL(GraphQL[RequestContext, None]):
    def __init__(self, store: GraphStore) -> None:
        super().__init__(build_naive_schema(), graphql_ide=None)
        self.store = store

    async def get_context(self, request: Any, response: Any) -> RequestContext:
        return RequestContext(store=self.store, trace=True)


def _strip_cursors(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_cursors(v) for k, v in value.items() if k != "cursor"}
    if isinstance(value, list):
        return [_strip_cursors(v) for v in value]
    return value


async def _graphql(client: httpx.AsyncClient, query: str) -> tuple[Any, int]:
    response = await client.post("/graphql", json={"query": query}, headers={"X-PolicyGraph-Trace": "1"})
    body = response.json()
    if "errors" in body:
        raise RuntimeError(f"{query[:60]}...: {body['errors']}")
    return body["data"], int(body["extensions"]["roundTrips"])


async def _timed(work: Callable[[], Awaitable[int]], into: Timings) -> None:
    started = time.perf_counter()
    into.trips = await work()
    into.seconds.append(time.perf_counter() - started)


async def run_case(case: Case, api: httpx.AsyncClient, naive: httpx.AsyncClient,
                   store: GraphStore) -> dict[str, Timings]:
    statements = [(generated_statement(f"bench_bare_{i}", text), params) for i, (text, params) in enumerate(case.bare)]
    api_data, _ = await _graphql(api, case.query)
    naive_data, _ = await _graphql(naive, case.query)
    if _strip_cursors(api_data) != _strip_cursors(naive_data):
        raise RuntimeError(f"the API and the baseline disagree on {case.name!r}")

    async def through_api() -> int:
        return (await _graphql(api, case.query))[1]

    async def through_naive() -> int:
        return (await _graphql(naive, case.query))[1]

    async def bare() -> int:
        for stmt, params in statements:
            await store.read(stmt, params)
        return len(statements)

    results = {"api": Timings(), "naive": Timings(), "bare": Timings()}
    for i in range(WARMUP + RUNS):
        # Interleaved, so that the three see the same machine state.
        for key, work in (("api", through_api), ("naive", through_naive), ("bare", bare)):
            timings = results[key] if i >= WARMUP else Timings()
            await _timed(work, timings)
    return results


def _report(sizes: Sizes, load_seconds: float, results: dict[str, dict[str, Timings]]) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Generated by `make bench` (`python -m bench.run`) on {platform.platform()}, Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs; embedded FalkorDB in a temporary directory.",
        "",
        f"Data set (`bench/dataset.py`): {sizes.awards:,} awards, {sizes.projects:,} projects, "
        f"{sizes.enterprises:,} enterprises, {sizes.programs} programs, {sizes.policies} policies, "
        f"{sizes.focus_areas} focus areas, {sizes.cities} cities, {sizes.parks} parks; loaded in {load_seconds:.0f} s.",
        "",
        f"{RUNS} timed runs of each query after {WARMUP} warm-up runs, the three ways interleaved. "
        "Latency is per request as the client sees it (ms). *API* is the real app over in-process HTTP; "
        "*field by field* the same GraphQL with per-field resolvers (`bench/naive_schema.py`); *bare Cypher* "
        "hand-written statements returning the same data, sent through the same store client.",
        "",
        "| query | API p50 / p95 | field by field p50 / p95 | bare Cypher p50 / p95 | round trips (API / field by "
        "field / bare) | field by field ÷ API | API ÷ bare |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, r in results.items():
        api, naive, bare = r["api"], r["naive"], r["bare"]
        lines.append(
            f"| {name} | {api.p50:.1f} / {api.p(0.95):.1f} | {naive.p50:.1f} / {naive.p(0.95):.1f} | "
            f"{bare.p50:.1f} / {bare.p(0.95):.1f} | {api.trips} / {naive.trips} / {bare.trips} | "
            f"{naive.p50 / api.p50:.1f}× | {api.p50 / bare.p50:.2f}× |"
        )
    lines += [
        "",
        "Ratios are of the p50 latencies. The machine is shared (other work runs on its two CPUs), so p95 is noisy; "
        "the three ways are interleaved so that they see the same conditions. The bare Cypher is written the way "
        "that is fastest on FalkorDB (an expand-sort-collect pipeline for the nested query, lists matched from "
        "the city rather than tested per enterprise); replies are parsed by hiredis in all three.",
        "",
    ]
    return "\n".join(lines)


async def main() -> None:
    sizes = Sizes()
    with tempfile.TemporaryDirectory(prefix="policygraph-bench-") as data_dir:
        runtime = StoreRuntime(StoreSettings(data_dir=Path(data_dir), graph_name="bench", appendfsync="no"))
        store = await runtime.open()
        try:
            print(f"loading the data set into {data_dir} ...", file=sys.stderr)
            started = time.perf_counter()
            await load(store, sizes)
            load_seconds = time.perf_counter() - started
            print(f"loaded in {load_seconds:.1f} s", file=sys.stderr)

            naive_app = Starlette(routes=[Route("/graphql", NaiveGraphQL(store), methods=["POST"])])
            api_app = create_app(runtime=runtime)
            results: dict[str, dict[str, Timings]] = {}
            async with (
                httpx.AsyncClient(transport=httpx.ASGITransport(app=api_app), base_url="http://api") as api,
                httpx.AsyncClient(transport=httpx.ASGITransport(app=naive_app), base_url="http://naive") as naive,
            ):
                for case in CASES:
                    print(f"running: {case.name}", file=sys.stderr)
                    results[case.name] = await run_case(case, api, naive, store)
        finally:
            await runtime.close()
    report = _report(sizes, load_seconds, results)
    RESULTS.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    asyncio.run(main())
