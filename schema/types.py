"""GraphQL object types. Each mirrors a node label of the graph."""

from __future__ import annotations

from typing import Any

import strawberry


@strawberry.type(description="A policy document (政策文件): a notice, guide or set of fund rules.")
class Policy:
    uid: str = strawberry.field(description="Stable identifier of the policy node")
    doc_number: str | None = strawberry.field(
        description="Document number (文号), normalised to simplified characters, e.g. 工信厅联规〔2018〕36号"
    )
    title: str = strawberry.field(description="Title (标题) in simplified characters")

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Policy:
        return cls(uid=row["uid"], doc_number=row.get("docNumber"), title=row["title"])
