"""`policygraph coverage`: a supply chain link by link in a region, as a table, CSV or JSON."""

from __future__ import annotations

import csv
import enum
import io
import re
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import orjson
import typer

from cli.common import DataDir, configure_logging, console, store_settings, with_store
from graph.queries.chains import ChainLink
from graph.queries.coverage import (
    CoverageStatus,
    LinkCoverage,
    LinkSupport,
    Place,
    PlaceCoverage,
    SupplyChainCoverage,
    UnknownChain,
    UnknownRegion,
    YearRange,
    supply_chain_coverage,
)

STATUS_WORDS: dict[CoverageStatus, str] = {
    "COVERED": "covered", "POLICY_ONLY_GAP": "policy-only gap", "ENTERPRISE_ONLY_GAP": "enterprise-only gap",
    "UNCOVERED": "uncovered",
}
# One character per status in the roll-up matrix, followed by the number of supported enterprises.
STATUS_MARKS: dict[CoverageStatus, str] = {
    "COVERED": "+", "POLICY_ONLY_GAP": "P", "ENTERPRISE_ONLY_GAP": "E", "UNCOVERED": ".",
}
CSV_COLUMNS = ("place_kind", "place_uid", "place", "position", "focus_area_uid", "focus_area", "focus_area_en",
               "status", "enterprises", "projects", "awards", "amount_wan", "programs", "clauses")
# Enterprises named under each link in the table; CSV and JSON carry `--enterprises` of them.
_SHOWN_ENTERPRISES = 3
_YEARS = re.compile(r"^\s*(\d{4})?\s*(-)?\s*(\d{4})?\s*$")


class OutputFormat(enum.StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"


def coverage(
    chain: Annotated[str, typer.Option(help="Chain uid or name, e.g. chain-industrial-robots or 工业机器人产业链")],
    region: Annotated[str | None, typer.Option(
        help="Province, city or park, by name or uid, e.g. 临沂市 (default: the whole country)")] = None,
    years: Annotated[str | None, typer.Option(
        help="Award years: 2019, 2018-2020, 2018- or -2020 (default: every year)")] = None,
    enterprises: Annotated[int, typer.Option(min=0, max=100, help="Enterprises listed per link")] = 10,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="What to print: table, csv or json")
                             ] = OutputFormat.TABLE,
    output: Annotated[Path | None, typer.Option(
        help="Also write the answer to this file, as CSV (.csv) or JSON (.json)")] = None,
    data_dir: DataDir = None,
) -> None:
    """Which links of a supply chain have supported enterprises in a region, which have policy support, and
    where the gaps are; per link, then per city and park."""
    configure_logging()
    year_range = parse_years(years)
    if output is not None and output.suffix.lower() not in (".csv", ".json"):
        raise typer.BadParameter("the file must end in .csv or .json", param_hint="--output")
    try:
        found = with_store(store_settings(data_dir), lambda store: supply_chain_coverage(
            store, chain, region=region, years=year_range, enterprises_per_link=enterprises))
    except UnknownChain as exc:
        console.print(f"[red]error[/red] no supply chain {exc.args[0]!r}")
        raise typer.Exit(2) from exc
    except UnknownRegion as exc:
        console.print(f"[red]error[/red] no province, city or park {exc.args[0]!r}")
        raise typer.Exit(2) from exc
    if output is not None:
        output.write_bytes(render_json(found) if output.suffix.lower() == ".json" else render_csv(found).encode())
        console.print(f"wrote {output}")
    if output_format is OutputFormat.JSON:
        sys.stdout.buffer.write(render_json(found))
    elif output_format is OutputFormat.CSV:
        sys.stdout.write(render_csv(found))
    else:
        typer.echo(render_table(found))


