"""What the graph holds: node labels, their unique key and indexed properties.

This is the structure of the graph, not domain vocabulary: it changes when the
data model changes, and schema set-up reads it to create constraints and indexes.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class LabelSpec:
    label: str
    indexed: tuple[str, ...] = ()


@dataclass(frozen=True)
class FulltextSpec:
    name: str
    label: str
    properties: tuple[str, ...]


@dataclass(frozen=True)
class Catalog:
    labels: tuple[LabelSpec, ...]
    fulltext: tuple[FulltextSpec, ...] = field(default=())

    def label_names(self) -> list[str]:
        return [spec.label for spec in self.labels]


# Every label has a unique `uid`; `indexed` lists the lookups queries filter on.
CATALOG = Catalog(
    labels=(
        LabelSpec("Policy", ("docNumber", "titleKey", "level", "issuedOn")),
        LabelSpec("Clause", ("policyUid",)),
        LabelSpec("Agency", ("name",)),
        LabelSpec("Program", ("name", "level")),
        LabelSpec("FocusArea", ("name",)),
        LabelSpec("Theme", ("name",)),
        LabelSpec("Industry", ("name",)),
        LabelSpec("Rule", ("kind",)),
        LabelSpec("Instrument", ("name",)),
        LabelSpec("Target", ("metric",)),
        LabelSpec("Province", ("name",)),
        LabelSpec("City", ("name",)),
        LabelSpec("District", ("name",)),
        LabelSpec("Park", ("name",)),
        # Award lists write a million of these: each index costs the store about as much as the
        # node itself, so only properties that statements look nodes up by are indexed.
        LabelSpec("Enterprise", ("creditCode", "sharesFocusArea", "linkedWork")),
        LabelSpec("Project", ("awardCount",)),
        LabelSpec("Award"),
        LabelSpec("Chain", ("name",)),
        # Secondary label of every node in the full-text index; uids are unique across labels.
        LabelSpec("Searchable"),
    ),
    fulltext=(FulltextSpec("searchable", "Searchable", ("searchText",)),),
)
