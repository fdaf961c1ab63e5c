"""Bulk writing for the demo: pre-assigned keys, chunked multi-row inserts, no ORM objects.

Each value goes through the bind processor of its model column (Money → 分, enums →
their Chinese value, dates → the dialect's format), so the stored form is exactly what
the ORM would write. The processed values are memoised per column — a demo database
repeats the same dates, amounts and enum values hundreds of thousands of times — and
the rows are sent as one ``executemany`` per chunk. Columns with a server default
(``created_at``, ``updated_at``, ``version``) are left to the database.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, MetaData, Table
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from app.db.base import Base

CHUNK = 10_000


class _Sink:
    """Pending rows of one table and how to turn a row dict into bound parameters."""

    def __init__(self, table: Table, dialect) -> None:
        self.table = table
        self.columns = [c for c in table.columns if c.server_default is None]
        self.keys = [c.key for c in self.columns]
        self.defaults: dict[str, Any] = {}
        for c in self.columns:
            if c.default is not None and c.default.is_scalar:
                self.defaults[c.key] = c.default.arg
        processors = [c.type._cached_bind_processor(dialect) for c in self.columns]
        # only the columns with a bind processor or a default need work per row
        self.active = [(i, proc, {}, self.defaults.get(key)) for i, (key, proc) in enumerate(zip(self.keys, processors))
                       if proc is not None or key in self.defaults]
        plain = Table(table.name, MetaData(), *(Column(c.name, NullType()) for c in self.columns))
        self.sql = str(plain.insert().compile(dialect=dialect))
        self.positional = dialect.positional
        self.rows: list[dict] = []
        self.next_id = 1
        self.count = 0

    def params(self, row: dict):
        get = row.get
        values = [get(key) for key in self.keys]
        for i, proc, memo, default in self.active:
            value = values[i]
            if value is None:
                if default is None:
                    continue
                value = default
            try:
                values[i] = memo[value]
            except KeyError:
                memo[value] = values[i] = proc(value) if proc is not None else value
        return tuple(values) if self.positional else dict(zip(self.keys, values))


class Writer:
    """Collects rows per table and inserts them in chunks, parents before children."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.dialect = session.get_bind().dialect
        self.sinks: dict[str, _Sink] = {}
        # foreign keys are checked row by row: a table's rows go after those of the tables it references
        self.rank = {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}

    def sink(self, table: Table) -> _Sink:
        sink = self.sinks.get(table.name)
        if sink is None:
            sink = self.sinks[table.name] = _Sink(table, self.dialect)
        return sink

    def start_ids_after(self, table: Table, last: int) -> None:
        sink = self.sink(table)
        sink.next_id = max(sink.next_id, last + 1)

    def new_id(self, table: Table) -> int:
        sink = self.sink(table)
        value = sink.next_id
        sink.next_id += 1
        return value

    def add(self, table: Table, row: dict) -> int:
        """Queue one row (assigning ``id`` when the row has none); returns its id."""
        sink = self.sinks.get(table.name) or self.sink(table)
        if "id" in sink.keys and row.get("id") is None:
            row["id"] = sink.next_id
            sink.next_id += 1
        sink.rows.append(row)
        sink.count += 1
        if len(sink.rows) >= CHUNK:
            self.flush(table.name)
        return row.get("id")

    def flush(self, name: str | None = None) -> None:
        """Write the pending rows of ``name`` and of every table it may reference (or of all tables)."""
        limit = self.rank[name] if name is not None else len(self.rank)
        conn = self.session.connection()
        for sink in sorted(self.sinks.values(), key=lambda s: self.rank[s.table.name]):
            if self.rank[sink.table.name] <= limit and sink.rows:
                params = [sink.params(row) for row in sink.rows]
                sink.rows = []
                conn.exec_driver_sql(sink.sql, params)

    def finish(self) -> None:
        """Write everything; on PostgreSQL move each id sequence past the keys assigned here."""
        self.flush()
        if self.dialect.name == "postgresql":
            conn = self.session.connection()
            for sink in self.sinks.values():
                if sink.count and "id" in sink.keys:
                    name = sink.table.name
                    conn.exec_driver_sql(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))")
