"""Award ingest rate and the time of a province-wide funding audit at 1,000,000 awards.

A generated set (`loaders/synthetic`, seed fixed) is written to a temporary directory and
loaded with the award loader into a fresh embedded store there, after the seed documents
(the audit reads the stacking rules they state) and the set's pilot selections; only the
award list is timed. Then `funding_overlaps` is timed for the province with the most awards,
cold and warm, and its findings are scored against the set's truth file. The figures replace
the section under `HEADING` in `bench/results.md`, or are appended to it.

`BENCH_AWARDS` sets the size (default 1,000,000). Targets: at least 20,000 awards per second
into the embedded store; a province audit within 5 seconds.
"""

from __future__ import annotations

import asyncio
import os
import platform
import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from graph.config import StoreSettings
from graph.queries.audit import AuditFilters, funding_overlaps
from graph.runtime import StoreRuntime
from loaders.awards.ingest import ListLoadReport, ingest_award_file, ingest_selection_file
from loaders.ingest import ingest_documents, seed_document_paths
from loaders.synthetic.files import write_generated_set
from loaders.synthetic.generator import GeneratorSettings
from loaders.synthetic.truth import Score, Truth, score_findings
from loaders.vocabulary import load_vocabulary
from settings import REPOSITORY_SEED_DIR

AWARDS = int(os.environ.get("BENCH_AWARDS", "1000000"))
PROVINCE = "山东省"  # 16 of the vocabulary's cities: the province with the most awards in the set
TARGET_RATE = 20_000
TARGET_AUDIT_SECONDS = 5.0
RESULTS = Path(__file__).resolve().parent / "results.md"
HEADING = "## Award ingest and province audit"


@dataclass(frozen=True)
class CpuSeconds:
    """Processor time spent by each process while the list loaded."""

    store: float  # the embedded FalkorDB server
    loader: float  # this process: planning statements, sending them, finding candidate links' inputs
    helpers: float  # child processes: reading and validating the list, finding candidate links

    @property
    def total(self) -> float:
        return self.store + self.loader + self.helpers


