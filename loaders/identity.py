"""Stable node identifiers: the same thing always gets the same uid, on every load."""

from __future__ import annotations

import hashlib


def stable_uid(prefix: str, *key_parts: str) -> str:
    """`prefix-` and a short hash of the normalised key, e.g. `pol-3f2a…`.

    Hashing keeps uids ASCII and URL-safe whatever script the key is in.
    """
    digest = hashlib.sha1("\x1f".join(key_parts).encode("utf-8")).hexdigest()[:16]
    return f"{prefix}-{digest}"


REGION_LABELS = {"province": "Province", "city": "City", "district": "District", "park": "Park"}
_REGION_PREFIX = {"province": "prov", "city": "city", "district": "dist", "park": "park"}


def region_uid(kind: str, name: str) -> str:
    """Places are identified by kind and full simplified name (临沂市, 临沂经济技术开发区)."""
    return stable_uid(_REGION_PREFIX[kind], name)
