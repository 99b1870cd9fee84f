"""The vocabulary files load, hang together, and match terms the way extraction relies on."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from loaders.matcher import TermMatcher, matching_key
from loaders.vocabulary import DEFAULT_VOCABULARY_DIR, Vocabulary, VocabularyError, load_vocabulary


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary(DEFAULT_VOCABULARY_DIR)


@pytest.fixture
def vocabulary_copy(tmp_path: Path) -> Path:
    directory = tmp_path / "vocabulary"
    shutil.copytree(DEFAULT_VOCABULARY_DIR, directory)
    return directory


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- contents ---------------------------------------------------------------------------


def test_required_programs_are_there_with_levels(vocabulary: Vocabulary) -> None:
    by_name = {program.name: program for program in vocabulary.programs}
    for name in ("工业转型升级资金", "工业强基工程", "绿色制造系统集成", "工业互联网创新发展工程",
                 "智能制造综合标准化与新模式应用", "首台（套）重大技术装备保险补偿", "制造业新型技术改造城市试点",
                 "临沂市市级智能化技术改造专项资金", "中国制造2025", "工业强基工程实施方案"):
        assert name in by_name, name
    assert by_name["中国制造2025"].kind == "strategy"
    assert by_name["临沂市市级智能化技术改造专项资金"].level == "CITY"
    assert by_name["工业转型升级资金"].level == "CENTRAL"


def test_the_2018_programs_are_part_of_the_fund(vocabulary: Vocabulary) -> None:
    fund = "prog-industrial-transformation-fund"
    for uid in ("prog-industrial-foundation-implementation", "prog-green-manufacturing-integration",
                "prog-industrial-internet-innovation", "prog-smart-manufacturing-standardization",
                "prog-first-major-equipment-insurance"):
        assert fund in vocabulary.programs.get(uid).part_of, uid
    assert "prog-industrial-foundation" in vocabulary.programs.get("prog-industrial-foundation-implementation").part_of


def test_program_instruments_come_from_the_instruments_file(vocabulary: Vocabulary) -> None:
    linyi = vocabulary.programs.get("prog-linyi-intelligent-tech-upgrade-fund")
    assert set(linyi.instruments) == {"ins-interest-subsidy", "ins-equity-investment"}


def test_focus_areas_have_pillars_broader_areas_and_supply_links(vocabulary: Vocabulary) -> None:
    pillars = {entry.name for entry in vocabulary.focus_areas if entry.kind == "pillar"}
    assert pillars == {"核心基础零部件（元器件）", "关键基础材料", "先进基础工艺", "产业技术基础"}
    servo = vocabulary.focus_areas.get("fa-servo-drives")
    assert servo.name == "机器人伺服控制器和驱动器"
    assert servo.pillar == "fa-core-components"
    assert servo.broader == ["fa-core-components"]
    assert servo.feeds == ["fa-industrial-robots"]
    assert {"伺服", "伺服驱动", "伺服驱动器", "伺服控制器", "伺服驅動器"} <= set(servo.aliases)
    superalloy = vocabulary.focus_areas.get("fa-aerospace-fastener-superalloys")
    assert {"高温合金", "高溫合金", "superalloy"} <= set(superalloy.aliases)
    # The nine areas of the 2018 guide, and the components and materials of the supply chains around them.
    areas = [entry for entry in vocabulary.focus_areas
             if entry.kind == "area" and entry.uid != "fa-additive-manufacturing"]
    assert {"fa-servo-drives", "fa-5g-core-devices", "fa-cnc-machine-tool-bearings",
            "fa-aerospace-fastener-superalloys", "fa-battery-polymer-films", "fa-offshore-special-welding-materials",
            "fa-degradable-vascular-stent-materials", "fa-large-metal-additive-manufacturing",
            "fa-auto-parts-near-net-forging"} <= {e.uid for e in areas}
    assert all(entry.pillar and entry.feeds and entry.name_en for entry in areas)


def test_agencies_know_their_level_and_the_general_office_is_the_ministry(vocabulary: Vocabulary) -> None:
    hits = vocabulary.agencies.find("工业和信息化部办公厅 财政部办公厅")
    assert [hit.entry.uid for hit in hits] == ["agency-miit", "agency-mof"]
    assert vocabulary.agencies.get("agency-miit-planning").parent == "agency-miit"
    assert vocabulary.agencies.get("agency-linyi-finance").level == "CITY"


def test_regions_know_linyi_in_shandong(vocabulary: Vocabulary) -> None:
    linyi = vocabulary.regions.places["临沂市"]
    assert (linyi.kind, linyi.parent) == ("city", "山东省")
    assert vocabulary.regions.places["山东省"].kind == "province"


# --- matching ---------------------------------------------------------------------------


def test_longest_term_wins(vocabulary: Vocabulary) -> None:
    hits = vocabulary.focus_areas.find("重点支持机器人伺服控制器和驱动器，以及伺服电机和工业机器人")
    assert [hit.entry.uid for hit in hits] == ["fa-servo-drives", "fa-servo-drives", "fa-industrial-robots"]
    assert hits[0].match.text == "机器人伺服控制器和驱动器"


def test_longest_term_wins_across_a_shared_prefix() -> None:
    matcher = TermMatcher({"工业互联网": "theme", "工业互联网创新发展工程": "program", "工业": "word"})
    found = matcher.find("工业互联网创新发展工程和工业互联网平台，工业基础")
    assert [(match.value, match.text) for match in found] == [
        ("program", "工业互联网创新发展工程"), ("theme", "工业互联网"), ("word", "工业")]


def test_a_longer_term_that_does_not_complete_falls_back_to_the_shorter() -> None:
    matcher = TermMatcher({"工业互联网": "theme", "工业互联网创新发展工程": "program"})
    assert [match.value for match in matcher.find("工业互联网创新应用")] == ["theme"]


def test_matching_ignores_spaces_quotes_and_bracket_width() -> None:
    matcher = TermMatcher({"中国制造2025": "mic", "首台（套）重大技术装备": "first", "四基": "four"})
    text = "《中国制造 2025》，首台(套)重大技术装备，「四 基」"
    found = matcher.find(text)
    assert [match.value for match in found] == ["mic", "first", "four"]
    assert [match.text for match in found] == ["中国制造 2025", "首台(套)重大技术装备", "四 基"]
    assert all(text[match.start:match.end] == match.text for match in found)


def test_stop_phrases_hide_terms_inside_them(vocabulary: Vocabulary) -> None:
    hits = vocabulary.industries.find("在中国电子进出口有限公司官网发布；重点在机械、电子等行业")
    assert [hit.entry.uid for hit in hits] == ["ind-machinery", "ind-electronics"]


def test_latin_terms_match_whole_words_only() -> None:
    matcher = TermMatcher({"LPR": "lpr", "5G": "5g"})
    assert [match.value for match in matcher.find("按5年期LPR计算，5G基站")] == ["lpr", "5g"]
    assert matcher.find("LPRS 15G") == []


def test_matching_key_folds_width_and_case() -> None:
    assert matching_key("ＩＰｖ６ 改造") == matching_key("ipv6改造") == "ipv6改造"


def test_matcher_is_fast_on_five_megabytes(vocabulary: Vocabulary) -> None:
    paragraph = ("核心零部件（元器件）重点支持机器人伺服控制器和驱动器、5G通信核心器件、高档数控机床轴承等方面；"
                 "关键基础材料重点支持航空航天标准件高温合金材料。 请各单位严格按照要求时限报送文件材料。\n")
    text = paragraph * (5_000_000 // len(paragraph))
    started = time.perf_counter()
    hits = vocabulary.focus_areas.matcher.find(text)
    elapsed = time.perf_counter() - started
    assert len(hits) == 6 * (5_000_000 // len(paragraph))
    assert elapsed < 10, f"{elapsed:.1f} s for 5 MB"


# --- loading and validation -------------------------------------------------------------


def test_loading_an_unchanged_directory_again_returns_the_cached_vocabulary(vocabulary_copy: Path) -> None:
    first = load_vocabulary(vocabulary_copy)
    assert load_vocabulary(vocabulary_copy) is first
    replace_in(vocabulary_copy / "themes.yaml", "nameEn: Smart manufacturing", "nameEn: Intelligent manufacturing")
    assert load_vocabulary(vocabulary_copy) is not first


def test_duplicate_uid_names_file_and_entry(vocabulary_copy: Path) -> None:
    replace_in(vocabulary_copy / "programs.yaml", "uid: prog-green-manufacturing-integration",
               "uid: prog-industrial-foundation")
    expected = r"programs\.yaml.*'prog-industrial-foundation' \(绿色制造系统集成\).*duplicate uid"
    with pytest.raises(VocabularyError, match=expected):
        load_vocabulary(vocabulary_copy)


def test_unknown_pillar_is_an_error(vocabulary_copy: Path) -> None:
    replace_in(vocabulary_copy / "focus_areas.yaml", "pillar: fa-core-components", "pillar: fa-core-parts")
    expected = r"focus_areas\.yaml.*'fa-servo-drives'.*pillar names unknown entry 'fa-core-parts'"
    with pytest.raises(VocabularyError, match=expected):
        load_vocabulary(vocabulary_copy)


def test_pillar_must_be_a_pillar(vocabulary_copy: Path) -> None:
    replace_in(vocabulary_copy / "focus_areas.yaml", "pillar: fa-core-components", "pillar: fa-industrial-robots")
    with pytest.raises(VocabularyError, match="is of kind sector, not pillar"):
        load_vocabulary(vocabulary_copy)


def test_unknown_broader_is_an_error(vocabulary_copy: Path) -> None:
    replace_in(vocabulary_copy / "focus_areas.yaml", "broader: [fa-domain-cnc-robots]", "broader: [fa-robotics]")
    expected = r"'fa-industrial-robots' \(工业机器人\): broader names unknown entry 'fa-robotics'"
    with pytest.raises(VocabularyError, match=expected):
        load_vocabulary(vocabulary_copy)


def test_unknown_part_of_is_an_error(vocabulary_copy: Path) -> None:
    replace_in(vocabulary_copy / "programs.yaml", "partOf: prog-made-in-china-2025", "partOf: prog-made-in-china")
    expected = r"programs\.yaml.*'prog-industrial-foundation'.*partOf names unknown program"
    with pytest.raises(VocabularyError, match=expected):
        load_vocabulary(vocabulary_copy)


def test_part_of_cycle_is_an_error(vocabulary_copy: Path) -> None:
    replace_in(vocabulary_copy / "programs.yaml", "    kind: strategy\n",
               "    kind: strategy\n    partOf: prog-industrial-foundation\n")
    with pytest.raises(VocabularyError, match="partOf leads back to the entry itself"):
        load_vocabulary(vocabulary_copy)


def test_one_term_naming_two_entries_is_an_error(vocabulary_copy: Path) -> None:
    replace_in(vocabulary_copy / "instruments.yaml", "aliases: [设备投资补助", "aliases: [贴息, 设备投资补助")
    expected = r"instruments\.yaml.*term '贴息' already names entry 'ins-interest-subsidy'"
    with pytest.raises(VocabularyError, match=expected):
        load_vocabulary(vocabulary_copy)


def test_schema_errors_name_the_entry(vocabulary_copy: Path) -> None:
    replace_in(vocabulary_copy / "agencies.yaml", "    level: CENTRAL\n    aliases: [国务院办公厅",
               "    level: NATIONAL\n    aliases: [国务院办公厅")
    with pytest.raises(VocabularyError, match=r"agencies\.yaml.*entries entry 1 \(agency-state-council\)\.level"):
        load_vocabulary(vocabulary_copy)


def test_bad_pattern_is_an_error_naming_the_kind(vocabulary_copy: Path) -> None:
    replace_in(vocabulary_copy / "rule_kinds.yaml", "      - '专款专用'", "      - '专款(专用'")
    with pytest.raises(VocabularyError, match=r"rule_kinds\.yaml.*kind DEDICATED_USE trigger 1: bad pattern"):
        load_vocabulary(vocabulary_copy)


def test_unknown_macro_is_an_error(vocabulary_copy: Path) -> None:
    replace_in(vocabulary_copy / "rule_kinds.yaml", "(?P<years>{int})\\s*年(?:内", "(?P<years>{integer})\\s*年(?:内")
    with pytest.raises(VocabularyError, match=r"kind EQUITY_EXIT trigger 1: unknown macro \{integer\}"):
        load_vocabulary(vocabulary_copy)


def test_missing_file_is_an_error(vocabulary_copy: Path) -> None:
    (vocabulary_copy / "regions.yaml").unlink()
    with pytest.raises(VocabularyError, match=r"regions\.yaml: vocabulary file is missing"):
        load_vocabulary(vocabulary_copy)


def test_a_focus_area_has_one_broader_area(vocabulary_copy: Path) -> None:
    replace_in(vocabulary_copy / "focus_areas.yaml", "broader: [fa-domain-cnc-robots]",
               "broader: [fa-domain-cnc-robots, fa-domain-aerospace]")
    with pytest.raises(VocabularyError, match=r"'fa-industrial-robots'.*a focus area has one broader area"):
        load_vocabulary(vocabulary_copy)


def test_broader_areas_lead_to_the_pillar(vocabulary_copy: Path) -> None:
    servo_links = "    broader: [fa-core-components]\n    feeds: [fa-industrial-robots]"
    moved = servo_links.replace("fa-core-components", "fa-key-materials")
    replace_in(vocabulary_copy / "focus_areas.yaml", servo_links, moved)
    with pytest.raises(VocabularyError, match=r"'fa-servo-drives'.*lead to 'fa-key-materials', not to its pillar"):
        load_vocabulary(vocabulary_copy)
