"""Document numbers as users type them find the normalised key the graph stores."""

from __future__ import annotations

import pytest

from graph.keys import normalize_doc_number


@pytest.mark.parametrize("raw", [
    "工信厅联规〔2018〕36号", "工信廳聯規〔2018〕36號", "工信厅联规[2018]36号", "工信厅联规［2018］36号",
    "工信厅联规(2018)36号", "工信厅联规（2018）36号", "工信厅联规【2018】36号", " 工信厅联规 〔2018〕 36号 ",
])
def test_every_written_form_normalises_to_the_stored_key(raw: str) -> None:
    assert normalize_doc_number(raw) == "工信厅联规〔2018〕36号"
