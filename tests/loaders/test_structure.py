import re

import pytest

from loaders.errors import DocumentError
from loaders.model import DocumentStructure
from loaders.structure import parse_structure
from loaders.text.pipeline import CleanText, clean_document
from loaders.text.script import to_simplified
from tests.loaders import SEED_IDS, markers, parsed_seed
from tests.loaders.test_boilerplate import BOILERPLATE_FRAGMENTS
from tests.loaders.test_linebreaks import KNOWN_BREAKS

PINYIN_READING = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]+[)）]")


def parse_text(text: str, source: str = "synthetic.txt") -> DocumentStructure:
    return parse_structure(clean_document(text.encode("utf-8"), source, markers()), source)


def clause(structure: DocumentStructure, path: str) -> str:
    found = [item for item in structure.clauses if item.path == path]
    assert len(found) == 1, (path, [item.path for item in structure.clauses])
    return found[0].text


# --- every seed --------------------------------------------------------------


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_clauses_are_complete_and_aligned(seed_id: str) -> None:
    structure = parsed_seed(seed_id)
    paths = [item.path for item in structure.clauses]
    assert len(paths) == len(set(paths)), "clause paths must be unique"
    for item in structure.clauses:
        assert item.text and item.original, item.path
        assert item.text == to_simplified(item.original), item.path
        assert "  " not in item.path and "（" not in item.path and "）" not in item.path


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_no_noise_in_any_clause(seed_id: str) -> None:
    for item in parsed_seed(seed_id).clauses:
        assert not PINYIN_READING.search(item.original), (item.path, item.original)
        for fragment in BOILERPLATE_FRAGMENTS:
            assert fragment not in item.text, (item.path, fragment)


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_broken_sentences_are_whole_in_one_clause(seed_id: str) -> None:
    clauses = parsed_seed(seed_id).clauses
    for whole in KNOWN_BREAKS[seed_id]:
        holders = [item.path for item in clauses if whole in item.text or whole in item.original]
        assert len(holders) == 1, (whole, holders)


# --- 000: 2018 funding guide -------------------------------------------------------


def test_2018_guide_front_matter() -> None:
    guide = parsed_seed("000")
    assert guide.script == "simplified"
    assert guide.title == "工业和信息化部办公厅 财政部办公厅关于发布2018年工业转型升级资金工作指南的通知"
    assert guide.title_original == guide.title
    assert guide.issuing_line == "工业和信息化部办公厅 财政部办公厅"
    assert guide.doc_number_original == "工信厅联规〔2018〕36号"
    assert guide.addressees is not None
    assert guide.addressees.startswith("各省、自治区、直辖市及计划单列市")
    assert guide.addressees.endswith("有关中央企业")


def test_2018_guide_sections() -> None:
    guide = parsed_seed("000")
    paths = [item.path for item in guide.clauses]
    top_level = [path for path in paths if re.fullmatch(r"[一二三四五六七八九十]+、", path)]
    assert top_level == ["一、", "二、", "三、", "四、", "五、"]
    first = next(item for item in guide.clauses if item.path == "二、(一)")
    assert first.heading == "工业强基工程实施方案"
    assert first.kind == "section"
    assert "机器人伺服控制器和驱动器" in first.text
    assert clause(guide, "一、").startswith("全面贯彻党的十九大精神")
    assert "具备独立法人资格" in clause(guide, "三、(一) 1.")
    assert clause(guide, "二、(三) 2.").startswith("智能制造综合标准化与新模式应用。")
    assert clause(guide, "五、(四)") == "请各单位严格按照要求时限报送文件材料，逾期将不予以受理。"
    assert clause(guide, "¶1").startswith("为加快制造强国和网络强国建设")


def test_2018_guide_attachments() -> None:
    guide = parsed_seed("000")
    assert guide.attachments == [
        "2018年工业强基工程实施方案申报要求",
        "2018年绿色制造系统集成工作申报要求",
        "2018年工业互联网创新发展工程及智能制造综合标准化与新模式应用项目申报要求",
    ]
    assert [item.path for item in guide.clauses if item.kind == "attachment"] == ["附件1", "附件2", "附件3"]
    assert guide.signature_issuers == []
    assert guide.signature_date_text is None


