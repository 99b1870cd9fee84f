"""Programs (funds, projects, pilots, strategies) a document names, from programs.yaml."""

from __future__ import annotations

from collections.abc import Sequence

from loaders.extract.scan import first_mentions
from loaders.model import Clause, ProgramRef
from loaders.vocabulary import Vocabulary


def find_programs(clauses: Sequence[Clause], vocabulary: Vocabulary) -> list[ProgramRef]:
    """Each program named in the clauses (headings included), once, with the clause of its first mention."""
    return [ProgramRef(uid=program.uid, name=program.name, clause_path=path)
            for program, path in first_mentions(clauses, vocabulary.programs.find)]
