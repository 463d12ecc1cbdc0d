"""The team store: PostgreSQL, with the same tables and queries as the DuckDB file.

``open_store("postgresql://user@host/db")`` returns this. Table layout, row
conversion, filters and the fused view come from ``store.sql`` so both backends
answer a query the same way.

- Bulk writes (``import_events``, ``replace_fused``) stream Arrow tables as CSV into
  ``COPY`` (a temporary staging table), then compare/insert/update with set-based SQL,
  all in one transaction: a failure leaves nothing half-written.
- The fused layer is the plain view ``events_fused`` (fused events, then every event
  in none): always current, no refresh to forget. PostgreSQL pushes a query's filters
  into both branches of the view and reads them through the same indexes on
  ``events`` and ``fused_events``, so DuckDB's table copy is not needed here.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sahelwatch.schema import Document, Event
from sahelwatch.store import EventFilter
from sahelwatch.store.arrow import events_to_arrow, fused_to_arrow
from sahelwatch.store.sql import (
    DOCUMENT_COLUMN_NAMES,
    EVENT_COLUMN_NAMES,
    EVENT_TABLE_COLUMNS,
    FUSED_COLUMN_NAMES,
    FUSION_INPUT_COLUMNS,
    CannotLinks,
    cannot_link_rows,
    coder_event_uid,
    document_row,
    event_to_row,
    fused_view_branches,
    fused_view_sql,
    import_changed_fields_sql,
    import_differs_sql,
    import_report,
    like_contains,
    literal_text_sql,
    order_limit,
    order_sql,
    row_to_record,
    schema_statements,
    text_query_words,
    where_clause,
)

log = logging.getLogger(__name__)

_INDEXES = (
    "CREATE INDEX IF NOT EXISTS events_date_idx ON events (event_date)",
    "CREATE INDEX IF NOT EXISTS events_country_admin1_idx ON events (lower(country), lower(admin1))",
    "CREATE INDEX IF NOT EXISTS events_latlon_idx ON events (latitude, longitude)",
    "CREATE INDEX IF NOT EXISTS events_doc_idx ON events (content_hash)",
    # members of a fused event (get_event, unlink, replace_fused)
    "CREATE INDEX IF NOT EXISTS events_fused_id_idx ON events (fused_id)",
    # the fused branch of events_fused is filtered like events
    "CREATE INDEX IF NOT EXISTS fused_events_date_idx ON fused_events (event_date)",
    "CREATE INDEX IF NOT EXISTS fused_events_country_admin1_idx ON fused_events (lower(country), lower(admin1))",
    "CREATE INDEX IF NOT EXISTS fused_events_latlon_idx ON fused_events (latitude, longitude)",
    # The default page order (sql.order_sql: newest first, then uid). With one on each
    # table, the first page of events_fused is a merge of two index scans (each branch
    # read newest first, singletons skipping the fused members) instead of a sort of
    # every unfused row; the events one also serves the members' first page.
    "CREATE INDEX IF NOT EXISTS events_page_idx ON events (event_date DESC NULLS LAST, event_uid)",
    "CREATE INDEX IF NOT EXISTS fused_events_page_idx ON fused_events (event_date DESC NULLS LAST, event_uid)",
)
_FUSED_VIEW = fused_view_sql("postgres")
_FUSED_BRANCHES = fused_view_branches("postgres")
_FUSED_VIEW_VERSION = hashlib.sha256(_FUSED_VIEW.encode()).hexdigest()[:16]

# Text search means what it means on DuckDB (sql.text_query_words): a word query matches
# the notes in which every query word begins a word, case and accents folded. Folding is
# lower case, then canonical decomposition (NFD) with the combining marks removed: those
# of the Latin, Greek, Cyrillic, Hebrew, Arabic, N'Ko, Ethiopic, Tifinagh and Adlam
# scripts and the generic combining blocks (DuckDB's strip_accents removes every mark;
# notes in other scripts keep theirs here). An ASCII note is folded by lower() alone. It
# is a plain immutable expression, so that a GIN trigram index (pg_trgm) over it, on both
# tables, finds the candidate rows; without pg_trgm the same clauses scan.
_COMBINING_MARKS = (
    (0x0300, 0x036F), (0x0483, 0x0489), (0x0591, 0x05BD), (0x05BF, 0x05BF), (0x05C1, 0x05C2), (0x05C4, 0x05C5),
    (0x05C7, 0x05C7), (0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06DC), (0x06DF, 0x06E4),
    (0x06E7, 0x06E8), (0x06EA, 0x06ED), (0x07EB, 0x07F3), (0x07FD, 0x07FD), (0x0898, 0x089F), (0x08CA, 0x08E1),
    (0x08E3, 0x08FF), (0x135D, 0x135F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20F0), (0x2D7F, 0x2D7F),
    (0xFE20, 0xFE2F), (0x1E944, 0x1E94A),
)


def _regex_char(code: int) -> str:
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


_MARKS_CLASS = "[" + "".join(_regex_char(a) + (f"-{_regex_char(b)}" if b != a else "") for a, b in _COMBINING_MARKS) + "]"


def _folded(column: str) -> str:
    """SQL for ``column`` lower-cased with its accents removed (see above)."""
    return (f"(CASE WHEN octet_length({column}) = length({column}) THEN lower({column}) "
            f"ELSE regexp_replace(normalize(lower({column}), NFD), '{_MARKS_CLASS}', '', 'g') END)")


_FOLDED_NOTES = _folded("notes")
_WORD_START = "(^|[^[:alnum:]])"  # a word is a run of letters and digits
_TRIGRAM_EXTENSION = "pg_trgm"
# The version in the names follows the folding: a new folding gets new indexes.
_TEXT_INDEXES = tuple(
    f"CREATE INDEX IF NOT EXISTS {table}_notes_folded_v1_idx ON {table} USING gin ({_FOLDED_NOTES} gin_trgm_ops)"
    for table in ("events", "fused_events")
)


class PostgresStore(CannotLinks):
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
            self._ensure_fused_view()
            self._ensure_text_indexes()

    def _ensure_fused_view(self) -> None:
        """Create ``events_fused``, or replace it when this version defines it differently.

        Replacing a view locks it, so it is done only when its definition changed (the
        version is kept in ``meta``), not every time a client connects.
        """
        row = self.con.execute("SELECT value FROM meta WHERE key = 'events_fused_version'").fetchone()
        exists = self.con.execute("SELECT to_regclass('events_fused') IS NOT NULL").fetchone()[0]
        if exists and row and row[0] == _FUSED_VIEW_VERSION:
            return
        self.con.execute("DROP VIEW IF EXISTS events_fused")
        self.con.execute(_FUSED_VIEW)
        self.con.execute(
            "INSERT INTO meta VALUES ('events_fused_version', %s) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [_FUSED_VIEW_VERSION],
        )

    def _ensure_text_indexes(self) -> None:
        """Trigram indexes over the folded notes, where pg_trgm can be had (else text search scans, logged)."""
        import psycopg

        if not self.con.execute("SELECT 1 FROM pg_extension WHERE extname = %s", [_TRIGRAM_EXTENSION]).fetchone():
            try:
                with self.con.transaction():  # a savepoint: a refusal leaves the rest of the set-up standing
                    self.con.execute(f"CREATE EXTENSION IF NOT EXISTS {_TRIGRAM_EXTENSION}")
            except psycopg.Error as exc:
                log.warning(
                    "PostgreSQL extension %s is not available (%s): text search in the notes works, but scans "
                    "every row instead of using an index. To index it, install the extension on the server "
                    "(Debian: postgresql-contrib) and let sahelwatch create it (or run CREATE EXTENSION %s "
                    "in this database as a user allowed to).",
                    _TRIGRAM_EXTENSION, str(exc).strip().splitlines()[0], _TRIGRAM_EXTENSION,
                )
                return
        for stmt in _TEXT_INDEXES:
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
        """``events_fused`` (one row per real event) when ``f.fused``, else ``events`` (every member)."""
        return "events_fused" if f.fused else "events"

    def refresh_fused_table(self) -> None:
        """Fresh planner statistics after a fusion (the view itself is always current).

        ``fuse`` rewrites ``fused_events`` and ``events.fused_id`` wholesale; analysing
        both at once keeps the plans of the view's two branches right without waiting
        for autovacuum.
        """
        self.con.execute("ANALYZE events, fused_events")

    def where(self, f: EventFilter, source: str | None = None) -> tuple[str, list[Any]]:
        """``where_clause`` for this store: text search over the folded notes (see _folded)."""
        return where_clause(f, "%s", self._text_sql)

    def _text_sql(self, text: str) -> tuple[str, list[Any]]:
        if "\x00" in text:  # PostgreSQL text cannot hold NUL, so no note contains it
            return "FALSE", []
        words = text_query_words(text)
        if words:
            row = self.con.execute(
                f"SELECT array_remove(regexp_split_to_array({_folded('q')}, '[^[:alnum:]]+'), '') FROM (SELECT %s::text AS q) x",
                [" ".join(words)],
            ).fetchone()
            clauses, params = [], []
            for word in row[0] or []:  # letters and digits only: nothing to escape
                clauses.append(f"{_FOLDED_NOTES} LIKE %s AND {_FOLDED_NOTES} ~ %s")
                params += [f"%{word}%", _WORD_START + word]
            return " AND ".join(clauses) or "TRUE", params
        clause, params = literal_text_sql(text, "%s")
        if text.isascii():
            # The folded notes contain the folded text wherever the notes contain the text
            # (ASCII folds by lower() alone): a test the trigram index can answer.
            folded = self.con.execute(f"SELECT {_folded('q')} FROM (SELECT %s::text AS q) x", [text]).fetchone()[0]
            clause = f"{_FOLDED_NOTES} LIKE %s AND {clause}"
            params = [like_contains(folded)[0], *params]
        return clause, params

    def query(self, f: EventFilter | None = None) -> list[dict[str, Any]]:
        return list(self.iter_query(f or EventFilter()))

    def iter_query(self, f: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        f = f or EventFilter()
        sql, params = self.select_sql(f)
        # stream() fetches row by row, so large exports are not loaded whole.
        with self.con.cursor() as cur:
            columns: list[str] | None = None
            for row in cur.stream(sql, params):
                if columns is None:
                    columns = [d.name for d in cur.description]
                yield row_to_record(columns, row)

    def select_sql(self, f: EventFilter, columns: str = "*") -> tuple[str, list[Any]]:
        """The SELECT of ``columns`` for a filter's rows in its order, and its parameters.

        A page of the fused layer (``f.fused`` with a limit) is asked of each branch of
        ``events_fused`` first: its first ``limit + offset`` rows in the page order, then
        the two merged. PostgreSQL does not do that through the view itself (a UNION ALL
        branch with a WHERE clause is planned on its own, unaware of the order wanted), so
        the newest page would sort every unfused row; per branch, each reads its page
        index (``events_page_idx``, ``fused_events_page_idx``) newest first and stops.
        """
        where, params = self.where(f)
        tail, tail_params = order_limit(f, "%s")
        if not f.fused or f.limit is None:
            return f"SELECT {columns} FROM {self.event_source(f)}{where}{tail}", params + tail_params
        top = f" ORDER BY {order_sql(f.order_by, f.descending)} LIMIT %s"
        first = f.limit + (f.offset or 0)
        branches = " UNION ALL ".join(f"(SELECT * FROM ({branch}) b{where}{top})" for branch in _FUSED_BRANCHES)
        return f"SELECT {columns} FROM ({branches}) p{tail}", [*params, first, *params, first, *tail_params]

    def count(self, f: EventFilter | None = None) -> int:
        f = f or EventFilter()
        where, params = self.where(f)
        return self.con.execute(f"SELECT count(*) FROM {self.event_source(f)}{where}", params).fetchone()[0]

    def get_event(self, event_uid: str) -> dict[str, Any] | None:
        """An event by uid: a member/plain event, or a fused event with its members.

        As on DuckDB, a fused event's record has ``members`` (uids) and
        ``member_events``: each member's full record plus, for events extracted from a
        document, ``document`` (title, url, source, published).
        """
        rec = self._one("SELECT * FROM events WHERE event_uid = %s", [event_uid])
        if rec is not None:
            return rec
        rec = self._one("SELECT * FROM fused_events WHERE event_uid = %s", [event_uid])
        if rec is None:
            return None
        doc_fields = ("title", "url", "source", "published")
        with self.con.cursor() as cur:
            cur.execute(
                "SELECT e.*, " + ", ".join(f"d.{c} AS document_{c}" for c in doc_fields) + ", d.content_hash IS NOT NULL "
                "FROM events e LEFT JOIN documents d ON d.content_hash = e.content_hash "
                'WHERE e.fused_id = %s ORDER BY e.event_uid COLLATE "C"',
                [event_uid],
            )
            n = len(EVENT_COLUMN_NAMES)
            columns = [d.name for d in cur.description][:n]
            members = []
            for row in cur.fetchall():
                member = row_to_record(columns, row[:n])
                if row[-1]:
                    member["document"] = row_to_record(doc_fields, row[n:n + len(doc_fields)])
                members.append(member)
        rec["member_events"] = members
        return rec

    def _one(self, sql: str, params: list[Any]) -> dict[str, Any] | None:
        with self.con.cursor() as cur:
            cur.execute(sql, params)
            row = cur.fetchone()
            return row_to_record([d.name for d in cur.description], row) if row else None

    def summary(self, f: EventFilter | None = None, top: int = 10) -> dict[str, list[tuple[str, int, int]]]:
        f = f or EventFilter()
        where, params = self.where(f)
        out: dict[str, list[tuple[str, int, int]]] = {}
        for label, column in (("event_type", "event_type"), ("admin1", "admin1"), ("actor", "actor1")):
            rows = self.con.execute(
                f"SELECT coalesce({column}, '(unknown)') AS k, count(*) AS n, coalesce(sum(fatalities), 0) AS f "
                f"FROM {self.event_source(f)}{where} GROUP BY k ORDER BY n DESC, k LIMIT {int(top)}",
                params,
            ).fetchall()
            out[label] = [(str(k), int(n), int(fat)) for k, n, fat in rows]
        return out

    # -- structured imports --------------------------------------------------------
    def import_events(self, dataset: str, events: Any, raws: list[dict | None] | None = None) -> dict[str, Any]:
        """Insert or update one dataset's rows (ACLED/UCDP imports), keyed by ``event_uid``.

        The same contract and report as ``DuckDBStore.import_events``: new rows are
        inserted, changed rows updated (keeping their ``fused_id``), unchanged rows left
        alone, rows of ``dataset`` the export no longer has kept and counted as
        ``missing``. The rows are COPYed into a temporary staging table and compared
        with set-based SQL, all in one transaction. When the rows written are many
        beside the table's, its secondary indexes are rebuilt rather than maintained
        row by row (``_indexes_rebuilt_for``), in the same transaction.
        """
        import pyarrow as pa
        import pyarrow.compute as pc

        table = events if isinstance(events, pa.Table) else events_to_arrow(events, raws)
        table, raw_expr = _flatten_raw(table)
        values = {c: (raw_expr if c == "raw" else f"s.{c}") for c in EVENT_COLUMN_NAMES}
        columns = ", ".join(EVENT_COLUMN_NAMES)
        with self._transaction(), self.con.cursor() as cur:
            cur.execute("SELECT EXISTS (SELECT 1 FROM events WHERE dataset = %s)", [dataset])
            first_import = not cur.fetchone()[0] and table.num_rows and table.column("dataset").null_count == 0
            if first_import and not pc.all(pc.starts_with(table.column("event_uid"), dataset + ":")).as_py():
                raise ValueError(f"import of {dataset}: every event_uid must start with '{dataset}:'")
            staging_columns = ", ".join(f"{name} {_column_type(sql_type)}" for name, sql_type in _arrow_columns(table))
            cur.execute(f"CREATE TEMP TABLE import_staging ({staging_columns}) ON COMMIT DROP")
            _copy_arrow(cur, "import_staging", table)
            if first_import:
                # As on DuckDB: a dataset's first import carries its own uids, so every
                # row is new and the comparison is skipped (the bulk path).
                with _indexes_rebuilt_for(cur, "events", table.num_rows):
                    cur.execute(f"INSERT INTO events ({columns}) SELECT {', '.join(values.values())} FROM import_staging s")
                    inserted = cur.rowcount
                return import_report(dataset, table.num_rows, inserted, 0, 0)
            cur.execute("CREATE UNIQUE INDEX ON import_staging (event_uid)")  # a uid twice in one import fails here
            # One join of the staged rows with the stored ones: which are stored, whether
            # as rows of this dataset, and the fields that changed (NULL: unchanged).
            cur.execute(
                "CREATE TEMP TABLE import_matched ON COMMIT DROP AS "
                "SELECT s.event_uid, e.dataset IS NOT DISTINCT FROM %s AS ours, "
                f"CASE WHEN {import_differs_sql()} "
                f"THEN array_remove(ARRAY[{import_changed_fields_sql()}]::text[], NULL) END AS fields "
                "FROM import_staging s JOIN events e ON e.event_uid = s.event_uid",
                [dataset],
            )
            matched, matched_ours, changed = cur.execute(
                "SELECT count(*), count(*) FILTER (WHERE ours), count(fields) FROM import_matched"
            ).fetchone()
            new = table.num_rows - matched
            fields_changed, changed_rows = {}, []
            if changed:
                fields_changed = dict(cur.execute(
                    "SELECT f, count(*) FROM import_matched, unnest(fields) AS f GROUP BY f"
                ).fetchall())
                changed_rows = [
                    {"event_uid": uid, "fields": list(fields)}
                    for uid, fields in cur.execute(
                        "SELECT event_uid, fields FROM import_matched WHERE fields IS NOT NULL "
                        'ORDER BY event_uid COLLATE "C" LIMIT 100'
                    ).fetchall()
                ]
            # rows of this dataset the export no longer has: stored ones it did not match
            missing = cur.execute("SELECT count(*) FROM events WHERE dataset = %s", [dataset]).fetchone()[0] - matched_ours
            with _indexes_rebuilt_for(cur, "events", new + changed):
                if changed:
                    updated = [c for c in EVENT_COLUMN_NAMES if c not in ("event_uid", "fused_id")]
                    cur.execute(
                        f"UPDATE events e SET ({', '.join(updated)}) = ({', '.join(values[c] for c in updated)}) "
                        "FROM import_staging s JOIN import_matched m ON m.event_uid = s.event_uid "
                        "WHERE m.fields IS NOT NULL AND e.event_uid = s.event_uid"
                    )
                if new:
                    cur.execute(
                        f"INSERT INTO events ({columns}) SELECT {', '.join(values.values())} FROM import_staging s "
                        "WHERE NOT EXISTS (SELECT 1 FROM import_matched m WHERE m.event_uid = s.event_uid)"
                    )
        return import_report(dataset, table.num_rows, new, changed, missing, fields_changed, changed_rows)

    # -- fusion --------------------------------------------------------------------
    def fusion_inputs(self) -> dict[str, list]:
        """The columns fusion needs (``FUSION_INPUT_COLUMNS``), for every event: column name -> values.

        In byte order of ``event_uid`` (``COLLATE "C"``), as on DuckDB, whatever the
        database's collation, so both backends fuse the same events the same way.
        """
        with self.con.cursor(binary=True) as cur:
            cur.execute(f'SELECT {", ".join(FUSION_INPUT_COLUMNS)} FROM events ORDER BY event_uid COLLATE "C"')
            rows = cur.fetchall()
        if not rows:
            return {name: [] for name in FUSION_INPUT_COLUMNS}
        return dict(zip(FUSION_INPUT_COLUMNS, map(list, zip(*rows))))

    def events_by_uid(self, uids: Iterable[str]) -> list[dict[str, Any]]:
        """Full records of the given events (any order)."""
        uids = list(uids)
        if not uids:
            return []
        with self.con.cursor() as cur:
            cur.execute("SELECT * FROM events WHERE event_uid = ANY(%s)", [uids])
            columns = [d.name for d in cur.description]
            return [row_to_record(columns, r) for r in cur.fetchall()]

    def _insert_cannot_links(self, pairs: Iterable[tuple[str, str]]) -> None:
        rows = cannot_link_rows(pairs)
        if rows:
            with self.con.cursor() as cur:
                cur.executemany("INSERT INTO fusion_cannot_link VALUES (%s, %s, %s) ON CONFLICT DO NOTHING", rows)

    def replace_fused(self, fused_records: list[dict[str, Any]], membership: dict[str, str], only: Iterable[str] | None = None,
                      cannot_links: Iterable[tuple[str, str]] = ()) -> None:
        """Write fused events and set ``events.fused_id`` for their members, atomically.

        The contract of ``DuckDBStore.replace_fused``. Only member rows whose
        ``fused_id`` really changes are updated, so re-running ``fuse`` on an unchanged
        store rewrites ``fused_events`` but leaves ``events`` untouched.
        """
        import pyarrow as pa

        links = pa.table({"event_uid": pa.array(list(membership), pa.string()),
                          "fused_id": pa.array(list(membership.values()), pa.string())})
        ids = None if only is None else list(only)
        with self._transaction(), self.con.cursor() as cur:
            if ids is None:
                cur.execute("DELETE FROM fused_events")
            else:
                cur.execute("DELETE FROM fused_events WHERE event_uid = ANY(%s)", [ids])
            self._insert_cannot_links(cannot_links)
            _copy_arrow(cur, f"fused_events ({', '.join(FUSED_COLUMN_NAMES)})", fused_to_arrow(fused_records))
            cur.execute("CREATE TEMP TABLE fuse_links (event_uid TEXT PRIMARY KEY, fused_id TEXT NOT NULL) ON COMMIT DROP")
            _copy_arrow(cur, "fuse_links", links)
            detached = "fused_id IS NOT NULL" if ids is None else "fused_id = ANY(%s)"
            cur.execute(
                f"UPDATE events SET fused_id = NULL WHERE {detached} "
                "AND NOT EXISTS (SELECT 1 FROM fuse_links l WHERE l.event_uid = events.event_uid)",
                [] if ids is None else [ids],
            )
            cur.execute(
                "UPDATE events e SET fused_id = l.fused_id FROM fuse_links l "
                "WHERE e.event_uid = l.event_uid AND e.fused_id IS DISTINCT FROM l.fused_id"
            )

    def fused_count(self) -> int:
        return self.con.execute("SELECT count(*) FROM fused_events").fetchone()[0]


# A bulk write of many rows is cheaper into a table without its secondary indexes,
# rebuilt once afterwards, than with each index maintained row by row: above all the GIN
# trigram index over the folded notes, whose upkeep costs ~25 µs per synthetic row and
# ~80 µs per ACLED row (notes of ~160 characters), against ~13 and ~37 µs per row to
# build it (2026-11-21, docs/BENCHMARKS.md). Rebuilding costs time in proportion to the
# whole table, so it pays only when the rows written are many beside the rows already
# there: at least _REBUILD_FRACTION times as many (1M new rows into a store of 1M: the
# rebuild was slower), and at least _REBUILD_MIN_ROWS, below which it hardly matters.
_REBUILD_MIN_ROWS = 10_000
_REBUILD_FRACTION = 1.5


@contextmanager
def _indexes_rebuilt_for(cur: Any, table: str, rows: int) -> Iterator[bool]:
    """Around a bulk write of ``rows`` rows into ``table``, inside the caller's transaction:
    drop the table's secondary indexes first and create them again after, when ``rows``
    is large beside the table (see above); yields whether it does.

    The indexes are recreated from their own definitions (``pg_get_indexdef``), so an
    index someone added is kept too; unique indexes and constraints are left alone. All
    of it is in the caller's transaction: if the write fails, the rollback restores the
    indexes with the rows, and no other session ever sees the table without them
    (DROP INDEX locks the table until the commit: readers wait for the import).
    """
    if rows < _REBUILD_MIN_ROWS:
        yield False
        return
    stored = cur.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table]).fetchone()[0]
    if stored <= 0:  # never analysed (-1), or analysed while empty and perhaps filled since: count
        stored = cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    if rows < _REBUILD_FRACTION * stored:
        yield False
        return
    indexes = cur.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "WHERE i.indrelid = %s::regclass AND NOT i.indisunique AND NOT i.indisprimary "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1",
        [table],
    ).fetchall()
    for name, _ in indexes:
        cur.execute(f"DROP INDEX {name}")
    yield True
    # (maintenance_work_mem of 64 MB, 256 MB or 1 GB builds the trigram index in the same time)
    for _, definition in indexes:
        cur.execute(definition)


def _column_type(sql_type: str) -> str:
    """A column type without its constraints (for staging tables)."""
    return sql_type.replace("PRIMARY KEY", "").replace("NOT NULL", "").strip()


def _arrow_columns(table: Any) -> list[tuple[str, str]]:
    """(name, SQL type) of an Arrow table built by ``store.arrow`` (or with a flattened ``raw``)."""
    types = dict(EVENT_TABLE_COLUMNS)
    return [(name, types.get(name, "TEXT")) for name in table.column_names]


def _flatten_raw(table: Any) -> tuple[Any, str]:
    """``raw`` as COPY can carry it, and the SQL expression that makes it a JSON text.

    The bulk ACLED reader gives ``raw`` as a struct of strings: its fields travel as
    columns ``raw__0``, ``raw__1``... and ``json_build_object`` puts them back together
    (keys in the struct's order), so no per-row JSON is built in Python.
    """
    import pyarrow as pa

    field = table.schema.field("raw")
    if not pa.types.is_struct(field.type):
        return table, "s.raw"
    index = table.schema.get_field_index("raw")
    children = table.column("raw").flatten()
    names = [field.type.field(i).name for i in range(field.type.num_fields)]
    table = table.remove_column(index)
    for i, child in enumerate(children):
        table = table.append_column(f"raw__{i}", child.cast(pa.string()))
    pairs = ", ".join(f"{_sql_literal(name)}, s.raw__{i}" for i, name in enumerate(names))
    return table, f"json_build_object({pairs})::text"


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _copy_arrow(cur: Any, target: str, table: Any, batch_rows: int = 50_000) -> None:
    """COPY an Arrow table into ``target`` (a table, optionally with its column list).

    Arrow writes each batch as CSV in C++ (nulls as empty fields, every string quoted,
    so '' stays an empty string; floats in shortest round-trip form, so a re-import
    compares equal), and psycopg streams the bytes to the server.
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv

    if "(" not in target:
        target = f"{target} ({', '.join(table.column_names)})"
    options = pacsv.WriteOptions(include_header=False)
    with cur.copy(f"COPY {target} FROM STDIN (FORMAT csv)") as copy:
        for batch in table.to_batches(max_chunksize=batch_rows):
            buf = io.BytesIO()
            pacsv.write_csv(pa.Table.from_batches([batch], schema=table.schema), buf, options)
            copy.write(buf.getbuffer())
