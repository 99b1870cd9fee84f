"""Write award lists: enterprises, projects, awards, candidate links, pilot selections.

Loading is the hot path (a million awards), so new nodes are CREATEd with their
relationships in one statement per chunk, nested where that saves a lookup (a new
project's awards are created with it); the loader asks first which uids the graph
already holds, and only those take the slower MATCH/MERGE statements. Either way the
result of writing the same rows twice is the same graph.

Besides the graph model's properties, nodes carry what the audit filters on, so it reads
no more than it needs: `Project.cityUid/provinceUid/parkUid`, `Enterprise.cityUid/provinceUid`,
`Award.programUid/level/focusAreaUid`, and where an award was read (`sourceFile`,
`sourceRow`: the first list that had it). Two markers are written only where they hold,
so that their indexes stay small and cost nothing while a million single awards load:
`Project.awardCount` on projects with two awards or more,
`Enterprise.sharesFocusArea` on enterprises with two projects awarded in one focus area, and
`Enterprise.linkedWork` on both ends of a candidate link (MAYBE_SAME_AS, `sharedWork`) whose
records share a project name, or a focus area in the same or adjacent years.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal

from graph.cypher import Statement, statement
from graph.store import GraphStore, QueryFailed, Row

CHUNK = 5_000  # rows per statement: each stays well within the client's read timeout on a busy machine

ANY_ENTERPRISE = statement("awards_any_enterprise", "MATCH (n:Enterprise) RETURN n.uid AS uid LIMIT 1")
ANY_PROJECT = statement("awards_any_project", "MATCH (n:Project) RETURN n.uid AS uid LIMIT 1")
ANY_AWARD = statement("awards_any_award", "MATCH (n:Award) RETURN n.uid AS uid LIMIT 1")

EXISTING_ENTERPRISES = statement(
    "awards_existing_enterprises",
    "UNWIND $uids AS uid MATCH (n:Enterprise {uid: uid}) RETURN n.uid AS uid",
)
EXISTING_PROJECTS = statement(
    "awards_existing_projects",
    "UNWIND $uids AS uid MATCH (n:Project {uid: uid}) RETURN n.uid AS uid",
)
EXISTING_AWARDS = statement(
    "awards_existing_awards",
    "UNWIND $uids AS uid MATCH (n:Award {uid: uid}) RETURN n.uid AS uid",
)

REFERENCE_PROGRAMS = statement(
    "awards_reference_programs",
    """
    MATCH (g:Program)
    OPTIONAL MATCH (g)-[:PART_OF]->(parent:Program)
    RETURN g.uid AS uid, g.name AS name, g.nameEn AS nameEn, g.aliases AS aliases, g.level AS level,
           g.kind AS kind, collect(parent.uid) AS partOf
    """,
)
REFERENCE_FOCUS_AREAS = statement(
    "awards_reference_focus_areas",
    "MATCH (f:FocusArea) RETURN f.uid AS uid, f.name AS name, f.nameEn AS nameEn, f.aliases AS aliases",
)
REFERENCE_UIDS = statement(
    "awards_reference_uids",
    """
    MATCH (c:City) WITH c ORDER BY c.uid WITH collect(c.uid) AS cities
    OPTIONAL MATCH (k:Park) WITH cities, k ORDER BY k.uid WITH cities, collect(k.uid) AS parks
    MATCH (g:Program) WITH cities, parks, g ORDER BY g.uid WITH cities, parks, collect(g.uid) AS programs
    OPTIONAL MATCH (f:FocusArea) WITH cities, parks, programs, f ORDER BY f.uid
    RETURN cities, parks, programs, collect(f.uid) AS areas
    """,
)
REFERENCE_PARKS = statement(
    "awards_reference_parks",
    """
    MATCH (p:Park)
    OPTIONAL MATCH (p)-[:IN]->(c:City)
    OPTIONAL MATCH (p)-[:IN]->(:District)-[:IN]->(dc:City)
    RETURN p.uid AS uid, p.name AS name, coalesce(c.uid, dc.uid) AS cityUid
    """,
)
ENTERPRISES_IN_CITIES = statement(
    "awards_enterprises_in_cities",
    """
    UNWIND $cities AS cityUid
    MATCH (c:City {uid: cityUid})
    WITH c
    MATCH (c)<-[:LOCATED_IN]-(e:Enterprise)
    WHERE e.cityUid = c.uid
    RETURN e.uid AS uid, e.cityUid AS cityUid, e.nameKey AS nameKey, e.creditCode AS creditCode
    """,
)

# The hot path: rows travel as tab-separated lines (fields listed per statement below) and
# are split by the statement. FalkorDB's client turns parameters into Cypher literals value
# by value in Python, which for a million awards costs more than the database's own work;
# one string per row costs almost nothing. Programs, cities, parks and focus areas are
# collected once per statement in uid order and referred to by position (the loader reads
# the same lists in the same order with `reference_uids`), instead of one index lookup per row.
TAB = "\t"

_CITIES_AND_PARKS = """
    MATCH (c:City) WITH c ORDER BY c.uid WITH collect(c) AS cities
    OPTIONAL MATCH (k:Park) WITH cities, k ORDER BY k.uid WITH cities, collect(k) AS parks
