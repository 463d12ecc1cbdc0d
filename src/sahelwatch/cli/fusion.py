"""``sahelwatch fuse`` (link the same real event across sources) and ``sahelwatch unlink``."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from sahelwatch.cli.common import err_console, fail, open_existing_store
from sahelwatch.cli.options import DB_DEFAULT, DbOption

RuleOption = Annotated[
    str,
    typer.Option(
        "--fatalities-rule",
        help="How a fused event's fatalities are coded from its members' figures: acled (ACLED's conservative "
        "rule: an ACLED member's figure, else the lowest), min, max or median.",
    ),
]


fused_app = typer.Typer(name="fused", help="Look at fused events.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("fuse")(fuse)
    app.command("unlink")(unlink)
    app.add_typer(fused_app, name="fused")


@fused_app.command("show")
def show(
    event_uid: Annotated[str, typer.Argument(help="A fused event id (fused:...) or any member's event_uid.")],
    db: DbOption = DB_DEFAULT,
) -> None:
    """Print a fused event as JSON: the fused record, its conflicts, and every member with its sources."""
    with _open(db) as store:
        rec = store.get_event(event_uid)
        if rec is not None and rec.get("fused_id"):
            rec = store.get_event(rec["fused_id"])
    if rec is None:
        fail(f"no event {event_uid!r} in {db}")
    json.dump(rec, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _open(db: str):
    """The store at ``db`` (a DuckDB file or a postgresql:// URL: both hold the fused layer)."""
    return open_existing_store(db)


def _gazetteer():
    """The gazetteer the coder uses (the user's index, else the built-in one), for the
    namesake rule; fusion goes on without it where none can be opened."""
    from sahelwatch.knowledge.gazetteer import Gazetteer, GazetteerError

    try:
        return Gazetteer.open()
    except GazetteerError as exc:
        err_console.print(f"warning: no gazetteer ({exc}); reports link only by their coordinates", highlight=False)
        return None


def fuse(
    db: DbOption = DB_DEFAULT,
    fatalities_rule: RuleOption = "acled",
    as_json: Annotated[bool, typer.Option("--json", help="Print the statistics as JSON on stdout.")] = False,
) -> None:
    """Link events from different documents and datasets that describe the same real event.

    Each group becomes one fused event that lists every member and source; members are
    kept. Running it again rebuilds the fused layer (same members, same fused ids) and
    keeps every `sahelwatch unlink` decision. See docs/FUSION.md for the rules.
    """
    from sahelwatch.fuse import FATALITIES_RULES, FusionConfig, fuse_store

    if fatalities_rule not in FATALITIES_RULES:
        fail(f"--fatalities-rule: expected one of {', '.join(FATALITIES_RULES)}, got {fatalities_rule!r}")
    gazetteer = _gazetteer()
    try:
        with _open(db) as store:
            stats = fuse_store(store, FusionConfig(fatalities_rule=fatalities_rule), gazetteer=gazetteer)
    finally:
        if gazetteer is not None:
            gazetteer.close()
    if as_json:
        json.dump(stats, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        err_console.print(
            f"{stats['events']} event(s): {stats['fused_events']} fused event(s) from {stats['members']} member(s), "
            f"{stats['singletons']} single; {stats['seconds']['total']:.1f} s",
            highlight=False,
        )


def unlink(
    event_uid: Annotated[str, typer.Argument(help="The member event to detach from its fused event.")],
    db: DbOption = DB_DEFAULT,
) -> None:
    """Detach an event from its fused event; later `fuse` runs keep it apart from those members."""
    from sahelwatch.fuse import unlink as unlink_event

    with _open(db) as store:
        try:
            result = unlink_event(store, event_uid)
        except (KeyError, ValueError) as exc:
            fail(str(exc.args[0]) if exc.args else str(exc))
    remaining = f"the other members are now {result['now']}" if result["now"] else "the other member is a single event again"
    err_console.print(f"{event_uid} detached from {result['from']}; {remaining}", highlight=False)
