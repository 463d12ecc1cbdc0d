"""Running the web app under uvicorn: shared by ``sahelwatch serve`` and ``sahelwatch demo``."""

from __future__ import annotations

import os
from pathlib import Path

from sahelwatch.cli.common import err_console, fail


def browser_available() -> bool:
    """Whether opening a browser can work here (a desktop session, or macOS/Windows)."""
    import sys

    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def port_free(host: str, port: int) -> bool:
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def run_server(
    db: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    tiles: str | None = None,
    boundaries: list[str] | None = None,
    require_key_for_reads: bool | None = None,
    open_browser: bool = False,
) -> None:
    """Build the app and run it under uvicorn until interrupted.

    The dashboard's URL is always printed; a browser is opened only when asked and when
    there is a display to open it on (not over SSH, in CI or in a container).
    """
    import threading
    import webbrowser

    import uvicorn

    from sahelwatch.web import create_app
    from sahelwatch.web.config import WebConfig

    for path in boundaries or []:
        if not Path(path).is_file():
            fail(f"--boundaries: no file at {path}")
    config = WebConfig.from_env(
        tiles=tiles,
        boundaries=[Path(p) for p in boundaries] if boundaries else None,
        require_key_for_reads=True if require_key_for_reads else None,
    )
    try:
        app = create_app(db, config)
    except RuntimeError as exc:  # e.g. the database is locked by another process
        fail(str(exc))
    if not port_free(host, port):
        fail(f"--port: {host}:{port} is already in use; pass another --port")
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{shown_host}:{port}/"
    err_console.print(f"sahelwatch dashboard: [bold]{url}[/bold]   API docs: {url}docs   (Ctrl+C to stop)")
    if open_browser and browser_available():
        threading.Timer(1.0, lambda: webbrowser.open(url)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")
