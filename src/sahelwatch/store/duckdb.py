"""The default store: one DuckDB file, zero set-up."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from sahelwatch.schema import Document, Event
from sahelwatch.store import EventFilter
from sahelwatch.store.arrow import arrow_type, events_to_arrow, fused_to_arrow
from sahelwatch.store.sql import (
    DOCUMENT_COLUMN_NAMES,
    DOCUMENT_TABLE_COLUMNS,
    EVENT_COLUMN_NAMES,
    FUSED_COLUMN_NAMES,
    FUSION_INPUT_COLUMNS,
    CannotLinks,
    cannot_link_rows,
    coder_event_uid,
    document_row,
    fused_view_sql,
    import_changed_fields_sql,
    import_differs_sql,
    import_report,
    literal_text_sql,
    order_limit,
    order_sql,
    row_to_record,
    schema_statements,
    text_query_words,
    where_clause,
)

# Words of a text, as the word index and the scan that stands in for it both read them:
# lower-cased, accents stripped, split on anything but letters and digits.
_NORMALISED_SQL = "strip_accents(lower({}))"
_WORDS_SQL = f"regexp_split_to_array({_NORMALISED_SQL}, '[^\\pL\\pN]+')"
_TEXT_FILTER_FIELDS = ("date_from", "date_to", "country", "admin1", "actor", "event_type", "bbox", "point", "doc_id", "origin")


class DuckDBStore(CannotLinks):
    """Documents and events in a single DuckDB file.

    Each document is written with its events in one transaction, so an ingest
    interrupted half-way leaves only whole documents behind and a re-run skips
    them (documents are keyed by the hash of their text).
    """

    placeholder = "?"
    _text_index, _version_seen = None, None  # set by event_source

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
            self.con.execute(fused_view_sql("duckdb"))
        self._rowids_sql_cache: dict[tuple, str] = {}  # shared by the API's per-thread copies
        self._has_fused_view = bool(
            self.con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = 'events_fused'").fetchone()[0]
        )

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
        return self.add_documents([(doc, events)])[0]

    def add_documents(self, batch: list[tuple[Document, list[Event]]]) -> list[bool]:
        """Store documents with their events in one transaction, skipping those already stored.

        Returns, per document, whether it was added. One transaction for a batch is
        what makes ingest fast (row-by-row inserts cost DuckDB milliseconds each);
        it is still all-or-nothing, so an interrupted ingest leaves whole batches.
        """
        import pyarrow as pa

        hashes = [doc.content_hash for doc, _ in batch]
        stored = {
            h for (h,) in self.con.execute(
                "SELECT content_hash FROM documents WHERE content_hash IN (SELECT unnest(?::VARCHAR[]))", [hashes]
            ).fetchall()
        }
        added: list[bool] = []
        doc_rows: list[tuple] = []
        events: list[Event] = []
        event_hashes: list[str] = []
        for doc, doc_events in batch:
            if doc.content_hash in stored:
                added.append(False)
                continue
            stored.add(doc.content_hash)
            for index, event in enumerate(doc_events):
                event.event_uid = event.event_uid or coder_event_uid(doc.content_hash, index)
                event.doc_id = event.doc_id or doc.doc_id
            doc_rows.append(document_row(doc, len(doc_events)))
            events.extend(doc_events)
            event_hashes.extend([doc.content_hash] * len(doc_events))
            added.append(True)
        if not doc_rows:
            return added
        doc_table = pa.table(
            {name: pa.array([row[i] for row in doc_rows], type=arrow_type(sql_type)) for i, (name, sql_type) in enumerate(DOCUMENT_TABLE_COLUMNS)}
        )
        event_table = events_to_arrow(events)
        event_table = event_table.set_column(
            event_table.schema.get_field_index("content_hash"), "content_hash", pa.array(event_hashes, type=pa.string())
        )
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.register("new_documents", doc_table)
            self.con.execute(f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMN_NAMES)}) SELECT * FROM new_documents")
            if events:
                self.con.register("new_events", event_table)
                self.con.execute(f"INSERT INTO events ({', '.join(EVENT_COLUMN_NAMES)}) SELECT * FROM new_events")
            self._bump_data_version()
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        finally:
            self.con.unregister("new_documents")
            if events:
                self.con.unregister("new_events")
        return added

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
        """The table or view a query reads.

        ``f.fused`` (the default): ``events_fused``, one row per real event: each fused
        event (with ``sources``, ``source_count``, ``members`` ...) and every event that
        belongs to none (its table copy while that is current). Otherwise ``events``:
        every member row, with its ``fused_id``. Also notes, for the text filter of the
        query this serves, whether that source's word index is current (the API gives
        each thread its own copy of the store object).
        """
        self._text_index = None
        if not self._has_fused_view:  # a read-only file from before the fused layer: no copy, no index
            return "events"
        if not f.fused and not (f.text and text_query_words(f.text)):
            return "events"  # no version to check
        keys = ("data_version", "fused_table_version", *(index.version_key for index in WORD_INDEXES.values()))
        meta = dict(self.con.execute(f"SELECT key, value FROM meta WHERE key IN ({', '.join('?' for _ in keys)})", keys).fetchall())
        version = meta.get("data_version", "0")
        if not f.fused:
            source = "events"
        else:
            source = FUSED_TABLE if meta.get("fused_table_version") == version else "events_fused"
        index = WORD_INDEXES.get(source)
        if index is not None and meta.get(index.version_key) == version:
            self._text_index, self._version_seen = index, version
        return source

    # The fused view is a UNION ALL, through which DuckDB neither prunes row groups nor
    # late-materialises pages; reading a table copy is ~20x faster on 1M events. The copy
    # and the word indexes are used only while no write has happened since they were
    # built (a version counter in `meta`), so a query never sees stale data: after a
    # write it reads the view and scans the notes until they are rebuilt by `fuse` and
    # when `serve` starts (see refresh_fused_table): building them costs seconds at 1M
    # events, which ingest and import should not pay every run.
    def _data_version(self) -> str:
        row = self.con.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
        return row[0] if row else "0"

    def _bump_data_version(self) -> None:
        """Record that events changed (call inside the writing transaction)."""
        self.con.execute(
            "INSERT INTO meta VALUES ('data_version', CAST(uuid() AS VARCHAR)) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        )

    def _is_current(self, version_key: str) -> bool:
        """Was the derived table whose version is ``meta[version_key]`` built from the current data?"""
        row = self.con.execute(
            "SELECT (SELECT value FROM meta WHERE key = ?) = "
            "coalesce((SELECT value FROM meta WHERE key = 'data_version'), '0')",
            [version_key],
        ).fetchone()
        return bool(row and row[0])

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def refresh_fused_table(self) -> None:
        """Rebuild, where stale, what reads use while it is current.

        That is the table copy of ``events_fused`` and the word indexes of the copy and
        of ``events`` (each in its own transaction, recording the data version it was
        built from). The copy is sorted by date, so date filters prune row groups.
        """
        if not self._has_fused_view:
            return
        if not self._is_current("fused_table_version"):
            with self._transaction():
                version = self._data_version()
                self.con.execute(
                    f"CREATE OR REPLACE TABLE {FUSED_TABLE} AS SELECT * FROM events_fused "
                    "ORDER BY event_date ASC NULLS FIRST, event_uid DESC"
                )
                self._set_meta("fused_table_version", version)
        # An index points at its table's rowids, which are final only once it is committed.
        for index in WORD_INDEXES.values():
            if not self._is_current(index.version_key):
                with self._transaction():
                    version = self._data_version()
                    self._build_text_index(index)
                    self._set_meta(index.version_key, version)

    def _set_meta(self, key: str, value: str) -> None:
        self.con.execute("INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value])

    # -- text search -----------------------------------------------------------------
    # A word index of a table's notes (WORD_INDEXES: the fused table copy and the events
    # table): ``vocab`` (every word, numbered in sorted order, so the words starting
    # with a prefix are a range of ids) and ``postings`` (word id, rowid of the row,
    # the row's rank in the default page order), sorted by word id then rank. A word
    # query (see sql.text_query_words) matches the notes in which every query word
    # begins a word; reading an indexed table while its index is current, it is
    # answered from the index, elsewhere (the view after a write, or the events table
    # until the next rebuild) by a scan with the same meaning.
    #
    # Rowids: the copy is written once, in one statement. ``events`` has a primary key,
    # and DuckDB never compacts deleted rows out of a table with an index (the index
    # holds rowids), so a row keeps its rowid until it is deleted; every delete or
    # update of ``events`` bumps the data version, which retires the index.
    def _build_text_index(self, index: WordIndex) -> None:
        self.con.execute(
            f"CREATE OR REPLACE TEMP TABLE text_words AS SELECT DISTINCT rid, ord, unnest({_WORDS_SQL.format('notes')}) AS word "
            f"FROM ({_ranked_rows_sql(index.table)})"
        )
        self.con.execute(
            f"CREATE OR REPLACE TABLE {index.vocab} AS SELECT CAST(row_number() OVER (ORDER BY word) AS INTEGER) AS word_id, "
            "word FROM (SELECT DISTINCT word FROM text_words WHERE word <> '') ORDER BY word"
        )
        self.con.execute(
            f"CREATE OR REPLACE TABLE {index.postings} AS SELECT v.word_id, t.rid, t.ord FROM text_words t "
            f"JOIN {index.vocab} v USING (word) ORDER BY v.word_id, t.ord"
        )
        self.con.execute("DROP TABLE text_words")

    def _query_words(self, words: list[str]) -> list[str]:
        """The query's words normalised as the index's are (lower case, no accents)."""
        row = self.con.execute(f"SELECT list_filter({_WORDS_SQL.format('?')}, lambda w: w <> '')", [" ".join(words)]).fetchone()
        return list(row[0]) if row else []

    def _uses_text_index(self, f: EventFilter, source: str) -> bool:
        index = self._text_index
        return bool(f.text) and index is not None and index.table == source and bool(text_query_words(f.text))

    def _matching_rows_sql(self, words: list[str]) -> str:
        """SQL for the distinct (rid, ord) of the indexed rows whose notes have every word as a word prefix.

        The word-id ranges are looked up once per index, query text and index version (cached).
        """
        index = self._text_index
        key = (index.table, self._version_seen, tuple(words))
        sql = self._rowids_sql_cache.get(key)
        if sql is None:
            if len(self._rowids_sql_cache) > 1000:
                self._rowids_sql_cache.clear()
            sql = self._rowids_sql_cache[key] = self._lookup_rows_sql(index, words)
        return sql

    def _lookup_rows_sql(self, index: WordIndex, words: list[str]) -> str:
        parts = []
        for word in self._query_words(words):
            lo, hi = self.con.execute(
                f"SELECT min(word_id), max(word_id) FROM {index.vocab} WHERE word >= ? AND word < ?", [word, word + "\U0010ffff"]
            ).fetchone()
            if lo is None:
                return "SELECT CAST(NULL AS INTEGER) AS rid, CAST(NULL AS INTEGER) AS ord WHERE FALSE"
            parts.append(f"SELECT DISTINCT rid, ord FROM {index.postings} WHERE word_id BETWEEN {int(lo)} AND {int(hi)}")
        # No word left after normalising (letters and digits always leave one): every row, as the scan.
        return " INTERSECT ".join(parts) if parts else f"SELECT rid, ord FROM ({_ranked_rows_sql(index.table)})"

    def where(self, f: EventFilter, source: str | None = None) -> tuple[str, list[Any]]:
        """``where_clause`` for this store: word queries through the index or the equivalent scan."""
        source = source or self.event_source(f)
        indexed = self._uses_text_index(f, source)

        def text_sql(text: str) -> tuple[str, list[Any]]:
            words = text_query_words(text)
            if not words:
                return literal_text_sql(text, "?")
            if indexed:
                return f"rowid IN (SELECT rid FROM ({self._matching_rows_sql(words)}))", []
            tokens = self._query_words(words)
            # The regular expression is the meaning; the cheap test before it only skips
            # notes that cannot match (an ASCII note is its own normalised form, lower-cased).
            notes = _NORMALISED_SQL.format("notes")
            clause = (f"(notes ILIKE ? OR (strlen(notes) <> length(notes) AND contains({notes}, ?))) "
                      f"AND regexp_matches({notes}, ?)")
            params: list[Any] = []
            for t in tokens:
                params += [f"%{t}%", t, "(^|[^\\pL\\pN])" + t]
            return " AND ".join(clause for _ in tokens) or "TRUE", params

        return where_clause(f, "?", text_sql)

    def _text_only(self, f: EventFilter) -> bool:
        return all(getattr(f, name) is None for name in _TEXT_FILTER_FIELDS)

    def _page_rowids(self, f: EventFilter, source: str) -> list[int]:
        """The rowids of one page of a text search through the index, in page order."""
        if f.order_by == "event_date" and f.descending and self._text_only(f):  # the index alone: no scan of the table
            limit = f" LIMIT {int(f.limit)}" if f.limit is not None else ""
            offset = f" OFFSET {int(f.offset)}" if f.offset else ""
            sql = f"SELECT rid FROM ({self._matching_rows_sql(text_query_words(f.text or ''))}) ORDER BY ord{limit}{offset}"
            return [r for (r,) in self.con.execute(sql).fetchall()]
        where, params = self.where(f, source)
        tail, tail_params = order_limit(f)
        return [r for (r,) in self.con.execute(f"SELECT rowid FROM {source}{where}{tail}", params + tail_params).fetchall()]

    def query(self, f: EventFilter | None = None) -> list[dict[str, Any]]:
        return list(self.iter_query(f or EventFilter()))

    def iter_query(self, f: EventFilter | None = None, batch_size: int = 10_000) -> Iterator[dict[str, Any]]:
        f = f or EventFilter()
        source = self.event_source(f)
        if self._uses_text_index(f, source):
            # Rowids of the page first (narrow), then their rows: DuckDB neither late-
            # materialises nor prunes through the index's semi-join.
            rowids = self._page_rowids(f, source)
            if not rowids:
                return
            cur = self.con.execute(f"SELECT rowid AS __rowid, * FROM {source} WHERE rowid = ANY(?)", [rowids])
            columns = [d[0] for d in cur.description][1:]
            by_rowid = {row[0]: row[1:] for row in cur.fetchall()}
            for rowid in rowids:
                yield row_to_record(columns, by_rowid[rowid])
            return
        where, params = self.where(f, source)
        tail, tail_params = order_limit(f)
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
        source = self.event_source(f)
        if self._uses_text_index(f, source) and self._text_only(f):
            sql = f"SELECT count(*) FROM ({self._matching_rows_sql(text_query_words(f.text or ''))})"
            return self.con.execute(sql).fetchone()[0]
        where, params = self.where(f, source)
        return self.con.execute(f"SELECT count(*) FROM {source}{where}", params).fetchone()[0]

    def get_event(self, event_uid: str) -> dict[str, Any] | None:
        """An event by uid: a member/plain event, or a fused event with its members.

        A fused event's record has ``members`` (uids) and ``member_events``: each
        member's full record (its ``sources``, ``evidence``, ``notes``...) plus, for
        events extracted from a document, ``document`` (title, url, source, published).
        """
        cur = self.con.execute("SELECT * FROM events WHERE event_uid = ?", [event_uid])
        row = cur.fetchone()
        if row:
            return row_to_record([d[0] for d in cur.description], row)
        if not self._has_fused_view:  # a read-only file from before the fused layer
            return None
        cur = self.con.execute("SELECT * FROM fused_events WHERE event_uid = ?", [event_uid])
        row = cur.fetchone()
        if not row:
            return None
        rec = row_to_record([d[0] for d in cur.description], row)
        cur = self.con.execute("SELECT * FROM events WHERE fused_id = ? ORDER BY event_uid", [event_uid])
        columns = [d[0] for d in cur.description]
        members = [row_to_record(columns, r) for r in cur.fetchall()]
        for member in members:
            if member.get("content_hash"):
                doc = self.con.execute(
                    "SELECT title, url, source, published FROM documents WHERE content_hash = ?", [member["content_hash"]]
                ).fetchone()
                if doc:
                    member["document"] = row_to_record(("title", "url", "source", "published"), doc)
        rec["member_events"] = members
        return rec

    def summary(self, f: EventFilter | None = None, top: int = 10) -> dict[str, list[tuple[str, int, int]]]:
        """Events and fatalities per event type, per admin1 and per actor1 (top N)."""
        f = f or EventFilter()
        source = self.event_source(f)
        where, params = self.where(f, source)
        out: dict[str, list[tuple[str, int, int]]] = {}
        for label, column in (("event_type", "event_type"), ("admin1", "admin1"), ("actor", "actor1")):
            rows = self.con.execute(
                f"SELECT coalesce({column}, '(unknown)') AS k, count(*) AS n, coalesce(sum(fatalities), 0) AS f "
                f"FROM {source}{where} GROUP BY k ORDER BY n DESC, k LIMIT {int(top)}",
                params,
            ).fetchall()
            out[label] = [(str(k), int(n), int(fat)) for k, n, fat in rows]
        return out

    # -- structured imports --------------------------------------------------------
    def import_events(self, dataset: str, events: Any, raws: list[dict | None] | None = None) -> dict[str, Any]:
        """Insert or update one dataset's rows (ACLED/UCDP imports), keyed by ``event_uid``.

        Rows are bulk-loaded through Arrow into a staging table and compared with what
        the store holds: new rows are inserted, changed rows replaced (keeping their
        ``fused_id``), unchanged rows left alone, and rows of ``dataset`` that the new
        export no longer has are kept and counted as ``missing`` (nothing is deleted).
        ``events`` is a list of ``Event`` (with ``raws``: the original values per row)
        or an Arrow table with the events table's columns (``raw`` may be a struct).
        Returns ``{"new", "changed", "unchanged", "missing", "fields_changed":
        {field: rows}, "changed_rows": [{"event_uid", "fields"}...] (first 100)}``.
        """
        import pyarrow as pa

        table = events if isinstance(events, pa.Table) else events_to_arrow(events, raws)
        raw_sql = "CAST(to_json(raw) AS VARCHAR)" if pa.types.is_struct(table.schema.field("raw").type) else "raw"
        select_columns = ", ".join(c if c != "raw" else raw_sql + " AS raw" for c in EVENT_COLUMN_NAMES)
        first_import = not self.con.execute("SELECT count(*) FROM events WHERE dataset = ?", [dataset]).fetchone()[0]
        if first_import and table.num_rows and table.column("dataset").null_count == 0:
            # The first import of a dataset: every uid starts with the dataset's name, so
            # all rows are new; load straight from Arrow (the bulk path for big exports).
            return self._first_import(dataset, table, select_columns)
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.register("import_arrow", table)
            self.con.execute(
                f"CREATE OR REPLACE TEMP TABLE import_staging AS SELECT {select_columns} FROM import_arrow"
            )
            self.con.unregister("import_arrow")
            new = self.con.execute(
                "SELECT count(*) FROM import_staging s ANTI JOIN events e ON e.event_uid = s.event_uid"
            ).fetchone()[0]
            self.con.execute(
                "CREATE OR REPLACE TEMP TABLE import_changed AS SELECT s.event_uid, e.fused_id, "
                f"list_value({import_changed_fields_sql()}) AS fields "
                f"FROM import_staging s JOIN events e ON e.event_uid = s.event_uid WHERE {import_differs_sql()}"
            )
            changed = self.con.execute("SELECT count(*) FROM import_changed").fetchone()[0]
            total = self.con.execute("SELECT count(*) FROM import_staging").fetchone()[0]
            fields_changed: dict[str, int] = {}
            changed_rows: list[dict[str, Any]] = []
            if changed:
                for uid, fields in self.con.execute(
                    "SELECT event_uid, fields FROM import_changed ORDER BY event_uid"
                ).fetchall():
                    fields = [name for name in fields if name is not None]
                    for name in fields:
                        fields_changed[name] = fields_changed.get(name, 0) + 1
                    if len(changed_rows) < 100:
                        changed_rows.append({"event_uid": uid, "fields": list(fields)})
                self.con.execute("DELETE FROM events WHERE event_uid IN (SELECT event_uid FROM import_changed)")
                self.con.execute(
                    "INSERT INTO events SELECT s.* REPLACE (c.fused_id AS fused_id) "
                    "FROM import_staging s JOIN import_changed c ON c.event_uid = s.event_uid"
                )
            if new:
                self.con.execute(
                    "INSERT INTO events SELECT s.* FROM import_staging s ANTI JOIN events e ON e.event_uid = s.event_uid"
                )
            missing = self.con.execute(
                "SELECT count(*) FROM events e WHERE e.dataset = ? AND e.event_uid NOT IN (SELECT event_uid FROM import_staging)",
                [dataset],
            ).fetchone()[0]
            self.con.execute("DROP TABLE import_staging")
            self.con.execute("DROP TABLE import_changed")
            self._bump_data_version()
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return import_report(dataset, total, new, changed, missing, fields_changed, changed_rows)

    def _first_import(self, dataset: str, table: Any, select_columns: str) -> dict[str, Any]:
        import pyarrow.compute as pc

        if not pc.all(pc.starts_with(table.column("event_uid"), dataset + ":")).as_py():
            raise ValueError(f"import of {dataset}: every event_uid must start with '{dataset}:'")
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.register("import_arrow", table)
            self.con.execute(f"INSERT INTO events ({', '.join(EVENT_COLUMN_NAMES)}) SELECT {select_columns} FROM import_arrow")
            self.con.unregister("import_arrow")
            self._bump_data_version()
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return import_report(dataset, table.num_rows, table.num_rows, 0, 0)

    # -- fusion --------------------------------------------------------------------
    def fusion_inputs(self) -> dict[str, list]:
        """The columns fusion needs (``FUSION_INPUT_COLUMNS``), for every event: column name -> values."""
        # A cursor of its own: the relation API refuses to run while another result of
        # this connection is open.
        cursor = self.con.cursor()
        try:
            return cursor.sql(
                f"SELECT {', '.join(FUSION_INPUT_COLUMNS)} FROM events ORDER BY event_uid"
            ).to_arrow_table().to_pydict()
        finally:
            cursor.close()

    def events_by_uid(self, uids: Iterable[str]) -> list[dict[str, Any]]:
        """Full records of the given events (any order)."""
        uids = list(uids)
        if not uids:
            return []
        cur = self.con.execute("SELECT * FROM events WHERE event_uid IN (SELECT unnest(?))", [uids])
        columns = [d[0] for d in cur.description]
        return [row_to_record(columns, r) for r in cur.fetchall()]

    def _insert_cannot_links(self, pairs: Iterable[tuple[str, str]]) -> None:
        rows = cannot_link_rows(pairs)
        if rows:
            self.con.executemany("INSERT OR IGNORE INTO fusion_cannot_link VALUES (?, ?, ?)", rows)

    def replace_fused(self, fused_records: list[dict[str, Any]], membership: dict[str, str], only: Iterable[str] | None = None,
                      cannot_links: Iterable[tuple[str, str]] = ()) -> None:
        """Write fused events and set ``events.fused_id`` for their members, atomically.

        Without ``only``: the whole fused layer is replaced. With ``only`` (fused ids):
        just those fused events are dropped (their members detached) before the new
        records and memberships are written. ``cannot_links`` (event_uid, other_uid)
        pairs are recorded in the same transaction (``unlink``).
        """
        records_table = fused_to_arrow(fused_records)
        import pyarrow as pa

        links = pa.table({"event_uid": pa.array(list(membership), pa.string()),
                          "fused_id": pa.array(list(membership.values()), pa.string())})
        self.con.execute("BEGIN TRANSACTION")
        try:
            if only is None:
                self.con.execute("DELETE FROM fused_events")
                self.con.execute("UPDATE events SET fused_id = NULL WHERE fused_id IS NOT NULL")
            else:
                ids = list(only)
                self.con.execute("DELETE FROM fused_events WHERE event_uid IN (SELECT unnest(?))", [ids])
                self.con.execute("UPDATE events SET fused_id = NULL WHERE fused_id IN (SELECT unnest(?))", [ids])
            self._insert_cannot_links(cannot_links)
            self.con.register("fused_arrow", records_table)
            self.con.execute(f"INSERT INTO fused_events ({', '.join(FUSED_COLUMN_NAMES)}) SELECT * FROM fused_arrow")
            self.con.unregister("fused_arrow")
            if membership:
                self.con.register("links_arrow", links)
                self.con.execute(
                    "UPDATE events SET fused_id = l.fused_id FROM links_arrow l WHERE events.event_uid = l.event_uid"
                )
                self.con.unregister("links_arrow")
            self._bump_data_version()
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def fused_count(self) -> int:
        return self.con.execute("SELECT count(*) FROM fused_events").fetchone()[0]


FUSED_TABLE = "events_fused_table"


@dataclass(frozen=True)
class WordIndex:
    """The word index of one table's notes (see DuckDBStore._build_text_index)."""

    table: str  # the table indexed: postings hold its rowids
    vocab: str  # (word_id, word), word ids in word order
    postings: str  # (word_id, rid, ord): ord is the row's rank in the default page order; sorted by word_id, ord
    version_key: str  # meta key: the data version it was built from


def _ranked_rows_sql(table: str) -> str:
    """Each row of ``table`` as ``rid`` (its rowid), ``ord`` (its rank in the default page order) and ``notes``."""
    return f"SELECT CAST(rowid AS INTEGER) AS rid, CAST(row_number() OVER (ORDER BY {order_sql()}) AS INTEGER) AS ord, notes FROM {table}"


# The version keys name the postings layout (v2: with ``ord``), so that an index of an
# older layout counts as stale and is rebuilt rather than read.
WORD_INDEXES = {
    FUSED_TABLE: WordIndex(FUSED_TABLE, "text_vocab", "text_postings", "text_index_v2_version"),
    "events": WordIndex("events", "events_text_vocab", "events_text_postings", "events_text_index_v2_version"),
}
