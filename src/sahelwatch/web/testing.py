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
import tempfile
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
    # The server's output goes to a file, not a pipe: a pipe nobody reads while the server
    # runs would block it once full.
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                log.seek(0)
                out = log.read().decode(errors="replace")
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
        log.close()


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


# Admin1 regions of the Sahel with a rough centre, for synthetic data only.
_SYNTHETIC_REGIONS = (
    ("Mali", "Gao", 16.27, -0.04), ("Mali", "Mopti", 14.49, -4.19), ("Mali", "Timbuktu", 16.77, -3.0),
    ("Mali", "Kidal", 18.44, 1.41), ("Mali", "Menaka", 15.92, 2.4), ("Mali", "Segou", 13.43, -6.26),
    ("Mali", "Bamako", 12.65, -8.0), ("Mali", "Koulikoro", 12.86, -7.56), ("Mali", "Kayes", 14.45, -11.44),
    ("Mali", "Sikasso", 11.32, -5.67), ("Burkina Faso", "Sahel", 14.03, -0.03), ("Burkina Faso", "Est", 12.06, 0.35),
    ("Burkina Faso", "Nord", 13.58, -2.42), ("Burkina Faso", "Centre-Nord", 13.09, -1.08),
    ("Burkina Faso", "Boucle du Mouhoun", 12.46, -3.46), ("Burkina Faso", "Centre", 12.37, -1.52),
    ("Niger", "Tillaberi", 14.21, 1.45), ("Niger", "Tahoua", 14.89, 5.27), ("Niger", "Diffa", 13.32, 12.61),
    ("Niger", "Niamey", 13.51, 2.11), ("Niger", "Maradi", 13.5, 7.1), ("Niger", "Agadez", 16.97, 7.99),
)
_SYNTHETIC_ACTORS = (
    "JNIM: Group for Support of Islam and Muslims", "Islamic State (Sahel)", "Military Forces of Mali (2021-)",
    "Military Forces of Burkina Faso (2022-)", "Military Forces of Niger (2023-)", "Wagner Group", "Africa Corps",
    "FLA: Azawad Liberation Front", "Dan Na Ambassagou", "VDP: Volunteers for the Defense of the Homeland",
    "Unidentified Armed Group (Mali)", "Unidentified Armed Group (Burkina Faso)", "Civilians (Mali)",
    "Civilians (Burkina Faso)", "Civilians (Niger)", "Protesters (Mali)", "Dozo Communal Militia (Mali)",
    "Katiba Macina", "Ansaroul Islam", "Police Forces of Niger (2023-)",
)


