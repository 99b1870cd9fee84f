"""The parsed form of one policy document: what `policygraph parse` prints and `ingest` writes.

Field names are the public JSON contract of `policygraph parse --format json`
(camelCase through pydantic aliases); Python code uses the snake_case names.
Dates are ISO strings, amounts in 万元 are plain numbers.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

Level = Literal["CENTRAL", "PROVINCIAL", "CITY"]
Script = Literal["simplified", "traditional"]
RegionKind = Literal["province", "city", "district", "park"]


class _Model(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, frozen=False)


class Clause(_Model):
    """One addressable unit of text: a numbered section, article, item or table row."""

    path: str = Field(description="Position in the document, e.g. '二、(一) 2.' or '第七条'")
    heading: str | None = Field(default=None, description="Heading of the section, simplified")
    text: str = Field(description="Clean text in simplified characters, used for matching")
    original: str = Field(description="Clean text in the document's own script, for display")
    kind: Literal["section", "item", "article", "table_row", "paragraph", "attachment"] = "paragraph"


class Citation(_Model):
    doc_number: str | None = None
    doc_number_original: str | None = None
    title: str | None = None
    clause_path: str | None = None


class ProgramRef(_Model):
    uid: str
    name: str
    clause_path: str | None = None
    defined: bool = Field(default=False, description="The document defines this program (title or section heading)")


class FocusAreaRef(_Model):
    uid: str
    name: str
    pillar: str | None = None
    clause_path: str | None = None
    known: bool = Field(default=True, description="False for an area read from an enumeration, not the vocabulary")


class VocabRef(_Model):
    """A mention of a vocabulary entry (industry, instrument, agency, theme) in a clause."""

    uid: str
    name: str
    clause_path: str | None = None


class Mention(_Model):
    """One clause naming one vocabulary entry: the evidence behind every fact edge."""

    clause_path: str
    label: str
    uid: str


class Fact(_Model):
    """A typed relation the document states, with the clause that states it."""

    source_label: str
    source: str
    rel_type: str
    target_label: str
    target: str
    clause_path: str


class Rule(_Model):
    kind: str
    params: dict[str, Any] = Field(default_factory=dict)
    clause_path: str
    program_uids: list[str] = Field(
        default_factory=list, description="Programs the rule is stated for; empty means all of the policy's"
    )
    forbids_stacking_with: list[Level] = Field(
        default_factory=list, description="Levels of funding the rule's kind forbids adding to the same project"
    )


class Target(_Model):
    metric: str
    value: float
    unit: str
    year: int | None = None
    approximate: bool = False
    clause_path: str | None = None


class Region(_Model):
    name: str
    kind: RegionKind
    parent: str | None = None
    clause_path: str | None = None


class Deadline(_Model):
    date: str
    what: str | None = None
    clause_path: str | None = None


class ParsedDocument(_Model):
    source: str = Field(description="File the document was read from")
    uid: str = Field(description="Stable uid; the loader may reuse the uid of a stub that cited this document")
    doc_number: str | None = None
    doc_number_original: str | None = None
    title: str
    title_original: str
    issuers: list[str] = Field(default_factory=list)
    issuer_refs: list[VocabRef] = Field(default_factory=list)
    issued_on: str | None = None
    effective_from: str | None = None
    effective_to: str | None = None
    level: Level = "CENTRAL"
    script: Script = "simplified"
    addressees: str | None = None
    citations: list[Citation] = Field(default_factory=list)
    programs: list[ProgramRef] = Field(default_factory=list)
    focus_areas: list[FocusAreaRef] = Field(default_factory=list)
    industries: list[VocabRef] = Field(default_factory=list)
    instruments: list[VocabRef] = Field(default_factory=list)
    themes: list[VocabRef] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    regions: list[Region] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    attachments: list[str] = Field(default_factory=list)
    clauses: list[Clause] = Field(default_factory=list)
    clause_parents: dict[str, str] = Field(default_factory=dict, description="Clause path to its parent's path")
    mentions: list[Mention] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, mode="json")


class DocumentStructure(_Model):
    """What the structure parser finds in cleaned text, before any vocabulary is applied."""

    source: str
    script: Script
    title_original: str | None = None
    title: str | None = None
    doc_number_original: str | None = None
    issuing_line: str | None = Field(default=None, description="Line naming the issuers above the number, simplified")
    addressees: str | None = None
    clauses: list[Clause] = Field(default_factory=list)
    attachments: list[str] = Field(default_factory=list)
    signature_issuers: list[str] = Field(default_factory=list, description="Issuer names in the signature block")
    signature_date_text: str | None = Field(default=None, description="Raw date text of the signature block")