"""
_PROGRAMS_AND_AREAS = """
    MATCH (g:Program) WITH g ORDER BY g.uid WITH collect(g) AS programs
    OPTIONAL MATCH (f:FocusArea) WITH programs, f ORDER BY f.uid WITH programs, collect(f) AS areas
"""
# An award line: uid, program position, amount in fen (分: 万元 × 1,000,000, an integer, since
# FalkorDB's toFloat parses text in single precision), year, batch, source, focus-area
# position, source row.
_AWARD_PROPS = """{uid: w[0], programUid: g.uid, level: g.level, amountWan: toInteger(w[2]) / 1000000.0,
            year: toInteger(w[3]), batch: CASE w[4] WHEN '' THEN null ELSE w[4] END, source: w[5],
            focusAreaUid: CASE w[6] WHEN '' THEN null ELSE areas[toInteger(w[6])].uid END,
            sourceFile: $sourceFile, sourceRow: toInteger(w[7]), sample: $sample}"""
# An enterprise line: uid, name, name key, credit code, city position, park position, province uid.
_ENTERPRISE_PROPS = """{uid: v[0], name: v[1], nameKey: v[2], creditCode: CASE v[3] WHEN '' THEN null ELSE v[3] END,
            identifiedBy: CASE v[3] WHEN '' THEN 'NAME' ELSE 'CREDIT_CODE' END, cityUid: city.uid,
            provinceUid: CASE v[6] WHEN '' THEN null ELSE v[6] END, sample: $sample}"""
# A project line: enterprise uid, uid, name, name key, city uid, province uid, park uid, focus-area position.
_PROJECT_PROPS = """{uid: v[1], name: v[2], nameKey: v[3], cityUid: v[4],
            provinceUid: CASE v[5] WHEN '' THEN null ELSE v[5] END,
            parkUid: CASE v[6] WHEN '' THEN null ELSE v[6] END, sample: $sample}"""


def _award(merge: bool) -> str:
    if merge:
        create = f"""MERGE (a:Award {{uid: w[0]}}) ON CREATE SET a += {_AWARD_PROPS}
    MERGE (p)-[:RECEIVED]->(a)
    MERGE (a)-[:FROM]->(g)"""
    else:
        create = f"CREATE (p)-[:RECEIVED]->(a:Award {_AWARD_PROPS})-[:FROM]->(g)"
    return f"""
    WITH p, areas, w, programs[toInteger(w[1])] AS g
    {create}
    RETURN count(a) AS written
    """


def _enterprises(merge: bool) -> str:
    if merge:
        create = f"""MERGE (e:Enterprise {{uid: v[0]}}) ON CREATE SET e += {_ENTERPRISE_PROPS}
    MERGE (e)-[:LOCATED_IN]->(city)"""
    else:
        create = f"CREATE (e:Enterprise {_ENTERPRISE_PROPS})-[:LOCATED_IN]->(city)"
    edge = "MERGE" if merge else "CREATE"
    return _CITIES_AND_PARKS + f"""
    UNWIND $rows AS row
    WITH cities, parks, split(row, $tab) AS v
    WITH parks, v, cities[toInteger(v[4])] AS city
    {create}
    FOREACH (park IN CASE v[5] WHEN '' THEN [] ELSE [parks[toInteger(v[5])]] END | {edge} (e)-[:LOCATED_IN]->(park))
    RETURN count(e) AS written
    """


def _projects(merge: bool) -> str:
    if merge:
        create = f"""MERGE (p:Project {{uid: v[1]}}) ON CREATE SET p += {_PROJECT_PROPS}
    MERGE (p)-[:BY]->(e)"""
    else:
        create = f"CREATE (p:Project {_PROJECT_PROPS})-[:BY]->(e)"
    edge = "MERGE" if merge else "CREATE"
    return _PROGRAMS_AND_AREAS + f"""
    UNWIND $rows AS row
    WITH programs, areas, split(row[0], $tab) AS v, row[1] AS lines
    MATCH (e:Enterprise {{uid: v[0]}})
    {create}
    FOREACH (f IN CASE v[7] WHEN '' THEN [] ELSE [areas[toInteger(v[7])]] END | {edge} (p)-[:TARGETS]->(f))
    WITH programs, areas, p, lines
    UNWIND lines AS line
    WITH programs, areas, p, split(line, $tab) AS w
    """ + _award(merge)


def _single_award_projects(merge: bool) -> str:
    # A project line followed by its one award line, in one line: most projects have one award,
    # and creating both in one pattern costs half of unwinding a list of award lines.
    if merge:
        create = f"""MERGE (p:Project {{uid: v[1]}}) ON CREATE SET p += {_PROJECT_PROPS}
    MERGE (p)-[:BY]->(e)
    MERGE (a:Award {{uid: w[0]}}) ON CREATE SET a += {_AWARD_PROPS}
    MERGE (p)-[:RECEIVED]->(a)
    MERGE (a)-[:FROM]->(g)"""
        edge = "MERGE"
    else:
        create = f"CREATE (e)<-[:BY]-(p:Project {_PROJECT_PROPS})-[:RECEIVED]->(a:Award {_AWARD_PROPS})-[:FROM]->(g)"
        edge = "CREATE"
    return _PROGRAMS_AND_AREAS + f"""
    UNWIND $rows AS row
    WITH programs, areas, split(row, $tab) AS v
    WITH programs, areas, v, v[8..] AS w
    MATCH (e:Enterprise {{uid: v[0]}})
    WITH e, areas, v, w, programs[toInteger(w[1])] AS g
    {create}
    FOREACH (f IN CASE v[7] WHEN '' THEN [] ELSE [areas[toInteger(v[7])]] END | {edge} (p)-[:TARGETS]->(f))
    RETURN count(a) AS written
    """


def _awards(merge: bool) -> str:
    return _PROGRAMS_AND_AREAS + """
    UNWIND $rows AS row
    WITH programs, areas, split(row, $tab) AS w
    MATCH (p:Project {uid: w[8]})
    """ + _award(merge)


# Each CREATE statement has a MERGE twin for the same lines. The store repeats a statement
# whose answer timed out, and a repeated CREATE of nodes already written breaks the uid
# constraint (the database applies a statement whole or not at all): then, and if another
# load wrote the same nodes meanwhile, the chunk is written again with the twin.
CREATE_ENTERPRISES = statement("awards_create_enterprises", _enterprises(merge=False))
MERGE_ENTERPRISES = statement("awards_merge_enterprises", _enterprises(merge=True))
CREATE_PROJECTS = statement("awards_create_projects", _projects(merge=False))
MERGE_PROJECTS = statement("awards_merge_projects", _projects(merge=True))
CREATE_SINGLE_AWARD_PROJECTS = statement("awards_create_single_award_projects", _single_award_projects(merge=False))
MERGE_SINGLE_AWARD_PROJECTS = statement("awards_merge_single_award_projects", _single_award_projects(merge=True))
CREATE_AWARDS = statement("awards_create_awards", _awards(merge=False))
MERGE_AWARDS = statement("awards_merge_awards", _awards(merge=True))
UPDATE_AWARDS = statement(
    "awards_update_awards",
    """
    UNWIND $rows AS row
    MATCH (p:Project {uid: row.projectUid})
    MATCH (g:Program {uid: row.props.programUid})
    MERGE (a:Award {uid: row.props.uid})
    ON CREATE SET a.sourceFile = row.sourceFile, a.sourceRow = row.sourceRow
    SET a += row.props
    MERGE (p)-[:RECEIVED]->(a)
    MERGE (a)-[:FROM]->(g)
    RETURN count(a) AS written
    """,
)
SET_AWARD_COUNTS = statement(
    "awards_set_award_counts",
    """
    UNWIND $rows AS row
    MATCH (p:Project {uid: row.uid})
    SET p.awardCount = row.awards
    RETURN count(p) AS written
    """,
)
RECOUNT_PROJECT_AWARDS = statement(
    "awards_recount_project_awards",
    """
    UNWIND $uids AS uid
    MATCH (p:Project {uid: uid})
    WITH p
    MATCH (p)-[:RECEIVED]->(a:Award)
    WITH p, count(a) AS awards
    WHERE awards > 1
    SET p.awardCount = awards
    RETURN count(p) AS written
    """,
)
MARK_SHARED_FOCUS_AREAS = statement(
    "awards_mark_shared_focus_areas",
    """
    UNWIND $uids AS uid
    MATCH (e:Enterprise {uid: uid})
    SET e.sharesFocusArea = true
    RETURN count(e) AS written
    """,
)
RECHECK_SHARED_FOCUS_AREAS = statement(
    "awards_recheck_shared_focus_areas",
    """
    UNWIND $uids AS uid
    MATCH (e:Enterprise {uid: uid})
    WITH e
    MATCH (e)<-[:BY]-(p:Project)-[:RECEIVED]->(a:Award)
    WHERE a.focusAreaUid IS NOT NULL
    WITH e, a.focusAreaUid AS area, count(DISTINCT p) AS projects
    WHERE projects > 1
    WITH DISTINCT e
    SET e.sharesFocusArea = true
    RETURN count(e) AS written
    """,
)
ADD_ENTERPRISE_ALIASES = statement(
    "awards_add_enterprise_aliases",
    """
    UNWIND $rows AS row
    WITH split(row, $tab) AS v
    MATCH (e:Enterprise {uid: v[0]})
    WITH e, [name IN tail(v) WHERE name <> e.name AND NOT name IN coalesce(e.aliases, [])] AS added
    WHERE size(added) > 0
    SET e.aliases = coalesce(e.aliases, []) + added
    RETURN count(e) AS written
    """,
)
SET_NEW_ENTERPRISE_ALIASES = statement(
    "awards_set_new_enterprise_aliases",
    """
    UNWIND $rows AS row
    WITH split(row, $tab) AS v
    MATCH (e:Enterprise {uid: v[0]})
    SET e.aliases = tail(v)
    RETURN count(e) AS written
    """,
)
LINK_CANDIDATES = statement(
    "awards_link_candidates",
    """
    UNWIND $rows AS row
    MATCH (a:Enterprise {uid: row.source})
    MATCH (b:Enterprise {uid: row.target})
    MERGE (a)-[l:MAYBE_SAME_AS]->(b)
    SET l.score = row.score, l.reasons = row.reasons, l.sharedWork = row.sharedWork
    RETURN count(l) AS written
    """,
)
MARK_LINKED_WORK = statement(
    "awards_mark_linked_work",
    """
    UNWIND $uids AS uid
    MATCH (e:Enterprise {uid: uid})
    SET e.linkedWork = true
    RETURN count(e) AS written
    """,
)
ENTERPRISE_WORK = statement(
    "awards_enterprise_work",
    """
    UNWIND $uids AS uid
    MATCH (e:Enterprise {uid: uid})
    WITH e
    MATCH (e)<-[:BY]-(p:Project)-[:RECEIVED]->(a:Award)
    RETURN e.uid AS uid, collect(DISTINCT p.nameKey) AS projectKeys,
           collect(DISTINCT CASE WHEN a.focusAreaUid IS NULL THEN null ELSE a.focusAreaUid + '|' + toString(a.year) END)
           AS areaYears
    """,
)
UPSERT_SELECTIONS = statement(
    "awards_upsert_selections",
    """
    UNWIND $rows AS row
    MATCH (c:City {uid: row.cityUid})
    MATCH (g:Program {uid: row.programUid})
    MERGE (c)-[s:SELECTED_FOR {year: row.year}]->(g)
    SET s.batch = row.batch, s.source = row.source, s.sample = row.sample
    RETURN count(s) AS written
    """,
)

Label = Literal["Enterprise", "Project", "Award"]
LABELS: tuple[Label, ...] = ("Enterprise", "Project", "Award")
_ANY = {"Enterprise": ANY_ENTERPRISE, "Project": ANY_PROJECT, "Award": ANY_AWARD}
_EXISTING = {"Enterprise": EXISTING_ENTERPRISES, "Project": EXISTING_PROJECTS, "Award": EXISTING_AWARDS}


async def label_has_nodes(store: GraphStore, label: Label) -> bool:
    return bool(await store.read(_ANY[label]))


async def labels_with_nodes(store: GraphStore) -> dict[Label, bool]:
    """Whether the graph holds any enterprise, any project, any award."""
    return {label: await label_has_nodes(store, label) for label in LABELS}


async def existing_uids(store: GraphStore, label: Label, uids: Sequence[str]) -> set[str]:
    """Which of `uids` the graph already holds as nodes of `label`."""
    found: set[str] = set()
    for start in range(0, len(uids), CHUNK * 2):
        rows = await store.read(_EXISTING[label], {"uids": list(uids[start:start + CHUNK * 2])})
        found.update(str(row["uid"]) for row in rows)
    return found


async def reference_data(store: GraphStore) -> dict[str, list[Row]]:
    """Programs (with their PART_OF parents), focus areas and parks, to resolve list cells against."""
    return {
        "programs": await store.read(REFERENCE_PROGRAMS),
        "focusAreas": await store.read(REFERENCE_FOCUS_AREAS),
        "parks": await store.read(REFERENCE_PARKS),
    }


async def enterprises_in_cities(store: GraphStore, city_uids: Sequence[str]) -> list[Row]:
    return await store.read(ENTERPRISES_IN_CITIES, {"cities": list(city_uids)})


async def reference_uids(store: GraphStore) -> dict[str, list[str]]:
    """Cities, parks, programs and focus areas in the order the create statements collect them."""
    rows = await store.read(REFERENCE_UIDS)
    if not rows:
        return {"cities": [], "parks": [], "programs": [], "areas": []}
    return {key: [str(uid) for uid in rows[0][key]] for key in ("cities", "parks", "programs", "areas")}


async def _write_lines(store: GraphStore, stmts: tuple[Statement, Statement], rows: Sequence[object], size: int,
                       **params: Any) -> None:
    """Send lines (or a line and its lines) in chunks with the CREATE statement, or its MERGE twin
    when nodes of the chunk exist already; `write_batch` sends mappings, so the chunking is here."""
    create, merge = stmts
    for start in range(0, len(rows), size):
        chunk = {**params, "tab": TAB, "rows": list(rows[start:start + size])}
        try:
            await store.write(create, chunk)
        except QueryFailed as error:
            if "unique constraint" not in error.reason:
                raise
            await store.write(merge, chunk)


async def create_enterprises(store: GraphStore, lines: Sequence[str], *, sample: bool) -> None:
    """Lines: uid, name, name key, credit code, city position, park position, province uid."""
    await _write_lines(store, (CREATE_ENTERPRISES, MERGE_ENTERPRISES), lines, CHUNK, sample=sample)


async def create_projects(store: GraphStore, rows: Sequence[tuple[str, list[str]]], *, source_file: str,
                          sample: bool) -> None:
    """Rows: (project line, award lines). A project line: enterprise uid, uid, name, name key, city uid,
    province uid, park uid, focus-area position; an award line: see `_CREATE_AWARD`."""
    await _write_lines(store, (CREATE_PROJECTS, MERGE_PROJECTS), [list(row) for row in rows], CHUNK // 2,
                       sourceFile=source_file, sample=sample)


async def create_single_award_projects(store: GraphStore, lines: Sequence[str], *, source_file: str,
                                       sample: bool) -> None:
    """Lines: a project line and its one award line, joined by a tab."""
    await _write_lines(store, (CREATE_SINGLE_AWARD_PROJECTS, MERGE_SINGLE_AWARD_PROJECTS), lines, CHUNK,
                       sourceFile=source_file, sample=sample)


async def create_awards(store: GraphStore, lines: Sequence[str], *, source_file: str, sample: bool) -> None:
    """Award lines (see `_CREATE_AWARD`) with the project uid as a ninth field: new awards of known projects."""
    await _write_lines(store, (CREATE_AWARDS, MERGE_AWARDS), lines, CHUNK, sourceFile=source_file, sample=sample)


async def update_awards(store: GraphStore, rows: Sequence[dict[str, Any]]) -> None:
    """Rows: {projectUid, props, sourceFile, sourceRow}: awards listed before, written again."""
    if rows:
        await store.write_batch(UPDATE_AWARDS, rows, batch_size=CHUNK)


async def set_award_counts(store: GraphStore, rows: Sequence[dict[str, Any]]) -> None:
    """Rows: {uid, awards}: projects this load created with two awards or more."""
    if rows:
        await store.write_batch(SET_AWARD_COUNTS, rows, batch_size=CHUNK)


async def _write_for_uids(store: GraphStore, stmt: Statement, uids: Sequence[str]) -> None:
    """Run a statement that unwinds `$uids`, a chunk of uids at a time."""
    for start in range(0, len(uids), CHUNK):
        await store.write(stmt, {"uids": list(uids[start:start + CHUNK])})


async def recount_project_awards(store: GraphStore, uids: Sequence[str]) -> None:
    """Projects the graph had before this load, which it gave new awards."""
    await _write_for_uids(store, RECOUNT_PROJECT_AWARDS, uids)


async def mark_shared_focus_areas(store: GraphStore, uids: Sequence[str]) -> None:
    """Enterprises this load created with two projects awarded in one focus area."""
    await _write_for_uids(store, MARK_SHARED_FOCUS_AREAS, uids)


async def mark_linked_work(store: GraphStore, pairs: Iterable[tuple[str, str]]) -> None:
    """The enterprises at both ends of each candidate link whose records share work (`sharedWork`)."""
    await _write_for_uids(store, MARK_LINKED_WORK, list(dict.fromkeys(uid for pair in pairs for uid in pair)))


async def recheck_shared_focus_areas(store: GraphStore, uids: Sequence[str]) -> None:
    """Enterprises the graph had before this load, which it gave new awards."""
    await _write_for_uids(store, RECHECK_SHARED_FOCUS_AREAS, uids)


async def add_enterprise_aliases(store: GraphStore, lines: Sequence[str]) -> None:
    """Lines: uid, then every name the enterprise was listed under; new ones become aliases."""
    await _write_lines(store, (ADD_ENTERPRISE_ALIASES, ADD_ENTERPRISE_ALIASES), lines, CHUNK)


async def set_new_enterprise_aliases(store: GraphStore, lines: Sequence[str]) -> None:
    """Lines: uid, then the other names an enterprise created by this load was listed under."""
    await _write_lines(store, (SET_NEW_ENTERPRISE_ALIASES, SET_NEW_ENTERPRISE_ALIASES), lines, CHUNK)


async def enterprise_work(store: GraphStore, uids: Sequence[str]) -> list[Row]:
    """Project name keys and `focusArea|year` of the awards of enterprises the graph already has."""
    rows: list[Row] = []
    for start in range(0, len(uids), CHUNK):
        rows.extend(await store.read(ENTERPRISE_WORK, {"uids": list(uids[start:start + CHUNK])}))
    return rows


async def link_candidates(store: GraphStore, rows: Sequence[dict[str, Any]]) -> None:
    """Rows: {source, target, score, reasons, sharedWork}; `sharedWork` also marks both enterprises."""
    if rows:
        await store.write_batch(LINK_CANDIDATES, rows, batch_size=CHUNK)
        await mark_linked_work(store, [(row["source"], row["target"]) for row in rows if row["sharedWork"]])


async def upsert_selections(store: GraphStore, rows: Sequence[dict[str, Any]]) -> None:
    """Rows: {cityUid, programUid, year, batch, source, sample}."""
    if rows:
        await store.write_batch(UPSERT_SELECTIONS, rows, batch_size=CHUNK)
