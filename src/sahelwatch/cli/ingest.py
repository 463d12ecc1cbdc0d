"""``sahelwatch ingest``: documents and their events into the store."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from sahelwatch.cli.common import err_console, fail, report_problem
from sahelwatch.cli.options import DB_DEFAULT, CountryOption, DbOption, StrictOption


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)


def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, URLs, feeds, or - for JSONL on stdin.")],
    db: DbOption = DB_DEFAULT,
    country: CountryOption = None,
    strict: StrictOption = False,
    gazetteer: Annotated[Optional[str], typer.Option("--gazetteer", help="Gazetteer index to use.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
) -> None:
    """Store documents (text, hash, metadata) and the events extracted from them.

    Re-ingesting a document already stored (same text) does nothing; an interrupted
    ingest can simply be run again.
    """
    from sahelwatch.cli.extract import build_coder
    from sahelwatch.ingest.pipeline import ingest_documents
    from sahelwatch.ingest.readers import read_documents
    from sahelwatch.store import open_store

    problems = 0

    def on_problem(problem) -> None:
        nonlocal problems
        problems += 1
        report_problem(str(problem.path) + (f":{problem.line}" if problem.line else ""), problem.message)

    coder = build_coder(gazetteer)
    try:
        store = open_store(db)
    except RuntimeError as exc:
        fail(str(exc))
    with store:
        docs = read_documents(paths, on_problem, country=country)
        stats = ingest_documents(docs, store, coder, on_problem=on_problem, progress=not quiet)
    if not quiet:
        err_console.print(
            f"{stats.new_documents} new document(s), {stats.skipped_documents} already stored, "
            f"{stats.events} event(s) added to {db}"
            + (f"; {problems} problem(s) reported above" if problems else "")
        )
    if strict and problems:
        raise typer.Exit(1)
