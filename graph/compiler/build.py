"""Compile a fetch plan into one Cypher statement that runs on Neo4j 5 and FalkorDB.

Shape of the statement for a list of policies with their programs:

    MATCH (n:Policy) WHERE <filters> AND <after the cursor>
    WITH n ORDER BY <key>, n.uid LIMIT $first+1
    OPTIONAL MATCH (n)-[e1:DEFINES]->(m2:Program)            -- expand
    WITH n, e1, m2 ORDER BY <key of m2>, m2.uid               -- sort
    WITH n, collect(m2) AS a3                                 -- collect per parent
    WITH n, a3[..$first] AS l4, size(a3) AS t5                -- cut to the page (and count)
    UNWIND <positions in l4> AS i6 ... l4[i6] AS m2           -- expand again, with positions
      ... the programs' own relations, the same way ...
    WITH n, t5, i6, m2, ... ORDER BY i6                       -- back in page order
    WITH n, t5, collect(m2 {.name, ...}) AS c8                -- one row per policy again
    WITH n, {nodes: c8[..$first], totalCount: t5} AS o9
    RETURN {node: n {.title, programs: o9}} AS item

Nested lists are ordered and paged like root lists, and the number of statements
does not depend on how many items come back. It is one pipeline rather than a
`CALL {}` subquery per parent, which FalkorDB runs several times slower, and it
avoids nested pattern comprehensions, which FalkorDB evaluates without anchoring
the inner pattern (seconds instead of milliseconds). Variable names are unique
in a statement because FalkorDB confuses equal names in sibling expressions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.compiler.plan import (
    AnyOf,
    Between,
    Contains,
    Equals,
    Fetch,
    HasNo,
    InForceOn,
    Link,
    Not,
    OrderKey,
    Page,
    Predicate,
    Reaches,
    RefFetch,
    Root,
    RootList,
    RootMany,
    RootOne,
    Step,
)
from graph.cypher import Statement, generated_statement
from graph.dialect import ident
from graph.model import LABELS_BY_NAME, WHITELIST

NUMERIC_NULL = -1.0e18  # where a missing number sorts (first when ascending)


class PlanError(ValueError):
    """The plan names something the catalogue does not declare."""


@dataclass(frozen=True)
class Compiled:
    statement: Statement
    params: dict[str, Any]


def _label(name: str) -> str:
    if name not in WHITELIST.labels:
        raise PlanError(f"unknown label {name!r}")
    return ident(name)


def _type(name: str) -> str:
    if name not in WHITELIST.types:
        raise PlanError(f"unknown relationship type {name!r}")
    return ident(name)


def _prop(name: str) -> str:
    if name != "uid" and name not in WHITELIST.properties:
        raise PlanError(f"unknown property {name!r}")
    return ident(name)


def _field_of(labels: tuple[str, ...], prop: str) -> str:
    """The output key of a property: its GraphQL field name (usually the property name)."""
    for label in labels:
        for p in LABELS_BY_NAME[label].props:
            if p.name == prop:
                return ident(p.field_name)
    return ident(prop)


class _Builder:
    def __init__(self) -> None:
        self.params: dict[str, Any] = {}
        self._n = 0

    def var(self, prefix: str) -> str:
        self._n += 1
        return f"{prefix}{self._n}"

    def param(self, value: Any) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f"${name}"

    # --- labels and order -------------------------------------------------------------------------
    def label_test(self, v: str, labels: tuple[str, ...]) -> str:
        return "(" + " OR ".join(f"{v}:{_label(lb)}" for lb in labels) + ")"

    def label_expr(self, v: str, labels: tuple[str, ...]) -> str:
        if len(labels) == 1:
            return f"'{_label(labels[0])}'"
        cases = " ".join(f"WHEN {v}:{_label(lb)} THEN '{lb}'" for lb in labels)
        return f"CASE {cases} END"

    def node_pattern(self, v: str, labels: tuple[str, ...]) -> str:
        return f"({v}:{_label(labels[0])})" if len(labels) == 1 else f"({v})"

    def sort_exprs(self, v: str, order: tuple[OrderKey, ...]) -> list[str]:
        exprs = []
        for key in order:
            null = str(NUMERIC_NULL) if key.numeric else "''"
            exprs.append(f"coalesce({v}.{_prop(key.prop)}, {null})")
        return exprs

    def order_by(self, v: str, order: tuple[OrderKey, ...]) -> str:
        terms = [f"{e}{' DESC' if k.descending else ''}" for e, k in zip(self.sort_exprs(v, order), order, strict=True)]
        last_desc = order[0].descending if order else False
        terms.append(f"{v}.uid{' DESC' if last_desc else ''}")
        return ", ".join(terms)

    def keyset(self, v: str, page: Page) -> str | None:
        """Strictly after the cursor in (keys..., uid) order: stable, non-overlapping pages."""
        if page.after is None:
            return None
        values, uid = page.after
        if len(values) != len(page.order):
            raise PlanError("cursor does not match the sort order")
        desc = page.order[0].descending if page.order else False
        cond = f"{v}.uid {'<' if desc else '>'} {self.param(uid)}"
        for expr, key, value in reversed(list(zip(self.sort_exprs(v, page.order), page.order, values, strict=True))):
            op = "<" if key.descending else ">"
            p = self.param(value)
            cond = f"({expr} {op} {p} OR ({expr} = {p} AND {cond}))"
        return cond

    # --- predicates -------------------------------------------------------------------------------
    def predicate(self, v: str, pred: Predicate) -> str:
        if isinstance(pred, Equals):
            return f"{v}.{_prop(pred.prop)} = {self.param(pred.value)}"
        if isinstance(pred, Between):
            parts = []
            if pred.low is not None:
                parts.append(f"{v}.{_prop(pred.prop)} >= {self.param(pred.low)}")
            if pred.high is not None:
                parts.append(f"{v}.{_prop(pred.prop)} <= {self.param(pred.high)}")
            return " AND ".join(parts) or "true"
        if isinstance(pred, InForceOn):
            d = self.param(pred.date)
            return (f"(coalesce({v}.effectiveFrom, {v}.issuedOn) <= {d} "
                    f"AND ({v}.effectiveTo IS NULL OR {v}.effectiveTo >= {d}))")
        if isinstance(pred, Contains):
            t = self.param(pred.text.lower())
            return "(" + " OR ".join(f"toLower({v}.{_prop(p)}) CONTAINS {t}" for p in pred.props) + ")"
        if isinstance(pred, Reaches):
            return self.path(v, pred)
        if isinstance(pred, AnyOf):
            return "(" + " OR ".join(self.predicate(v, p) for p in pred.options) + ")" if pred.options else "false"
        if isinstance(pred, Not):
            return f"NOT ({self.predicate(v, pred.predicate)})"
        if isinstance(pred, HasNo):
            return f"NOT ({v}){self.step(pred.step)}(:{_label(pred.step.label)})"
        raise PlanError(f"unsupported predicate {pred!r}")

    def step(self, step: Step) -> str:
        low, high = step.hops
        hops = "" if (low, high) == (1, 1) else f"*{int(low)}..{int(high)}"
        rel = f"[:{_type(step.type)}{hops}]"
        return f"-{rel}->" if step.direction == "out" else f"<-{rel}-"

    def path(self, v: str, pred: Reaches, start: str | None = None) -> str:
        text = start or f"({v})"
        last = len(pred.steps) - 1
        for i, step in enumerate(pred.steps):
            props = [f"{_prop(p)}: {self.param(val)}" for idx, p, val in pred.via_props if idx == i]
            if i == last and pred.uid is not None:
                props.append(f"uid: {self.param(pred.uid)}")
            inner = f" {{{', '.join(props)}}}" if props else ""
            text += f"{self.step(step)}(:{_label(step.label)}{inner})"
        return text

    def where(self, v: str, preds: tuple[Predicate, ...], *extra: str | None) -> str:
        parts = [self.predicate(v, p) for p in preds] + [e for e in extra if e]
        return f" WHERE {' AND '.join(parts)}" if parts else ""

    # --- projections ------------------------------------------------------------------------------
    def project(self, v: str, fetch: Fetch, carried: list[str], *,
                need_uid: bool = False) -> tuple[list[str], list[str], str]:
        """Clauses that read what `v` needs, the variables they add, and the map expression of `v`.

        Rows before and after the clauses: one per `carried` + `v`. Only what was asked for is projected:
        every extra value costs parsing in the client."""
        clauses: list[str] = []
        bound: list[str] = []
        label = self.label_expr(v, fetch.labels)
        parts = []
        if fetch.tagged or len(fetch.labels) > 1:
            parts.append(f"_label: {label}")
        if fetch.global_id:
            parts.append(f"id: {label} + ':' + {v}.uid")
        if need_uid and "uid" not in fetch.props:
            parts.append(".uid")
        for prop in sorted(fetch.props):
            key = _field_of(fetch.labels, prop)
            parts.append(f".{_prop(prop)}" if key == prop else f"{key}: {v}.{_prop(prop)}")
        for key, link in fetch.links.items():
            if link.single and not link.target.links and not link.target.refs:
                parts.append(f"{ident(key)}: {self.one(v, link)}")
                continue
            link_clauses, out = self.link(v, link, [*carried, v, *bound])
            clauses += link_clauses
            bound.append(out)
            parts.append(f"{ident(key)}: {out}")
        for key, ref in fetch.refs.items():
            ref_clauses, ref_bound, expr = self.ref(f"{v}.{_prop(ref.prop)}", ref, [*carried, v, *bound])
            clauses += ref_clauses
            bound += ref_bound
            parts.append(f"{ident(key)}: {expr}")
        return clauses, bound, f"{v} {{{', '.join(parts or ['.uid'])}}}"

    def ref(self, uid_expr: str, ref: RefFetch, carried: list[str]) -> tuple[list[str], list[str], str]:
        """The node whose uid is `uid_expr`: at most one, so no row is multiplied."""
        r = self.var("r")
        clauses, bound, proj = self.project(r, ref.target, [*carried])
        # FalkorDB projects a missing node as a map of nulls: test for it.
        return ([f"OPTIONAL MATCH ({r}:{_label(ref.label)} {{uid: {uid_expr}}})", *clauses], [r, *bound],
                f"CASE WHEN {r} IS NULL THEN null ELSE {proj} END")

    def link(self, v: str, link: Link, carried: list[str]) -> tuple[list[str], str]:
        """Clauses that collect the related nodes of `v` into one variable (returned), rows kept one per parent.

        The related rows are expanded, sorted, collected per parent and cut to the page, then expanded again
        (with their position) to read their own relations the same way, and collected back in position order.
        One pipeline of OPTIONAL MATCH / WITH rather than a subquery per parent: FalkorDB runs it several times
        faster, and nested pattern comprehensions, which it does not anchor, are avoided altogether."""
        keep = ", ".join(carried)
        e, m, a, lst, t, i, x, c, out = (self.var(p) for p in ("e", "m", "a", "l", "t", "i", "x", "c", "o"))
        arrow_l, arrow_r = ("-", "->") if link.direction == "out" else ("<-", "-")
        several = len(link.target.labels) > 1
        pattern = f"({v}){arrow_l}[{e}:{_type(link.type)}]{arrow_r}{self.node_pattern(m, link.target.labels)}"
        where = self.where(m, link.filters, self.label_test(m, link.target.labels) if several else None,
                           self.keyset(m, link.page))
        cursors = link.page.cursors and not link.single
        edge_data = bool(link.edge_props or link.edge_refs) and not link.single
        order = self.order_by(m, link.page.order) if not link.single else f"{m}.uid"
        limit = self.param(1 if link.single else link.page.first + (1 if cursors else 0))
        pair = f"[{e}, {m}]" if edge_data else m
        clauses = [
            f"OPTIONAL MATCH {pattern}{where}",
            f"WITH {keep}, {e}, {m} ORDER BY {order}",
            f"WITH {keep}, collect(CASE WHEN {m} IS NULL THEN null ELSE {pair} END) AS {a}",
            f"WITH {keep}, {a}[..{limit}] AS {lst}, size({a}) AS {t}",
            f"UNWIND CASE WHEN size({lst}) = 0 THEN [-1] ELSE range(0, size({lst}) - 1) END AS {i}",
            f"WITH {keep}, {t}, {i}, CASE WHEN {i} < 0 THEN null ELSE {lst}[{i}] END AS {x}",
            f"WITH {keep}, {t}, {i}, {x}[0] AS {e}, {x}[1] AS {m}" if edge_data
            else f"WITH {keep}, {t}, {i}, {x} AS {m}",
        ]
        inner = [*carried, t, i, *([e] if edge_data else []), m]
        node_clauses, node_bound, proj = self.project(m, link.target, inner[:-1], need_uid=cursors)
        clauses += node_clauses
        item_parts = [f"node: {proj}"]
        if cursors:
            item_parts.append(f"_key: [{', '.join(self.sort_exprs(m, link.page.order))}]")
        item_parts += [f"{ident(p)}: {e}.{_prop(p)}" for p in sorted(link.edge_props)] if edge_data else []
        inner_bound = [*node_bound]
        for key, ref in (link.edge_refs.items() if edge_data else ()):
            ref_clauses, ref_bound, expr = self.ref(f"{e}.{_prop(ref.prop)}", ref, [*inner, *inner_bound])
            clauses += ref_clauses
            inner_bound += ref_bound
            item_parts.append(f"{ident(key)}: {expr}")
        plain = link.single or not (cursors or edge_data)  # a plain node list when edges carry nothing
        item = proj if plain else f"{{{', '.join(item_parts)}}}"
        clauses += [
            # Aggregations do not keep row order: collect in page position.
            f"WITH {', '.join([*inner, *inner_bound])} ORDER BY {i}",
            f"WITH {keep}, {t}, collect(CASE WHEN {m} IS NULL THEN null ELSE {item} END) AS {c}",
        ]
        if link.single:
            clauses.append(f"WITH {keep}, {c}[0] AS {out}")
            return clauses, out
        first = self.param(link.page.first)
        fields = [f"{'nodes' if plain else 'edges'}: {c}[..{first}]"]
        if cursors:
            fields += [f"_more: size({c}) > {first}", f"_prev: {self.param(link.page.after is not None)}"]
        if link.page.total:
            fields.append(f"totalCount: {t if link.page.after is None else self.count(v, link)}")
        clauses.append(f"WITH {keep}, {{{', '.join(fields)}}} AS {out}")
        return clauses, out

    def one(self, v: str, link: Link) -> str:
        """A to-one relation whose node needs nothing further: one anchored pattern comprehension, no rows."""
        s_ = self.var("s")
        arrow_l, arrow_r = ("-", "->") if link.direction == "out" else ("<-", "-")
        several = len(link.target.labels) > 1
        pattern = f"({v}){arrow_l}[:{_type(link.type)}]{arrow_r}{self.node_pattern(s_, link.target.labels)}"
        where = self.where(s_, link.filters, self.label_test(s_, link.target.labels) if several else None)
        _, _, proj = self.project(s_, link.target, [])
        return f"head([{pattern}{where} | {proj}])"

    def count(self, v: str, link: Link) -> str:
        """How many related nodes match, whatever the cursor (`after` narrows the collected ones)."""
        tv = self.var("t")
        arrow_l, arrow_r = ("-", "->") if link.direction == "out" else ("<-", "-")
        several = len(link.target.labels) > 1
        pattern = f"({v}){arrow_l}[:{_type(link.type)}]{arrow_r}{self.node_pattern(tv, link.target.labels)}"
        where = self.where(tv, link.filters, self.label_test(tv, link.target.labels) if several else None)
        return f"size([{pattern}{where} | 1])"


def _anchored(pred: Predicate) -> bool:
    return isinstance(pred, Reaches) and pred.uid is not None


def _generator(preds: tuple[Predicate, ...]) -> tuple[Predicate | None, tuple[Predicate, ...]]:
    """The first filter that can start the match from a known node, and the others.

    FalkorDB evaluates a pattern predicate in WHERE once per candidate (tens of
    microseconds each, seconds over 20,000 enterprises) but plans a MATCH from
    its indexed end; so `(n)-...->(:City {uid: $c})` is better matched than tested.
    """
    for i, pred in enumerate(preds):
        if _anchored(pred) or (isinstance(pred, AnyOf) and pred.options and all(map(_anchored, pred.options))):
            return pred, preds[:i] + preds[i + 1:]
    return None, preds


def _source(b: _Builder, n: str, label: str, filters: tuple[Predicate, ...], *extra: str | None) -> str:
    """Clauses that bind each matching `n` once."""
    generator, rest = _generator(filters)
    if generator is None:
        return f"MATCH ({n}:{label}){b.where(n, rest, *extra)}"
    where = b.where(n, rest, *extra)
    if isinstance(generator, Reaches):
        return f"MATCH {b.path(n, generator, start=f'({n}:{label})')} WITH DISTINCT {n}{where}"
    assert isinstance(generator, AnyOf)
    parts: list[str] = []
    collected = ""
    for option in generator.options:
        assert isinstance(option, Reaches)
        g, c = b.var("g"), b.var("c")
        parts.append(f"OPTIONAL MATCH {b.path(g, option, start=f'({g}:{label})')}")
        # One row throughout: the aggregation is grouped by the single list collected so far.
        parts.append(f"WITH {collected + ', ' if collected else ''}collect(DISTINCT {g}) AS {c}")
        if collected:
            merged = b.var("c")
            parts.append(f"WITH {collected} + {c} AS {merged}")
            c = merged
        collected = c
    parts.append(f"UNWIND {collected} AS {n} WITH DISTINCT {n}{where}")
    return " ".join(parts)


def _root_list(b: _Builder, root: RootList) -> str:
    n = "n"
    label = _label(root.label)
    page = root.page
    clauses, bound, proj = b.project(n, root.fetch, [], need_uid=page.cursors)
    order = b.order_by(n, page.order)
    key = f", _key: [{', '.join(b.sort_exprs(n, page.order))}]" if page.cursors else ""
    main = " ".join([
        _source(b, n, label, root.filters, b.keyset(n, page)),
        f"WITH {n} ORDER BY {order} LIMIT {b.param(page.first + 1)}",
        *clauses,
        f"WITH {', '.join([n, *bound])} ORDER BY {order}",
        f"RETURN {{node: {proj}{key}}} AS item, null AS total",
    ])
    if not page.total:
        return main
    return f"{_source(b, n, label, root.filters)} RETURN null AS item, count({n}) AS total UNION ALL {main}"


def _root_one(b: _Builder, root: RootOne) -> str:
    n = "n"
    props = ", ".join(f"{_prop(p)}: {b.param(v)}" for p, v in root.match)
    clauses, _, proj = b.project(n, root.fetch, [])
    return " ".join([f"MATCH ({n}:{_label(root.label)} {{{props}}})", f"WITH {n} ORDER BY {n}.uid LIMIT 1",
                     *clauses, f"RETURN {{node: {proj}}} AS item, null AS total"])


def _root_many(b: _Builder, root: RootMany) -> str:
    n = "n"
    clauses, _, proj = b.project(n, root.fetch, [], need_uid=True)
    return " ".join([f"MATCH ({n}:{_label(root.label)}) WHERE {n}.uid IN {b.param(list(root.uids))}",
                     *clauses, f"RETURN {{node: {proj}}} AS item, null AS total"])


def compile_root(root: Root) -> Compiled:
    """One statement returning rows `(item, total)`: `total` only on the count row of a list with totalCount."""
    b = _Builder()
    if isinstance(root, RootList):
        text = _root_list(b, root)
        name = f"explore_{root.label.lower()}_list"
    elif isinstance(root, RootOne):
        text = _root_one(b, root)
        name = f"explore_{root.label.lower()}_one"
    else:
        text = _root_many(b, root)
        name = f"explore_{root.label.lower()}_many"
    return Compiled(generated_statement(name, text), b.params)
