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
