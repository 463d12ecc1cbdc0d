"""The default store: one DuckDB file, zero set-up."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb

from sahelwatch.schema import Document, Event
from sahelwatch.store import EventFilter
from sahelwatch.store.sql import (
    DOCUMENT_COLUMN_NAMES,
    EVENT_COLUMN_NAMES,
    coder_event_uid,
    document_row,
    event_to_row,
    order_limit,
    row_to_record,
    schema_statements,
    where_clause,
)


class DuckDBStore:
    """Documents and events in a single DuckDB file.

    Each document is written with its events in one transaction, so an ingest
    interrupted half-way leaves only whole documents behind and a re-run skips
    them (documents are keyed by the hash of their text).
    """

    placeholder = "?"

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        if not read_only and self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            raise RuntimeError(f"cannot open database {self.path}: {exc}") from exc
        if not read_only:
            for stmt in schema_statements():
                self.con.execute(stmt)

    # -- lifecycle -----------------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "DuckDBStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def execute(self, sql: str, params: Iterable[Any] = ()) -> Any:
        return self.con.execute(sql, list(params))

    # -- documents -----------------------------------------------------------------
    def has_document(self, content_hash: str) -> bool:
        row = self.con.execute("SELECT 1 FROM documents WHERE content_hash = ?", [content_hash]).fetchone()
        return row is not None

    def add_document(self, doc: Document, events: list[Event]) -> bool:
        """Store a document and its events atomically. Returns False if it was already stored."""
        if self.has_document(doc.content_hash):
            return False
        for index, event in enumerate(events):
            event.event_uid = event.event_uid or coder_event_uid(doc.content_hash, index)
            event.doc_id = event.doc_id or doc.doc_id
        doc_placeholders = ", ".join("?" for _ in DOCUMENT_COLUMN_NAMES)
        ev_placeholders = ", ".join("?" for _ in EVENT_COLUMN_NAMES)
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute(
                f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMN_NAMES)}) VALUES ({doc_placeholders})",
                list(document_row(doc, len(events))),
            )
            if events:
                self.con.executemany(
                    f"INSERT INTO events ({', '.join(EVENT_COLUMN_NAMES)}) VALUES ({ev_placeholders})",
                    [list(event_to_row(e, doc.content_hash)) for e in events],
                )
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return True

    def get_document(self, key: str) -> dict[str, Any] | None:
        """A document by content hash or doc_id."""
        cur = self.con.execute(
            f"SELECT {', '.join(DOCUMENT_COLUMN_NAMES)} FROM documents WHERE content_hash = ? OR doc_id = ? ORDER BY ingested_at LIMIT 1",
            [key, key],
        )
        row = cur.fetchone()
        return row_to_record(DOCUMENT_COLUMN_NAMES, row) if row else None

    def document_count(self) -> int:
        return self.con.execute("SELECT count(*) FROM documents").fetchone()[0]

    # -- events --------------------------------------------------------------------
    def event_source(self, f: EventFilter) -> str:
        """The table or view a query reads: the events themselves (fusion overrides this)."""
        return "events"

    def query(self, f: EventFilter | None = None) -> list[dict[str, Any]]:
        return list(self.iter_query(f or EventFilter()))

    def iter_query(self, f: EventFilter | None = None, batch_size: int = 10_000) -> Iterator[dict[str, Any]]:
        f = f or EventFilter()
        where, params = where_clause(f)
        tail, tail_params = order_limit(f)
        source = self.event_source(f)
        cur = self.con.execute(f"SELECT * FROM {source}{where}{tail}", params + tail_params)
        columns = [d[0] for d in cur.description]
        while True:
            rows = cur.fetchmany(batch_size)
            if not rows:
                break
            for row in rows:
                yield row_to_record(columns, row)

    def count(self, f: EventFilter | None = None) -> int:
        f = f or EventFilter()
        where, params = where_clause(f)
        return self.con.execute(f"SELECT count(*) FROM {self.event_source(f)}{where}", params).fetchone()[0]

    def get_event(self, event_uid: str) -> dict[str, Any] | None:
        cur = self.con.execute("SELECT * FROM events WHERE event_uid = ?", [event_uid])
        row = cur.fetchone()
        return row_to_record([d[0] for d in cur.description], row) if row else None

    def summary(self, f: EventFilter | None = None, top: int = 10) -> dict[str, list[tuple[str, int, int]]]:
        """Events and fatalities per event type, per admin1 and per actor1 (top N)."""
        f = f or EventFilter()
        where, params = where_clause(f)
        source = self.event_source(f)
        out: dict[str, list[tuple[str, int, int]]] = {}
        for label, column in (("event_type", "event_type"), ("admin1", "admin1"), ("actor", "actor1")):
            rows = self.con.execute(
                f"SELECT coalesce({column}, '(unknown)') AS k, count(*) AS n, coalesce(sum(fatalities), 0) AS f "
                f"FROM {source}{where} GROUP BY k ORDER BY n DESC, k LIMIT {int(top)}",
                params,
            ).fetchall()
            out[label] = [(str(k), int(n), int(fat)) for k, n, fat in rows]
        return out
