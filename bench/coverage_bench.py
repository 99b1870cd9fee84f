"""Province-wide supply-chain coverage over the 1,000,000-award generated set.

The set comes from the award generator (`loaders/synthetic`), which spreads awards over every
focus area of the vocabulary, chain links included; it is loaded with the award loader into a
fresh embedded store in a temporary directory, after the seed documents (they state the policy
support). Then `supplyChainCoverage` is timed for every chain over the province with the most
cities, through the real app over in-process HTTP, with its cities and parks and ten enterprises
per link. The figures replace the section under `HEADING` in `bench/results.md`, or are appended
to it; the rest of the file is left as it is.

`BENCH_COVERAGE_AWARDS` sets the size (default 1,000,000), `BENCH_RUNS` the timed runs per chain.
"""

from __future__ import annotations

import asyncio
import os
import platform
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from graph.config import StoreSettings
from graph.runtime import StoreRuntime
from graph.store import GraphStore
from loaders.awards.ingest import ingest_award_file, ingest_selection_file
from loaders.chains import load_chains
from loaders.ingest import ingest_documents, seed_document_paths
from loaders.synthetic.files import write_generated_set
from loaders.synthetic.generator import GeneratorSettings
from loaders.vocabulary import load_vocabulary
from server import create_app
from settings import REPOSITORY_SEED_DIR

AWARDS = int(os.environ.get("BENCH_COVERAGE_AWARDS", "1000000"))
RUNS = int(os.environ.get("BENCH_RUNS", "15"))
WARMUP = 2
TARGET_SECONDS = 2.0
RESULTS = Path(__file__).resolve().parent / "results.md"
HEADING = "## Supply-chain coverage over a province"

QUERY = """
query($chain: String!, $region: String!) {
  supplyChainCoverage(chain: $chain, region: $region) {
    links { position status enterpriseCount projectCount awardCount amountWan
      enterprises { name amountWan } support { program { name } clauses { path policy { docNumber } } } }
    places { place { name } links { status enterpriseCount amountWan }
             parts { place { name } links { status enterpriseCount amountWan } } }
  }
}
"""


@dataclass
class ChainTimings:
    chain: str
    seconds: list[float] = field(default_factory=list)
    enterprises: int = 0
    awards: int = 0

    @property
    def p50(self) -> float:
        return statistics.median(self.seconds)

    @property
    def p95(self) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    @property
    def worst(self) -> float:
        return max(self.seconds)


def busiest_province() -> str:
    """The province with the most cities in the vocabulary: the widest roll-up and the most awards."""
    places = load_vocabulary(REPOSITORY_SEED_DIR / "vocabulary").regions.places
    counts = Counter(place.parent for place in places.values() if place.kind == "city" and place.parent)
    return counts.most_common(1)[0][0]


async def load(store: GraphStore, work: Path) -> tuple[float, float]:
    """Generate and load the set; (seconds to generate, seconds to load)."""
    vocabulary = load_vocabulary(REPOSITORY_SEED_DIR / "vocabulary")
    started = time.perf_counter()
    generated = write_generated_set(work / "generated", GeneratorSettings(awards=AWARDS), seed_dir=REPOSITORY_SEED_DIR,
                                    vocabulary=vocabulary)
    generating = time.perf_counter() - started
    started = time.perf_counter()
    report = await ingest_documents(store, seed_document_paths(REPOSITORY_SEED_DIR), vocabulary=vocabulary)
    if report.failed:
        raise RuntimeError([error.describe() for error in report.failed])
    await ingest_selection_file(store, generated.selections, vocabulary=vocabulary)
    awards = await ingest_award_file(store, generated.awards, vocabulary=vocabulary)
    if awards.error is not None:
        raise RuntimeError(awards.error.describe())
    return generating, time.perf_counter() - started


