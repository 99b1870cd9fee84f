"""Issuing agencies and the level of a document."""

from __future__ import annotations

import pytest

from loaders.extract.issuers import find_issuers
from loaders.extract.level import infer_level
from loaders.model import DocumentStructure
from loaders.vocabulary import Vocabulary, load_vocabulary
from tests.loaders.seed_clauses import (
    GUIDE_2016_STRUCTURE,
    GUIDE_2018_STRUCTURE,
    LINYI,
    LINYI_STRUCTURE,
    PILOT_2025_STRUCTURE,
    clause,
)


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary()


def test_issuers_from_the_issuing_line(vocabulary: Vocabulary) -> None:
    issuers = find_issuers(GUIDE_2018_STRUCTURE, vocabulary)
    assert [(issuer.uid, issuer.name) for issuer in issuers] == [
        ("agency-miit", "工业和信息化部"), ("agency-mof", "财政部")]


def test_issuers_from_the_signature(vocabulary: Vocabulary) -> None:
    assert [issuer.uid for issuer in find_issuers(PILOT_2025_STRUCTURE, vocabulary)] == ["agency-miit", "agency-mof"]


def test_local_issuer_from_the_signature(vocabulary: Vocabulary) -> None:
    assert [issuer.uid for issuer in find_issuers(LINYI_STRUCTURE, vocabulary)] == ["agency-linyi-finance"]


def test_issuers_from_the_title(vocabulary: Vocabulary) -> None:
    structure = GUIDE_2018_STRUCTURE.model_copy(update={"issuing_line": None})
    assert [issuer.uid for issuer in find_issuers(structure, vocabulary)] == ["agency-miit", "agency-mof"]


def test_issuers_named_in_the_preamble(vocabulary: Vocabulary) -> None:
    assert [issuer.uid for issuer in find_issuers(GUIDE_2016_STRUCTURE, vocabulary)] == [
        "agency-miit", "agency-ndrc", "agency-most", "agency-mof"]


def test_issuer_from_a_signature_line_left_in_the_body(vocabulary: Vocabulary) -> None:
    structure = LINYI_STRUCTURE.model_copy(update={"signature_issuers": []})
    structure.clauses.insert(1, clause("¶1a", "临沂市财政局办公室 2020年6月8日印发"))
    assert [issuer.uid for issuer in find_issuers(structure, vocabulary)] == ["agency-linyi-finance"]


def test_an_agency_the_vocabulary_does_not_know(vocabulary: Vocabulary) -> None:
    structure = DocumentStructure(source="x", script="simplified", title="关于做好2024年技术改造项目申报工作的通知",
                                  signature_issuers=["淄博市工业和信息化局", "淄博市财政局"], clauses=LINYI[:1])
    issuers = find_issuers(structure, vocabulary)
    assert [issuer.name for issuer in issuers] == ["淄博市工业和信息化局", "淄博市财政局"]
    assert all(issuer.uid.startswith("agency-") for issuer in issuers)
    assert infer_level([issuer.name for issuer in issuers], structure.title, vocabulary) == "CITY"


@pytest.mark.parametrize(("issuers", "title", "level"), [
    (["agency-miit", "agency-mof"], "关于发布2018年工业转型升级资金工作指南的通知", "CENTRAL"),
    (["工业和信息化部办公厅"], None, "CENTRAL"),
    (["agency-linyi-finance"], None, "CITY"),
    (["山东省工业和信息化厅"], None, "PROVINCIAL"),
    (["江苏省财政厅"], None, "PROVINCIAL"),
    ([], "关于印发《临沂市市级智能化技术改造专项资金管理暂行办法》的通知", "CITY"),
    ([], "省级工业转型升级专项资金管理办法", "PROVINCIAL"),
    ([], "济南市工业企业技术改造奖励办法", "CITY"),
    ([], "《中国制造2025》五大工程实施指南：工业强基工程（2016-2020年）", "CENTRAL"),
])
def test_level(vocabulary: Vocabulary, issuers: list[str], title: str | None, level: str) -> None:
    assert infer_level(issuers, title, vocabulary) == level
