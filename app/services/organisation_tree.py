"""Reading the organisation tree: sub-trees, paths, names."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Organisation


def children_map(session: Session) -> dict[int | None, list[int]]:
    result: dict[int | None, list[int]] = {}
    for org_id, parent_id in session.execute(select(Organisation.id, Organisation.parent_id)):
        result.setdefault(parent_id, []).append(org_id)
    return result


def subtree_ids(session: Session, root_id: int) -> list[int]:
    """``root_id`` and every organisation below it."""
    children = children_map(session)
    out, stack = [], [root_id]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(children.get(node, []))
    return out


def find_by_name(session: Session, name: str) -> Organisation | None:
    name = name.strip()
    rows = session.scalars(select(Organisation).where(Organisation.name == name)).all()
    if not rows:
        rows = session.scalars(select(Organisation).where(Organisation.short_name == name)).all()
    return rows[0] if len(rows) == 1 else None