def parse_years(text: str | None) -> YearRange:
    if text is None:
        return YearRange()
    match = _YEARS.match(text)
    if match is None or not (match.group(1) or match.group(3)):
        raise typer.BadParameter(f"{text!r} is not a year or a range of years", param_hint="--years")
    first, dash, last = match.groups()
    start = int(first) if first else None
    end = int(last) if last else (None if dash else start)
    if start is not None and end is not None and start > end:
        raise typer.BadParameter(f"{text!r}: the first year is after the last", param_hint="--years")
    return YearRange(start, end)


# --- table -------------------------------------------------------------------------------------


def render_table(found: SupplyChainCoverage) -> str:
    lines = [_heading(found), ""]
    rows = [["#", "link", "status", "enterprises", "projects", "awards", "万元", "policy support"]]
    for c in found.links:
        t = c.tally
        rows.append([str(c.link.position), c.link.name, STATUS_WORDS[c.status], str(t.enterprises),
                     str(t.projects), str(t.awards), _amount(t.amount_wan), _support_text(c.support) or "none"])
    lines += _grid(rows, right=(3, 4, 5, 6))
    for c in found.links:
        if c.enterprises:
            names = ", ".join(f"{e.name} ({'/'.join(e.located_in)}, {_amount(e.amount_wan)} 万元)"
                              for e in c.enterprises[:_SHOWN_ENTERPRISES])
            more = len(c.enterprises) > _SHOWN_ENTERPRISES or c.tally.enterprises > len(c.enterprises)
            lines.append(f"  {c.link.position} {c.link.name}: {names}{' …' if more else ''}")
    if found.places:
        lines += ["", "by place (status mark and supported enterprises per link):", ""]
        header = ["place", *(f"{link.position} {link.name}" for link in found.chain.links)]
        lines += _grid([header, *_place_rows(found.places, depth=0)])
        lines += ["", "  " + "   ".join(f"{mark} {STATUS_WORDS[status]}" for status, mark in STATUS_MARKS.items())]
    return "\n".join(lines)


def _heading(found: SupplyChainCoverage) -> str:
    region = found.region.name if found.region else "全国 (whole country)"
    years = found.years
    span = ("every year" if years.first is None and years.last is None
            else f"{years.first or '…'}–{years.last or '…'}" if years.first != years.last else str(years.first))
    return f"{found.chain.name} ({found.chain.name_en}) in {region}, awards of {span}"


def _support_text(support: Sequence[LinkSupport]) -> str:
    parts = []
    for s in support:
        clauses = "; ".join(" ".join(p for p in (c.doc_number or c.policy_title, c.path) if p) for c in s.clauses)
        parts.append(f"{s.program_name} ({s.level}): {clauses}" if clauses else s.program_name)
    return " | ".join(parts)


