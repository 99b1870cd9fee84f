"""The relation catalogue: every label, property and relationship the API can reach.

This table is the whitelist for generated Cypher (a label, type or property name
is placed in statement text only if it is declared here) and the single source
of the GraphQL object types (`schema/types.py` builds them from it). It mirrors
docs/graph-model.md; a test keeps the two in step with the GraphQL schema.

Field names are the graph's property names (camelCase), so a map projected by
Cypher is read by GraphQL without renaming; `Prop.field` renames the rare
property whose name is taken by a navigation (FocusArea.pillar).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PropKind = Literal["str", "int", "float", "bool", "strs"]
Direction = Literal["out", "in"]


@dataclass(frozen=True)
class Prop:
    name: str
    kind: PropKind
    description: str
    sortable: bool = False
    field: str = ""

    @property
    def field_name(self) -> str:
        return self.field or self.name


@dataclass(frozen=True)
class Ref:
    """A node named by a uid held in a property (of the node or of a relationship)."""

    name: str
    prop: str
    label: str
    description: str


@dataclass(frozen=True)
class Label:
    name: str
    description: str
    props: tuple[Prop, ...]
    refs: tuple[Ref, ...] = ()
    default_sort: str = "uid"
    display: str = "uid"  # the property a graph view shows as the node's name

    def prop(self, name: str) -> Prop:
        for p in self.props:
            if p.name == name:
                return p
        raise KeyError(f"{self.name} has no property {name!r}")


@dataclass(frozen=True)
class Side:
    """One direction of a relationship as a navigation field on its start labels."""

    name: str
    description: str
    single: bool = False


@dataclass(frozen=True)
class Relation:
    type: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    out: Side
    inverse: Side | None
    edge_props: tuple[Prop, ...] = ()
    edge_refs: tuple[Ref, ...] = ()


@dataclass(frozen=True)
class Navigation:
    """A relation seen from one label: `(label)-[:type]->(targets)` or `<-`."""

    owner: str
    name: str
    relation: Relation
    direction: Direction
    targets: tuple[str, ...]
    description: str
    single: bool


def _p(name: str, kind: PropKind, description: str, *, sortable: bool = False, field: str = "") -> Prop:
    return Prop(name, kind, description, sortable, field)


UID = _p("uid", "str", "Stable identifier of the node in the graph (ASCII)", sortable=True)
NAME = _p("name", "str", "Name (名称) in simplified characters", sortable=True)
NAME_EN = _p("nameEn", "str", "English name, where the vocabulary gives one")
ALIASES = _p("aliases", "strs", "Other names (别名) the documents use")
SAMPLE = _p("sample", "bool", "True for illustrative sample data (示例数据), not taken from a published list")
CLAUSE_UID = _p("clauseUid", "str", "uid of the clause (条款) that states this fact")
POLICY_UID = _p("policyUid", "str", "uid of the policy (政策文件) the fact was read from")
CLAUSE_REF = Ref("clause", "clauseUid", "Clause", "The clause (条款) that states this fact")
POLICY_REF = Ref("policy", "policyUid", "Policy", "The policy (政策文件) the fact was read from")
REGION_KIND = _p("kind", "str", "Kind of area, e.g. 地级市, 国家级高新区")

LABELS: tuple[Label, ...] = (
    Label("Policy", "A policy document (政策文件): a notice, guide, plan or set of fund rules.", (
        UID,
        _p("docNumber", "str", "Document number (文号), normalised: simplified, 〔year〕, 号",
           sortable=True),
        _p("docNumberOriginal", "str", "Document number as printed in the document (原文号)"),
        _p("title", "str", "Title (标题) in simplified characters", sortable=True),
        _p("titleOriginal", "str", "Title as printed, in the document's script (原标题)"),
        _p("issuedOn", "str", "Date of issue (印发日期), ISO 8601", sortable=True),
        _p("effectiveFrom", "str", "First day in force (施行日期), ISO 8601", sortable=True),
        _p("effectiveTo", "str", "Last day in force (有效期至), ISO 8601; null when open-ended", sortable=True),
        _p("level", "str", "Level of government (层级): CENTRAL, PROVINCIAL or CITY", sortable=True),
        _p("script", "str", "Script of the original text: simplified (简体) or traditional (繁体)"),
        _p("source", "str", "Where the text was taken from (来源)"),
        _p("stub", "bool", "True for a cited document (被引文件) that has not been loaded itself"),
        SAMPLE,
    ), default_sort="docNumber", display="title"),
    Label("Clause", "A clause (条款) of a policy: a numbered section, article or item, with its text.", (
        UID,
        _p("policyUid", "str", "uid of the policy the clause belongs to"),
        _p("path", "str", "Position in the document's outline (条款路径), e.g. 三、 (一) 2. or 第二章 第七条"),
        _p("ordinal", "int", "Position in the document, counting from 0 (序号)", sortable=True),
        _p("heading", "str", "Heading (标题) of the clause, if it has one"),
        _p("text", "str", "Text (正文) in simplified characters"),
        _p("original", "str", "Text in the document's own script (原文)"),
        _p("kind", "str", "Kind of clause, e.g. article (条) or item (项)"),
    ), default_sort="ordinal", display="path"),
    Label("Agency", "A government agency (机构/部门) that issues or administers policy.", (
        UID, NAME, NAME_EN, _p("level", "str", "Level of government (层级)", sortable=True),
    ), default_sort="name", display="name"),
    Label("Program", "A funding program (专项/工程/资金): what a policy sets up to support work.", (
        UID, NAME, NAME_EN,
        _p("level", "str", "Level of government that runs it (层级): CENTRAL, PROVINCIAL or CITY", sortable=True),
        _p("kind", "str", "Kind of program, e.g. 专项资金 or 工程"), ALIASES,
    ), default_sort="name", display="name"),
    Label("FocusArea", "A focus area (重点领域/支持方向) a program supports; the 四基 pillars are the roots.", (
        UID, NAME, NAME_EN,
        _p("pillar", "str", "uid of the 四基 pillar (基础领域) this focus area belongs to", field="pillarUid"),
        _p("isPillar", "bool", "True for the four pillars (四基) themselves"), ALIASES,
    ), refs=(Ref("pillar", "pillar", "FocusArea", "The 四基 pillar (基础领域) at the root of this focus area's tree"),),
        default_sort="name", display="name"),
    Label("Theme", "A cross-cutting theme (主题), e.g. green manufacturing (绿色制造).", (
        UID, NAME, NAME_EN, ALIASES,
    ), default_sort="name", display="name"),
    Label("Industry", "An industry (产业/行业) a program gives priority to.", (UID, NAME, NAME_EN),
          default_sort="name", display="name"),
    Label("Instrument",
          "A funding instrument (支持方式): grant (补助), interest subsidy (贴息), equity (股权投资).",
          (UID, NAME, NAME_EN), default_sort="name", display="name"),
    Label("Rule", "A rule (规则/条件) of a program: a cap, a ratio, an eligibility condition, a prohibition.", (
        UID, _p("kind", "str", "Kind of rule (规则类型), e.g. cap, ratio, no-double-funding", sortable=True),
        _p("paramsJson", "str", "Parameters of the rule as a JSON object (参数)"),
        _p("amountWan", "float", "Amount in 10,000 yuan (万元), when the rule names one", sortable=True),
        CLAUSE_UID, POLICY_UID, _p("description", "str", "The rule in words (说明)"),
        _p("forbidsStackingWith", "strs",
           "Levels of funding (CENTRAL, PROVINCIAL, CITY) this rule forbids adding to the same project "
           "(不得重复支持); null when the rule says nothing about stacking"),
    ), default_sort="kind", display="kind"),
    Label("Target", "A quantified target (目标) a policy sets.", (
        UID, _p("metric", "str", "What is measured (指标)", sortable=True),
        _p("value", "float", "Target value (目标值)"), _p("unit", "str", "Unit of the value (单位)"),
        _p("year", "int", "Year by which it should be met (目标年份)", sortable=True),
        _p("approximate", "bool", "True when the document says about (约/左右)"),
        CLAUSE_UID, POLICY_UID,
    ), refs=(CLAUSE_REF,), default_sort="metric", display="metric"),
    Label("Province", "A province-level division (省/自治区/直辖市).", (UID, NAME, REGION_KIND),
          default_sort="name", display="name"),
    Label("City", "A city (市), usually prefecture level (地级市).", (UID, NAME, REGION_KIND),
          default_sort="name", display="name"),
    Label("District", "A county-level district (区/县) of a city.", (UID, NAME, REGION_KIND),
          default_sort="name", display="name"),
    Label("Park", "An industrial park or development zone (园区/开发区).", (UID, NAME, REGION_KIND),
          default_sort="name", display="name"),
    Label("Enterprise", "An enterprise (企业) that carries out supported projects.", (
        UID, NAME, _p("creditCode", "str", "Unified social credit code (统一社会信用代码)", sortable=True),
        _p("nameKey", "str", "Normalised name used to match the enterprise across lists (名称键)"), ALIASES, SAMPLE,
    ), default_sort="name", display="name"),
    Label("Project", "A project (项目) an enterprise carries out with public support.", (
        UID, NAME, _p("nameKey", "str", "Normalised name used to match the project across lists (名称键)"), SAMPLE,
    ), default_sort="name", display="name"),
    Label("Award", "An award of funds (资金安排/奖补) to a project from a program.", (
        UID, _p("amountWan", "float", "Amount in 10,000 yuan (万元)", sortable=True),
        _p("year", "int", "Year of the award (年度)", sortable=True), _p("batch", "str", "Batch (批次)"),
        _p("source", "str", "List the award was read from (来源)"), SAMPLE,
    ), default_sort="year", display="uid"),
)

_EDGE_FACT = (CLAUSE_UID, POLICY_UID)
_EDGE_FACT_REFS = (CLAUSE_REF, POLICY_REF)
_REGIONS = ("Province", "City", "District", "Park")
_MENTIONABLE = ("FocusArea", "Theme", "Industry", "Instrument", "Program", "Agency", "Park", "City", "Province",
                "District")


def _rel(type_: str, sources: tuple[str, ...], targets: tuple[str, ...], out: Side, inverse: Side | None,
         edge_props: tuple[Prop, ...] = (), edge_refs: tuple[Ref, ...] = ()) -> Relation:
    return Relation(type_, sources, targets, out, inverse, edge_props, edge_refs)


RELATIONS: tuple[Relation, ...] = (
    _rel("HAS_CLAUSE", ("Policy",), ("Clause",), Side("clauses", "Clauses (条款) of the policy, in document order"),
         Side("policy", "The policy (政策文件) this clause belongs to", single=True),
         (_p("ordinal", "int", "Position of the clause in the document (序号)"),)),
    _rel("PART_OF", ("Clause",), ("Clause",),
         Side("parent", "The section (上级条款) this clause is part of", single=True),
         Side("children", "Clauses (下级条款) inside this one")),
    _rel("ISSUED_BY", ("Policy",), ("Agency",), Side("issuers", "Agencies that issued the policy (发文机关)"),
         Side("policies", "Policies this agency issued (发文)")),
    _rel("CITES", ("Policy",), ("Policy",), Side("cites", "Policies this policy cites (引用文件)"),
         Side("citedBy", "Policies that cite this one (被引用)"), (CLAUSE_UID,), (CLAUSE_REF,)),
    _rel("DEFINES", ("Policy",), ("Program",), Side("programs", "Programs (专项/工程) the policy sets up or governs"),
         Side("definedIn", "Policies (政策文件) that set up or govern this program"), (CLAUSE_UID,), (CLAUSE_REF,)),
    _rel("PART_OF", ("Program",), ("Program",),
         Side("parent", "The program (上级专项) this one is part of", single=True),
         Side("subprograms", "Programs (子专项) that are part of this one")),
    _rel("SUPPORTS", ("Program",), ("FocusArea",), Side("focusAreas", "Focus areas (支持方向) the program supports"),
         Side("programs", "Programs (专项) that support this focus area"), _EDGE_FACT, _EDGE_FACT_REFS),
    _rel("COVERS", ("Program",), ("Theme",), Side("themes", "Themes (主题) the program covers"),
         Side("programs", "Programs (专项) that cover this theme"), _EDGE_FACT, _EDGE_FACT_REFS),
    _rel("USES", ("Program",), ("Instrument",), Side("instruments", "Funding instruments (支持方式) the program uses"),
         Side("programs", "Programs (专项) that use this instrument"), _EDGE_FACT, _EDGE_FACT_REFS),
    _rel("PRIORITIZES", ("Program",), ("Industry",),
         Side("industries", "Industries (重点产业) the program prioritises"),
         Side("programs", "Programs (专项) that prioritise this industry"), _EDGE_FACT, _EDGE_FACT_REFS),
    _rel("HAS_RULE", ("Program",), ("Rule",), Side("rules", "Rules (规则) that apply to the program"),
         Side("programs", "Programs (专项) this rule applies to")),
    _rel("STATES", ("Policy",), ("Rule",), Side("rules", "Rules (规则) the policy states"),
         Side("policy", "The policy (政策文件) that states this rule", single=True)),
    _rel("STATED_IN", ("Rule",), ("Clause",), Side("clause", "The clause (条款) that states this rule", single=True),
         Side("rules", "Rules (规则) this clause states")),
    _rel("SETS", ("Policy",), ("Target",), Side("targets", "Targets (目标) the policy sets"),
         Side("policy", "The policy (政策文件) that sets this target", single=True), (CLAUSE_UID,)),
    _rel("MENTIONS", ("Clause",), _MENTIONABLE, Side("mentions", "Things this clause mentions (提及), as evidence"),
         Side("mentionedIn", "Clauses (条款) that mention this")),
    _rel("BROADER", ("FocusArea",), ("FocusArea",),
         Side("broader", "The broader focus area (上级领域); null for a pillar", single=True),
         Side("narrower", "Narrower focus areas (下级领域)")),
    _rel("BROADER", ("Theme",), ("Theme",),
         Side("broader", "Broader themes (上级主题); empty for a root such as 智能制造"),
         Side("narrower", "Narrower themes (下级主题), e.g. 绿色工厂 under 绿色制造")),
    _rel("FEEDS", ("FocusArea",), ("FocusArea",), Side("feeds", "Downstream focus areas this one supplies (下游)"),
         Side("fedBy", "Upstream focus areas that supply this one (上游)")),
    _rel("IN", ("City",), ("Province",), Side("province", "The province (省) the city is in", single=True),
         Side("cities", "Cities (市) in the province")),
    _rel("IN", ("Park",), ("City",), Side("city", "The city (市) the park is in", single=True),
         Side("parks", "Parks (园区) in the city")),
    _rel("IN", ("District",), ("City",), Side("city", "The city (市) the district is in", single=True),
         Side("districts", "Districts and counties (区县) of the city")),
    _rel("APPLIES_IN", ("Policy",), ("City", "Province"), Side("regions", "Where the policy applies (适用地区)"),
         Side("policies", "Policies (政策文件) that apply here")),
    _rel("SELECTED_FOR", ("City",), ("Program",), Side("selectedFor", "Programs the city was selected for (入选)"),
         Side("cities", "Cities (市) selected for the program"), (
             _p("batch", "str", "Batch of the selection (批次)"), _p("year", "int", "Year of the selection (年度)"),
             _p("source", "str", "List the selection was read from (来源)"))),
    _rel("LOCATED_IN", ("Enterprise",), ("Park", "City"), Side("locations", "Where the enterprise is (所在地)"),
         Side("enterprises", "Enterprises (企业) located here")),
    _rel("BY", ("Project",), ("Enterprise",), Side("enterprise", "The enterprise (承担企业) carrying out the project",
                                                   single=True),
         Side("projects", "Projects (项目) the enterprise carries out")),
    _rel("TARGETS", ("Project",), ("FocusArea",), Side("focusAreas", "Focus areas (领域) the project works in"),
         Side("projects", "Projects (项目) in this focus area")),
    _rel("RECEIVED", ("Project",), ("Award",), Side("awards", "Awards of funds (资金安排) the project received"),
         Side("project", "The project (项目) that received the award", single=True)),
    _rel("FROM", ("Award",), ("Program",), Side("program", "The program (专项) the award came from", single=True),
         Side("awards", "Awards (资金安排) made from the program")),
)

# Interfaces a navigation with several target labels is typed as.
INTERFACES: dict[str, tuple[str, ...]] = {"Region": _REGIONS}

LABELS_BY_NAME: dict[str, Label] = {spec.name: spec for spec in LABELS}


def _navigations() -> dict[str, dict[str, Navigation]]:
    navs: dict[str, dict[str, Navigation]] = {spec.name: {} for spec in LABELS}

    def add(owner: str, nav: Navigation) -> None:
        if nav.name in navs[owner] or any(p.field_name == nav.name for p in LABELS_BY_NAME[owner].props):
            raise ValueError(f"{owner}.{nav.name} is declared twice")
        navs[owner][nav.name] = nav

    for rel in RELATIONS:
        for source in rel.sources:
            add(source, Navigation(source, rel.out.name, rel, "out", rel.targets, rel.out.description, rel.out.single))
        if rel.inverse is not None:
            for target in rel.targets:
                add(target, Navigation(target, rel.inverse.name, rel, "in", rel.sources, rel.inverse.description,
                                       rel.inverse.single))
    return navs


NAVIGATIONS: dict[str, dict[str, Navigation]] = _navigations()


@dataclass(frozen=True)
class Whitelist:
    labels: frozenset[str] = field(default_factory=lambda: frozenset(LABELS_BY_NAME))
    types: frozenset[str] = field(default_factory=lambda: frozenset(r.type for r in RELATIONS))
    properties: frozenset[str] = field(default_factory=lambda: frozenset(
        {p.name for spec in LABELS for p in spec.props} | {p.name for r in RELATIONS for p in r.edge_props}))


WHITELIST = Whitelist()


def relation_keys() -> list[tuple[str, str, str]]:
    """Every (source label, type, target label) the graph may hold."""
    return [(s, r.type, t) for r in RELATIONS for s in r.sources for t in r.targets]
