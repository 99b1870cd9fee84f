"""Who issued a document, as agencies (ISSUED_BY)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from loaders.extract.mentions import document_regions
from loaders.extract.scan import document_clauses
from loaders.identity import stable_uid
from loaders.model import Clause, DocumentStructure, VocabRef
from loaders.vocabulary import Vocabulary

# Between issuer names in an issuing line or signature.
_NAME_SEPARATORS = re.compile(r"[\s、，,；;]+")
_TITLE_SUBJECT_END = "关于"
# How many leading clauses may say who drew the document up (为…，X、Y组织编制了…).
_PREAMBLE_CLAUSES = 8


def find_issuers(structure: DocumentStructure, vocabulary: Vocabulary) -> list[VocabRef]:
    """The issuing agencies, from the first source that names any: the signature block, the
    issuing line, the title's subject (X关于…的通知), then the issuer cues of agencies.yaml in
    the first clauses. Agencies the vocabulary does not know are kept when their name ends
    like an agency's (…局, …厅), with a uid derived from the name."""
    clauses = list(structure.clauses)
    regions = document_regions(document_clauses(structure), vocabulary)
    sources: list[Iterable[str]] = [
        structure.signature_issuers,
        [structure.issuing_line or ""],
        [_title_subject(structure.title or "")],
        _cued_issuers(clauses[:_PREAMBLE_CLAUSES], vocabulary),
    ]
    for texts in sources:
        issuers = _agencies_in(texts, regions, vocabulary)
        if issuers:
            return issuers
    return []


def _title_subject(title: str) -> str:
    index = title.find(_TITLE_SUBJECT_END)
    return title[:index] if index > 0 else ""


def _cued_issuers(clauses: Sequence[Clause], vocabulary: Vocabulary) -> list[str]:
    for clause in clauses:
        for pattern in vocabulary.issuer_cues:
            for match in pattern.finditer(clause.text):
                named = match.group("issuers")
                if vocabulary.agencies.find(named) or _unknown_agencies(named, vocabulary):
                    return [named]
    return []


def _agencies_in(texts: Iterable[str], regions: Sequence[str], vocabulary: Vocabulary) -> list[VocabRef]:
    found: list[VocabRef] = []
    for text in texts:
        rest = text
        for hit in vocabulary.find_agencies(text, regions):
            _add(found, VocabRef(uid=hit.entry.uid, name=hit.entry.name))
            rest = rest[:hit.match.start] + " " * (hit.match.end - hit.match.start) + rest[hit.match.end:]
        for name in _unknown_agencies(rest, vocabulary):
            _add(found, VocabRef(uid=stable_uid("agency", name), name=name))
    return found


def _unknown_agencies(text: str, vocabulary: Vocabulary) -> list[str]:
    """Names in `text` that end like an agency's, e.g. 济南市财政局."""
    return [part for part in _NAME_SEPARATORS.split(text)
            if len(part) >= 3 and part.endswith(vocabulary.agency_suffixes) and _TITLE_SUBJECT_END not in part]


def _add(found: list[VocabRef], ref: VocabRef) -> None:
    if all(known.uid != ref.uid for known in found):
        found.append(ref)
