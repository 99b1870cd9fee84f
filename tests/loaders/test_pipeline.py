import time

import pytest

from loaders.errors import DocumentError
from loaders.text.pipeline import clean_document
from tests.loaders import SEED_DOCUMENTS, markers


def test_traditional_document_keeps_both_scripts() -> None:
    data = "工業(yè)和信息化部辦公廳關于開展試點工作的通知\n一、支持內(nèi)容\n".encode("gb18030")
    clean = clean_document(data, "t.txt", markers())
    assert clean.script == "traditional"
    assert clean.lines_original == ["工業和信息化部辦公廳關于開展試點工作的通知", "一、支持內容"]
    assert clean.lines == ["工业和信息化部办公厅关于开展试点工作的通知", "一、支持内容"]


def test_only_boilerplate_is_refused() -> None:
    with pytest.raises(DocumentError) as raised:
        clean_document("版权所有 免责声明\n相关新闻\n某新闻\n".encode(), "page.html", markers())
    assert raised.value.source == "page.html"


def test_large_document_cleans_in_bounded_time() -> None:
    seed = b"\n".join(path.read_bytes() for path in sorted(SEED_DOCUMENTS.glob("*.txt")))
    # Repeat the seed bodies without their trailing related-news blocks up to about 5 MB.
    body = seed.replace("相關新聞".encode(), "相關工作".encode())
    data = body * (5_000_000 // len(body) + 1)
    started = time.perf_counter()
    clean = clean_document(data, "large.txt", markers())
    elapsed = time.perf_counter() - started
    assert len(data) >= 5_000_000
    assert len(clean.lines) > 10_000
    assert elapsed < 30, f"cleaning 5 MB took {elapsed:.1f} s"