async def time_chains(client: httpx.AsyncClient, region: str) -> list[ChainTimings]:
    results = []
    for chain in load_chains(load_vocabulary(REPOSITORY_SEED_DIR / "vocabulary")):
        timings = ChainTimings(chain.uid)
        for run in range(WARMUP + RUNS):
            started = time.perf_counter()
            response = await client.post("/graphql", json={"query": QUERY,
                                                            "variables": {"chain": chain.uid, "region": region}})
            elapsed = time.perf_counter() - started
            body = response.json()
            if "errors" in body:
                raise RuntimeError(f"{chain.uid}: {body['errors']}")
            if run >= WARMUP:
                timings.seconds.append(elapsed)
        links = body["data"]["supplyChainCoverage"]["links"]
        timings.enterprises = sum(link["enterpriseCount"] for link in links)
        timings.awards = sum(link["awardCount"] for link in links)
        results.append(timings)
        print(f"{chain.uid}: p50 {timings.p50 * 1000:.0f} ms", file=sys.stderr)
    return results


def report(region: str, generating: float, loading: float, results: list[ChainTimings]) -> str:
    p95 = max(r.p95 for r in results)
    worst = max(r.worst for r in results)
    lines = [
        HEADING,
        "",
        f"Generated by `python -m bench.coverage_bench` on {platform.platform()}, Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs; embedded FalkorDB in a temporary directory.",
        "",
        f"Data set: {AWARDS:,} generated awards (`loaders/synthetic`, generated in {generating:.0f} s) loaded with "
        f"the award loader after the seed documents in {loading:.0f} s. Query: `supplyChainCoverage(chain:, region: "
        f"\"{region}\")` with every link's counts, ten enterprises and the supporting clauses, and every city and "
        "park of the province, through the real app over in-process HTTP (four database statements per request, "
        f"the two aggregations side by side). {RUNS} timed runs per chain after {WARMUP} warm-up runs.",
        "",
        "| chain | links' supported enterprises | links' awards | p50 (ms) | p95 (ms) | slowest (ms) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    lines += [f"| {r.chain} | {r.enterprises:,} | {r.awards:,} | {r.p50 * 1000:.0f} | {r.p95 * 1000:.0f} | "
              f"{r.worst * 1000:.0f} |" for r in results]
    verdict = "within" if p95 < TARGET_SECONDS else "over"
    lines += ["", f"Highest p95 {p95 * 1000:.0f} ms ({verdict} the {TARGET_SECONDS:.0f} s target); slowest single "
                  f"request {worst * 1000:.0f} ms. The machine is shared, so figures vary from run to run.", ""]
    return "\n".join(lines)


def write_section(section: str) -> None:
    """Replace this benchmark's section of results.md (up to the next `## ` heading), or append it."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    start = text.find(HEADING)
    if start < 0:
        text = (text.rstrip("\n") + "\n\n" if text else "") + section
    else:
        end = text.find("\n## ", start + len(HEADING))
        text = text[:start] + section + (text[end + 1:] if end >= 0 else "")
    RESULTS.write_text(text, encoding="utf-8")


async def measure_on(runtime: StoreRuntime, region: str) -> list[ChainTimings]:
    """Time every chain over `region` through the app, on a store that already holds the set (another
    benchmark that has loaded it can call this instead of loading it twice)."""
    app = create_app(runtime=runtime)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench",
                                 timeout=60) as client:
        return await time_chains(client, region)


async def run() -> str:
    region = busiest_province()
    with tempfile.TemporaryDirectory(prefix="policygraph-coverage-bench-") as work:
        runtime = StoreRuntime(StoreSettings(data_dir=Path(work) / "store", graph_name="bench", appendfsync="no"))
        store = await runtime.open()
        try:
            print(f"generating and loading {AWARDS:,} awards in {work} ...", file=sys.stderr)
            generating, loading = await load(store, Path(work))
            print(f"generated in {generating:.0f} s, loaded in {loading:.0f} s", file=sys.stderr)
            results = await measure_on(runtime, region)
        finally:
            await runtime.close()
    return report(region, generating, loading, results)


def main() -> None:
    section = asyncio.run(run())
    write_section(section)
    print(section)


if __name__ == "__main__":
    main()
