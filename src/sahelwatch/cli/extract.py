"""``sahelwatch extract``: documents in, events out on stdout. No database.

This contract is used by outside tooling; keep it stable.
"""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from sahelwatch.cli.common import fail, report_problem
from sahelwatch.cli.options import CountryOption, StrictOption

TEXT_FORMATS = ("jsonl", "csv", "geojson")


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)


def extract(
    paths: Annotated[
        Optional[list[str]],
        typer.Argument(help="Files (.txt .md .html .pdf .jsonl, feeds), URLs, or - for JSONL on stdin. Default: -"),
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or geojson.")] = "jsonl",
    country: CountryOption = None,
    strict: StrictOption = False,
    gazetteer: Annotated[
        Optional[str], typer.Option("--gazetteer", help="Gazetteer index to use instead of the default.")
    ] = None,
    registry: Annotated[
        Optional[list[str]], typer.Option("--registry", help="Extra actor registry YAML (repeatable).")
    ] = None,
) -> None:
    """Extract events from documents and write them to stdout (one JSON object per line by default)."""
    if format not in TEXT_FORMATS:
        fail(f"--format: expected one of {', '.join(TEXT_FORMATS)}, got {format!r}")
    from sahelwatch.ingest.readers import read_documents
    from sahelwatch.store.export import write_events

    coder = build_coder(gazetteer, registry)
    problems = 0

    def on_problem(problem) -> None:
        nonlocal problems
        problems += 1
        report_problem(str(problem.path) + (f":{problem.line}" if problem.line else ""), problem.message)

    def events():
        for doc in read_documents(paths or ["-"], on_problem, country=country):
            try:
                yield from coder.extract(doc)
            except Exception as exc:  # one document must not stop the batch
                on_problem(_problem(doc, exc))

    write_events(events(), format, out=sys.stdout)
    sys.stdout.flush()
    if strict and problems:
        raise typer.Exit(1)


def build_coder(gazetteer: str | None = None, registry: list[str] | None = None):
    """The coder with the user's gazetteer/registry choices (shared by extract, ingest, eval)."""
    from sahelwatch.extract import Coder
    from sahelwatch.knowledge.gazetteer import Gazetteer
    from sahelwatch.knowledge.registry import ActorRegistry

    gaz = Gazetteer.open(gazetteer) if gazetteer else None
    reg = ActorRegistry.load(extra_files=registry) if registry else None
    return Coder(gazetteer=gaz, registry=reg)


def _problem(doc, exc: Exception):
    from sahelwatch.ingest.readers import ReadProblem

    return ReadProblem(path=doc.path or doc.doc_id, line=None, message=f"extraction failed: {type(exc).__name__}: {exc}")
