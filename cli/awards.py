"""Award commands: `ingest-awards`, `generate`, `audit`."""

from __future__ import annotations

import csv
import enum
import time
from pathlib import Path
from typing import Annotated

import orjson
import typer
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from cli.common import DataDir, configure_logging, console, store_settings, with_store
from graph.findings import DEFAULT_MIN_CONFIDENCE, FLAT_COLUMNS, Finding, finding_record, finding_row
from graph.queries.audit import AuditFilters, AuditResult, UnknownFilter, funding_overlaps
from graph.store import GraphStore
from loaders.awards.ingest import (
    ListLoadReport,
    default_rejects_path,
    ingest_award_file,
    ingest_selection_file,
    rejected_rows,
    write_rejects,
)
from loaders.synthetic.files import write_generated_set
from loaders.synthetic.generator import GeneratorSettings
from settings import ServiceSettings

# Rejected rows shown on the console; the rejects file has them all.
_SHOWN_PROBLEMS = 50


class Build(enum.StrEnum):
    auto = "auto"
    bulk = "bulk"
    statements = "statements"


def ingest_awards(
    files: Annotated[list[Path], typer.Argument(
        help="Award lists (.csv or .xlsx; UTF-8 or GBK; Chinese or English headers)")],
    selections: Annotated[bool, typer.Option("--selections", help="The files list pilot-city selections "
                                                                  "(city, program, batch, year)")] = False,
    rejects: Annotated[Path | None, typer.Option(help="Where to write rejected rows (default: FILE.rejects.csv "
                                                      "next to each list)")] = None,
    sample: Annotated[bool, typer.Option("--sample", help="Mark what is loaded as sample data")] = False,
    build: Annotated[Build, typer.Option(
        help="auto: the first big list of a graph without awards is written in bulk into a rebuilt graph, "
             "put in place when complete; bulk: whatever the size; statements: never")] = Build.auto,
    data_dir: DataDir = None,
) -> None:
    """Load award lists (or pilot selections); bad rows are named with their reasons, good rows still load."""
    configure_logging()

    async def work(store: GraphStore) -> list[ListLoadReport]:
        reports = []
        for path in files:
            with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                          console=console, transient=True) as progress:
                task = progress.add_task(f"{path.name}: reading")

                def show(rows: int, task: TaskID = task, name: str = path.name) -> None:
                    progress.update(task, description=f"{name}: {rows:,} rows")

                if selections:
                    reports.append(await ingest_selection_file(store, path, sample=sample))
                else:
                    reports.append(await ingest_award_file(store, path, sample=sample, build=build.value,
                                                           on_progress=show))
        return reports

    started = time.perf_counter()
    reports = with_store(store_settings(data_dir), work)
    for report in reports:
        _print_load_report(report, rejects if len(files) == 1 else None)
    console.print(f"done in {time.perf_counter() - started:.1f}s")
    raise typer.Exit(1 if any(report.failed for report in reports) else 0)


def _print_load_report(report: ListLoadReport, rejects: Path | None) -> None:
    if report.error is not None:
        console.print(f"[red]not loaded[/red] {report.error.describe()}")
        return
    for problem in report.problems[:_SHOWN_PROBLEMS]:
        console.print(f"[yellow]rejected[/yellow] {problem.describe()}")
    if len(report.problems) > _SHOWN_PROBLEMS:
        console.print(f"… and {len(report.problems) - _SHOWN_PROBLEMS} more problems")
    written = report.written
    console.print(f"{report.source}: loaded {report.loaded:,} of {report.rows:,} rows, rejected {report.rejected:,}"
                  + (f", {report.repeated:,} repeated" if report.repeated else ""))
    if report.kind == "awards":
        console.print(f"  new: {written.enterprises_created:,} enterprises, {written.projects_created:,} projects, "
                      f"{written.awards_created:,} awards; {written.awards_rewritten:,} awards already known; "
                      f"{written.candidate_links:,} candidate enterprise links"
                      + ("; written in bulk into a rebuilt graph" if report.bulk_built else ""))
    if report.problems:
        path = rejects or default_rejects_path(Path(report.source))
        write_rejects(path, report.problems)
        console.print(f"  rejected rows {', '.join(map(str, list(rejected_rows(report.problems))[:20]))}"
                      f"{' …' if report.rejected > 20 else ''}: reasons in {path}")


