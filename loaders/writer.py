"""Turn a `ParsedDocument` into graph rows and write them through `graph.queries`.

Safe to re-run: every node is keyed by a stable uid and every write is a MERGE,
so loading the same document twice leaves the graph as it was; a changed
document replaces what its earlier version stated.
"""

from __future__ import annotations

import json
from typing import Any

from graph.queries import documents as q
from graph.queries.vocabulary import ensure_vocabulary_nodes, upsert_vocabulary_edges
from graph.store import GraphStore
from graph.text_index import index_text
from loaders.citation_links import PolicyKey, find_policy
from loaders.docnumber import normalize_title
from loaders.identity import REGION_LABELS, region_uid, stable_uid
from loaders.model import ParsedDocument


def _policy_props(doc: ParsedDocument) -> dict[str, Any]:
    return {
        "docNumber": doc.doc_number,
        "docNumberOriginal": doc.doc_number_original,
        "title": doc.title,
        "titleOriginal": doc.title_original,
        "titleKey": normalize_title(doc.title),
        "issuedOn": doc.issued_on,
        "effectiveFrom": doc.effective_from,
        "effectiveTo": doc.effective_to,
        "level": doc.level,
        "script": doc.script,
        "source": doc.source,
        "issuers": doc.issuers,
        "searchText": index_text(doc.title, doc.title_original, doc.doc_number),
    }


def clause_uid(policy_uid: str, path: str) -> str:
    return stable_uid("cl", policy_uid, path)


async def write_document(store: GraphStore, doc: ParsedDocument) -> str:
    """Write `doc`; returns the policy uid it was stored under (a cited stub's uid if one existed)."""
    known = [PolicyKey(str(r["uid"]), r["docNumber"], r["titleKey"]) for r in await q.policy_keys(store)]
    title_key = normalize_title(doc.title)
    policy_uid = find_policy(doc.doc_number, title_key, known) or doc.uid
    await q.upsert_policy(store, policy_uid, _policy_props(doc))

    clause_uids = {c.path: clause_uid(policy_uid, c.path) for c in doc.clauses}
    await q.replace_clauses(
        store,
        policy_uid,
        [{"uid": clause_uids[c.path], "policyUid": policy_uid,
          "props": {"path": c.path, "ordinal": i, "heading": c.heading, "text": c.text, "original": c.original,
                    "kind": c.kind, "searchText": index_text(c.heading, c.text)}}
         for i, c in enumerate(doc.clauses)],
        [{"child": clause_uids[child], "parent": clause_uids[parent]} for child, parent in doc.clause_parents.items()
         if child in clause_uids and parent in clause_uids],
    )
    await _write_places_and_new_areas(store, doc)

    title_clause = clause_uids.get("title") or next(iter(clause_uids.values()))
    facts: list[q.Fact] = []
    rule_rows, target_rows = [], []
    for rule in doc.rules:
        uid = stable_uid("rule", policy_uid, rule.kind, rule.clause_path, json.dumps(rule.params, sort_keys=True))
        where = clause_uids.get(rule.clause_path, title_clause)
        amount = rule.params.get("amountWan")
        rule_rows.append({"uid": uid, "policyUid": policy_uid, "props": {
            "kind": rule.kind, "paramsJson": json.dumps(rule.params, ensure_ascii=False, sort_keys=True),
            "amountWan": amount if isinstance(amount, int | float) else None, "clauseUid": where,
            "clausePath": rule.clause_path, "forbidsStackingWith": rule.forbids_stacking_with or None}})
        facts.extend(q.Fact(q.relation("Program", "HAS_RULE", "Rule"), program, uid, where)
                     for program in rule.program_uids)
    for target in doc.targets:
        uid = stable_uid("tgt", policy_uid, target.metric, target.clause_path or "", str(target.value))
        target_rows.append({"uid": uid, "policyUid": policy_uid, "props": {
            "metric": target.metric, "value": target.value, "unit": target.unit, "year": target.year,
            "approximate": target.approximate, "clauseUid": clause_uids.get(target.clause_path or "", title_clause)}})
    await q.replace_rules_and_targets(store, policy_uid, rule_rows, target_rows)

    for fact in doc.facts:
        source = policy_uid if fact.source_label == "Policy" else fact.source
        facts.append(q.Fact(q.relation(fact.source_label, fact.rel_type, fact.target_label), source, fact.target,
                            clause_uids.get(fact.clause_path, title_clause)))
    facts.extend(q.Fact(q.relation("Clause", "MENTIONS", m.label), clause_uids[m.clause_path], m.uid,
                        clause_uids[m.clause_path]) for m in doc.mentions if m.clause_path in clause_uids)
    facts.extend(q.Fact(q.relation("Policy", "ISSUED_BY", "Agency"), policy_uid, ref.uid, title_clause)
                 for ref in doc.issuer_refs)
    facts.extend(await _citation_facts(store, doc, policy_uid, known, clause_uids, title_clause))
    facts.extend(_applies_in(doc, policy_uid, title_clause))

    program_sources = sorted({f.source for f in facts if f.relation.source_label == "Program"})
    clause_sources = sorted(clause_uids.values())
    sources = {rel: ([policy_uid] if rel.source_label == "Policy" else
                     clause_sources if rel.source_label == "Clause" else program_sources)
               for rel in q.FACT_RELATIONS}
    await q.replace_facts(store, policy_uid, facts, sources)
    return policy_uid


