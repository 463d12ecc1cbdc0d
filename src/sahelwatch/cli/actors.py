"""``sahelwatch actors [QUERY]``: list or search the actor registry."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer


def register(app: typer.Typer) -> None:
    app.command("actors")(actors)


def actors(
    query: Annotated[Optional[str], typer.Argument(help="Text to find in names and aliases (case/accent-insensitive).")] = None,
    registry: Annotated[
        Optional[list[Path]], typer.Option("--registry", help="Extra registry YAML that extends/overrides the built-in (repeatable).")
    ] = None,
    kind: Annotated[
        Optional[str], typer.Option("--kind", help="Only this kind: actor, template, group or ethnic.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")] = False,
) -> None:
    """List the actors the coder knows (ACLED name, inter code, aliases, parent, periods).

    The built-in registry is extended by $SAHELWATCH_HOME/actors.yaml when present and by
    every --registry file; an entry with the same name replaces the built-in one.
    """
    from sahelwatch.cli.common import fail
    from sahelwatch.knowledge.registry import ActorRegistry

    for path in registry or []:
        if not path.is_file():
            fail(f"--registry: no such file: {path}")
    try:
        reg = ActorRegistry.load(extra_files=registry or [])
    except Exception as exc:  # a malformed user file
        fail(f"could not read the actor registry: {exc}")
    entries = reg.search(query)
    if kind:
        entries = [e for e in entries if e.kind == kind]
    if as_json:
        out = [
            {
                "name": e.name,
                "kind": e.kind,
                "inter": e.inter,
                "country": e.country,
                "aliases": list(e.aliases),
                "parent": e.parent,
                "components": list(e.components),
                "periods": [
                    {"from": p.start.isoformat() if p.start else None, "to": p.end.isoformat() if p.end else None,
                     "name": p.name}
                    for p in e.periods
                ],
                "source": e.source,
            }
            for e in entries
        ]
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(entries)} registry entries" + (f" matching {query!r}" if query else ""))
    table.add_column("name")
    table.add_column("kind")
    table.add_column("inter", justify="right")
    table.add_column("country")
    table.add_column("parent")
    table.add_column("aliases", overflow="fold")
    table.add_column("periods", overflow="fold")
    for e in entries:
        periods = "; ".join(
            f"{p.start or '…'}–{p.end or '…'}: {p.name}" for p in e.periods
        )
        aliases = ", ".join(e.aliases[:8]) + (f" (+{len(e.aliases) - 8})" if len(e.aliases) > 8 else "")
        table.add_row(e.name, e.kind, str(e.inter or ""), e.country or "", e.parent or "", aliases, periods)
    Console().print(table)
