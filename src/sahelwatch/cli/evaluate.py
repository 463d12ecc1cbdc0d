"""``sahelwatch eval CODED.csv``: how far the coder agrees with human coders on your data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_)


def eval_(
    coded: Annotated[Path, typer.Argument(help="An ACLED export (CSV, either taxonomy) with a notes column.")],
    country: Annotated[Optional[str], typer.Option("--country", help="Only rows of this country.")] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", help="Only the first N rows.")] = None,
    part: Annotated[
        Optional[str], typer.Option("--part", help="even or odd: every other row (tune on one half, check the other).")
    ] = None,
    worst: Annotated[int, typer.Option("--worst", help="How many worst disagreements to show.")] = 10,
    gazetteer: Annotated[Optional[str], typer.Option("--gazetteer", help="Gazetteer index to use instead of the default.")] = None,
    registry: Annotated[
        Optional[list[str]], typer.Option("--registry", help="Extra actor registry YAML (repeatable).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON on stdout.")] = False,
) -> None:
    """Run the coder on the notes of CODED.csv and report agreement per field.

    Report date = the row's timestamp, country hint = the row's country. Actor names are
    compared on their key (the part before ':' without years, case/accent-folded). Every
    share is over all rows: a note without an event disagrees on every field.
    """
    from sahelwatch.cli.common import fail

    if not coded.is_file():
        fail(f"no such file: {coded}")
    if part not in (None, "even", "odd"):
        fail("--part: expected even or odd")
    from sahelwatch.cli.extract import build_coder
    from sahelwatch.evaluate import FIELDS, evaluate

    coder = build_coder(gazetteer, registry)
    try:
        report = evaluate(coded, coder, country=country, limit=limit, part=part, worst=worst)
    except (KeyError, ValueError, UnicodeDecodeError) as exc:
        fail(f"{coded}: not an ACLED export I can read ({exc})")
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"Agreement with {coded.name}: {report.rows} notes ({report.taxonomy} taxonomy)")
    table.add_column("field")
    table.add_column("agree", justify="right")
    table.add_column("share", justify="right")
    for name in FIELDS:
        share = report.agreement.get(name)
        table.add_row(name, str(report.counts.get(name, 0)), "n/a" if share is None else f"{share:.3f}")
    console.print(table)
    console.print(
        f"notes stating the coded date (upper bound on event_date): {report.date_stated_share:.3f}; "
        f"{report.rows / report.seconds:.0f} notes/s; gazetteer: {report.gazetteer or 'none'}"
    )
    types = sorted({t for row in report.confusion.values() for t in row} | set(report.confusion))
    conf = Table(title="Event types: ACLED (rows) × coder (columns)")
    conf.add_column("ACLED \\ coder")
    for t in types:
        conf.add_column(t[:14], justify="right")
    for g in sorted(report.confusion):
        conf.add_row(g, *[str(report.confusion[g].get(t, "")) for t in types])
    console.print(conf)
    if report.worst:
        bad = Table(title="Worst disagreements", show_lines=True)
        bad.add_column("id")
        bad.add_column("disagree", overflow="fold")
        bad.add_column("ACLED", overflow="fold")
        bad.add_column("coder", overflow="fold")
        bad.add_column("notes", overflow="fold")
        for w in report.worst:
            g, c = w["gold"], w["coder"] or {}
            fmt = lambda d: f"{d.get('event_type')}/{d.get('sub_event_type')}\n{d.get('actor1')} × {d.get('actor2')}\n" \
                            f"{d.get('location')} ({d.get('admin1')}) {d.get('event_date')} F={d.get('fatalities')}"
            bad.add_row(str(w["event_id_cnty"]), ", ".join(w["disagree"]), fmt(g), fmt(c) if c else "(no event)",
                        (w["notes"] or "")[:300])
        console.print(bad)