async def _citation_facts(store: GraphStore, doc: ParsedDocument, policy_uid: str, known: list[PolicyKey],
                          clause_uids: dict[str, str], fallback_clause: str) -> list[q.Fact]:
    facts, stubs = [], []
    for citation in doc.citations:
        title_key = normalize_title(citation.title) if citation.title else None
        cited = find_policy(citation.doc_number, title_key, known)
        if cited is None:
            cited = stable_uid("pol", citation.doc_number or title_key or "")
            stubs.append({"uid": cited, "props": {
                "docNumber": citation.doc_number, "docNumberOriginal": citation.doc_number_original,
                "title": citation.title, "titleKey": title_key,
                "searchText": index_text(citation.title, citation.doc_number)}})
            known.append(PolicyKey(cited, citation.doc_number, title_key))
        if cited != policy_uid:
            where = clause_uids.get(citation.clause_path or "", fallback_clause)
            facts.append(q.Fact(q.relation("Policy", "CITES", "Policy"), policy_uid, cited, where))
    await q.upsert_policy_stubs(store, stubs)
    return facts


def _applies_in(doc: ParsedDocument, policy_uid: str, title_clause: str) -> list[q.Fact]:
    wanted = {"CITY": "city", "PROVINCIAL": "province"}.get(doc.level)
    return [q.Fact(q.relation("Policy", "APPLIES_IN", REGION_LABELS[r.kind]), policy_uid,
                   region_uid(r.kind, r.name), title_clause)
            for r in doc.regions if r.kind == wanted]


async def _write_places_and_new_areas(store: GraphStore, doc: ParsedDocument) -> None:
    """Places, focus areas and issuers the document names but the vocabulary may not hold."""
    by_label: dict[str, list[dict[str, Any]]] = {}
    parent_kinds = {"city": "province", "district": "city", "park": "city"}
    edges: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    for region in doc.regions:
        label = REGION_LABELS[region.kind]
        uid = region_uid(region.kind, region.name)
        by_label.setdefault(label, []).append(
            {"uid": uid, "props": {"name": region.name, "kind": region.kind, "searchText": index_text(region.name)}})
        if region.parent and region.kind in parent_kinds:
            parent_kind = parent_kinds[region.kind]
            edge = (label, "IN", REGION_LABELS[parent_kind])
            edges.setdefault(edge, []).append({"source": uid, "target": region_uid(parent_kind, region.parent)})
    for area in doc.focus_areas:
        if not area.known:
            by_label.setdefault("FocusArea", []).append({"uid": area.uid, "props": {
                "name": area.name, "pillar": area.pillar, "kind": "area", "isPillar": False,
                "searchText": index_text(area.name)}})
            if area.pillar:
                edges.setdefault(("FocusArea", "BROADER", "FocusArea"), []).append(
                    {"source": area.uid, "target": area.pillar})
    by_label["Agency"] = [{"uid": ref.uid, "props": {"name": ref.name, "searchText": index_text(ref.name)}}
                          for ref in doc.issuer_refs]
    for label, rows in by_label.items():
        await ensure_vocabulary_nodes(store, label, rows)
    for edge, rows in edges.items():
        await upsert_vocabulary_edges(store, edge, rows)
