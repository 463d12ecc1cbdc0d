"""Option types shared by several verbs, and turning them into an EventFilter."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from sahelwatch.store import DEFAULT_DB, EventFilter

DbOption = Annotated[
    str,
    typer.Option("--db", help="DuckDB file (created if missing) or postgresql:// URL.", envvar="SAHELWATCH_DB"),
]
DB_DEFAULT = DEFAULT_DB

CountryOption = Annotated[
    Optional[str], typer.Option("--country", help="Country hint for documents that do not name one (e.g. Mali).")
]
StrictOption = Annotated[bool, typer.Option("--strict", help="Exit non-zero when any input record was bad.")]


def parse_date(value: str | None, option: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"expected a date as YYYY-MM-DD, got {value!r}", param_hint=option) from None


def parse_floats(value: str | None, count: int, option: str, what: str) -> tuple[float, ...] | None:
    if not value:
        return None
    parts = [p.strip() for p in value.split(",")]
    try:
        numbers = tuple(float(p) for p in parts)
    except ValueError:
        numbers = ()
    if len(numbers) != count:
        raise typer.BadParameter(f"expected {what}, got {value!r}", param_hint=option)
    return numbers


def build_filter(
    *,
    date_from: str | None,
    date_to: str | None,
    country: str | None,
    admin1: str | None,
    actor: str | None,
    event_type: str | None,
    bbox: str | None,
    near: str | None,
    radius: float | None,
    text: str | None,
    limit: int | None,
    fused: bool = True,
) -> EventFilter:
    point = parse_floats(near, 2, "--near", "LAT,LON")
    if (point is None) != (radius is None):
        raise typer.BadParameter("--near LAT,LON and --radius KM go together", param_hint="--near/--radius")
    f = EventFilter(
        date_from=parse_date(date_from, "--from"),
        date_to=parse_date(date_to, "--to"),
        country=country,
        admin1=admin1,
        actor=actor,
        event_type=event_type,
        bbox=parse_floats(bbox, 4, "--bbox", "MIN_LON,MIN_LAT,MAX_LON,MAX_LAT"),
        point=point,  # type: ignore[arg-type]
        radius_km=radius,
        text=text,
        limit=limit,
        fused=fused,
    )
    try:
        f.validate()
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    return f