def synthetic_events_table(n: int, seed: int = 7):
    """An Arrow table of ``n`` plausible (random, clearly synthetic) events in the store's layout.

    Plain ``random`` and pyarrow (no numpy, which sahelwatch does not depend on): ~1M rows
    in 10-20 s on a small machine.
    """
    import datetime as dt
    import math
    import random

    import pyarrow as pa

    from sahelwatch.schema import EVENT_TYPES
    from sahelwatch.store.sql import EVENT_TABLE_COLUMNS

    rng = random.Random(seed)
    subs = [(t, s) for t, ss in EVENT_TYPES.items() for s in ss]
    words = ("convoy", "market", "checkpoint", "village", "camp", "road", "mine", "school")
    epoch = dt.date(1970, 1, 1)
    first = (dt.date(2012, 1, 1) - epoch).days
    span = (dt.date(2026, 6, 30) - dt.date(2012, 1, 1)).days
    log_q = math.log(1 - 0.35)  # geometric fatalities: mostly 0-3, a long tail
    cols: dict[str, list] = {name: [] for name in (
        "event_uid", "event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "actor2",
        "country", "admin1", "latitude", "longitude", "notes", "fatalities", "confidence")}
    for i in range(n):
        etype, sub = subs[rng.randrange(len(subs))]
        country, region, lat, lon = _SYNTHETIC_REGIONS[rng.randrange(len(_SYNTHETIC_REGIONS))]
        cols["event_uid"].append(f"syn-{i}")
        cols["event_id_cnty"].append(f"SYN{i}")
        cols["event_date"].append(first + rng.randrange(span))
        cols["event_type"].append(etype)
        cols["sub_event_type"].append(sub)
        cols["actor1"].append(_SYNTHETIC_ACTORS[rng.randrange(len(_SYNTHETIC_ACTORS))])
        cols["actor2"].append(_SYNTHETIC_ACTORS[rng.randrange(len(_SYNTHETIC_ACTORS))])
        cols["country"].append(country)
        cols["admin1"].append(region)
        cols["latitude"].append(lat + rng.gauss(0, 0.6))
        cols["longitude"].append(lon + rng.gauss(0, 0.6))
        cols["notes"].append(f"Synthetic event {i}: {sub} near a {words[rng.randrange(len(words))]} in {region}.")
        cols["fatalities"].append(min(int(math.log(1.0 - rng.random()) / log_q), 500))
        cols["confidence"].append(rng.uniform(0.3, 1.0))
    dates = pa.array(cols.pop("event_date"), pa.int32()).cast(pa.date32())
    years = [(epoch + dt.timedelta(days=d)).year for d in dates.cast(pa.int32()).to_pylist()]
    columns = {name: pa.array(values) for name, values in cols.items()}
    columns.update({
        "event_date": dates,
        "year": pa.array(years, pa.int32()),
        "time_precision": pa.array([1] * n, pa.int32()),
        "location": columns["admin1"],
        "geo_precision": pa.array([2] * n, pa.int32()),
        "source": pa.array(["Synthetic"] * n, pa.string()),
        "origin": pa.array(["synthetic"] * n, pa.string()),
        "fatalities": pa.array(cols["fatalities"], pa.int32()),
    })
    names = [c for c, _ in EVENT_TABLE_COLUMNS]
    assert set(columns) <= set(names)
    return pa.table(columns)


def synthetic_import_table(n: int, dataset: str = "syn", seed: int = 7):
    """``synthetic_events_table`` as a structured import of ``dataset`` gives it to ``store.import_events``:
    every column of the events table, uids ``{dataset}:0``, ``{dataset}:1``..."""
    import pyarrow as pa

    from sahelwatch.store.arrow import arrow_type
    from sahelwatch.store.sql import EVENT_TABLE_COLUMNS

    table = synthetic_events_table(n, seed)
    columns = {}
    for name, sql_type in EVENT_TABLE_COLUMNS:
        if name == "event_uid":
            columns[name] = pa.array([f"{dataset}:{i}" for i in range(n)], pa.string())
        elif name == "dataset":
            columns[name] = pa.array([dataset] * n, pa.string())
        elif name in table.column_names:
            columns[name] = table.column(name)
        else:
            columns[name] = pa.nulls(n, arrow_type(sql_type))
    return pa.table(columns)


def build_synthetic_store(db: str | Path, n: int, seed: int = 7, date_ordered: bool = True) -> None:
    """A store of ``n`` synthetic events, bulk-loaded from Arrow (1M rows in seconds).

    ``date_ordered`` writes the rows in event-date order, as a store filled over time (or
    from date-sorted ACLED exports) roughly is: DuckDB's per-row-group min/max then let
    "newest first" pages skip most of the table. See docs/WEB.md for both orders' figures.
    """
    from sahelwatch.store import open_store

    table = synthetic_events_table(n, seed)
    with open_store(str(db)) as store:
        con = store.con.cursor()  # a fresh connection: the store's may hold an open result
        con.register("synthetic_events", table)
        order = " ORDER BY event_date" if date_ordered else ""
        con.execute(f"INSERT INTO events BY NAME SELECT * FROM synthetic_events{order}")
        con.unregister("synthetic_events")
        con.close()
        store.refresh_fused_table()  # as any writer's close does
