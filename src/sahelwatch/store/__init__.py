"""Storage: an embedded DuckDB file by default, behind one interface.

``open_store(target)`` takes a path to a ``.duckdb`` file (created if missing) or a
``postgresql://`` URL and returns a ``Store``. ``EventFilter`` is the one query
shape used by the CLI, the API and the exports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

DEFAULT_DB = "sahelwatch.duckdb"

# Columns the API and CLI may sort on.
SORTABLE = ("event_date", "fatalities", "confidence", "country", "admin1", "event_type", "actor1", "location")


@dataclass(slots=True)
class EventFilter:
    """What to select. Every field is optional; unset fields do not filter."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    country: str | None = None
    admin1: str | None = None
    actor: str | None = None  # matches actor1, actor2 and the associated actors (case-insensitive substring)
    event_type: str | None = None  # an event type or a sub-event type
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    point: tuple[float, float] | None = None  # lat, lon
    radius_km: float | None = None
    text: str | None = None  # substring of notes (case-insensitive)
    doc_id: str | None = None
    origin: str | None = None  # coder / acled / ucdp
    fused: bool = True  # fused events (one per real event) rather than every member
    limit: int | None = None
    offset: int = 0
    order_by: str = "event_date"
    descending: bool = True
    extra: dict = field(default_factory=dict)

    def validate(self) -> None:
        if self.order_by not in SORTABLE:
            raise ValueError(f"order_by: expected one of {', '.join(SORTABLE)}, got {self.order_by!r}")
        if (self.point is None) != (self.radius_km is None):
            raise ValueError("point and radius_km go together (point=LAT,LON and radius_km=KM)")
        if self.radius_km is not None and self.radius_km <= 0:
            raise ValueError("radius_km: expected a positive distance in km")
        if self.bbox is not None:
            min_lon, min_lat, max_lon, max_lat = self.bbox
            if not (min_lon <= max_lon and min_lat <= max_lat):
                raise ValueError("bbox: expected min_lon,min_lat,max_lon,max_lat with min <= max")
        if self.limit is not None and self.limit < 0:
            raise ValueError("limit: expected a non-negative number")
        if self.offset < 0:
            raise ValueError("offset: expected a non-negative number")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("date_from is after date_to")


def open_store(target: str | None = None, read_only: bool = False):
    """Open (creating if needed) the store at ``target``: a DuckDB path or a postgresql:// URL."""
    target = target or DEFAULT_DB
    if target.startswith(("postgresql://", "postgres://")):
        from sahelwatch.store.postgres import PostgresStore

        return PostgresStore(target)
    from sahelwatch.store.duckdb import DuckDBStore

    return DuckDBStore(target, read_only=read_only)
