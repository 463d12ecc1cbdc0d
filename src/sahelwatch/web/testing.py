"""Helpers for tests and benchmarks: a real server in a subprocess, a store from ACLED rows.

Used by tests/test_api*.py, tests/test_dashboard*.py and benchmarks/api_latency.py.
Nothing here is used by the application itself.
"""

from __future__ import annotations

import csv
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sahelwatch.schema import Document, Event, Evidence

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\[])")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server(db: str | Path, *args: str, port: int | None = None, env: dict | None = None,
                   timeout: float = 60.0) -> Iterator[str]:
    """``sahelwatch serve`` on 127.0.0.1 in a subprocess; yields its base URL (no trailing /)."""
    import httpx

    port = port or free_port()
    cmd = [sys.executable, "-c", "from sahelwatch.cli import main; main()", "serve", "--db", str(db),
           "--host", "127.0.0.1", "--port", str(port), *args]
    proc = subprocess.Popen(cmd, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
                raise RuntimeError(f"sahelwatch serve exited with {proc.returncode}:\n{out}")
            try:
                if httpx.get(base + "/api/health", timeout=1.0).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"sahelwatch serve did not answer on {base} within {timeout}s")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _first_sentence(text: str) -> tuple[int, int]:
    parts = _SENTENCE_END.split(text, maxsplit=1)
    first = parts[0].rstrip()
    return 0, len(first)


def acled_events(path: str | Path) -> list[Event]:
    """ACLED rows as Events: the project's importer when present, else a plain CSV read."""
    try:
        from sahelwatch.ingest.acled import read_acled
    except ImportError:
        read_acled = None
    if read_acled is not None:
        good, _problems = read_acled(path)
        # The importer yields tuples holding the Event (with line number and raw row).
        return [next(x for x in item if isinstance(x, Event)) for item in good]
    import datetime as dt

    events = []
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            def num(name, kind=int):
                value = (row.get(name) or "").strip()
                return kind(value) if value else None
            events.append(Event(
                event_id_cnty=row.get("event_id_cnty"),
                event_date=_acled_date(row["event_date"]),
                time_precision=num("time_precision"), event_type=row.get("event_type"),
                sub_event_type=row.get("sub_event_type"), actor1=row.get("actor1") or None,
                assoc_actor_1=row.get("assoc_actor_1") or None, inter1=num("inter1"),
                actor2=row.get("actor2") or None, assoc_actor_2=row.get("assoc_actor_2") or None,
                inter2=num("inter2"), interaction=num("interaction"), country=row.get("country"),
                admin1=row.get("admin1"), admin2=row.get("admin2"), admin3=row.get("admin3"),
                location=row.get("location"), latitude=num("latitude", float), longitude=num("longitude", float),
                geo_precision=num("geo_precision"), source=row.get("source"), notes=row.get("notes"),
                fatalities=num("fatalities"), origin="acled",
            ))
    return events


def _acled_date(value: str):
    import datetime as dt

    for fmt in ("%Y-%m-%d", "%d-%b-%y", "%d %B %Y", "%d-%B-%Y"):
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def store_acled_as_documents(store, path: str | Path, limit: int | None = None) -> int:
    """Store each ACLED row's notes as a document with the row's coding as its event.

    The coding is ACLED's (human) one and the evidence is the notes' first sentence, so
    the API and dashboard can be tested on real text with known answers without the
    automatic coder. Returns the number of events stored.
    """
    n = 0
    for event in acled_events(path)[:limit]:
        notes = event.notes or ""
        if not notes:
            continue
        start, end = _first_sentence(notes)
        event.evidence = [Evidence(text=notes[start:end], start=start, end=end)]
        event.sources = [s.strip() for s in (event.source or "").split(";") if s.strip()]
        event.event_uid = f"acled-{event.event_id_cnty}"
        doc = Document(doc_id=f"acled-notes-{event.event_id_cnty}", text=notes, published=event.event_date,
                       source=event.source, title=f"ACLED notes {event.event_id_cnty}", country=event.country)
        if store.add_document(doc, [event]):
            n += 1
    return n


def build_acled_fixture_store(db: str | Path, acled_dir: str | Path) -> int:
    """A DuckDB file with the shared ACLED samples stored as documents (see above)."""
    from sahelwatch.store import open_store

    n = 0
    with open_store(str(db)) as store:
        for name in ("mali_2017.csv", "burkina_faso_sample.csv"):
            n += store_acled_as_documents(store, Path(acled_dir) / name)
    return n


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``sahelwatch ARGS`` as a user would, capturing its output."""
    return subprocess.run(
        [sys.executable, "-c", "from sahelwatch.cli import main; main()", *args],
        env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=120,
    )
