"""``sahelwatch serve`` (the API and dashboard), ``sahelwatch keys`` and ``sahelwatch boundaries``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from sahelwatch.cli.common import err_console, fail
from sahelwatch.cli.options import DB_DEFAULT, DbOption

keys_app = typer.Typer(help="API keys for writing through the web API (stored hashed in the database).",
                       no_args_is_help=True)
boundaries_app = typer.Typer(help="Boundary layers (GeoJSON) drawn on the dashboard's offline map.",
                             no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(keys_app, name="keys")
    app.add_typer(boundaries_app, name="boundaries")


def serve(
    db: DbOption = DB_DEFAULT,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (0.0.0.0 for every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", help="Port to listen on.")] = 8000,
    tiles: Annotated[
        Optional[str],
        typer.Option("--tiles", envvar="SAHELWATCH_TILES",
                     help="Raster tile URL template ({z}/{x}/{y}) for an online background map. Default: offline map."),
    ] = None,
    boundaries: Annotated[
        Optional[list[str]], typer.Option("--boundaries", help="GeoJSON boundary file to draw (repeatable).")
    ] = None,
    require_key_for_reads: Annotated[
        bool,
        typer.Option("--require-key-for-reads", envvar="SAHELWATCH_REQUIRE_KEY_FOR_READS",
                     help="Read endpoints need an API key too (writes always do)."),
    ] = False,
    open_browser: Annotated[bool, typer.Option("--open/--no-open", help="Open the dashboard in a browser.")] = False,
) -> None:
    """Serve the JSON API and the dashboard (map, timeline, filters, event detail)."""
    if "://" not in db and not Path(db).exists():
        fail(f"no database at {db}; run `sahelwatch ingest` or `sahelwatch demo` first, or pass --db")
    from sahelwatch.web.server import run_server

    run_server(db, host, port, tiles, boundaries, require_key_for_reads, open_browser)


def _open_store(db: str):
    from sahelwatch.store import open_store

    try:
        return open_store(db)
    except RuntimeError as exc:
        fail(f"{exc} (stop `sahelwatch serve` on this database first: DuckDB allows one process at a time)")


@keys_app.command("create")
def keys_create(
    name: Annotated[Optional[str], typer.Option("--name", help="Who or what the key is for.")] = None,
    db: DbOption = DB_DEFAULT,
) -> None:
    """Create an API key and print it once (only its SHA-256 digest is stored)."""
    from sahelwatch.web.keys import create_key

    with _open_store(db) as store:
        key, token = create_key(store, name)
    print(token)
    err_console.print(f"created key {key.key_id}" + (f" ({name})" if name else "") +
                      ": send it as `X-API-Key: <key>` or `Authorization: Bearer <key>`; it is not shown again")


@keys_app.command("revoke")
def keys_revoke(
    key_id: Annotated[str, typer.Argument(help="The key's id (from `sahelwatch keys list`) or the key itself.")],
    db: DbOption = DB_DEFAULT,
) -> None:
    """Revoke an API key: requests with it are refused from now on."""
    from sahelwatch.web.keys import revoke_key

    with _open_store(db) as store:
        if not revoke_key(store, key_id):
            fail(f"no active key with id {key_id!r}")
    err_console.print(f"revoked key {key_id}")


@keys_app.command("list")
def keys_list(db: DbOption = DB_DEFAULT) -> None:
    """List API keys (ids and names; the keys themselves are not stored)."""
    from rich.console import Console
    from rich.table import Table

    from sahelwatch.web.keys import list_keys

    with _open_store(db) as store:
        keys = list_keys(store)
    table = Table(title=f"{len(keys)} API key(s)")
    for col in ("key_id", "name", "created (UTC)", "last used (UTC)", "status"):
        table.add_column(col)
    for k in keys:
        table.add_row(
            k.key_id, k.name or "", f"{k.created_at:%Y-%m-%d %H:%M}",
            f"{k.last_used_at:%Y-%m-%d %H:%M}" if k.last_used_at else "",
            "active" if k.active else f"revoked {k.revoked_at:%Y-%m-%d %H:%M}",
        )
    Console().print(table)


@boundaries_app.command("import")
def boundaries_import(
    path: Annotated[Path, typer.Argument(help="A GeoJSON FeatureCollection of polygons or lines.")],
    name: Annotated[Optional[str], typer.Option("--name", help="Layer name (default: the file name).")] = None,
) -> None:
    """Import a boundary file (e.g. admin-1 regions) for the dashboard's map."""
    from sahelwatch.web.boundaries import import_boundaries

    if not path.is_file():
        fail(f"no file at {path}")
    try:
        layer, target, count = import_boundaries(path, name)
    except ValueError as exc:
        fail(str(exc))
    err_console.print(f"imported {count} shape(s) as layer {layer!r} ({target})")


@boundaries_app.command("list")
def boundaries_list() -> None:
    """List the boundary layers the dashboard draws."""
    from sahelwatch.web.boundaries import boundary_layers

    for name, (path, origin) in boundary_layers().items():
        print(f"{name}\t{origin}\t{path}")


@boundaries_app.command("remove")
def boundaries_remove(name: Annotated[str, typer.Argument(help="An imported layer's name.")]) -> None:
    """Remove an imported boundary layer."""
    from sahelwatch.web.boundaries import remove_boundaries

    if not remove_boundaries(name):
        fail(f"no imported boundary layer {name!r}")
    err_console.print(f"removed layer {name!r}")
