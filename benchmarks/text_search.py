"""Text search at 1,000,000 events: what the word indexes cost to build, and what they buy.

DuckDB: the time to rebuild the derived tables after a write (the fused table copy and the
word indexes of the copy and of the events table), as `serve` and `fuse` do.
PostgreSQL (a temporary database on the given server, dropped afterwards): the bulk
import with and without the trigram indexes over the folded notes, and count + page
(`fused=false`, limit 100) for a few text queries: the previous clause (`notes ~* '\\mword'`,
no index, no accent folding), the folded clauses scanning, and with the indexes.

    python benchmarks/text_search.py                      # both; the figures as JSON on the last line
    python benchmarks/text_search.py --events 100000 --no-postgres
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

QUERIES = ["convoy", "kidal", "suicide bomb", "12345", "synthetic event 999"]


def median_ms(fn, n: int = 5) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 1)


def duckdb_rebuild(db: Path, events: int) -> dict:
    from sahelwatch.schema import Document
    from sahelwatch.store.duckdb import DuckDBStore
    from sahelwatch.web.testing import build_synthetic_store

    if not db.exists():
        build_synthetic_store(db, events)
    seconds = []
    with DuckDBStore(db) as store:
        for run in range(3):
            # any write makes the copy and both indexes stale (a document without events suffices)
            store.add_document(Document(doc_id=f"bench-write-{run}", text=f"benchmark write {uuid.uuid4()}"), [])
            t0 = time.perf_counter()
            store.refresh_fused_table()
            seconds.append(round(time.perf_counter() - t0, 1))
    print(f"DuckDB: rebuilding the fused copy and both word indexes after a write: {seconds} s", flush=True)
    return {"rebuild_s": seconds}


def postgres(admin_url: str, events: int) -> dict:
    import psycopg

    import sahelwatch.store.postgres as pg
    from sahelwatch.store import EventFilter
    from sahelwatch.web.testing import synthetic_import_table

    table = synthetic_import_table(events, "syn")
    name = f"sahelwatch_bench_{uuid.uuid4().hex[:8]}"
    url = admin_url.rsplit("/", 1)[0] + "/" + name
    admin = psycopg.connect(admin_url, autocommit=True)
    results: dict = {"import_s": {}, "queries": []}
    extension = pg._TRIGRAM_EXTENSION
    try:
        for label, ext in (("without trigram indexes", "sahelwatch_no_such_extension"), ("with trigram indexes", extension)):
            admin.execute(f"DROP DATABASE IF EXISTS {name}")
            admin.execute(f"CREATE DATABASE {name}")
            pg._TRIGRAM_EXTENSION = ext  # a missing extension: the store logs it and builds no index
            with pg.PostgresStore(url) as store:
                t0 = time.perf_counter()
                store.import_events("syn", table)
                results["import_s"][label] = round(time.perf_counter() - t0, 1)
            print(f"PostgreSQL: import of {events:,} new rows {label}: {results['import_s'][label]} s", flush=True)
        # the last database has the indexes; the same data without them for the scans
        pg._TRIGRAM_EXTENSION = "sahelwatch_no_such_extension"
        with pg.PostgresStore(url) as store:
            store.execute("DROP INDEX events_notes_folded_v1_idx")
            store.execute("ANALYZE events")
            for q in QUERIES:
                words = q.split()
                where = " AND ".join("notes ~* %s" for _ in words)
                params = ["\\m" + w for w in words]
                row = {"query": q, "previous (~*, no index)": (
                    median_ms(lambda: store.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()),
                    median_ms(lambda: store.execute(f"SELECT * FROM events WHERE {where} ORDER BY event_date DESC "
                                                    "NULLS LAST, event_uid LIMIT 100", params).fetchall()))}
                f = EventFilter(text=q, fused=False, limit=100)
                row["folded, scan"] = (median_ms(lambda: store.count(f)), median_ms(lambda: store.query(f)))
                row["total"] = store.count(f)
                results["queries"].append(row)
        pg._TRIGRAM_EXTENSION = extension
        t0 = time.perf_counter()
        with pg.PostgresStore(url) as store:  # opening the store creates the missing index
            results["index_build_s"] = round(time.perf_counter() - t0, 1)
            store.execute("ANALYZE events")
            for row in results["queries"]:
                f = EventFilter(text=row["query"], fused=False, limit=100)
                row["folded, trigram index"] = (median_ms(lambda: store.count(f)), median_ms(lambda: store.query(f)))
        print(f"PostgreSQL: opening the store, which builds the missing trigram index of {events:,} events: "
              f"{results['index_build_s']} s")
        print("PostgreSQL, fused=false, count / page of 100 (ms, median of 5):")
        for row in results["queries"]:
            cells = "   ".join(f"{k}: {v[0]} / {v[1]}" for k, v in row.items() if isinstance(v, tuple))
            print(f"  {row['query']!r:24} ({row['total']:,} rows)   {cells}")
    finally:
        pg._TRIGRAM_EXTENSION = extension
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--duckdb", help="reuse this DuckDB file (built if missing) instead of a temporary one")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/postgres",
                        help="an admin URL of the server to create the temporary database on")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    results: dict = {"events": args.events}
    with tempfile.TemporaryDirectory(prefix="sahelwatch-bench-") as tmp:
        results["duckdb"] = duckdb_rebuild(Path(args.duckdb) if args.duckdb else Path(tmp) / "bench.duckdb", args.events)
    if not args.no_postgres:
        results["postgres"] = postgres(args.postgres, args.events)
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
