"""PostgreSQL at 1,000,000 events: bulk import, re-import, and the first fused page.

In a temporary database on the given server (dropped afterwards), with the store's
``import_events`` on an Arrow table of synthetic events (``web.testing.synthetic_import_table``;
parsing an ACLED CSV is not included, see ``import_acled.py`` for that):

1. a first import of N new rows into the empty store,
2. a re-import of the same rows (all unchanged), with the time of each SQL statement,
3. a first import of a second dataset of N new rows into the store that holds the first,
4. ``EXPLAIN ANALYZE`` of the first fused page (``events_fused``, newest 50: the
   dashboard's default query, as the store asks it) and the median time of
   ``store.query`` for it over 5 runs.

    python benchmarks/postgres_import.py                     # figures as JSON on the last line
    python benchmarks/postgres_import.py --events 100000
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import uuid
from collections import defaultdict

FIRST_PAGE = "SELECT * FROM events_fused ORDER BY event_date DESC NULLS LAST, event_uid LIMIT 50"


def _timed_statements():
    """Patch psycopg's cursor so that each statement's wall time is recorded (by its first words)."""
    import psycopg

    timings: dict[str, float] = defaultdict(float)
    original = psycopg.Cursor.execute

    def execute(self, query, params=None, **kw):
        t0 = time.perf_counter()
        try:
            return original(self, query, params, **kw)
        finally:
            key = " ".join(str(query).split()[:4])[:60]
            timings[key] += time.perf_counter() - t0

    psycopg.Cursor.execute = execute
    return timings, lambda: setattr(psycopg.Cursor, "execute", original)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/postgres",
                        help="an admin URL; the benchmark creates and drops its own database there")
    args = parser.parse_args()

    import psycopg

    from sahelwatch.store import EventFilter
    from sahelwatch.store.postgres import PostgresStore
    from sahelwatch.web.testing import synthetic_import_table

    t0 = time.perf_counter()
    table = synthetic_import_table(args.events, "syn")
    second = synthetic_import_table(args.events, "syn2", seed=8)
    print(f"generated {args.events:,} events in {time.perf_counter() - t0:.1f} s", flush=True)

    name = f"sahelwatch_bench_{uuid.uuid4().hex[:8]}"
    url = args.postgres.rsplit("/", 1)[0] + "/" + name
    admin = psycopg.connect(args.postgres, autocommit=True)
    admin.execute(f"CREATE DATABASE {name}")
    out: dict = {"events": args.events}
    try:
        with PostgresStore(url) as store:
            t0 = time.perf_counter()
            store.import_events("syn", table)
            out["first_import_s"] = round(time.perf_counter() - t0, 1)
            print(f"first import of {args.events:,} rows: {out['first_import_s']} s", flush=True)
            store.execute("ANALYZE events")

            timings, restore = _timed_statements()
            try:
                t0 = time.perf_counter()
                report = store.import_events("syn", table)
                out["reimport_s"] = round(time.perf_counter() - t0, 1)
            finally:
                restore()
            assert report["unchanged"] == args.events, report
            out["reimport_statements_s"] = {k: round(v, 2) for k, v in sorted(timings.items(), key=lambda kv: -kv[1]) if v >= 0.05}
            print(f"re-import, all unchanged: {out['reimport_s']} s", flush=True)
            for k, v in out["reimport_statements_s"].items():
                print(f"    {v:6.2f} s  {k}")

            t0 = time.perf_counter()
            store.import_events("syn2", second)
            out["second_dataset_import_s"] = round(time.perf_counter() - t0, 1)
            print(f"import of {args.events:,} new rows of a second dataset into a store of {args.events:,}: "
                  f"{out['second_dataset_import_s']} s", flush=True)
            store.execute("ANALYZE events, fused_events")
            indexes = [r[0] for r in store.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'events' "
                                                   "ORDER BY 1").fetchall()]
            out["events_indexes"] = indexes

            page = EventFilter(limit=50)  # what the store asks for the dashboard's first page
            sql, params = store.select_sql(page) if hasattr(store, "select_sql") else (FIRST_PAGE, [])
            plan = "\n".join(r[0] for r in store.execute("EXPLAIN ANALYZE " + sql, params).fetchall())
            times = []
            for _ in range(5):
                t0 = time.perf_counter()
                store.query(page)
                times.append((time.perf_counter() - t0) * 1000)
            out["first_fused_page_ms"] = round(statistics.median(times), 1)
            print(f"first fused page (newest 50 of {2 * args.events:,}): {out['first_fused_page_ms']} ms\n{plan}")
            out["first_fused_page_plan"] = plan.splitlines()[:3]
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
