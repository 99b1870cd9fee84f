"""The schema is an artifact: checked in as schema.graphql, and described field by field."""

from __future__ import annotations

import re

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLScalarType,
)

from graph.model import LABELS
from schema.api import build_schema
from schema.export import SCHEMA_FILE, schema_sdl

CJK = re.compile(r"[\u4e00-\u9fff]")
BUILT_IN_SCALARS = {"String", "Int", "Float", "Boolean", "ID"}


def test_schema_graphql_matches_the_code() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_sdl(), (
        "schema.graphql is out of date: run `make schema` (policygraph export-schema) and commit it")


def test_every_type_field_argument_and_value_has_a_description() -> None:
    missing: list[str] = []
    for name, t in build_schema()._schema.type_map.items():
        if name.startswith("__") or name in BUILT_IN_SCALARS:
            continue
        if not t.description:
            missing.append(name)
        if isinstance(t, GraphQLObjectType | GraphQLInterfaceType):
            for fname, f in t.fields.items():
                if not f.description:
                    missing.append(f"{name}.{fname}")
                missing += [f"{name}.{fname}({a})" for a, arg in f.args.items() if not arg.description]
        elif isinstance(t, GraphQLInputObjectType):
            missing += [f"{name}.{fname}" for fname, f in t.fields.items() if not f.description]
        elif isinstance(t, GraphQLEnumType):
            missing += [f"{name}.{v}" for v, value in t.values.items() if not value.description]
        elif isinstance(t, GraphQLScalarType) and not t.description:
            missing.append(name)
    assert missing == []


def test_node_types_name_their_chinese_term() -> None:
    schema = build_schema()._schema
    for spec in LABELS:
        assert CJK.search(schema.type_map[spec.name].description or ""), spec.name


def test_graphiql_introspection_shows_descriptions() -> None:
    # GraphiQL reads descriptions through introspection; the same walk over the introspected schema.
    result = build_schema().execute_sync(
        '{ __type(name: "Policy") { description fields { name description args { name description } } } }')
    assert result.errors is None
    policy = result.data["__type"]  # type: ignore[index]
    assert policy["description"]
    assert all(f["description"] for f in policy["fields"])
    assert all(a["description"] for f in policy["fields"] for a in f["args"])
