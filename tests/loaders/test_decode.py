import codecs

import pytest

from loaders.errors import DocumentError
from loaders.text.decode import decode_bytes

TEXT = "工业和信息化部办公厅关于发布2018年工业转型升级资金工作指南的通知\n一、总体要求"


def test_utf8() -> None:
    assert decode_bytes(TEXT.encode("utf-8"), "a.txt") == TEXT


def test_utf8_with_bom_drops_the_mark() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8"), "a.txt") == TEXT


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(encoding: str) -> None:
    data = TEXT.encode(encoding)
    if encoding != "utf-16":  # plain "utf-16" writes its own BOM
        data = (codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE) + data
    assert decode_bytes(data, "a.txt") == TEXT


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "gb2312"])
def test_chinese_legacy_encodings(encoding: str) -> None:
    assert decode_bytes(TEXT.encode(encoding), "a.txt") == TEXT


def test_traditional_text_in_gb18030() -> None:
    text = "工業和信息化部辦公廳 財政部辦公廳關於開展試點工作的通知"
    assert decode_bytes(text.encode("gb18030"), "t.txt") == text


def test_newlines_are_normalised() -> None:
    assert decode_bytes("一\r\n二\r三\n".encode(), "a.txt") == "一\n二\n三\n"


@pytest.mark.parametrize("data", [b"", b"   \n\r\n  "])
def test_empty_input_names_the_file(data: bytes) -> None:
    with pytest.raises(DocumentError) as raised:
        decode_bytes(data, "empty.txt")
    assert raised.value.source == "empty.txt"
    assert raised.value.reason == "empty file"
    assert "empty.txt" in str(raised.value)


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 8,
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20,
    b"\x00" * 100,
    b"abc" + b"\x00\x01\x02\x03\x04\x05" * 10,
])
def test_binary_input_is_refused(data: bytes) -> None:
    with pytest.raises(DocumentError) as raised:
        decode_bytes(data, "picture.png")
    assert raised.value.source == "picture.png"
    assert raised.value.reason == "binary file, not text"


def test_undecodable_input_is_refused() -> None:
    # Valid-looking bytes that are neither UTF-8 nor GB18030 (0x80 and 0xFF never start a GB18030 character).
    with pytest.raises(DocumentError) as raised:
        decode_bytes("政策".encode() + b"\xff\x80\xff\x80 text", "odd.txt")
    assert raised.value.source == "odd.txt"
    assert "cannot decode" in raised.value.reason


def test_bom_that_lies_is_refused() -> None:
    with pytest.raises(DocumentError, match="cannot decode"):
        decode_bytes(codecs.BOM_UTF8 + "政策".encode("gbk"), "bom.txt")
