"""A generated list of 20,000 awards: recall and precision of the audit, scored against the truth file."""

from __future__ import annotations

from collections import Counter

from graph.findings import DEFAULT_MIN_CONFIDENCE
from graph.queries.audit import AuditFilters, funding_overlaps
from graph.store import GraphStore
from loaders.awards.ingest import ListLoadReport
from loaders.synthetic.files import GeneratedSet
from loaders.synthetic.generator import AwardGenerator, GeneratorSettings
from loaders.synthetic.model import ProgramRoles
from loaders.synthetic.truth import score_findings
from loaders.vocabulary import load_vocabulary
from tests.awards.conftest import GENERATED_AWARDS


async def test_recall_is_complete_and_precision_at_least_99_percent(
        generated_store: tuple[GraphStore, ListLoadReport], generated_set: GeneratedSet) -> None:
    store, _ = generated_store
    result = await funding_overlaps(store, AuditFilters(min_confidence=DEFAULT_MIN_CONFIDENCE))
    score = score_findings(generated_set.truth, [
        (frozenset(side.source_row or 0 for side in f.sides), f.kind.value) for f in result.findings])
    assert score.planted >= 100
    assert score.recall == 1.0, score.missed[:5]
    assert score.precision >= 0.99, score.unexpected[:5]
    assert score.wrong_kind == []
    assert score.look_alikes_reported == 0
    kinds = Counter(case.kind for case in generated_set.truth.expected())
    assert set(kinds) == {"TWO_CENTRAL", "CENTRAL_AND_LOCAL", "SAME_ENTERPRISE_FOCUS_AREA"}


async def test_the_corrupted_codes_and_nothing_else_are_rejected(
        generated_store: tuple[GraphStore, ListLoadReport], generated_set: GeneratedSet) -> None:
    _, report = generated_store
    assert report.rows == GENERATED_AWARDS
    assert sorted({problem.row for problem in report.problems}) == sorted(generated_set.truth.rejects)
    assert {problem.column for problem in report.problems} == {"统一社会信用代码"}
    assert report.loaded == GENERATED_AWARDS - len(generated_set.truth.rejects)


async def test_a_province_audit_keeps_to_the_province(generated_store: tuple[GraphStore, ListLoadReport]) -> None:
    store, _ = generated_store
    everywhere = await funding_overlaps(store, AuditFilters())
    shandong = await funding_overlaps(store, AuditFilters(province="山东省"))
    assert 0 < len(shandong.findings) < len(everywhere.findings)
    assert all(f.sides[0].enterprise.province_uid == shandong.findings[0].sides[0].enterprise.province_uid
               for f in shandong.findings)


def test_the_generator_is_deterministic(generated_set: GeneratedSet) -> None:
    vocabulary = load_vocabulary()
    roles = ProgramRoles(governed={"prog-industrial-foundation-implementation": frozenset({"CENTRAL"})},
                         central=("prog-industrial-foundation-implementation", "prog-high-end-equipment-innovation"),
                         pilots=(), local_funds={}, parents={})
    settings = GeneratorSettings(awards=500, seed=7)
    first = list(AwardGenerator(settings, vocabulary, roles).award_rows())
    second = list(AwardGenerator(settings, vocabulary, roles).award_rows())
    assert first == second and len(first) == 500
    assert first != list(AwardGenerator(GeneratorSettings(awards=500, seed=8), vocabulary, roles).award_rows())
