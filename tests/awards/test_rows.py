"""Validating a chunk of rows: pydantic checks the cells, the resolver names what they refer to."""

from __future__ import annotations

from loaders.awards.resolve import Resolver
from loaders.awards.rows import AwardRow, validate_award_rows
from loaders.vocabulary import load_vocabulary

GOOD = {"project_name": "年产5万套机器人精密减速器项目", "enterprise_name": "示例华泰精密机械有限公司",
        "credit_code": "91370100ma3c5e7k1q", "program": "工业强基", "city": "临沂", "park": "临沂经济技术开发区",
        "focus_area": "机器人精密减速器", "amount_wan": "850.5", "year": "2018年", "batch": "第一批"}


def test_a_chunk_keeps_its_order_and_its_good_rows_when_some_fail() -> None:
    resolver = Resolver(load_vocabulary())
    bad_amount = GOOD | {"amount_wan": "-1"}
    unknown_program = GOOD | {"program": "不存在的专项资金"}
    results = validate_award_rows([GOOD, bad_amount, GOOD | {"year": "2019"}, unknown_program], resolver)
    assert [type(result).__name__ for result in results] == ["AwardRow", "list", "AwardRow", "list"]
    first, _, third, _ = results
    assert isinstance(first, AwardRow) and isinstance(third, AwardRow)
    assert (first.program, first.credit_code, first.amount_wan, first.year) == (
        "prog-industrial-foundation", "91370100MA3C5E7K1Q", 850.5, 2018)
    assert first.park is not None and first.focus_area is not None and first.city.startswith("city-")
    assert third.year == 2019
    assert results[1] == [("amount_wan", "amount -1 is negative")]
    assert isinstance(results[3], list) and [column for column, _ in results[3]] == ["program"]


def test_a_row_with_several_problems_names_each() -> None:
    resolver = Resolver(load_vocabulary())
    row = GOOD | {"credit_code": "91370100MA3C5E7K1I", "amount_wan": "一百万", "program": "不存在的专项资金",
                  "focus_area": "永动机"}
    del row["enterprise_name"]
    [problems] = validate_award_rows([row], resolver)
    assert isinstance(problems, list)
    columns = [column for column, _ in problems]
    assert columns == ["enterprise_name", "credit_code", "amount_wan", "program", "focus_area"]
    reasons = dict(problems)
    assert reasons["enterprise_name"] == "is empty"
    assert "never used in credit codes" in reasons["credit_code"]
    assert "unknown focus area" in reasons["focus_area"]


def test_a_park_is_checked_within_the_row_s_city() -> None:
    resolver = Resolver(load_vocabulary())
    [problems] = validate_award_rows([GOOD | {"city": "济南市"}], resolver)
    assert isinstance(problems, list)
    [(column, reason)] = problems
    assert column == "park" and "lies in" in reason
