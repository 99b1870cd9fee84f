"""Focus areas a document supports, with the 四基 pillar each belongs to.

Known areas come from focus_areas.yaml. Areas the vocabulary does not know yet are read
from enumerations such as 关键基础材料重点支持A、B等方面 (the `enumerations` patterns):
each listed item becomes an area of the pillar the sentence names, with a uid derived
from its name, so a new document of the same kind still yields its focus areas.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from loaders.extract.scan import clause_texts
from loaders.identity import stable_uid
from loaders.matcher import matching_key
from loaders.model import Clause, FocusAreaRef
from loaders.vocabulary import FocusAreaEntry, Vocabulary

# Separators between the items of an enumeration.
_ITEM_SEPARATORS = re.compile(r"[、，,；;]|以及|及")


def find_focus_areas(clauses: Sequence[Clause], vocabulary: Vocabulary) -> list[FocusAreaRef]:
    """Each focus area named in the clauses, once, in order of first mention."""
    seen: set[str] = set()
    found: list[FocusAreaRef] = []
    for clause in clauses:
        for ref in _clause_focus_areas(clause, vocabulary):
            if ref.uid not in seen:
                seen.add(ref.uid)
                found.append(ref)
    return found


def _clause_focus_areas(clause: Clause, vocabulary: Vocabulary) -> Iterator[FocusAreaRef]:
    for text in clause_texts(clause):
        hits: list[tuple[int, FocusAreaRef]] = [
            (hit.match.start, _ref(hit.entry, clause.path)) for hit in vocabulary.focus_areas.find(text)
        ]
        hits.extend(_enumerated_new_areas(text, clause.path, vocabulary))
        for _, ref in sorted(hits, key=lambda item: item[0]):
            yield ref


def _ref(entry: FocusAreaEntry, path: str) -> FocusAreaRef:
    pillar = entry.uid if entry.kind == "pillar" else entry.pillar
    return FocusAreaRef(uid=entry.uid, name=entry.name, pillar=pillar, clause_path=path)


def _enumerated_new_areas(text: str, path: str, vocabulary: Vocabulary) -> Iterator[tuple[int, FocusAreaRef]]:
    for pattern in vocabulary.focus_area_enumerations:
        for match in pattern.finditer(text):
            pillar_hits = vocabulary.focus_areas.find(match.group("pillar"))
            pillar = pillar_hits[0].entry.uid if pillar_hits else None
            offset = match.start("items")
            for item in _ITEM_SEPARATORS.split(match.group("items")):
                name = item.strip()
                if name and not _is_known(name, vocabulary):
                    uid = stable_uid("fa", matching_key(name))
                    yield offset + match.group("items").find(name), FocusAreaRef(
                        uid=uid, name=name, pillar=pillar, clause_path=path)


def _is_known(name: str, vocabulary: Vocabulary) -> bool:
    """Whether one vocabulary term covers the whole item (it is then reported as that entry)."""
    return any(hit.match.start == 0 and hit.match.end == len(name) for hit in vocabulary.focus_areas.find(name))
