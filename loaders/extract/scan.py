"""Walk clauses and keep the first mention of each vocabulary entry, with the clause it is in."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from loaders.model import Clause, DocumentStructure
from loaders.vocabulary import Entry, EntryMatch

E = TypeVar("E", bound=Entry)


def clause_texts(clause: Clause) -> Iterator[str]:
    """The heading first, then the body: a section heading names what its clause is about."""
    if clause.heading:
        yield clause.heading
    yield clause.text


def first_mentions(clauses: Sequence[Clause], find: Callable[[str], list[EntryMatch[E]]]) -> list[tuple[E, str]]:
    """Each entry `find` reports, once, in order of first mention, with that mention's clause path."""
    seen: set[str] = set()
    found: list[tuple[E, str]] = []
    for clause in clauses:
        for text in clause_texts(clause):
            for hit in find(text):
                if hit.entry.uid not in seen:
                    seen.add(hit.entry.uid)
                    found.append((hit.entry, clause.path))
    return found


TITLE_PATH = "title"
ADDRESSEES_PATH = "addressees"


def document_clauses(structure: DocumentStructure) -> list[Clause]:
    """The structure's clauses preceded by its title and addressee line as clauses of their
    own (paths `title`, `addressees`): programs and regions are often named only there."""
    front = [(TITLE_PATH, structure.title, structure.title_original),
             (ADDRESSEES_PATH, structure.addressees, structure.addressees)]
    extra = [Clause(path=path, text=text, original=original or text) for path, text, original in front if text]
    return [*extra, *structure.clauses]
