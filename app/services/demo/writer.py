"""Bulk writing for the demo: pre-assigned keys and chunked Core inserts (no ORM objects)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Table
from sqlalchemy.orm import Session

CHUNK = 5000


class Writer:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.next_ids: dict[str, int] = defaultdict(lambda: 1)
        self.pending: dict[str, list[dict]] = defaultdict(list)
        self.tables: dict[str, Table] = {}
        self.counts: dict[str, int] = defaultdict(int)

    def new_id(self, table: Table) -> int:
        value = self.next_ids[table.name]
        self.next_ids[table.name] = value + 1
        return value

    def start_ids_after(self, table: Table, last: int) -> None:
        self.next_ids[table.name] = max(self.next_ids[table.name], last + 1)

    def add(self, table: Table, row: dict, *, with_id: bool = True) -> int | None:
        if with_id and "id" not in row:
            row["id"] = self.new_id(table)
        self.tables[table.name] = table
        bucket = self.pending[table.name]
        bucket.append(row)
        self.counts[table.name] += 1
        if len(bucket) >= CHUNK:
            self.flush(table.name)
        return row.get("id")

    def flush(self, name: str | None = None) -> None:
        """Write pending rows of ``name`` (or all); tables first used earlier go first (parents)."""
        order = list(self.tables)
        last = order.index(name) if name else len(order) - 1
        for key in order[: last + 1]:
            rows = self.pending.get(key)
            if rows:
                # executemany needs one set of keys per batch; column defaults fill the rest
                shapes: dict[frozenset, list[dict]] = defaultdict(list)
                for row in rows:
                    shapes[frozenset(row)].append(row)
                for batch in shapes.values():
                    self.session.execute(self.tables[key].insert(), batch)
                self.pending[key] = []
