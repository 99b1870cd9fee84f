"""Parse one document into a `ParsedDocument`: clean-up, structure, extraction, attribution.

No database is involved; `policygraph parse` prints the result and the writer
turns it into graph rows. Which program a fact belongs to is decided here
(`loaders.attribution`), so the writer only writes what it is given.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from loaders import extract
from loaders.attribution import ClauseFindings, attribute_facts, clause_parents, defined_programs
from loaders.docnumber import normalize_doc_number, normalize_title
from loaders.errors import DocumentError
from loaders.identity import stable_uid
from loaders.model import Clause, Deadline, ParsedDocument, ProgramRef, Rule
from loaders.structure import parse_structure
from loaders.text.boilerplate import BoilerplateMarkers, load_boilerplate_markers
from loaders.text.pipeline import clean_document
from loaders.vocabulary import DEFAULT_VOCABULARY_DIR, Vocabulary, load_vocabulary

# A policy document larger than this is not a policy document; refuse it rather than stall.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


@lru_cache(maxsize=4)
def _markers(directory: Path) -> BoilerplateMarkers:
    return load_boilerplate_markers(directory / "boilerplate.yaml")


def parse_document(data: bytes, source: str, vocabulary: Vocabulary | None = None) -> ParsedDocument:
    """Everything the document states, each fact with the clause path that states it."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError(source, f"file is {len(data) // 1_048_576} MB; documents above "
                                    f"{MAX_DOCUMENT_BYTES // 1_048_576} MB are refused")
    vocab = vocabulary or load_vocabulary(DEFAULT_VOCABULARY_DIR)
    clean = clean_document(data, source, _markers(vocab.directory))
    structure = parse_structure(clean, source)
    if not structure.title or not structure.title_original:
        raise DocumentError(source, "no title found: is this a policy document?")
    clauses = _unique_paths(extract.document_clauses(structure))
    if len(clauses) < 2:
        raise DocumentError(source, "no text found below the title")

    doc_number = normalize_doc_number(structure.doc_number_original) if structure.doc_number_original else None
    issuers = extract.find_issuers(structure, vocab)
    issued_on = extract.find_issued_date(structure.signature_date_text, clauses)
    validity = extract.find_validity(clauses, vocab, issued_on)
    findings = ClauseFindings.scan(clauses, vocab)
    mentioned = [ProgramRef(uid=r.uid, name=r.name, clause_path=r.clause_path) for r in findings.first_refs("Program")]
    programs = defined_programs(mentioned, clauses, vocab)
    parents = clause_parents(clauses)
    rules = extract.find_rules(clauses, vocab)
    deadlines = extract.find_deadlines(clauses, vocab)
    mentions, facts = attribute_facts(clauses, parents, programs, rules, vocab, findings)

    return ParsedDocument(
        source=source,
        uid=stable_uid("pol", doc_number or normalize_title(structure.title)),
        doc_number=doc_number,
        doc_number_original=structure.doc_number_original,
        title=structure.title,
        title_original=structure.title_original,
        issuers=[ref.name for ref in issuers],
        issuer_refs=issuers,
        issued_on=issued_on,
        effective_from=validity.effective_from,
        effective_to=validity.effective_to,
        level=extract.infer_level([ref.uid for ref in issuers], structure.title, vocab),
        script=clean.script,
        addressees=structure.addressees,
        citations=extract.find_citations(clauses, vocab, own_doc_number=doc_number, own_title=structure.title),
        programs=programs,
        focus_areas=[area.model_copy(update={"known": area.uid in vocab.focus_areas.by_uid})
                     for area in findings.first_focus_areas()],
        industries=findings.first_refs("Industry"),
        instruments=findings.first_refs("Instrument"),
        themes=findings.first_refs("Theme"),
        rules=_with_deadline_rules(rules, deadlines),
        targets=extract.find_targets(clauses, vocab, title=structure.title),
        regions=extract.find_regions(clauses, vocab),
        deadlines=deadlines,
        attachments=structure.attachments,
        clauses=clauses,
        clause_parents=parents,
        mentions=mentions,
        facts=facts,
    )


def _with_deadline_rules(rules: list[Rule], deadlines: list[Deadline]) -> list[Rule]:
    """Deadlines are rules too (DEADLINE), so auditors see them beside the others."""
    stated = {(r.clause_path, r.params.get("date")) for r in rules if r.kind == "DEADLINE"}
    extra = [
        Rule(kind="DEADLINE", params={"date": d.date, "what": d.what}, clause_path=d.clause_path)
        for d in deadlines
        if d.clause_path and (d.clause_path, d.date) not in stated
    ]
    return [*rules, *extra]


def _unique_paths(clauses: list[Clause]) -> list[Clause]:
    # Paths are the clauses' identity in the graph; a repeated one would merge two clauses.
    seen: dict[str, int] = {}
    unique = []
    for clause in clauses:
        count = seen.get(clause.path, 0)
        seen[clause.path] = count + 1
        unique.append(clause if count == 0 else clause.model_copy(update={"path": f"{clause.path} #{count + 1}"}))
    return unique


def parse_file(path: Path, vocabulary: Vocabulary | None = None) -> ParsedDocument:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    return parse_document(data, str(path), vocabulary)
