"""``sahelwatch import acled|ucdp``: structured datasets into the store."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Optional

import typer

from sahelwatch.cli.common import err_console, fail, report_problem
from sahelwatch.cli.options import DB_DEFAULT, DbOption, StrictOption

import_app = typer.Typer(
    name="import",
    help="Import structured datasets (ACLED exports, UCDP GED) into the store.",
    no_args_is_help=True,
)

DatasetOption = Annotated[
    Optional[str],
    typer.Option("--dataset", help="Dataset name (default: the file name without extension). Re-importing a dataset updates it."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the import report as JSON on stdout.")]


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")


@import_app.command("acled")
def acled(
    path: Annotated[str, typer.Argument(help="An ACLED export (CSV), current or pre-2019 taxonomy.")],
    db: DbOption = DB_DEFAULT,
    dataset: DatasetOption = None,
    as_json: JsonOption = False,
    strict: StrictOption = False,
) -> None:
    """Import an ACLED export. Old event types are mapped onto the current ones; originals are kept in `raw`.

    Each row becomes the event `acled:<dataset>:<event_id_cnty>`. Importing a newer
    export of the same dataset updates the rows that changed and reports which fields did.
    """
    from sahelwatch.ingest.acled import dataset_name, read_acled_table

    _run(path, dataset_name(path, "acled", dataset), read_acled_table, db, as_json, strict)


@import_app.command("ucdp")
def ucdp(
    path: Annotated[str, typer.Argument(help="A UCDP GED file (CSV).")],
    db: DbOption = DB_DEFAULT,
    dataset: DatasetOption = None,
    as_json: JsonOption = False,
    strict: StrictOption = False,
) -> None:
    """Import UCDP GED events, mapped onto ACLED's event types and inter codes (docs/FUSION.md)."""
    from sahelwatch.ingest.ucdp import read_ucdp
    from sahelwatch.ingest.acled import dataset_name

    _run(path, dataset_name(path, "ucdp", dataset), read_ucdp, db, as_json, strict)


def _run(path: str, dataset: str, reader, db: str, as_json: bool, strict: bool) -> None:
    from pathlib import Path

    from sahelwatch.ingest.acled import import_rows, import_table
    from sahelwatch.store import open_store

    if not Path(path).is_file():
        fail(f"{path}: no such file")
    try:
        rows, problems = reader(path, dataset)
    except UnicodeDecodeError as exc:
        fail(f"{path}: not UTF-8 text ({exc})")
    try:
        store = open_store(db)
    except RuntimeError as exc:
        fail(str(exc))
    with store:
        if isinstance(rows, list):
            report = import_rows(store, dataset, rows, problems, path)
        elif rows is None:  # the header lacks required columns: nothing to import
            report = {"dataset": dataset, "rows": 0, "new": 0, "changed": 0, "unchanged": 0, "missing": 0,
                      "fields_changed": {}, "changed_rows": [], "problems": [str(p) for p in problems]}
        else:
            report = import_table(store, dataset, rows, problems)
    for problem in problems:
        report_problem(f"{problem.path}:{problem.line}:{problem.field}", problem.message)
    if as_json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        err_console.print(
            f"{dataset}: {report['rows']} row(s): {report['new']} new, {report['changed']} changed, "
            f"{report['unchanged']} unchanged"
            + (f", {report['missing']} no longer in this export (kept)" if report["missing"] else "")
            + (f"; {len(problems)} bad row(s) skipped" if problems else ""),
            highlight=False,
        )
        if report["fields_changed"]:
            fields = ", ".join(f"{name} ({n})" for name, n in report["fields_changed"].items())
            err_console.print(f"changed fields: {fields}", highlight=False)
            for row in report["changed_rows"][:20]:
                err_console.print(f"  {row['event_uid']}: {', '.join(row['fields'])}", highlight=False)
        if report["changed"] and _has_fused(db):
            err_console.print("fused events may be out of date: run `sahelwatch fuse`", highlight=False)
    if strict and problems:
        raise typer.Exit(1)


def _has_fused(db: str) -> bool:
    from sahelwatch.store import open_store

    with open_store(db) as store:
        return bool(getattr(store, "fused_count", lambda: 0)())
