"""SQL shared by the DuckDB and PostgreSQL stores: table layout, rows <-> Events, filters.

The two backends differ only in how they connect, their placeholder style and
bulk loading; everything else is here so they cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from sahelwatch.schema import ACLED_COLUMNS, EVENT_TYPES, SUB_EVENT_TO_TYPE, Document, Event, Evidence

_TAXONOMY_NAMES = {name.casefold(): name for name in (*EVENT_TYPES, *SUB_EVENT_TO_TYPE)}
from sahelwatch.store import EventFilter

# (column, SQL type) of the events table, in order. JSON-valued columns are TEXT
# so that both backends store them the same way.
EVENT_TABLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_uid", "TEXT PRIMARY KEY"),
    ("event_id_cnty", "TEXT"),
    ("event_date", "DATE"),
    ("year", "INTEGER"),
    ("time_precision", "INTEGER"),
    ("disorder_type", "TEXT"),
    ("event_type", "TEXT"),
    ("sub_event_type", "TEXT"),
    ("actor1", "TEXT"),
    ("assoc_actor_1", "TEXT"),
    ("inter1", "INTEGER"),
    ("actor2", "TEXT"),
    ("assoc_actor_2", "TEXT"),
    ("inter2", "INTEGER"),
    ("interaction", "INTEGER"),
    ("civilian_targeting", "TEXT"),
    ("iso", "INTEGER"),
    ("region", "TEXT"),
    ("country", "TEXT"),
    ("admin1", "TEXT"),
    ("admin2", "TEXT"),
    ("admin3", "TEXT"),
    ("location", "TEXT"),
    ("latitude", "DOUBLE PRECISION"),
    ("longitude", "DOUBLE PRECISION"),
    ("geo_precision", "INTEGER"),
    ("source", "TEXT"),
    ("source_scale", "TEXT"),
    ("notes", "TEXT"),
    ("fatalities", "INTEGER"),
    ("tags", "TEXT"),
    ("timestamp", "BIGINT"),
    ("doc_id", "TEXT"),
    ("content_hash", "TEXT"),
    ("evidence", "TEXT"),
    ("confidence", "DOUBLE PRECISION"),
    ("sources", "TEXT"),
    ("origin", "TEXT"),
    ("dataset", "TEXT"),
    ("dataset_row_id", "TEXT"),
    ("raw", "TEXT"),
    ("fused_id", "TEXT"),
)
EVENT_COLUMN_NAMES = tuple(c for c, _ in EVENT_TABLE_COLUMNS)
_JSON_COLUMNS = ("evidence", "sources", "raw")

DOCUMENT_TABLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("content_hash", "TEXT PRIMARY KEY"),
    ("doc_id", "TEXT NOT NULL"),
    ("text", "TEXT NOT NULL"),
    ("published", "DATE"),
    ("source", "TEXT"),
    ("url", "TEXT"),
    ("title", "TEXT"),
    ("author", "TEXT"),
    ("country", "TEXT"),
    ("path", "TEXT"),
    ("ingested_at", "TIMESTAMP"),
    ("event_count", "INTEGER"),
)
DOCUMENT_COLUMN_NAMES = tuple(c for c, _ in DOCUMENT_TABLE_COLUMNS)

# The fused layer (``sahelwatch fuse``): one row per fused event, with the events
# table's columns (``event_uid`` is the fused id, ``origin`` is "fused") plus these.
# Members point to their fused event through ``events.fused_id``; nothing is deleted.
FUSED_EXTRA_COLUMNS: tuple[tuple[str, str], ...] = (
    ("source_count", "INTEGER"),
    ("member_count", "INTEGER"),
    ("members", "TEXT"),  # JSON list of member event_uids
    ("fatalities_min", "INTEGER"),
    ("fatalities_max", "INTEGER"),
    ("fatalities_values", "TEXT"),  # JSON list of {event_uid, value, source}
    ("fatalities_rule", "TEXT"),
    ("conflicts", "TEXT"),  # JSON {field: [the members' differing values]}
)
FUSED_EXTRA_COLUMN_NAMES = tuple(c for c, _ in FUSED_EXTRA_COLUMNS)
FUSED_COLUMN_NAMES = EVENT_COLUMN_NAMES + FUSED_EXTRA_COLUMN_NAMES

# What fusion reads of every event (``store.fusion_inputs()``: a dict of column lists).
FUSION_INPUT_COLUMNS = (
    "event_uid", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "assoc_actor_2", "inter2", "country", "admin1", "location", "latitude", "longitude", "geo_precision",
    "fatalities", "doc_id", "dataset", "origin", "confidence",
)

# A re-import compares these columns of a row with the stored one (the others are ids,
# provenance kept by the store, or the original values in ``raw``).
IMPORT_COMPARED_COLUMNS = tuple(c for c in EVENT_COLUMN_NAMES if c not in ("event_uid", "fused_id", "content_hash", "raw"))


def import_differs_sql(new: str = "s", old: str = "e") -> str:
    """True where the staged row ``new`` differs from the stored row ``old`` in a compared column."""
    return " OR ".join(f"{new}.{c} IS DISTINCT FROM {old}.{c}" for c in IMPORT_COMPARED_COLUMNS)


def import_changed_fields_sql(new: str = "s", old: str = "e") -> str:
    """Comma-separated expressions: each compared column's name where it differs, else NULL."""
    return ", ".join(f"CASE WHEN {new}.{c} IS DISTINCT FROM {old}.{c} THEN '{c}' END" for c in IMPORT_COMPARED_COLUMNS)