# --- 002: 2025 pilot-city notice (traditional) ----------------------------------------


def test_2025_notice_front_matter_and_signature() -> None:
    notice = parsed_seed("002")
    assert notice.script == "traditional"
    assert notice.title == "工业和信息化部办公厅 财政部办公厅关于开展第二批制造业新型技术改造城市试点工作的通知"
    assert notice.title_original == (
        "工業和信息化部辦公廳 財政部辦公廳關于開展第二批制造業新型技術改造城市試點工作的通知")
    assert notice.issuing_line is None
    assert notice.addressees is not None and notice.addressees.startswith("各省、自治区、直辖市工业和信息化主管部门")
    assert notice.signature_issuers == ["工业和信息化部办公厅", "财政部办公厅"]
    assert notice.signature_date_text == "2025年3月25日"
    assert notice.attachments == ["鼓励重点行业", "XX市（区）制造业新型技术改造城市试点实施方案（模板）"]


def test_2025_notice_sections() -> None:
    notice = parsed_seed("002")
    assert clause(notice, "一、(一)").startswith("打造“点”上智能化改造示范项目。")
    assert "3个左右主导行业" in clause(notice, "二、(一)")
    original = next(item for item in notice.clauses if item.path == "三、(二)").original
    assert "2025年4月23日前報送兩部門" in original
    assert next(item for item in notice.clauses if item.path == "一、").heading == "支持内容"


# --- 003: industrial foundation guide (traditional, tables) ---------------------------


def test_foundation_guide_title() -> None:
    guide = parsed_seed("003")
    assert guide.title == "《中国制造2025》五大工程实施指南：工业强基工程（2016-2020年）"
    assert guide.title_original == "《中國製造2025》五大工程實施指南：工業強基工程（2016-2020年）"
    assert guide.addressees is None


def test_foundation_guide_tables_become_rows() -> None:
    guide = parsed_seed("003")
    rows = [item for item in guide.clauses if item.kind == "table_row"]
    assert [item.path for item in rows] == [f"二、(一) 表1 行{n}" for n in range(1, 5)] + [
        f"二、(二) 表1 行{n}" for n in range(1, 5)]
    assert rows[0].text.startswith("问题导向 | 围绕重点工程和重大装备产业链瓶颈")
    assert rows[0].original.startswith("問題導向 | 圍繞")
    assert rows[5].text.startswith("突破关键环节 | 1. 推动80种左右标志性核心基础零部件")
    assert all(item.text.count(" | ") == 1 for item in rows)


def test_foundation_guide_labels_group_their_items() -> None:
    guide = parsed_seed("003")
    label = next(item for item in guide.clauses if item.path == "三、(三) ¶3")
    assert label.heading == "产业质量技术基础服务平台"
    assert label.text.startswith("围绕《中国制造2025》十大重点领域，建设40个公共服务平台")
    assert clause(guide, "三、(三) ¶3 3.") == "研究制定试验检测方法；"
    assert clause(guide, "四、(二) ¶2 1.").startswith("围绕实施方案，突出年度重点")
    assert clause(guide, "五、(五) 1.").endswith("急需的顶尖高技能人才")
    assert clause(guide, "一、¶2").startswith("经过多年发展")


# --- 004: Linyi fund measures ------------------------------------------------------


def test_measures_title_wins_over_issuing_notice() -> None:
    measures = parsed_seed("004")
    assert measures.title == "临沂市市级智能化技术改造专项资金管理暂行办法"
    assert measures.title_original == measures.title
    assert measures.addressees is not None and measures.addressees.startswith("各县（区）财政局")
    assert measures.signature_issuers == ["临沂市财政局办公室"]
    assert measures.signature_date_text == "2020年6月8日印发"
    assert not any("关于印发" in item.text and "的通知" in item.text and len(item.text) < 60
                   for item in measures.clauses)


