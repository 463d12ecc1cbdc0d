"""``sahelwatch events`` (look) and ``sahelwatch export`` (write files)."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from sahelwatch.cli.common import err_console, fail, open_existing_store
from sahelwatch.cli.options import DB_DEFAULT, DbOption, build_filter

FromOpt = Annotated[Optional[str], typer.Option("--from", help="Events on or after this date (YYYY-MM-DD).")]
ToOpt = Annotated[Optional[str], typer.Option("--to", help="Events on or before this date (YYYY-MM-DD).")]
CountryOpt = Annotated[Optional[str], typer.Option("--country", help="Country name, e.g. Mali.")]
Admin1Opt = Annotated[Optional[str], typer.Option("--admin1", help="First-level region, e.g. Mopti.")]
ActorOpt = Annotated[Optional[str], typer.Option("--actor", help="Actor name or part of it (either side).")]
TypeOpt = Annotated[Optional[str], typer.Option("--type", help="Event type or sub-event type.")]
BboxOpt = Annotated[Optional[str], typer.Option("--bbox", help="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT")]
NearOpt = Annotated[Optional[str], typer.Option("--near", help="LAT,LON (with --radius).")]
RadiusOpt = Annotated[Optional[float], typer.Option("--radius", help="Radius in km around --near.")]
TextOpt = Annotated[Optional[str], typer.Option("--text", help="Text to find in the notes.")]
FusedOpt = Annotated[
    bool, typer.Option("--fused/--members", help="One row per fused event (default) or every source's event.")
]


def register(app: typer.Typer) -> None:
    app.command("events")(events)
    app.command("export")(export)


def events(
    db: DbOption = DB_DEFAULT,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    country: CountryOpt = None,
    admin1: Admin1Opt = None,
    actor: ActorOpt = None,
    event_type: TypeOpt = None,
    bbox: BboxOpt = None,
    near: NearOpt = None,
    radius: RadiusOpt = None,
    text: TextOpt = None,
    fused: FusedOpt = True,
    limit: Annotated[int, typer.Option("--limit", help="At most this many events (0: all).")] = 50,
    format: Annotated[str, typer.Option("--format", "-f", help="table, jsonl, csv or geojson.")] = "table",
) -> None:
    """Query the store: a table on the terminal, or jsonl/csv/geojson on stdout."""
    f = build_filter(
        date_from=date_from, date_to=date_to, country=country, admin1=admin1, actor=actor,
        event_type=event_type, bbox=bbox, near=near, radius=radius, text=text,
        limit=limit or None, fused=fused,
    )
    if format not in ("table", "jsonl", "csv", "geojson"):
        fail(f"--format: expected table, jsonl, csv or geojson, got {format!r}")
    with open_existing_store(db) as store:
        if format != "table":
            from sahelwatch.store.export import write_events

            write_events(store.iter_query(f), format, out=sys.stdout)
            return
        total = store.count(f)
        rows = store.query(f)
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(rows)} of {total} event(s)")
    for col in ("date", "type", "actor1", "actor2", "location", "admin1", "country", "fatal."):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            r.get("event_date") or "", r.get("sub_event_type") or r.get("event_type") or "",
            r.get("actor1") or "", r.get("actor2") or "", r.get("location") or "",
            r.get("admin1") or "", r.get("country") or "",
            "" if r.get("fatalities") is None else str(r["fatalities"]),
        )
    Console().print(table)


def export(
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="File to write (stdout if omitted; required for parquet).")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="csv (ACLED column order), jsonl, geojson or parquet.")] = "csv",
    db: DbOption = DB_DEFAULT,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    country: CountryOpt = None,
    admin1: Admin1Opt = None,
    actor: ActorOpt = None,
    event_type: TypeOpt = None,
    bbox: BboxOpt = None,
    near: NearOpt = None,
    radius: RadiusOpt = None,
    text: TextOpt = None,
    fused: FusedOpt = True,
) -> None:
    """Write the selected events as CSV (ACLED column order), JSONL, GeoJSON or Parquet."""
    from sahelwatch.store.export import FORMATS, write_events

    if format not in FORMATS:
        fail(f"--format: expected one of {', '.join(FORMATS)}, got {format!r}")
    if format == "parquet" and not output:
        fail("--format parquet needs --output FILE")
    f = build_filter(
        date_from=date_from, date_to=date_to, country=country, admin1=admin1, actor=actor,
        event_type=event_type, bbox=bbox, near=near, radius=radius, text=text, limit=None, fused=fused,
    )
    from sahelwatch.schema import ALL_COLUMNS
    from sahelwatch.store.sql import FUSED_EXTRA_COLUMN_NAMES

    # Fused rows carry their provenance (source_count, members, fatalities range) after ACLED's columns.
    columns = ALL_COLUMNS + (FUSED_EXTRA_COLUMN_NAMES if fused else ())
    with open_existing_store(db) as store:
        rows = store.iter_query(f)
        if format == "parquet":
            n = write_events(rows, format, path=output, columns=columns)
        elif output:
            with open(output, "w", encoding="utf-8", newline="") as fh:
                n = write_events(rows, format, out=fh, columns=columns)
        else:
            n = write_events(rows, format, out=sys.stdout, columns=columns)
    if output:
        err_console.print(f"wrote {n} event(s) to {output}")
