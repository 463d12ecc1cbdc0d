"""Small pieces shared by the CLI verbs."""

from __future__ import annotations

import sys

from rich.console import Console

# Diagnostics go to stderr so that stdout stays machine-readable.
err_console = Console(stderr=True)


def report_problem(where: str, message: str) -> None:
    """Report one bad input on stderr as ``where: message``."""
    err_console.print(f"[yellow]warning[/yellow] {where}: {message}", highlight=False, soft_wrap=True)


def fail(message: str, code: int = 2) -> None:
    err_console.print(f"[red]error[/red] {message}", highlight=False, soft_wrap=True)
    sys.exit(code)


def open_existing_store(db: str):
    """The store at ``db``, or a clear error (exit 2) when there is none or it cannot be opened."""
    from pathlib import Path

    from sahelwatch.store import open_store

    if "://" not in db and not Path(db).exists():
        fail(f"no database at {db}; run `sahelwatch ingest`, `sahelwatch import` or `sahelwatch demo` first, or pass --db")
    try:
        return open_store(db)
    except RuntimeError as exc:
        fail(str(exc))
