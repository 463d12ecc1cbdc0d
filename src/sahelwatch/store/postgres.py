"""The team store: PostgreSQL, with the same tables and queries as the DuckDB file.

``open_store("postgresql://user@host/db")`` returns this. Table layout, row
conversion and filters come from ``store.sql`` so both backends answer a query
the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

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

_INDEXES = (
    "CREATE INDEX IF NOT EXISTS events_date_idx ON events (event_date)",
    "CREATE INDEX IF NOT EXISTS events_country_admin1_idx ON events (lower(country), lower(admin1))",
    "CREATE INDEX IF NOT EXISTS events_latlon_idx ON events (latitude, longitude)",
    "CREATE INDEX IF NOT EXISTS events_doc_idx ON events (content_hash)",
)


class PostgresStore:
    """Documents and events in a PostgreSQL database (one transaction per document)."""

    placeholder = "%s"

    def __init__(self, url: str) -> None:
        import psycopg

        self.url = url
        try:
            self.con = psycopg.connect(url, autocommit=True)
        except psycopg.OperationalError as exc:
            raise RuntimeError(f"cannot connect to {url}: {exc}".strip()) from exc
        with self.con.transaction():
            for stmt in schema_statements() + list(_INDEXES):
                self.con.execute(stmt)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "PostgresStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def execute(self, sql: str, params: Iterable[Any] = ()) -> Any:
        return self.con.execute(sql.replace("?", "%s"), list(params))

    @contextmanager
    def _transaction(self):
        with self.con.transaction():
            yield

    # -- documents -----------------------------------------------------------------
    def has_document(self, content_hash: str) -> bool:
        return self.con.execute("SELECT 1 FROM documents WHERE content_hash = %s", [content_hash]).fetchone() is not None

    def add_documents(self, batch: list[tuple[Document, list[Event]]]) -> list[bool]:
        """Store documents with their events in one transaction, skipping those already stored."""
        with self._transaction():
            return [self.add_document(doc, events) for doc, events in batch]

    def add_document(self, doc: Document, events: list[Event]) -> bool:
        if self.has_document(doc.content_hash):
            return False
        for index, event in enumerate(events):
            event.event_uid = event.event_uid or coder_event_uid(doc.content_hash, index)
            event.doc_id = event.doc_id or doc.doc_id
        doc_ph = ", ".join("%s" for _ in DOCUMENT_COLUMN_NAMES)
        ev_ph = ", ".join("%s" for _ in EVENT_COLUMN_NAMES)
        with self._transaction():
            self.con.execute(
                f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMN_NAMES)}) VALUES ({doc_ph}) ON CONFLICT DO NOTHING",
                list(document_row(doc, len(events))),
            )
            if events:
                with self.con.cursor() as cur:
                    cur.executemany(
                        f"INSERT INTO events ({', '.join(EVENT_COLUMN_NAMES)}) VALUES ({ev_ph})",
                        [list(event_to_row(e, doc.content_hash)) for e in events],
                    )
        return True

    def get_document(self, key: str) -> dict[str, Any] | None:
        row = self.con.execute(
            f"SELECT {', '.join(DOCUMENT_COLUMN_NAMES)} FROM documents WHERE content_hash = %s OR doc_id = %s "
            "ORDER BY ingested_at LIMIT 1",
            [key, key],
        ).fetchone()
        return row_to_record(DOCUMENT_COLUMN_NAMES, row) if row else None

    def document_count(self) -> int:
        return self.con.execute("SELECT count(*) FROM documents").fetchone()[0]

    # -- events --------------------------------------------------------------------
    def event_source(self, f: EventFilter) -> str:
        # The fused layer (views, fusion) is DuckDB-only so far: PostgreSQL reads members.
        return "events"

    def query(self, f: EventFilter | None = None) -> list[dict[str, Any]]:
        return list(self.iter_query(f or EventFilter()))

    def iter_query(self, f: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        f = f or EventFilter()
        where, params = where_clause(f, "%s")
        tail, tail_params = order_limit(f, "%s")
        # stream() fetches row by row, so large exports are not loaded whole.
        with self.con.cursor() as cur:
            columns: list[str] | None = None
            for row in cur.stream(f"SELECT * FROM {self.event_source(f)}{where}{tail}", params + tail_params):
                if columns is None:
                    columns = [d.name for d in cur.description]
                yield row_to_record(columns, row)

    def count(self, f: EventFilter | None = None) -> int:
        f = f or EventFilter()
        where, params = where_clause(f, "%s")
        return self.con.execute(f"SELECT count(*) FROM {self.event_source(f)}{where}", params).fetchone()[0]

    def get_event(self, event_uid: str) -> dict[str, Any] | None:
        with self.con.cursor() as cur:
            cur.execute("SELECT * FROM events WHERE event_uid = %s", [event_uid])
            row = cur.fetchone()
            return row_to_record([d.name for d in cur.description], row) if row else None

    def summary(self, f: EventFilter | None = None, top: int = 10) -> dict[str, list[tuple[str, int, int]]]:
        f = f or EventFilter()
        where, params = where_clause(f, "%s")
        out: dict[str, list[tuple[str, int, int]]] = {}
        for label, column in (("event_type", "event_type"), ("admin1", "admin1"), ("actor", "actor1")):
            rows = self.con.execute(
                f"SELECT coalesce({column}, '(unknown)') AS k, count(*) AS n, coalesce(sum(fatalities), 0) AS f "
                f"FROM {self.event_source(f)}{where} GROUP BY k ORDER BY n DESC, k LIMIT {int(top)}",
                params,
            ).fetchall()
            out[label] = [(str(k), int(n), int(fat)) for k, n, fat in rows]
        return out
