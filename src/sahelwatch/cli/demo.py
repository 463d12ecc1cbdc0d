"""``sahelwatch demo``: the shipped sample corpus into a fresh database, then a summary."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sahelwatch.cli.common import err_console

DEMO_DB = "sahelwatch-demo.duckdb"


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)


def sample_corpus_dir() -> Path:
    from sahelwatch.paths import SHIPPED_DATA

    return SHIPPED_DATA / "sample_corpus"


def demo(
    db: Annotated[str, typer.Option("--db", help="Database to (re)create for the demo.")] = DEMO_DB,
    serve: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Open the dashboard on the demo database afterwards.")
    ] = True,
    port: Annotated[int, typer.Option("--port", help="Port for the dashboard.")] = 8765,
) -> None:
    """Ingest the sample corpus that ships with sahelwatch into a fresh database and summarise it."""
    from rich.console import Console
    from rich.table import Table

    from sahelwatch.cli.common import report_problem
    from sahelwatch.cli.extract import build_coder
    from sahelwatch.ingest.pipeline import ingest_documents
    from sahelwatch.ingest.readers import read_documents
    from sahelwatch.store import open_store

    for suffix in ("", ".wal"):
        Path(db + suffix).unlink(missing_ok=True)

    def on_problem(problem) -> None:
        report_problem(str(problem.path) + (f":{problem.line}" if problem.line else ""), problem.message)

    coder = build_coder()
    with open_store(db) as store:
        stats = ingest_documents(read_documents([str(sample_corpus_dir())], on_problem), store, coder, on_problem=on_problem, progress=True)
        summary = store.summary(top=10)
    console = Console()
    console.print(f"[bold]sahelwatch demo[/bold]: {stats.new_documents} reports -> {stats.events} events in {db}")
    titles = {"event_type": "Events per type", "admin1": "Events per admin1", "actor": "Top actors (actor1)"}
    for key, title in titles.items():
        table = Table(title=title)
        table.add_column(key if key != "actor" else "actor1")
        table.add_column("events", justify="right")
        table.add_column("fatalities", justify="right")
        for name, n, fat in summary[key]:
            table.add_row(name, str(n), str(fat))
        console.print(table)
    err_console.print(f"Query it: sahelwatch events --db {db}    Export: sahelwatch export --db {db} -f geojson -o events.geojson")
    if serve:
        from sahelwatch.web.server import run_server

        run_server(db, host="127.0.0.1", port=port, open_browser=True)