# How each backend spells the two JSON expressions of the fused view.
_FUSED_VIEW_JSON = {
    "duckdb": ("json_array_length(sources)", "CAST(to_json([event_uid]) AS VARCHAR)"),
    "postgres": ("json_array_length(sources::json)", "json_build_array(event_uid)::text"),
}


def fused_view_branches(dialect: str) -> tuple[str, str]:
    """The two SELECTs of ``events_fused``: the fused events, and every event in none (as a group of one)."""
    sources_length, members_of_one = _FUSED_VIEW_JSON[dialect]
    event_cols = ", ".join(EVENT_COLUMN_NAMES)
    extra = ", ".join(FUSED_EXTRA_COLUMN_NAMES)
    return (
        f"SELECT {event_cols}, {extra} FROM fused_events",
        f"SELECT {event_cols}, "
        f"CAST(CASE WHEN sources IS NULL THEN 1 ELSE greatest({sources_length}, 1) END AS INTEGER) AS source_count, "
        f"1 AS member_count, {members_of_one} AS members, "
        "fatalities AS fatalities_min, fatalities AS fatalities_max, "
        "CAST(NULL AS TEXT) AS fatalities_values, CAST(NULL AS TEXT) AS fatalities_rule, "
        "CAST(NULL AS TEXT) AS conflicts "
        "FROM events WHERE fused_id IS NULL",
    )


def fused_view_sql(dialect: str) -> str:
    """``events_fused``: fused events, then every event that belongs to none (as a group of one).

    A plain view over ``fused_events`` and ``events``, so it is always current; both
    branches are filtered by the same columns, so each backend pushes a query's filters
    (and, on PostgreSQL, its indexes) into both.
    """
    return "CREATE OR REPLACE VIEW events_fused AS " + " UNION ALL ".join(fused_view_branches(dialect))


class CannotLinks:
    """``sahelwatch unlink`` decisions, for both stores (each writes rows with ``_insert_cannot_links``)."""

    def cannot_links(self) -> set[tuple[str, str]]:
        """Pairs of events a user unlinked (each pair in both orders)."""
        rows = self.con.execute("SELECT event_uid, other_uid FROM fusion_cannot_link").fetchall()
        return {pair for a, b in rows for pair in ((a, b), (b, a))}

    def add_cannot_links(self, event_uid: str, others: Iterable[str]) -> None:
        self._insert_cannot_links((event_uid, o) for o in others)


def cannot_link_rows(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str, dt.datetime]]:
    """Rows of ``fusion_cannot_link`` for (event_uid, other_uid) pairs (an event is never paired with itself)."""
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    return [(a, b, now) for a, b in pairs if a != b]


