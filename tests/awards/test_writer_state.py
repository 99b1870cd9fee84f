"""What the writer remembers of each enterprise and project while a list loads."""

from __future__ import annotations

import gc

import pytest

from loaders.awards.collector import LOADING_THRESHOLDS, loading_collector
from loaders.awards.prepare import PreparedAward
from loaders.awards.writer import EnterpriseState, KnownTargets, area_year, enterprise_records


def _award(name: str = "华泰精密机械有限公司", project: str = "prj-1", area: str | None = "fa-servo",
           year: int = 2019, city: str = "city-linyi", park: str | None = None) -> PreparedAward:
    return PreparedAward(
        row=2, enterprise_uid="ent-1", enterprise_name=name, enterprise_key="华泰精密机械", credit_code=None,
        city_uid=city, province_uid="prov-sd", park_uid=park, project_uid=project, project_name="伺服电机",
        project_key=f"key-{project}", award_uid="awd-1", program_uid="prg-1", level="central", amount_wan=100.0,
        year=year, batch=None, source="list", focus_area_uid=area)


def test_names_beyond_the_first_are_aliases() -> None:
    state = EnterpriseState(False, _award())
    listed = ("华泰精密机械有限公司", "华泰精密机械股份有限公司", "临沂华泰精密机械有限公司",
              "华泰精密机械股份有限公司")
    for name in listed:
        state.note(_award(name=name))
    assert state.first_name == "华泰精密机械有限公司"
    assert state.aliases() == ["临沂华泰精密机械有限公司", "华泰精密机械股份有限公司"]
    assert state.names() == sorted({"华泰精密机械有限公司", "华泰精密机械股份有限公司", "临沂华泰精密机械有限公司"})
    assert list(enterprise_records({"ent-1": state})) == [("ent-1", "city-linyi", "华泰精密机械", None)]


def test_one_name_has_no_aliases() -> None:
    state = EnterpriseState(False, _award())
    state.note(_award())
    assert state.aliases() == []
    assert state.names() == ["华泰精密机械有限公司"]


def test_a_focus_area_is_shared_by_two_projects_not_by_two_awards_of_one() -> None:
    state = EnterpriseState(False, _award())
    state.note(_award(project="prj-1", year=2019))
    state.note(_award(project="prj-1", year=2020))
    state.note(_award(project="prj-2", area="fa-5g"))
    state.note(_award(project="prj-3", area=None))
    assert not state.shares_focus_area
    state.note(_award(project="prj-4", area="fa-5g"))
    assert state.shares_focus_area


def test_work_lists_project_keys_and_area_years() -> None:
    state = EnterpriseState(False, _award())
    state.note(_award(project="prj-1", year=2019))
    state.note(_award(project="prj-2", area=None))
    assert set(state.work) == {"key-prj-1", "fa-servo|2019", "key-prj-2"}
    assert area_year("fa-servo", 2019) is area_year("fa-servo", 2019)  # one string per pair


def test_places_are_remembered_once() -> None:
    state = EnterpriseState(False, _award())
    assert state.add_place("city-linyi")
    assert state.add_place("park-linyi")
    assert not state.add_place("city-linyi")
    assert state.places == ["city-linyi", "park-linyi"]


def test_known_targets_tell_new_pairs() -> None:
    targets = KnownTargets()
    assert targets.add("prj-1", "fa-servo")
    assert not targets.add("prj-1", "fa-servo")
    assert targets.add("prj-1", "fa-5g")
    assert not targets.add("prj-1", "fa-5g")
    assert targets.add("prj-2", "fa-5g")


def test_the_collector_is_set_back_after_a_load() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), loading_collector():
        assert gc.get_threshold() == LOADING_THRESHOLDS
        raise RuntimeError("the load failed")
    assert gc.get_threshold() == before
