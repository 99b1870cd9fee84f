"""Enterprise resolution: codes decide, names are normalised within a city, guesses stay candidate links."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.awards import enterprises
from loaders.awards.enterprises import (
    NEAR_NAME_MIN_LENGTH,
    NEAR_NAME_SCORE,
    SAME_NAME_SCORE,
    EnterpriseRecord,
    EnterpriseRecords,
    candidate_links,
    enterprise_uid,
    find_candidate_links,
)
from loaders.awards.names import NameKeys
from loaders.vocabulary import load_vocabulary


@pytest.fixture(scope="module")
def keys() -> NameKeys:
    return NameKeys.from_vocabulary(load_vocabulary())


@pytest.mark.parametrize("name", [
    "示例华泰精密机械有限公司", "示例华泰精密机械股份有限公司", "示例华泰精密机械有限责任公司", "示例华泰精密机械集团",
    "示例华泰精密机械（临沂）有限公司", "示例华泰精密机械(临沂)有限公司", "临沂示例华泰精密机械有限公司",
    "临沂市示例华泰精密机械集团有限公司", "山东省临沂市兰山区示例华泰精密机械有限公司", "山东示例华泰精密机械有限公司",
    "示例华泰 精密机械有限公司", "示例华泰精密机械（集团）股份有限公司",
])
def test_company_forms_brackets_and_places_do_not_change_the_key(keys: NameKeys, name: str) -> None:
    assert keys.enterprise_key(name) == "示例华泰精密机械"


def test_what_tells_enterprises_apart_stays_in_the_key(keys: NameKeys) -> None:
    assert keys.enterprise_key("示例华泰精密机械有限公司") != keys.enterprise_key("示例华泰精密电子有限公司")
    assert keys.enterprise_key("示例华泰（精密）机械有限公司") == "示例华泰精密机械"  # not a place: kept
    assert keys.enterprise_key("山东有限公司") == "山东"  # a name that is only a place keeps it


@pytest.mark.parametrize("name", ["年产10万套伺服电机项目（一期）", "年产１０万套伺服电机(一期)",
                                  "年产10万套伺服电机（一期）"])
def test_project_keys_ignore_width_brackets_and_the_word_project(keys: NameKeys, name: str) -> None:
    assert keys.project_key(name) == "年产10万套伺服电机一期"


def test_a_project_phase_tells_projects_apart(keys: NameKeys) -> None:
    assert keys.project_key("伺服电机项目（一期）") != keys.project_key("伺服电机项目（二期）")


def test_the_credit_code_decides_identity() -> None:
    assert enterprise_uid("91370100MA3C5E7K1Q", "city-a", "甲") == enterprise_uid("91370100MA3C5E7K1Q", "city-b", "乙")
    assert enterprise_uid("91370100MA3C5E7K1Q", "city-a", "甲") != enterprise_uid("91370600MA3D2F8H42", "city-a", "甲")
    assert enterprise_uid(None, "city-a", "甲") == enterprise_uid(None, "city-a", "甲")
    assert enterprise_uid(None, "city-a", "甲") != enterprise_uid(None, "city-b", "甲")


CITY = {"city-a": "临沂市", "city-b": "济南市"}


def test_a_nameless_record_is_linked_to_the_coded_enterprise_of_its_name_not_merged() -> None:
    coded = EnterpriseRecord("ent-1", "city-a", "示例华泰精密机械", "91370100MA3C5E7K1Q")
    uncoded = EnterpriseRecord("ent-2", "city-a", "示例华泰精密机械", None)
    [link] = candidate_links([coded, uncoded], CITY)
    assert (link.source, link.target, link.score) == ("ent-1", "ent-2", SAME_NAME_SCORE)
    assert "one record has no credit code" in link.reasons


def test_two_codes_are_two_enterprises_whatever_their_names() -> None:
    first = EnterpriseRecord("ent-1", "city-a", "示例齐鲁轴承制造", "91370600MA3H1K6M8N")
    second = EnterpriseRecord("ent-2", "city-a", "示例齐鲁轴承制造", "91370600MA3J3L7N5D")
    near = EnterpriseRecord("ent-3", "city-a", "示例齐鲁轴承制遭", "91370600MA3Q6T1W6N")
    assert candidate_links([first, second, near], CITY) == []


def test_a_name_shared_by_two_coded_enterprises_splits_the_score() -> None:
    records = [EnterpriseRecord("ent-1", "city-a", "示例齐鲁轴承制造", "91370600MA3H1K6M8N"),
               EnterpriseRecord("ent-2", "city-a", "示例齐鲁轴承制造", "91370600MA3J3L7N5D"),
               EnterpriseRecord("ent-3", "city-a", "示例齐鲁轴承制造", None)]
    links = candidate_links(records, CITY)
    assert [(link.source, link.target, link.score) for link in links] == [
        ("ent-1", "ent-3", SAME_NAME_SCORE / 2), ("ent-2", "ent-3", SAME_NAME_SCORE / 2)]


def test_names_one_character_apart_are_a_weaker_candidate() -> None:
    records = [EnterpriseRecord("ent-1", "city-a", "示例华泰精密机械", "91370100MA3C5E7K1Q"),
               EnterpriseRecord("ent-2", "city-a", "示例华泰精蜜机械", None),
               EnterpriseRecord("ent-3", "city-a", "示例华泰精密机械厂", None)]
    links = {(link.source, link.target): link for link in candidate_links(records, CITY)}
    assert links[("ent-1", "ent-2")].score == NEAR_NAME_SCORE
    assert links[("ent-1", "ent-3")].score == NEAR_NAME_SCORE
    assert "names differ in one character" in links[("ent-1", "ent-2")].reasons[0]


def test_names_are_only_compared_within_a_city() -> None:
    records = [EnterpriseRecord("ent-1", "city-a", "示例华泰精密机械", "91370100MA3C5E7K1Q"),
               EnterpriseRecord("ent-2", "city-b", "示例华泰精密机械", None)]
    assert candidate_links(records, CITY) == []


async def test_candidates_found_in_another_process_are_the_ones_found_here(monkeypatch: pytest.MonkeyPatch) -> None:
    records = [EnterpriseRecord("ent-1", "city-a", "示例华泰精密机械", "91370100MA3C5E7K1Q"),
               EnterpriseRecord("ent-2", "city-a", "示例华泰精蜜机械", None),
               EnterpriseRecord("ent-3", "city-a", "示例华泰精密机械", None),
               EnterpriseRecord("ent-4", "city-b", "示例华泰精密机械", None)]
    here = candidate_links(records, CITY)
    assert len(here) == 3
    monkeypatch.setattr(enterprises, "SEPARATE_PROCESS_RECORDS", 1)
    assert await find_candidate_links(records, CITY) == here


def _less_one(key: str) -> set[str]:
    return {key[:index] + key[index + 1:] for index in range(len(key))}


def _one_character_apart(first: str, second: str) -> bool:
    """The rule as the module states it, pair by pair: one key is the other less a character,
    or both are the same key less a character."""
    return first != second and (first in _less_one(second) or second in _less_one(first)
                                or bool(_less_one(first) & _less_one(second)))


@st.composite
def _edited(draw: st.DrawFn, base: str) -> str:
    """The base key, or it with a character dropped, changed or added, or two of those."""
    key = base
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(key)))
        change = draw(st.sampled_from(["drop", "change", "add"]))
        char = draw(st.sampled_from("华泰精密机械"))
        if change == "add" or at == len(key):
            key = key[:at] + char + key[at:]
        else:
            key = key[:at] + ("" if change == "drop" else char) + key[at + 1:]
    return key


_RECORDS = st.text("华泰精密机械", min_size=4, max_size=7).flatmap(lambda base: st.lists(
    st.tuples(_edited(base), st.sampled_from(["city-a", "city-b"]), st.booleans()), max_size=25))


@settings(max_examples=400, deadline=None)
@given(_RECORDS)
def test_near_names_are_every_pair_one_character_apart_and_no_other(rows: list[tuple[str, str, bool]]) -> None:
    records = [EnterpriseRecord(f"ent-{index:03}", city, key, f"code-{index}" if coded else None)
               for index, (key, city, coded) in enumerate(rows)]
    expected = {(a.uid, b.uid) for a in records for b in records
                if a.uid < b.uid and a.city_uid == b.city_uid and not (a.credit_code and b.credit_code)
                and min(len(a.name_key), len(b.name_key)) >= NEAR_NAME_MIN_LENGTH
                and _one_character_apart(a.name_key, b.name_key)}
    found = {(link.source, link.target) for link in candidate_links(records, CITY) if link.score == NEAR_NAME_SCORE}
    assert found == expected


@pytest.mark.parametrize("records", [
    [],
    [EnterpriseRecord("ent-1", "city-a", "示例华泰精密机械", None)],
    [EnterpriseRecord("ent-1", "city-a", "示例华泰精密机械", "91370100MA3C5E7K1Q"),
     EnterpriseRecord("ent-2", "city-b", "", None)],
    [EnterpriseRecord("ent-1", "city-a", "key\x1fwith the separator", None),  # crosses as plain lists
     EnterpriseRecord("ent-2", "city-a", "示例华泰精密机械", "91370100MA3C5E7K1Q")],
])
def test_records_cross_to_another_process_unchanged(records: list[EnterpriseRecord]) -> None:
    columns = EnterpriseRecords.of(records)
    assert list(pickle.loads(pickle.dumps(columns))) == records
    assert len(columns) == len(records)