class CpuClock:
    """Reads the processor time of this process, its finished children and the store's server."""

    def __init__(self, server_pid: int | None) -> None:
        self.server_pid = server_pid

    def read(self) -> CpuSeconds:
        own = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)  # the server is not a finished child
        return CpuSeconds(self._server(), own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime)

    def _server(self) -> float:
        if self.server_pid is None:
            return 0.0
        # /proc/PID/stat: utime, stime, cutime and cstime are the 14th to 17th fields, in clock ticks;
        # the last two count the processes the server forked to compact its log, once they end.
        fields = Path(f"/proc/{self.server_pid}/stat").read_text().rsplit(")", 1)[1].split()
        return sum(int(field) for field in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def cpu_used(before: CpuSeconds, after: CpuSeconds) -> CpuSeconds:
    return CpuSeconds(after.store - before.store, after.loader - before.loader, after.helpers - before.helpers)


@dataclass
class Figures:
    awards: int
    generate_seconds: float
    load: ListLoadReport
    ingest_seconds: float
    cpu: CpuSeconds
    audit_cold_seconds: float
    audit_warm_seconds: float
    province_findings: int
    score: Score

    @property
    def rate(self) -> float:
        return self.load.rows / self.ingest_seconds


async def measure(awards: int = AWARDS) -> Figures:
    seed_dir = REPOSITORY_SEED_DIR
    with tempfile.TemporaryDirectory(prefix="policygraph-awards-bench-") as work:
        print(f"generating {awards:,} awards ...", file=sys.stderr)
        started = time.perf_counter()
        generated = write_generated_set(Path(work) / "set", GeneratorSettings(awards=awards), seed_dir=seed_dir)
        generate_seconds = time.perf_counter() - started

        runtime = StoreRuntime(StoreSettings(data_dir=Path(work) / "store", graph_name="bench",
                                             query_timeout_ms=600_000))
        store = await runtime.open()
        try:
            vocabulary = load_vocabulary(seed_dir / "vocabulary")
            documents = await ingest_documents(store, seed_document_paths(seed_dir), vocabulary=vocabulary)
            assert not documents.failed, [e.describe() for e in documents.failed]
            await ingest_selection_file(store, generated.selections, vocabulary=vocabulary)

            print("loading the award list ...", file=sys.stderr)
            clock = CpuClock(runtime.embedded.pid if runtime.embedded else None)
            cpu_before = clock.read()
            started = time.perf_counter()
            load = await ingest_award_file(store, generated.awards, vocabulary=vocabulary)
            ingest_seconds = time.perf_counter() - started
            cpu = cpu_used(cpu_before, clock.read())
            assert load.error is None, load.error

            print(f"auditing {PROVINCE} ...", file=sys.stderr)
            started = time.perf_counter()
            province = await funding_overlaps(store, AuditFilters(province=PROVINCE))
            cold = time.perf_counter() - started
            started = time.perf_counter()
            await funding_overlaps(store, AuditFilters(province=PROVINCE))
            warm = time.perf_counter() - started

            everywhere = await funding_overlaps(store, AuditFilters())
            score = score_findings(Truth.read(generated.truth_file), [
                (frozenset(side.source_row or 0 for side in f.sides), f.kind.value) for f in everywhere.findings])
        finally:
            await runtime.close()
    return Figures(awards, generate_seconds, load, ingest_seconds, cpu, cold, warm, len(province.findings), score)


def report(figures: Figures) -> str:
    f = figures
    written = f.load.written
    verdict_rate = "meets" if f.rate >= TARGET_RATE else "misses"
    verdict_audit = "meets" if f.audit_cold_seconds <= TARGET_AUDIT_SECONDS else "misses"
    cpus = os.cpu_count() or 1
    per_thousand = 1000 / f.load.rows
    # With every process busy all the time, the load could take no less than its processor time
    # spread over the machine's processors: the rate no scheduling of this work can beat here.
    ceiling = f.load.rows / (f.cpu.total / cpus)
    lines = [
        HEADING,
        "",
        f"Generated by `python -m bench.awards_bench` on {platform.platform()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs; a fresh embedded FalkorDB in a temporary directory.",
        "",
        "| figure | value | target |",
        "| --- | --- | --- |",
        f"| awards generated (`policygraph generate`) | {f.awards:,} in {f.generate_seconds:.1f} s | |",
        f"| rows loaded / rejected (corrupted credit codes) | {f.load.loaded:,} / {f.load.rejected:,} | |",
        f"| nodes created | {written.enterprises_created:,} enterprises, {written.projects_created:,} projects, "
        f"{written.awards_created:,} awards; {written.candidate_links:,} candidate links | |",
        f"| ingest time | {f.ingest_seconds:.1f} s | |",
        f"| **ingest rate** | **{f.rate:,.0f} awards/s** | ≥ {TARGET_RATE:,} ({verdict_rate}) |",
        f"| processor time per 1,000 awards: store / loader / child processes (validating, candidate links) | "
        f"{f.cpu.store * per_thousand:.3f} s / {f.cpu.loader * per_thousand:.3f} s / "
        f"{f.cpu.helpers * per_thousand:.3f} s | |",
        f"| processors busy during the load | {f.cpu.total / (f.ingest_seconds * cpus):.0%} of {cpus} | |",
        f"| written as | {'bulk payloads into a rebuilt graph' if f.load.bulk_built else 'statements'} | |",
        f"| most the store could take with a processor of its own | {f.load.rows / f.cpu.store:,.0f} awards/s | |",
        f"| rate if this processor time were spread perfectly over the {cpus} processors | "
        f"{ceiling:,.0f} awards/s ({f.rate / ceiling:.2f} of it reached) | |",
        f"| **province audit ({PROVINCE})**, cold / warm | **{f.audit_cold_seconds:.2f} s** / "
        f"{f.audit_warm_seconds:.2f} s, {f.province_findings:,} findings | ≤ {TARGET_AUDIT_SECONDS:g} s "
        f"({verdict_audit}) |",
        f"| audit of the whole set against the truth file | recall {f.score.recalled:,} of {f.score.planted:,} "
        f"planted overlaps ({f.score.recall:.2%}), precision {f.score.true_positives:,} of {f.score.found:,} "
        f"findings ({f.score.precision:.2%}) | 100% / ≥ 99% |",
        "",
        "The ingest time covers reading, validating (pydantic, credit-code checks), resolving programs, "
        "places and enterprises, and writing every enterprise, project, award and relationship, then the "
        "audit markers, aliases and candidate links. The first list of a graph is written as bulk "
        "payloads into a rebuilt graph (`graph/rebuild.py`); validation runs in two child processes, the "
        "loader encodes the next chunk while the store adds the last one, and candidate links are found "
        "in another process while the store adds the enterprises; the store compacts its log once, after "
        "the build. The processor times are of the store's server (from /proc, with any process it forked "
        "to compact its log), of the loading process and of its finished child processes, over the load alone. "
        "The machine is shared, so figures vary from run to run.",
        "",
    ]
    return "\n".join(lines)


def write_section(section: str) -> None:
    """Replace this benchmark's section of results.md, or append it; other sections stay as they are."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n\n"
    start = text.find(HEADING)
    if start < 0:
        RESULTS.write_text(text.rstrip("\n") + "\n\n" + section, encoding="utf-8")
        return
    end = text.find("\n## ", start + len(HEADING))
    rest = text[end + 1:] if end >= 0 else ""
    RESULTS.write_text(text[:start] + section + ("\n" + rest if rest else ""), encoding="utf-8")


def main() -> None:
    figures = asyncio.run(measure())
    section = report(figures)
    write_section(section)
    print(section)


if __name__ == "__main__":
    main()
