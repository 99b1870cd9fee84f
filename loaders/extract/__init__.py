"""Extraction of graph facts from a parsed document's clauses, driven by the vocabulary.

One module per kind of fact; each function takes clauses (and the vocabulary) and returns
the models of `loaders.model`.
"""

from loaders.extract.citations import find_citations
from loaders.extract.dates import find_dates, find_deadlines, find_issued_date, find_validity, parse_date
from loaders.extract.focus_areas import find_focus_areas
from loaders.extract.issuers import find_issuers
from loaders.extract.level import infer_level
from loaders.extract.mentions import find_agencies, find_industries, find_instruments, find_mentions, find_themes
from loaders.extract.programs import find_programs
from loaders.extract.regions import find_regions
from loaders.extract.rules import find_rules
from loaders.extract.scan import document_clauses
from loaders.extract.targets import find_targets
from loaders.extract.values import parse_amount_wan, parse_int, parse_number

__all__ = [
    "document_clauses", "find_agencies", "find_citations", "find_dates", "find_deadlines", "find_focus_areas",
    "find_industries", "find_instruments", "find_issued_date", "find_issuers", "find_mentions", "find_programs",
    "find_regions", "find_rules", "find_targets", "find_themes", "find_validity", "infer_level", "parse_amount_wan",
    "parse_date", "parse_int", "parse_number",
]
