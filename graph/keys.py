"""Normalised lookup keys: what a user types, turned into what the graph stores."""

from __future__ import annotations

import re

from graph.text_index import to_simplified

# The year of a document number is written between many kinds of brackets in web
# copies; the graph stores 〔〕 (graph-model.md, Policy.docNumber).
_YEAR_IN_BRACKETS = re.compile(r"[\[［(（【〔]\s*(\d{4})\s*[\]］)）】〕]")


def normalize_doc_number(raw: str) -> str:
    """`工信廳聯規[2018]36號` -> `工信厅联规〔2018〕36号`: simplified script, 〔〕 around the year, 号."""
    text = to_simplified(raw.strip()).replace("號", "号")
    text = re.sub(r"\s+", "", text)
    return _YEAR_IN_BRACKETS.sub(r"〔\1〕", text)