def _place_rows(places: Sequence[PlaceCoverage], depth: int) -> list[list[str]]:
    rows = []
    for p in places:
        rows.append(["  " * depth + p.place.name,
                     *(f"{STATUS_MARKS[s.status]} {s.tally.enterprises}" for s in p.links)])
        rows += _place_rows(p.parts, depth + 1)
    return rows


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _grid(rows: list[list[str]], right: Sequence[int] = ()) -> list[str]:
    """Columns padded to the widest cell, counting a Chinese character as two columns."""
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [(" " * (w - _width(cell)) + cell) if i in right else (cell + " " * (w - _width(cell)))
                 for i, (cell, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def _amount(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


# --- CSV and JSON ----------------------------------------------------------------------------------


def render_csv(found: SupplyChainCoverage) -> str:
    """One row per place and link: the region first (or the whole country), then its parts in order."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    support = {c.link.uid: c.support for c in found.links}
    region = found.region
    for c in found.links:
        writer.writerow(_csv_row(region.label if region else "Country", region.uid if region else "",
                                 region.name if region else "全国", c.link, c.status, c.tally.enterprises,
                                 c.tally.projects, c.tally.awards, c.tally.amount_wan, c.support))

    def places(items: Sequence[PlaceCoverage]) -> None:
        for p in items:
            for s in p.links:
                applying = [x for x in support[s.link.uid] if x.applies_to(p.place)]
                writer.writerow(_csv_row(p.place.label, p.place.uid, p.place.name, s.link, s.status,
                                         s.tally.enterprises, s.tally.projects, s.tally.awards, s.tally.amount_wan,
                                         applying))
            places(p.parts)

    places(found.places)
    return buffer.getvalue()


def _csv_row(kind: str, uid: str, name: str, link: ChainLink, status: CoverageStatus, enterprises: int,
             projects: int, awards: int, amount: float, support: Sequence[LinkSupport]) -> dict[str, Any]:
    return {
        "place_kind": kind, "place_uid": uid, "place": name, "position": link.position, "focus_area_uid": link.uid,
        "focus_area": link.name, "focus_area_en": link.name_en or "", "status": status, "enterprises": enterprises,
        "projects": projects, "awards": awards, "amount_wan": amount,
        "programs": "; ".join(s.program_name for s in support),
        "clauses": "; ".join(" ".join(p for p in (c.doc_number or c.policy_title, c.path) if p)
                             for s in support for c in s.clauses),
    }


def render_json(found: SupplyChainCoverage) -> bytes:
    return orjson.dumps(coverage_json(found), option=orjson.OPT_INDENT_2) + b"\n"


def coverage_json(found: SupplyChainCoverage) -> dict[str, Any]:
    """The answer in the shape of the GraphQL one (camelCase keys, ids left out)."""
    return {
        "chain": {"uid": found.chain.uid, "name": found.chain.name, "nameEn": found.chain.name_en,
                  "links": [_link_json(link) for link in found.chain.links]},
        "region": _place_json(found.region) if found.region else None,
        "yearFrom": found.years.first, "yearTo": found.years.last,
        "links": [_link_coverage_json(c) for c in found.links],
        "places": [_place_coverage_json(p) for p in found.places],
    }


def _link_json(link: ChainLink) -> dict[str, Any]:
    return {"position": link.position, "focusArea": {"uid": link.uid, "name": link.name, "nameEn": link.name_en,
                                                     "pillar": link.pillar}, "feeds": list(link.feeds)}


def _place_json(place: Place) -> dict[str, Any]:
    return {"uid": place.uid, "name": place.name, "kind": place.label.upper()}


def _counts_json(status: CoverageStatus, enterprises: int, projects: int, awards: int, amount: float
                 ) -> dict[str, Any]:
    return {"status": status, "enterpriseCount": enterprises, "projectCount": projects, "awardCount": awards,
            "amountWan": amount}


def _link_coverage_json(c: LinkCoverage) -> dict[str, Any]:
    t = c.tally
    return {
        **_link_json(c.link), **_counts_json(c.status, t.enterprises, t.projects, t.awards, t.amount_wan),
        "enterprises": [{"uid": e.uid, "name": e.name, "locatedIn": list(e.located_in), "projectCount": e.projects,
                         "awardCount": e.awards, "amountWan": e.amount_wan} for e in c.enterprises],
        "support": [{
            "program": {"uid": s.program_uid, "name": s.program_name, "nameEn": s.program_name_en, "level": s.level},
            "appliesIn": [{"uid": a.uid, "name": a.name, "kind": a.label.upper()} for a in s.applies_in],
            "clauses": [{"uid": cl.uid, "path": cl.path, "text": cl.text,
                         "policy": {"uid": cl.policy_uid, "docNumber": cl.doc_number, "title": cl.policy_title}}
                        for cl in s.clauses],
        } for s in c.support],
    }


def _place_coverage_json(p: PlaceCoverage) -> dict[str, Any]:
    return {
        "place": _place_json(p.place),
        "links": [{"position": s.link.position, "focusArea": {"uid": s.link.uid, "name": s.link.name},
                   **_counts_json(s.status, s.tally.enterprises, s.tally.projects, s.tally.awards,
                                  s.tally.amount_wan)} for s in p.links],
        "parts": [_place_coverage_json(part) for part in p.parts],
    }
