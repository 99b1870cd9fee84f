from pathlib import Path

import pytest
from pydantic import ValidationError

from loaders.text.boilerplate import BoilerplateMarkers, load_boilerplate_markers, strip_boilerplate
from tests.loaders import SEED_IDS, cleaned_seed, markers

# Fragments of page furniture in the seeds, in simplified characters.
BOILERPLATE_FRAGMENTS = ("版权", "免责声明", "相关新闻", "验证码", "昵称", "所有评论", "网友意见", "■", "http",
                         "详情请浏览", "信息公开选项", "此页无正文", "---", "2025-07-01", "李乐成")


def test_markers_load_from_yaml() -> None:
    loaded = markers()
    assert "免责声明" in loaded.line_phrases
    assert "相关新闻" in loaded.trailing_section_headers
    assert all(hasattr(pattern, "search") for pattern in loaded.line_patterns)


def test_invalid_yaml_pattern_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("line_patterns: ['(unclosed']\n", encoding="utf-8")
    with pytest.raises(ValidationError):
        load_boilerplate_markers(path)


def test_related_news_block_and_everything_after_it_goes() -> None:
    lines = ["一、总体要求", "正文。", "相關新聞", "-", "某某新闻标题", "新闻摘要。- 2025-07-01 11:35:19", "- 922",
             "正文样子的一行。"]
    assert strip_boilerplate(lines, markers()) == ["一、总体要求", "正文。"]


@pytest.mark.parametrize("line", [
    "版權與免責聲明:1.凡本網注明的所有作品",
    "昵稱 驗證碼 請輸入正確驗證碼",
    "所有評論僅代表網友意見,與本站立場無關",
    "■ 工業和信息化部早前召開了簽約儀式。",
    "<http://www.example.gov.cn/part/5215621.pdf> ■",
    "https://www.example.gov.cn/a.html",
    "以上僅為《某指南》的部分內容，詳情請瀏覽工業和信息化部網站：",
    "信息公开选项：主动公开",
    "（此页无正文）",
    "---",
    "- 5899",
    "-",
    "- 2025-06-27 11:16:45",
])
def test_boilerplate_lines_go(line: str) -> None:
    assert strip_boilerplate([line], markers()) == []


@pytest.mark.parametrize("line", [
    "加强版权保护，完善知识产权运用机制。",  # one weak phrase alone is policy text
    "第十五条 对骗取、违反规定使用专项资金的，按照有关规定处理。",
    "1. 推进智能化改造。",
    "2025年3月25日",
    "相关新闻发布工作由宣传部门负责。",  # mentions, but is not, a related-news header
    "工業和信息化部辦公廳",
])
def test_policy_lines_stay(line: str) -> None:
    assert strip_boilerplate([line], markers()) == [line]


def test_empty_markers_keep_everything() -> None:
    lines = ["版权所有", "相关新闻"]
    assert strip_boilerplate(lines, BoilerplateMarkers()) == lines


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_no_boilerplate_survives_in_seeds(seed_id: str) -> None:
    for line in cleaned_seed(seed_id).lines:
        for fragment in BOILERPLATE_FRAGMENTS:
            assert fragment not in line, (seed_id, fragment, line)


def test_policy_text_survives_in_seeds() -> None:
    notice = cleaned_seed("002").lines
    assert notice[-1] == "2025年3月25日"
    guide = cleaned_seed("003").lines
    assert guide[-1].startswith("3. 加强监督企业职工培训教育")
    measures = cleaned_seed("004").lines
    assert "临沂市财政局办公室" in measures
