import itertools

import pytest

from loaders.text.linebreaks import rejoin_broken_lines
from tests.loaders import SEED_IDS, cleaned_seed

# Sentences the seed files break across lines, in simplified characters.
KNOWN_BREAKS = {
    "000": ["深入推进供给侧结构性改革", "建设工业互联网网络", "主要内容和产品", "境内注册、具备独立法人资格"],
    "002": [],
    "003": ["已成為製造強國建設的瓶頸", "突破行動，實施重點產品", "《重大技術裝備和產品進口關鍵零部件"],
    "004": ["清洁生产水平为重点", "一次性贴息补助（无银行贷款", "组织项目实施单位",
            "集体研究通过，统筹形成资金安排方案", "等国家有关规定，追究相应责任"],
}


@pytest.mark.parametrize(("lines", "expected"), [
    (["贯彻落实新发展理念，深入推进供给", "", "侧结构性改革，坚持需求牵引。"],
     ["贯彻落实新发展理念，深入推进供给侧结构性改革，坚持需求牵引。"]),
    (["申请单位（含全部成员）应在境内注册、", "具备独立法人资格。"],
     ["申请单位（含全部成员）应在境内注册、具备独立法人资格。"]),
    (["并适时调整《重", "大技术装备清单》。"], ["并适时调整《重大技术装备清单》。"]),
    (["年度预算执行完毕后，市工信局组织项目实", "施单位开展自评。"],
     ["年度预算执行完毕后，市工信局组织项目实施单位开展自评。"]),
    (["按照规定进行处理", "，并纳入负面清单。"], ["按照规定进行处理，并纳入负面清单。"]),
    (["支持企业运用先进节能设备和技术，开展以提升资源利用效率和清洁生产", "", "", "水平为重点的技术改造。"],
     ["支持企业运用先进节能设备和技术，开展以提升资源利用效率和清洁生产水平为重点的技术改造。"]),
    (["工业强基是长期性、战略性、复杂性的系统工程，已成为制造", "强国建设的瓶颈。"],
     ["工业强基是长期性、战略性、复杂性的系统工程，已成为制造强国建设的瓶颈。"]),
    (["推动网络改造，support the IPv6", "upgrade。"], ["推动网络改造，support the IPv6 upgrade。"]),
])
def test_broken_sentences_are_joined(lines: list[str], expected: list[str]) -> None:
    assert rejoin_broken_lines(lines) == expected


@pytest.mark.parametrize("lines", [
    ["一、总体要求", "全面贯彻党的十九大精神。"],
    ["（一）工业强基工程实施方案", "围绕十大领域突破行动关键瓶颈。"],
    ["（三）工业互联网创新发展工程及智能制造综合标准化与新模式应用", "1. 工业互联网创新发展工程。"],
    ["## 第一章 总 则", "第一条 为规范管理，制定本办法。"],
    ["建设产业技术基础公共服务平台", "产业质量技术基础服务平台", "围绕十大重点领域，建设公共服务平台。"],
    ["问题导向\t围绕重点工程", "重点突破\t依托重点工程"],
    ["工业和信息化部办公厅 财政部办公厅关于发布2018年工业转型升级资金工作指南的通知", "各省、自治区：",],
    ["工业和信息化部办公厅 财政部办公厅关于开展第二批制造业新型技术改造城市试点工作的通知",
     "工信厅联规函〔2025〕108号"],
    ["1. 设立卓越工程师引才计划，支持企业引进一批急需的顶尖高技能人才", "2. 完善高技能人才评价体系。"],
    ["通知如下：", "一、支持内容"],
    ["工业和信息化部办公厅", "财政部办公厅", "2025年3月25日"],
    ["专项资金管理的有关事项，现通知如下", "第一条 总体要求。"],
    ["该类企业应具备以下条件：", "掌握本领域的核心技术；"],
    ["五、组织实施、保障措施和工作要求", "为了做好工作。"],
])
def test_headings_and_units_are_not_joined(lines: list[str]) -> None:
    assert rejoin_broken_lines(lines) == lines


def test_blank_lines_between_unjoined_lines_are_kept() -> None:
    assert rejoin_broken_lines(["一、总体要求", "", "正文。"]) == ["一、总体要求", "", "正文。"]


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_no_known_break_survives_in_seeds(seed_id: str) -> None:
    clean = cleaned_seed(seed_id)
    text = "\n".join(clean.lines + clean.lines_original)
    for whole in KNOWN_BREAKS[seed_id]:
        assert whole in text, whole


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_no_seed_line_is_left_unfinished_before_a_continuation(seed_id: str) -> None:
    """Every clean line either ends a sentence or is a heading, label, table row or list entry."""
    lines = cleaned_seed(seed_id).lines
    for line, following in itertools.pairwise(lines):
        assert not line.endswith(("，", "、", "《", "（")), line
        assert not following.startswith(("，", "。", "、", "）", "》")), following
