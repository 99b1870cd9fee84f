"""Compile a fetch plan into one Cypher statement that runs on Neo4j 5 and FalkorDB.

Shape of the statement for a list of nodes:

    MATCH (n:Policy) WHERE <filters> AND <after the cursor>
    WITH n ORDER BY <key>, n.uid LIMIT $first+1
    CALL { WITH n  MATCH (n)-[e:DEFINES]->(m:Program) ... WITH e, m ORDER BY ... LIMIT ...
           CALL { WITH m ... }                 -- the next level, the same way
           RETURN {edges: collect(...)[..$first], ...} AS l1 }
    RETURN {node: n {.uid, .title, programs: l1}, _key: [<key>]} AS item

Every level is a `CALL { WITH x ... }` subquery with its own ORDER BY and LIMIT, so
nested lists are ordered and paged like root lists, and the number of statements
does not depend on how many items come back. Nested pattern comprehensions are
avoided on purpose: FalkorDB evaluates them without anchoring the inner pattern
(seconds instead of milliseconds). Variable names are unique in a statement
because FalkorDB confuses equal names in sibling pattern expressions.
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
    def project(self, v: str, fetch: Fetch, *, need_uid: bool = False) -> tuple[list[str], list[str], str]:
        """Subqueries to run for `v`, the variables they bind, and the map expression of `v`.

        Only what was asked for is projected: every extra value costs parsing in the client."""
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
            link_clauses, link_bound, expr = self.link(v, link)
            clauses += link_clauses
            bound += link_bound
            parts.append(f"{ident(key)}: {expr}")
        for key, ref in fetch.refs.items():
            clause, out = self.ref(v, ref)
            clauses.append(clause)
            bound.append(out)
            parts.append(f"{ident(key)}: {out}")
        return clauses, bound, f"{v} {{{', '.join(parts or ['.uid'])}}}"

    def ref(self, carrier: str, ref: RefFetch) -> tuple[str, str]:
        m = self.var("r")
        out = self.var("o")
        clauses, _, proj = self.project(m, ref.target)
        body = " ".join([
            f"WITH {carrier}",
            f"MATCH ({m}:{_label(ref.label)} {{uid: {carrier}.{_prop(ref.prop)}}})",
            f"WITH {m} LIMIT 1",
            *clauses,
            f"RETURN collect({proj})[0] AS {out}",
        ])
        return f"CALL {{ {body} }}", out

    def link(self, v: str, link: Link) -> tuple[list[str], list[str], str]:
        """Subqueries for one relation of `v`, the variables they bind, and the value to project."""
        e, m, out = self.var("e"), self.var("m"), self.var("o")
        arrow_l, arrow_r = ("-", "->") if link.direction == "out" else ("<-", "-")
        several = len(link.target.labels) > 1
        pattern = f"({v}){arrow_l}[{e}:{_type(link.type)}]{arrow_r}{self.node_pattern(m, link.target.labels)}"
        where = self.where(m, link.filters, self.label_test(m, link.target.labels) if several else None,
                           self.keyset(m, link.page))
        cursors = link.page.cursors
        limit = self.param(1 if link.single else link.page.first + (1 if cursors else 0))
        clauses, bound, proj = self.project(m, link.target, need_uid=cursors)
        if link.single:
            body = [f"WITH {v}", f"MATCH {pattern}{where}", f"WITH {m} ORDER BY {m}.uid LIMIT {limit}", *clauses,
                    f"RETURN collect({proj})[0] AS {out}"]
            return ["CALL { " + " ".join(body) + " }"], [out], out
        items = self.var("c")
        order = self.order_by(m, link.page.order)
        if not cursors and not link.edge_props and not link.edge_refs:
            # Nothing is asked of the edges: a plain list of nodes (see schema.types, `nodes`/`edges`).
            body = [f"WITH {v}", f"MATCH {pattern}{where}", f"WITH {m} ORDER BY {order} LIMIT {limit}", *clauses,
                    f"WITH {', '.join([m, *bound])} ORDER BY {order}",
                    f"RETURN {{nodes: collect({proj})}} AS {out}"]
            result = ["CALL { " + " ".join(body) + " }"]
            return self._with_total(v, link, result, out, "nodes")
        edge_parts = [f"node: {proj}"]
        if cursors:
            edge_parts.append(f"_key: [{', '.join(self.sort_exprs(m, link.page.order))}]")
        edge_parts += [f"{ident(p)}: {e}.{_prop(p)}" for p in sorted(link.edge_props)]
        for key, ref in link.edge_refs.items():
            clause, ref_out = self.ref(e, ref)
            clauses.append(clause)
            bound.append(ref_out)
            edge_parts.append(f"{ident(key)}: {ref_out}")
        first = self.param(link.page.first)
        more = (f", _more: size({items}) > {first}, _prev: {self.param(link.page.after is not None)}"
                if cursors else "")
        body = [
            f"WITH {v}", f"MATCH {pattern}{where}", f"WITH {e}, {m} ORDER BY {order} LIMIT {limit}", *clauses,
            # Subqueries need not keep row order: sort again before collecting.
            f"WITH {', '.join([e, m, *bound])} ORDER BY {order}",
            f"WITH collect({{{', '.join(edge_parts)}}}) AS {items}",
            f"RETURN {{edges: {items}[..{first}]{more}}} AS {out}",
        ]
        result = ["CALL { " + " ".join(body) + " }"]
        return self._with_total(v, link, result, out, "edges", more=cursors)

    def _with_total(self, v: str, link: Link, result: list[str], out: str, items: str,
                    more: bool = False) -> tuple[list[str], list[str], str]:
        if not link.page.total:
            return result, [out], out
        # Counted in its own subquery: an aggregation grouped by the count would drop parents without items.
        several = len(link.target.labels) > 1
        arrow_l, arrow_r = ("-", "->") if link.direction == "out" else ("<-", "-")
        t, total = self.var("t"), self.var("o")
        tpattern = f"({v}){arrow_l}[:{_type(link.type)}]{arrow_r}{self.node_pattern(t, link.target.labels)}"
        twhere = self.where(t, link.filters, self.label_test(t, link.target.labels) if several else None)
        result.append(f"CALL {{ WITH {v} MATCH {tpattern}{twhere} RETURN count({t}) AS {total} }}")
        extra = f", _more: {out}._more, _prev: {out}._prev" if more else ""
        return result, [out, total], f"{{{items}: {out}.{items}{extra}, totalCount: {total}}}"


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
    clauses, bound, proj = b.project(n, root.fetch, need_uid=page.cursors)
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
    clauses, _, proj = b.project(n, root.fetch)
    return " ".join([f"MATCH ({n}:{_label(root.label)} {{{props}}})", f"WITH {n} ORDER BY {n}.uid LIMIT 1",
                     *clauses, f"RETURN {{node: {proj}}} AS item, null AS total"])


def _root_many(b: _Builder, root: RootMany) -> str:
    n = "n"
    clauses, _, proj = b.project(n, root.fetch, need_uid=True)
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
