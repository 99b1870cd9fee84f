"""Issue dates, validity and deadlines."""

from __future__ import annotations

import pytest

from loaders.extract.dates import find_dates, find_deadlines, find_issued_date, find_validity
from loaders.model import Deadline
from loaders.vocabulary import Vocabulary, load_vocabulary
from tests.loaders.seed_clauses import GUIDE_2018, LINYI, PILOT_2025, clause


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary()


def test_find_dates_in_running_text() -> None:
    mentions = find_dates("本办法自2020年7月1日起施行，有效期至2022年6月30日。")
    assert [mention.iso for mention in mentions] == ["2020-07-01", "2022-06-30"]
    assert mentions[0].text == "2020年7月1日"


def test_issued_date_from_the_signature() -> None:
    assert find_issued_date("2025年3月25日") == "2025-03-25"
    assert find_issued_date("2020年6月8日印发") == "2020-06-08"


def test_issued_date_from_a_date_clause_when_there_is_no_signature() -> None:
    assert find_issued_date(None, LINYI) == "2020-06-08"
    assert find_issued_date(None, [clause("¶9", "2019年12月3日印发")]) == "2019-12-03"


def test_no_issued_date_when_the_document_gives_none() -> None:
    assert find_issued_date(None, GUIDE_2018) is None


def test_validity_of_the_linyi_rules(vocabulary: Vocabulary) -> None:
    validity = find_validity(LINYI, vocabulary)
    assert (validity.effective_from, validity.effective_to) == ("2020-07-01", "2022-06-30")
    assert validity.clause_path == "第六章 第十八条"


def test_validity_counted_in_years_from_issue(vocabulary: Vocabulary) -> None:
    clauses = [clause("第二十条", "本办法自印发之日起施行，有效期3年。")]
    validity = find_validity(clauses, vocabulary, issued_on="2021-03-01")
    assert (validity.effective_from, validity.effective_to) == ("2021-03-01", "2024-02-29")


def test_no_validity_in_a_notice(vocabulary: Vocabulary) -> None:
    assert find_validity(GUIDE_2018, vocabulary).effective_from is None


def test_deadlines_of_the_2018_guide_and_the_2025_notice(vocabulary: Vocabulary) -> None:
    assert find_deadlines(GUIDE_2018, vocabulary) == [
        Deadline(date="2018-06-04", what="联合向工业和信息化部、财政部报送推荐文件", clause_path="四、(一)")]
    assert find_deadlines(PILOT_2025, vocabulary) == [
        Deadline(date="2025-04-23", what="报送两部门", clause_path="三、(二)")]


def test_deadline_in_other_words(vocabulary: Vocabulary) -> None:
    clauses = [clause("五、", "请各地于2023年9月15日之前将申报材料报送省工业和信息化厅。申报截止时间为2023年9月30日。")]
    deadlines = find_deadlines(clauses, vocabulary)
    assert [(deadline.date, deadline.what) for deadline in deadlines] == [
        ("2023-09-15", "将申报材料报送省工业和信息化厅"), ("2023-09-30", None)]


def test_no_deadline_without_a_date(vocabulary: Vocabulary) -> None:
    clauses = [clause("五、(四)", "请各单位严格按照要求时限报送文件材料，逾期将不予以受理。")]
    assert find_deadlines(clauses, vocabulary) == []