def generate(
    output: Annotated[Path, typer.Option("--out", help="Directory for awards.csv, selections.csv, truth.json")],
    awards: Annotated[int, typer.Option(help="How many award rows")] = 20_000,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same files")] = 20_180_601,
    planted_share: Annotated[float, typer.Option(help="Share of rows in planted overlaps and look-alikes")] = 0.03,
) -> None:
    """Write a synthetic award list with planted overlaps and a truth file listing them."""
    started = time.perf_counter()
    settings = GeneratorSettings(awards=awards, seed=seed, planted_share=planted_share)
    generated = write_generated_set(output, settings, seed_dir=ServiceSettings().seed_dir)
    truth = generated.truth
    console.print(f"wrote {awards:,} awards to {generated.awards} in {time.perf_counter() - started:.1f}s: "
                  f"{len(truth.expected())} planted overlaps, {len(truth.look_alikes())} look-alikes, "
                  f"{len(truth.rejects)} rows with corrupted credit codes (truth in {generated.truth_file})")


class OutputFormat(enum.StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


def audit(
    province: Annotated[str | None, typer.Option(help="Province name or uid (山东省, 山东)")] = None,
    city: Annotated[str | None, typer.Option(help="City name or uid (临沂市, 临沂)")] = None,
    park: Annotated[str | None, typer.Option(help="Park name or uid")] = None,
    program: Annotated[str | None, typer.Option(help="Program uid, name or alias: findings involving it")] = None,
    from_year: Annotated[int | None, typer.Option(help="Findings with an award in this year or later")] = None,
    to_year: Annotated[int | None, typer.Option(help="Findings with an award in this year or earlier")] = None,
    min_confidence: Annotated[float, typer.Option(help="Report findings at least this sure (0 to 1)")]
    = DEFAULT_MIN_CONFIDENCE,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="table on the console, or a file")]
    = OutputFormat.table,
    output: Annotated[Path | None, typer.Option(help="File to write (default: audit.csv/json/xlsx)")] = None,
    data_dir: DataDir = None,
) -> None:
    """Who is funded twice where the rules forbid it: findings with their rules, clauses and confidence."""
    configure_logging()
    filters = AuditFilters(province=province, city=city, park=park, program=program, from_year=from_year,
                           to_year=to_year, min_confidence=min_confidence)

    async def work(store: GraphStore) -> AuditResult:
        return await funding_overlaps(store, filters)

    started = time.perf_counter()
    try:
        result = with_store(store_settings(data_dir), work)
    except UnknownFilter as error:
        raise typer.BadParameter(str(error)) from error
    elapsed = time.perf_counter() - started
    if output_format is OutputFormat.table:
        _print_findings(result.findings)
    else:
        path = output or Path(f"audit.{output_format.value}")
        _write_findings(path, output_format, result.findings)
        console.print(f"wrote {len(result.findings)} findings to {path}")
    console.print(f"{len(result.findings)} findings at confidence ≥ {min_confidence:g} "
                  f"from {len(result.rules)} stacking rules, in {elapsed:.1f}s")


def _print_findings(findings: list[Finding]) -> None:
    table = Table(show_lines=True)
    for column in ("confidence", "kind", "enterprise", "awards", "rules"):
        table.add_column(column)
    for finding in findings:
        awards = "\n".join(f"{side.year} {side.program_name} ({side.level}) "
                           f"{'' if side.amount_wan is None else f'{side.amount_wan:g} 万元'}: {side.project_name}"
                           for side in finding.sides)
        rules = "\n".join(f"{b.rule.doc_number or b.rule.policy_title} {b.rule.clause_path or ''}: "
                          f"{(b.rule.clause_text or '')[:60]}" for b in finding.bearings)
        table.add_row(f"{finding.confidence:.2f}", finding.kind.value, finding.enterprise.name, awards, rules)
    console.print(table)


def _write_findings(path: Path, output_format: OutputFormat, findings: list[Finding]) -> None:
    if output_format is OutputFormat.json:
        path.write_bytes(orjson.dumps([finding_record(f) for f in findings], option=orjson.OPT_INDENT_2))
    elif output_format is OutputFormat.csv:
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=FLAT_COLUMNS)
            writer.writeheader()
            writer.writerows(finding_row(f) for f in findings)
    else:
        from openpyxl import Workbook  # only this format needs it

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("findings")
        sheet.append(list(FLAT_COLUMNS))
        for finding in findings:
            row = finding_row(finding)
            sheet.append([row.get(column) for column in FLAT_COLUMNS])
        workbook.save(path)
