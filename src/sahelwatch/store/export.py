"""Writing events out: CSV (ACLED column order), JSONL, GeoJSON, Parquet.

One writer per format, all over ``Event`` records, shared by ``extract`` (stdout)
and ``export`` (files). pyarrow is imported only for Parquet.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from sahelwatch.schema import ALL_COLUMNS, Event

FORMATS = ("jsonl", "csv", "geojson", "parquet")
TEXT_FORMATS = ("jsonl", "csv", "geojson")

# Columns that hold lists/dicts: JSON-encoded in CSV and Parquet cells.
_NESTED = ("evidence", "sources", "members", "fatalities_values", "conflicts")


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False))
        out.write("\n")
        n += 1
    return n


def write_csv(records: Iterable[dict[str, Any]], out: IO[str], columns: tuple[str, ...] = ALL_COLUMNS) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    n = 0
    for rec in records:
        writer.writerow([_csv_cell(rec.get(c)) for c in columns])
        n += 1
    return n


def geojson_feature(rec: dict[str, Any]) -> dict[str, Any]:
    lat, lon = rec.get("latitude"), rec.get("longitude")
    geometry = None
    if lat is not None and lon is not None:
        geometry = {"type": "Point", "coordinates": [lon, lat]}
    return {"type": "Feature", "id": rec.get("event_uid"), "geometry": geometry, "properties": rec}


def write_geojson(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """A FeatureCollection of points, streamed so large exports need little memory."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for rec in records:
        if n:
            out.write(",\n")
        out.write(json.dumps(geojson_feature(rec), ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def write_parquet(records: Iterable[dict[str, Any]], path: str, columns: tuple[str, ...] = ALL_COLUMNS) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{c: (json.dumps(r.get(c), ensure_ascii=False) if c in _NESTED and r.get(c) is not None else r.get(c)) for c in columns} for r in records]
    table = pa.Table.from_pylist(rows, schema=_parquet_schema(columns)) if rows else pa.Table.from_pylist([], schema=_parquet_schema(columns))
    pq.write_table(table, path)
    return len(rows)


def _parquet_schema(columns: tuple[str, ...]):
    import pyarrow as pa

    ints = {"year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities", "timestamp", "source_count", "member_count", "fatalities_min", "fatalities_max"}
    floats = {"latitude", "longitude", "confidence"}
    return pa.schema(
        [(c, pa.int64() if c in ints else pa.float64() if c in floats else pa.string()) for c in columns]
    )


def write_events(events: Iterable[Event | dict[str, Any]], fmt: str, out: IO[str] | None = None, path: str | None = None, columns: tuple[str, ...] = ALL_COLUMNS) -> int:
    """Write events (``Event`` or record dicts) in ``fmt`` to a text stream or, for Parquet, a path."""
    records = (e.to_record() if isinstance(e, Event) else e for e in events)
    if fmt == "parquet":
        if path is None:
            raise ValueError("Parquet is binary: give an output file with --output")
        return write_parquet(records, path, columns)
    if out is None:
        raise ValueError(f"{fmt} needs an output stream")
    if fmt == "jsonl":
        return write_jsonl(records, out)
    if fmt == "csv":
        return write_csv(records, out, columns)
    if fmt == "geojson":
        return write_geojson(records, out)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
