"""Brief forms of a program and a policy, shared by the answers that mention them in passing
(program overlaps, supply-chain coverage): enough to show and to follow with `node(id:)`."""

from __future__ import annotations

import strawberry

from schema.filters import Level
from schema.ids import global_id


@strawberry.type(description="A program (专项/资金), briefly: follow `id` with `node(id:)` for the rest.")
class ProgramBrief:
    id: strawberry.ID = strawberry.field(description="Global ID, usable with `node(id:)`")
    uid: str = strawberry.field(description="Stable identifier of the program")
    name: str = strawberry.field(description="Name (名称), simplified")
    name_en: str | None = strawberry.field(description="English name")
    level: Level | None = strawberry.field(description="Level of government whose money it is (层级)")


@strawberry.type(description="The policy (政策文件) a clause belongs to, briefly.")
class PolicyBrief:
    id: strawberry.ID = strawberry.field(description="Global ID, usable with `node(id:)`")
    uid: str = strawberry.field(description="Stable identifier of the policy")
    doc_number: str | None = strawberry.field(description="Document number (文号), simplified")
    title: str | None = strawberry.field(description="Title (标题), simplified")


def level_of(value: str | None) -> Level | None:
    """The GraphQL level of a level stored in the graph; null for a missing or unknown one."""
    return Level[value] if value is not None and value in Level.__members__ else None


def program_brief(uid: str, name: str, name_en: str | None, level: str | None) -> ProgramBrief:
    return ProgramBrief(id=strawberry.ID(global_id("Program", uid)), uid=uid, name=name, name_en=name_en,
                        level=level_of(level))


def policy_brief(uid: str | None, doc_number: str | None, title: str | None) -> PolicyBrief | None:
    """The policy of a clause; null when the clause's policy is not known."""
    if not uid:
        return None
    return PolicyBrief(id=strawberry.ID(global_id("Policy", uid)), uid=uid, doc_number=doc_number, title=title)
