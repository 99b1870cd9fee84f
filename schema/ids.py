"""Global IDs and cursors: the two opaque strings the API hands out.

A global ID is `Label:uid` (e.g. `Policy:pol-1a2b3c4d5e6f7a8b`): readable in
GraphiQL, built by the database in the same statement that reads the node, and
checked against the relation catalogue when it comes back. Clients should still
treat it as opaque.

A cursor is base64url of the JSON `[[sort values], uid]`: the keyset of the
last item seen, so the next page starts strictly after it in (sort key, uid)
order. Use a cursor with the `orderBy` it was made under.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

import orjson

from graph.model import LABELS_BY_NAME
from schema.errors import BadUserInput


def global_id(label: str, uid: str) -> str:
    return f"{label}:{uid}"


def parse_global_id(value: str, *, expect: tuple[str, ...] | None = None) -> tuple[str, str]:
    """(label, uid) of a global ID; a bare uid is accepted where the label is implied by `expect`."""
    label, sep, uid = value.partition(":")
    if not sep:
        if expect is not None and len(expect) == 1 and value:
            return expect[0], value
        raise BadUserInput(f"{value!r} is not a global ID (Label:uid)")
    if label not in LABELS_BY_NAME or not uid:
        raise BadUserInput(f"{value!r} is not a global ID of this graph")
    if expect is not None and label not in expect:
        raise BadUserInput(f"{value!r} is a {label}; expected {' or '.join(expect)}")
    return label, uid


def encode_cursor(values: list[Any], uid: str) -> str:
    return base64.urlsafe_b64encode(orjson.dumps([values, uid])).decode("ascii")


def decode_cursor(cursor: str, keys: int) -> tuple[list[Any], str]:
    """(sort values, uid) of a cursor for an order with `keys` sort keys."""
    try:
        values, uid = orjson.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
    except (ValueError, TypeError, binascii.Error, UnicodeError) as exc:
        raise BadUserInput(f"{cursor!r} is not a cursor from this API") from exc
    if not isinstance(values, list) or len(values) != keys or not isinstance(uid, str):
        raise BadUserInput("the cursor was made for another sort order; start again without `after`")
    if any(not isinstance(v, str | int | float) or isinstance(v, bool) for v in values):
        raise BadUserInput(f"{cursor!r} is not a cursor from this API")
    return values, uid
