"""What to fetch, said without GraphQL: the compiler's input.

`schema/` builds these from a request's selection set; `graph.compiler.build`
turns them into one Cypher statement. Names of labels, relationship types and
properties are checked against `graph.model` when compiled; values (filters,
cursors, page sizes) only ever become parameters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from graph.model import Direction

Scalar = str | int | float | bool


# Predicates over one node variable (`n`). Paths are written from `n` outwards.
@dataclass(frozen=True)
class Equals:
    prop: str
    value: Scalar


@dataclass(frozen=True)
class Between:
    """`low <= n.prop <= high` (either bound optional); ISO dates compare as strings."""

    prop: str
    low: Scalar | None = None
    high: Scalar | None = None


@dataclass(frozen=True)
class InForceOn:
    """Started on or before `date` (effectiveFrom, else issuedOn) and not ended before it."""

    date: str


@dataclass(frozen=True)
class Contains:
    """Any of `props` contains `text` (compared in lower case)."""

    props: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Step:
    type: str
    direction: Direction
    label: str
    hops: tuple[int, int] = (1, 1)


@dataclass(frozen=True)
class Reaches:
    """A path of `steps` from `n` exists whose last node has `uid` (if given) and whose nodes along the way
    satisfy `via_props` (step index, property, value), e.g. an award of a given year on the way to a program."""

    steps: tuple[Step, ...]
    uid: str | None = None
    via_props: tuple[tuple[int, str, Scalar], ...] = ()  # (step index, property, value) on intermediate nodes


@dataclass(frozen=True)
class AnyOf:
    options: tuple[Predicate, ...]


@dataclass(frozen=True)
class Not:
    predicate: Predicate


@dataclass(frozen=True)
class HasNo:
    """`n` has no relationship of this step (e.g. a focus area without a broader one: a root)."""

    step: Step


Predicate = Equals | Between | InForceOn | Contains | Reaches | AnyOf | Not | HasNo


@dataclass(frozen=True)
class OrderKey:
    prop: str
    descending: bool = False
    numeric: bool = False


@dataclass
class Page:
    order: tuple[OrderKey, ...]
    first: int
    after: tuple[list[Any], str] | None = None  # sort values and uid of the last item already seen
    total: bool = False
    cursors: bool = False  # return each item's sort key and whether more follow (for cursors and pageInfo)


@dataclass
class Fetch:
    """What to read of the nodes at one place in the tree."""

    labels: tuple[str, ...]
    props: set[str] = field(default_factory=set)
    links: dict[str, Link] = field(default_factory=dict)  # output key -> related nodes
    refs: dict[str, RefFetch] = field(default_factory=dict)  # output key -> node named by a uid property
    global_id: bool = False  # project `id` (Label:uid)
    tagged: bool = False  # project `_label`, to tell types apart (always done for several labels)

    def merge(self, other: Fetch) -> None:
        self.props |= other.props
        self.global_id |= other.global_id
        self.tagged |= other.tagged
        for key, link in other.links.items():
            if key in self.links:
                self.links[key].target.merge(link.target)
                self.links[key].edge_props |= link.edge_props
                self.links[key].edge_refs.update(link.edge_refs)
                self.links[key].page.cursors |= link.page.cursors
            else:
                self.links[key] = link
        for key, ref in other.refs.items():
            if key in self.refs:
                self.refs[key].target.merge(ref.target)
            else:
                self.refs[key] = ref


@dataclass
class RefFetch:
    prop: str
    label: str
    target: Fetch


@dataclass
class Link:
    """Related nodes through one relationship type, in one direction, paged."""

    type: str
    direction: Direction
    target: Fetch
    page: Page
    single: bool = False
    edge_props: set[str] = field(default_factory=set)
    edge_refs: dict[str, RefFetch] = field(default_factory=dict)
    filters: tuple[Predicate, ...] = ()


@dataclass
class RootList:
    label: str
    fetch: Fetch
    page: Page
    filters: tuple[Predicate, ...] = ()


@dataclass
class RootOne:
    """One node found by equality on properties (uid, docNumber)."""

    label: str
    fetch: Fetch
    match: tuple[tuple[str, Scalar], ...]


@dataclass
class RootMany:
    """Nodes of one label by uid, in the order given."""

    label: str
    fetch: Fetch
    uids: list[str]


Root = RootList | RootOne | RootMany
Kind = Literal["list", "one", "many"]
