"""Events and fused records as Arrow tables: how both stores bulk-load.

DuckDB reads these tables directly; PostgreSQL streams them as CSV into ``COPY``
(``PostgresStore``). Column names and types follow ``store.sql``.
"""

from __future__ import annotations

from typing import Any

from sahelwatch.schema import Event
from sahelwatch.store.sql import EVENT_TABLE_COLUMNS, FUSED_COLUMN_NAMES, FUSED_EXTRA_COLUMNS


def arrow_type(sql_type: str):
    import pyarrow as pa

    base = sql_type.split()[0].upper()
    return {
        "INTEGER": pa.int32(),
        "BIGINT": pa.int64(),
        "DOUBLE": pa.float64(),
        "DATE": pa.date32(),
        "TIMESTAMP": pa.timestamp("us"),
    }.get(base, pa.string())


def events_to_arrow(events: list[Event], raws: list[dict | None] | None = None):
    """Events as an Arrow table with the events table's columns, built column by column."""
    import json

    import pyarrow as pa

    columns: dict[str, list[Any]] = {}
    json_cache: dict[tuple, str | None] = {}

    def sources_json(values: list[str]) -> str | None:
        key = tuple(values)
        if key not in json_cache:
            json_cache[key] = json.dumps(list(values), ensure_ascii=False) if values else None
        return json_cache[key]

    for name, _ in EVENT_TABLE_COLUMNS:
        if name == "year":
            columns[name] = [e.event_date.year if e.event_date else None for e in events]
        elif name in ("content_hash", "fused_id"):
            columns[name] = [None] * len(events)
        elif name == "raw":
            columns[name] = (
                [json.dumps(r, ensure_ascii=False) if r else None for r in raws] if raws else [None] * len(events)
            )
        elif name == "sources":
            columns[name] = [sources_json(e.sources) for e in events]
        elif name == "evidence":
            columns[name] = [
                json.dumps([x.to_dict() for x in e.evidence], ensure_ascii=False) if e.evidence else None for e in events
            ]
        else:
            getter = __import__("operator").attrgetter(name)
            columns[name] = [getter(e) for e in events]
    return pa.table(
        {name: pa.array(columns[name], type=arrow_type(sql_type)) for name, sql_type in EVENT_TABLE_COLUMNS}
    )


def fused_to_arrow(records: list[dict[str, Any]]):
    """Fused event records (dicts; lists/dicts JSON-encoded here) as an Arrow table."""
    import datetime as dt
    import json

    import pyarrow as pa

    types = dict(EVENT_TABLE_COLUMNS) | dict(FUSED_EXTRA_COLUMNS)
    arrays = {}
    for name in FUSED_COLUMN_NAMES:
        values = []
        for rec in records:
            value = rec.get(name)
            if name == "event_date" and isinstance(value, str):
                value = dt.date.fromisoformat(value)
            elif isinstance(value, (list, dict)):
                value = json.dumps(value, ensure_ascii=False) if value else None
            values.append(value)
        arrays[name] = pa.array(values, type=arrow_type(types[name]))
    return pa.table(arrays)
