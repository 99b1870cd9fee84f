from loaders.text.script import detect_script, to_simplified
from tests.loaders import cleaned_seed


def test_to_simplified() -> None:
    assert to_simplified("工業和信息化部辦公廳") == "工业和信息化部办公厅"
    assert to_simplified("製造強國") == "制造强国"
    assert to_simplified("工信廳聯規函〔2025〕108號") == "工信厅联规函〔2025〕108号"


def test_simplified_passes_through() -> None:
    text = "临沂市市级智能化技术改造专项资金管理暂行办法"
    assert to_simplified(text) == text


def test_detect_script() -> None:
    assert detect_script("工業和信息化部辦公廳關於開展試點工作的通知") == "traditional"
    assert detect_script("工业和信息化部办公厅关于开展试点工作的通知") == "simplified"
    assert detect_script("") == "simplified"
    assert detect_script("IPv6 2018") == "simplified"


def test_seed_scripts() -> None:
    assert cleaned_seed("000").script == "simplified"
    assert cleaned_seed("002").script == "traditional"
    assert cleaned_seed("003").script == "traditional"
    assert cleaned_seed("004").script == "simplified"


def test_simplified_copy_is_aligned() -> None:
    for seed_id in ("002", "003"):
        clean = cleaned_seed(seed_id)
        assert len(clean.lines) == len(clean.lines_original)
        for simplified, original in zip(clean.lines, clean.lines_original, strict=True):
            assert simplified == to_simplified(original)
