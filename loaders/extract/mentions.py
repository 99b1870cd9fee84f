"""Mentions of vocabulary entries in clauses: industries, instruments, themes, agencies."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from loaders.extract.regions import find_regions
from loaders.extract.scan import first_mentions
from loaders.model import Clause, VocabRef
from loaders.vocabulary import Entry, EntryMatch, EntrySet, Vocabulary


def find_mentions(clauses: Sequence[Clause], entries: EntrySet[Entry]) -> list[VocabRef]:
    """Each entry of `entries` named in the clauses, once, with the clause of its first mention."""
    return _refs(clauses, entries.find)


def find_industries(clauses: Sequence[Clause], vocabulary: Vocabulary) -> list[VocabRef]:
    return find_mentions(clauses, vocabulary.industries)


def find_instruments(clauses: Sequence[Clause], vocabulary: Vocabulary) -> list[VocabRef]:
    return find_mentions(clauses, vocabulary.instruments)


def find_themes(clauses: Sequence[Clause], vocabulary: Vocabulary) -> list[VocabRef]:
    return find_mentions(clauses, vocabulary.themes)


def find_agencies(clauses: Sequence[Clause], vocabulary: Vocabulary) -> list[VocabRef]:
    """Agencies named in the clauses; a local short name (市财政局) counts for the agency of
    the region the document names first."""
    regions = document_regions(clauses, vocabulary)

    def find(text: str) -> list[EntryMatch[Entry]]:
        return [EntryMatch[Entry](hit.entry, hit.match) for hit in vocabulary.find_agencies(text, regions)]

    return _refs(clauses, find)


def document_regions(clauses: Sequence[Clause], vocabulary: Vocabulary) -> list[str]:
    """Names of the provinces and cities a document names, in order of first mention."""
    return [region.name for region in find_regions(clauses, vocabulary) if region.kind in ("province", "city")]


def _refs(clauses: Sequence[Clause], find: Callable[[str], list[EntryMatch[Entry]]]) -> list[VocabRef]:
    return [VocabRef(uid=entry.uid, name=entry.name, clause_path=path) for entry, path in first_mentions(clauses, find)]
