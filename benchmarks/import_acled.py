"""Benchmark: import N ACLED-format rows (default 1,000,000) into a fresh DuckDB file (or PostgreSQL).

The rows are generated from the shared ACLED files' distributions: each generated row
is a random real row (mali_2017: old taxonomy, "31 December 2017" dates;
burkina_faso_sample: current taxonomy, "16-Feb-21" dates) with a new id, its date
shifted by up to ±3 years (written in the source file's format), its coordinates
jittered by up to ±0.05° and its fatalities resampled. Generation is not timed.

    python benchmarks/import_acled.py              # 1,000,000 rows
    python benchmarks/import_acled.py --rows 20000 # quick run
    python benchmarks/import_acled.py --db postgresql://postgres@127.0.0.1/bench
                                                   # into PostgreSQL (the database is emptied first)

Timed: parsing (``read_acled_table``: csv module + ``acled_row_values`` per row, the core of ``acled_row_to_event``) and
storing (``import_table``: Arrow table -> DuckDB insert; a first import of a dataset
skips the comparison with stored rows), then a re-import of the same file (every row
compared, all unchanged). DuckDB runs with one thread (``--threads``). Prints one JSON
line: wall-clock seconds and the process's CPU seconds (on a busy machine, CPU time is
the fairer one-core figure; on PostgreSQL the server's own CPU is not in it).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SAHELWATCH_SHARED", REPO.parent / "shared"))
FILES = ("mali_2017.csv", "burkina_faso_sample.csv")


def generate(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    sources = []
    for name in FILES:
        with open(SHARED / "data" / "acled" / name, encoding="utf-8") as fh:
            sources.append(list(csv.DictReader(fh)))
    header = list(sources[1][0].keys())  # the current taxonomy's columns (a superset)
    fatalities = [int(r["fatalities"]) for src in sources for r in src]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        for i in range(rows):
            src_index = 0 if rng.random() < 0.65 else 1
            row = dict(rng.choice(sources[src_index]))
            from sahelwatch.ingest.acled import parse_acled_date

            day = parse_acled_date(row["event_date"], int(row["year"])) + dt.timedelta(days=rng.randint(-1095, 1095))
            row["event_date"] = (
                f"{day.day} {day.strftime('%B %Y')}" if src_index == 0 else f"{day.day}-{day.strftime('%b-%y')}"
            )
            row["year"] = str(day.year)
            row["event_id_cnty"] = f"GEN{i}"
            row["data_id"] = str(10_000_000 + i)
            row["latitude"] = f"{float(row['latitude']) + rng.uniform(-0.05, 0.05):.4f}"
            row["longitude"] = f"{float(row['longitude']) + rng.uniform(-0.05, 0.05):.4f}"
            row["fatalities"] = str(rng.choice(fatalities))
            row.setdefault("sub_event_type", "")
            writer.writerow(row)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--workdir", default=None, help="Where to write the CSV and the database (default: a temp dir).")
    parser.add_argument("--threads", type=int, default=1, help="DuckDB threads (1: the one-core figure).")
    parser.add_argument("--db", default=None,
                        help="A postgresql:// URL to import into instead of a DuckDB file (its sahelwatch tables are dropped first).")
    args = parser.parse_args(argv)

    from sahelwatch.ingest.acled import import_table, read_acled_table

    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="sahelwatch-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    csv_path = workdir / f"acled_{args.rows}.csv"
    postgres = bool(args.db and args.db.startswith(("postgresql://", "postgres://")))
    db_path = workdir / f"import_{args.rows}.duckdb"
    if postgres:
        _empty_postgres(args.db)
    elif db_path.exists():
        db_path.unlink()

    def open_bench_store():
        from sahelwatch.store import open_store

        store = open_store(args.db if postgres else str(db_path))
        if not postgres:
            store.execute(f"SET threads = {args.threads}")
        return store
    t0 = time.perf_counter()
    generate(csv_path, args.rows)
    generated = time.perf_counter() - t0

    t0, c0 = time.perf_counter(), time.process_time()
    table, problems = read_acled_table(csv_path, "acled:bench")
    parsed = time.perf_counter() - t0
    t1 = time.perf_counter()
    with open_bench_store() as store:
        report = import_table(store, "acled:bench", table, problems)
    stored = time.perf_counter() - t1
    total, cpu = time.perf_counter() - t0, time.process_time() - c0
    del table

    t0 = time.perf_counter()
    table, problems = read_acled_table(csv_path, "acled:bench")
    with open_bench_store() as store:
        again = import_table(store, "acled:bench", table, problems)
    reimport = time.perf_counter() - t0
    result = {
        "rows": args.rows,
        "csv_mb": round(csv_path.stat().st_size / 1e6, 1),
        "generate_s": round(generated, 2),
        "parse_s": round(parsed, 2),
        "store_s": round(stored, 2),
        "import_total_s": round(total, 2),
        "import_cpu_s": round(cpu, 2),
        "store": "postgresql" if postgres else "duckdb",
        "duckdb_threads": None if postgres else args.threads,
        "rows_per_s": round(args.rows / total),
        "new": report["new"],
        "bad_rows": len(problems),
        "reimport_s": round(reimport, 2),
        "reimport_unchanged": again["unchanged"],
        "python": sys.version.split()[0],
    }
    print(json.dumps(result))
    return result


def _empty_postgres(url: str) -> None:
    """Drop sahelwatch's tables so the import is a first import into an empty store."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as con:
        con.execute("DROP VIEW IF EXISTS events_fused")
        con.execute("DROP TABLE IF EXISTS events, documents, fused_events, fusion_cannot_link, meta")


if __name__ == "__main__":
    main()
