"""Programs named in documents."""

from __future__ import annotations

import pytest

from loaders.extract.programs import find_programs
from loaders.extract.scan import document_clauses
from loaders.vocabulary import Vocabulary, load_vocabulary
from tests.loaders.seed_clauses import GUIDE_2016_STRUCTURE, GUIDE_2018, LINYI_STRUCTURE, PILOT_2025_STRUCTURE, clause


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary()


def test_the_five_programs_of_the_2018_guide(vocabulary: Vocabulary) -> None:
    uids = [program.uid for program in find_programs(GUIDE_2018, vocabulary)]
    for uid in ("prog-industrial-foundation-implementation", "prog-green-manufacturing-integration",
                "prog-industrial-internet-innovation", "prog-smart-manufacturing-standardization",
                "prog-first-major-equipment-insurance", "prog-industrial-transformation-fund"):
        assert uid in uids, uid
    assert uids[:4] == ["prog-industrial-foundation-implementation", "prog-green-manufacturing-integration",
                        "prog-industrial-internet-innovation", "prog-smart-manufacturing-standardization"]


def test_a_program_is_reported_once_with_its_first_clause(vocabulary: Vocabulary) -> None:
    programs = find_programs(GUIDE_2018, vocabulary)
    first = next(program for program in programs if program.uid == "prog-industrial-foundation-implementation")
    assert (first.name, first.clause_path) == ("工业强基工程实施方案", "¶1")
    assert len({program.uid for program in programs}) == len(programs)


def test_programs_named_in_the_title(vocabulary: Vocabulary) -> None:
    linyi = find_programs(document_clauses(LINYI_STRUCTURE), vocabulary)
    assert [(program.uid, program.clause_path) for program in linyi] == [
        ("prog-linyi-intelligent-tech-upgrade-fund", "title")]
    pilot = find_programs(document_clauses(PILOT_2025_STRUCTURE), vocabulary)
    assert pilot[0].uid == "prog-manufacturing-tech-upgrade-pilot-cities"
    guide = [program.uid for program in find_programs(document_clauses(GUIDE_2016_STRUCTURE), vocabulary)]
    assert guide[:2] == ["prog-made-in-china-2025", "prog-industrial-foundation"]


def test_program_inside_a_longer_name_and_with_spaces(vocabulary: Vocabulary) -> None:
    clauses = [clause("一、", "推进工业互联网创新发展工程，落实《中国制造 2025》。", heading="工业互联网")]
    assert [program.uid for program in find_programs(clauses, vocabulary)] == [
        "prog-industrial-internet-innovation", "prog-made-in-china-2025"]
