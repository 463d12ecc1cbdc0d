"""The one entry point: ``sahelwatch <verb>``.

Each verb lives in its own module under ``sahelwatch.cli`` and exposes
``register(app)``. Modules import their heavy dependencies inside the command
functions so that ``sahelwatch extract`` starts fast.
"""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="sahelwatch",
    help="Conflict monitoring for the Sahel: reports in, ACLED-schema events out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# One module per verb (or group of verbs). Order is the order of `--help`.
COMMAND_MODULES = (
    "extract",
    "ingest",
    "query",
    "demo",
    "gazetteer",
    "actors",
    "evaluate",
    "imports",
    "fusion",
    "web",
)

for _name in COMMAND_MODULES:
    try:
        _module = importlib.import_module(f"sahelwatch.cli.{_name}")
    except ModuleNotFoundError as exc:  # a verb whose module is not written yet
        if exc.name != f"sahelwatch.cli.{_name}":
            raise
        continue
    _module.register(app)


def main() -> None:
    app()