def import_report(dataset: str, total: int, new: int, changed: int, missing: int,
                  fields_changed: dict[str, int] | None = None, changed_rows: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The report of ``store.import_events`` (the same keys on both backends)."""
    fields_changed = fields_changed or {}
    return {
        "dataset": dataset,
        "rows": total,
        "new": new,
        "changed": changed,
        "unchanged": total - new - changed,
        "missing": missing,
        "fields_changed": dict(sorted(fields_changed.items(), key=lambda kv: (-kv[1], kv[0]))),
        "changed_rows": changed_rows or [],
    }


def schema_statements() -> list[str]:
    events = ",\n  ".join(f"{c} {t}" for c, t in EVENT_TABLE_COLUMNS)
    docs = ",\n  ".join(f"{c} {t}" for c, t in DOCUMENT_TABLE_COLUMNS)
    fused_extra = ",\n  ".join(f"{c} {t}" for c, t in FUSED_EXTRA_COLUMNS)
    return [
        f"CREATE TABLE IF NOT EXISTS documents (\n  {docs}\n)",
        f"CREATE TABLE IF NOT EXISTS events (\n  {events}\n)",
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)",
        f"CREATE TABLE IF NOT EXISTS fused_events (\n  {events},\n  {fused_extra}\n)",
        # `sahelwatch unlink`: pairs of events a user said are NOT the same event;
        # every later fusion respects them.
        "CREATE TABLE IF NOT EXISTS fusion_cannot_link (event_uid TEXT NOT NULL, other_uid TEXT NOT NULL, "
        "decided_at TIMESTAMP, PRIMARY KEY (event_uid, other_uid))",
    ]


def coder_event_uid(content_hash: str, index: int) -> str:
    """Stable id of the index-th event extracted from a document (same text -> same ids)."""
    return f"doc-{content_hash[:16]}-{index}"


def event_to_row(event: Event, content_hash: str | None = None, raw: dict | None = None) -> tuple:
    rec = event.to_record()
    values: list[Any] = []
    for name in EVENT_COLUMN_NAMES:
        if name == "event_date":
            values.append(event.event_date)
        elif name == "content_hash":
            values.append(content_hash)
        elif name == "raw":
            values.append(json.dumps(raw, ensure_ascii=False) if raw else None)
        elif name == "fused_id":
            values.append(None)
        elif name in _JSON_COLUMNS:
            value = rec.get(name)
            values.append(json.dumps(value, ensure_ascii=False) if value else None)
        else:
            values.append(rec.get(name))
    return tuple(values)


def row_to_record(columns: Sequence[str], row: Sequence[Any]) -> dict[str, Any]:
    """A database row as an export record (dates as ISO strings, JSON decoded)."""
    rec: dict[str, Any] = {}
    for name, value in zip(columns, row):
        if name in _JSON_COLUMNS or name in ("members", "fatalities_values", "conflicts"):
            value = json.loads(value) if isinstance(value, str) and value else ([] if name in ("evidence", "sources") else value)
        elif isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()
        elif isinstance(value, float) and math.isnan(value):
            value = None
        rec[name] = value
    return rec


def record_to_event(rec: dict[str, Any]) -> Event:
    rec = dict(rec)
    if rec.get("evidence"):
        rec["evidence"] = [Evidence(**e) for e in rec["evidence"]]
    return Event.from_record(rec)


def where_clause(f: EventFilter, ph: str, text_sql: Callable[[str], tuple[str, list[Any]]]) -> tuple[str, list[Any]]:
    """SQL WHERE and parameters for a filter (``ph`` is the backend's placeholder).

    ``text_sql(text)`` supplies the clause for the text filter: each store has its own
    (a word index, a folded-text index), with the meaning of ``text_query_words``.
    """
    f.validate()
    clauses: list[str] = []
    params: list[Any] = []
    if f.date_from:
        clauses.append(f"event_date >= {ph}")
        params.append(f.date_from)
    if f.date_to:
        clauses.append(f"event_date <= {ph}")
        params.append(f.date_to)
    if f.country:
        clauses.append(f"lower(country) = lower({ph})")
        params.append(f.country)
    if f.admin1:
        clauses.append(f"lower(admin1) = lower({ph})")
        params.append(f.admin1)
    if f.actor:
        like = f"%{f.actor.lower()}%"
        clauses.append(
            f"(lower(actor1) LIKE {ph} OR lower(actor2) LIKE {ph} OR lower(assoc_actor_1) LIKE {ph} OR lower(assoc_actor_2) LIKE {ph})"
        )
        params.extend([like] * 4)
    if f.event_type:
        # A taxonomy name compares exactly (no lower() on a million rows); anything else
        # (an old ACLED type, a typo'd case) still matches case-insensitively.
        canonical = _TAXONOMY_NAMES.get(f.event_type.casefold())
        if canonical in EVENT_TYPES:
            clauses.append(f"event_type = {ph}")
            params.append(canonical)
        elif canonical:
            clauses.append(f"sub_event_type = {ph}")
            params.append(canonical)
        else:
            clauses.append(f"(lower(event_type) = lower({ph}) OR lower(sub_event_type) = lower({ph}))")
            params.extend([f.event_type] * 2)
    if f.bbox:
        min_lon, min_lat, max_lon, max_lat = f.bbox
        clauses.append(f"longitude BETWEEN {ph} AND {ph} AND latitude BETWEEN {ph} AND {ph}")
        params.extend([min_lon, max_lon, min_lat, max_lat])
    if f.point is not None and f.radius_km is not None:
        lat, lon = f.point
        # A bounding box first (cheap, prunes most rows), then the great-circle distance.
        dlat = f.radius_km / 111.0
        dlon = f.radius_km / (111.0 * max(math.cos(math.radians(lat)), 0.01))
        clauses.append(f"latitude BETWEEN {ph} AND {ph} AND longitude BETWEEN {ph} AND {ph}")
        params.extend([lat - dlat, lat + dlat, lon - dlon, lon + dlon])
        clauses.append(
            f"2 * 6371.0088 * asin(sqrt(power(sin(radians(latitude - {ph}) / 2), 2) + "
            f"cos(radians({ph})) * cos(radians(latitude)) * power(sin(radians(longitude - {ph}) / 2), 2))) <= {ph}"
        )
        params.extend([lat, lat, lon, f.radius_km])
    if f.text:
        clause, text_params = text_sql(f.text)
        clauses.append(clause)
        params.extend(text_params)
    if f.doc_id:
        clauses.append(f"doc_id = {ph}")
        params.append(f.doc_id)
    if f.origin:
        clauses.append(f"origin = {ph}")
        params.append(f.origin)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


_WORD_QUERY = re.compile(r"[^\W_]+(?:\s+[^\W_]+)*")


def text_query_words(text: str) -> list[str]:
    """The words of a text filter made only of words (letters and digits) and spaces, else [].

    Such a query matches the notes in which every word begins a word (any order, case
    and accents ignored): ``convoy`` finds "convoys", ``menaka gao`` finds
    "Gao ... Ménaka". Any other text (with punctuation, ``%``, ``_``...) is matched as a
    literal, case-insensitive substring of the notes (``literal_text_sql``).
    """
    text = text.strip()
    return text.lower().split() if _WORD_QUERY.fullmatch(text) else []


def like_contains(text: str) -> tuple[str, bool]:
    """A LIKE pattern matching ``text`` anywhere, and whether it needs ``ESCAPE '\\'``.

    The text is literal: its own %, _ and \\ are escaped, and the escape is declared
    only when needed (ESCAPE costs DuckDB its fast path).
    """
    if any(c in text for c in "%_\\"):
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%", True
    return f"%{text}%", False


def literal_text_sql(text: str, ph: str) -> tuple[str, list[Any]]:
    """The text filter for a query that is not made only of words: a case-insensitive substring of the notes."""
    # ILIKE skips lowercasing every note (~25 % faster on a full scan than lower(notes) LIKE).
    pattern, escaped = like_contains(text)
    return f"notes ILIKE {ph}" + (" ESCAPE '\\'" if escaped else ""), [pattern]


def order_sql(order_by: str = "event_date", descending: bool = True) -> str:
    """The sort key of a page (by default the default order: newest first)."""
    return f"{order_by} {'DESC' if descending else 'ASC'} NULLS LAST, event_uid"


def order_limit(f: EventFilter, ph: str = "?") -> tuple[str, list[Any]]:
    sql = f" ORDER BY {order_sql(f.order_by, f.descending)}"
    params: list[Any] = []
    if f.limit is not None:
        sql += f" LIMIT {ph}"
        params.append(f.limit)
    if f.offset:
        sql += f" OFFSET {ph}"
        params.append(f.offset)
    return sql, params


def document_row(doc: Document, event_count: int) -> tuple:
    return (
        doc.content_hash,
        doc.doc_id,
        doc.text,
        doc.published,
        doc.source,
        doc.url,
        doc.title,
        doc.author,
        doc.country,
        doc.path,
        dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
        event_count,
    )


def chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


__all__ = [
    "ACLED_COLUMNS",
    "EVENT_COLUMN_NAMES",
    "DOCUMENT_COLUMN_NAMES",
    "FUSED_COLUMN_NAMES",
    "FUSED_EXTRA_COLUMN_NAMES",
    "schema_statements",
    "coder_event_uid",
    "event_to_row",
    "row_to_record",
    "record_to_event",
    "where_clause",
    "text_query_words",
    "literal_text_sql",
    "order_sql",
    "order_limit",
    "document_row",
    "chunks",
]