def test_measures_articles() -> None:
    measures = parsed_seed("004")
    articles = [item.path.split(" ")[-1] for item in measures.clauses if item.kind == "article"]
    numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九",
                "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八"]
    assert articles == [f"第{numeral}条" for numeral in numerals]
    seventh = clause(measures, "第二章 第七条")
    assert "1000万元" in seventh
    assert "500万元" in seventh
    assert "贴息补助（无银行贷款的视同贷款）" in seventh
    chapters = [item for item in measures.clauses if item.path.startswith("第") and " " not in item.path]
    assert [item.heading for item in chapters] == [
        "总则", "专项资金支持重点及扶持方式", "专项资金预算编制", "专项资金预算执行",
        "专项资金绩效评价与监督管理", "附则"]
    assert clause(measures, "第一章 第四条 ¶2").startswith("市财政局负责组织专项资金预算编制")
    assert clause(measures, "第二章 第五条 2.").startswith("推进绿色化改造。")
    assert clause(measures, "¶1").startswith("为规范专项资金管理")


# --- synthetic documents ---------------------------------------------------------------


def test_deeper_numbering_levels() -> None:
    structure = parse_text(
        "关于加强某项工作的意见\n"
        "各市人民政府：\n"
        "一、主要任务\n"
        "（一）推进改造\n"
        "1. 支持企业改造。\n"
        "（1）设备更新，给予补助。\n"
        "①单个项目补助不超过100万元。\n"
        "（2）软件购置。\n"
        "2. 加强服务。\n"
        "二、保障措施\n"
        "加强组织领导。\n"
        "强化资金保障。\n"
        "附件：项目申报表.xlsx\n"
        "某市人民政府 某市财政局\n"
        "二〇二〇年六月八日\n"
    )
    assert structure.title == "关于加强某项工作的意见"
    assert structure.addressees == "各市人民政府"
    assert [item.path for item in structure.clauses] == [
        "一、", "一、(一)", "一、(一) 1.", "一、(一) 1. (1)", "一、(一) 1. (1) ①", "一、(一) 1. (2)", "一、(一) 2.",
        "二、", "二、¶2", "附件"]
    assert clause(structure, "二、") == "加强组织领导。"
    assert clause(structure, "二、¶2") == "强化资金保障。"
    assert structure.attachments == ["项目申报表"]
    assert structure.signature_issuers == ["某市人民政府", "某市财政局"]
    assert structure.signature_date_text == "二〇二〇年六月八日"


def test_issuing_notice_yields_to_the_issued_text() -> None:
    structure = parse_text(
        "某省工业和信息化厅 文件\n"
        "某工信发〔2021〕5号\n"
        "关于印发《某省技术改造资金管理办法》的通知\n"
        "各市工业和信息化局：\n"
        "现将《某省技术改造资金管理办法》印发给你们，请遵照执行。\n"
        "某省技术改造资金管理办法\n"
        "第一条 为规范资金管理，制定本办法。\n"
        "第二条 本办法自发布之日起施行。\n"
    )
    assert structure.title == "某省技术改造资金管理办法"
    assert structure.issuing_line == "某省工业和信息化厅"
    assert structure.doc_number_original == "某工信发〔2021〕5号"
    assert [item.path for item in structure.clauses] == ["¶1", "第一条", "第二条"]


def test_notice_without_the_issued_text_keeps_its_title() -> None:
    structure = parse_text("关于印发《某办法》的通知\n现将《某办法》印发给你们。\n")
    assert structure.title == "关于印发《某办法》的通知"


def test_document_without_units_is_refused() -> None:
    clean = CleanText(script="simplified", lines_original=["某某通知"], lines=["某某通知"])
    with pytest.raises(DocumentError) as raised:
        parse_structure(clean, "title-only.txt")
    assert raised.value.source == "title-only.txt"
