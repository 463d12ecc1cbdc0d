"""Latency of ``GET /api/events`` with filters on a store of 1,000,000 events.

Builds a DuckDB file of synthetic events (Arrow bulk insert, seconds), runs the real
``sahelwatch serve`` (uvicorn) on 127.0.0.1, and sends a bounded number of requests
with a mix of filters from a few concurrent httpx clients. Prints p50/p95/p99 overall and
per filter, and writes them as JSON to benchmarks/out/api_latency.json.

    python benchmarks/api_latency.py                 # 1,000,000 events, 600 requests, 4 clients
    python benchmarks/api_latency.py --events 100000 --requests 200 --concurrency 1
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

from sahelwatch.web.testing import build_synthetic_store, running_server

# (name, query parameters): what the dashboard and API users ask for.
QUERIES: list[tuple[str, dict]] = [
    ("no filter", {}),
    ("country+type", {"country": "Mali", "type": "Battles"}),
    ("actor", {"actor": "jnim"}),
    ("admin1+dates", {"admin1": "Mopti", "date_from": "2020-01-01", "date_to": "2022-12-31"}),
    ("date range", {"date_from": "2025-01-01", "date_to": "2025-03-31"}),
    ("bbox", {"bbox": "-1.5,14,1,17"}),
    ("near+radius", {"near": "16.27,-0.04", "radius_km": 50}),
    ("text", {"text": "convoy"}),
    ("sub-type, by fatalities", {"type": "Suicide bomb", "order_by": "fatalities"}),
    ("country, page 20", {"country": "Niger", "offset": 2000}),
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


async def load(base: str, requests: int, concurrency: int, fused: bool, seed: int) -> dict[str, list[float]]:
    rng = random.Random(seed)
    plan = [QUERIES[i % len(QUERIES)] for i in range(requests)]
    rng.shuffle(plan)
    timings: dict[str, list[float]] = {name: [] for name, _ in QUERIES}
    queue: asyncio.Queue = asyncio.Queue()
    for item in plan:
        queue.put_nowait(item)

    async def client() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=30) as http:
            while not queue.empty():
                name, params = queue.get_nowait()
                params = {**params, "limit": 100, "fused": str(fused).lower()}
                t0 = time.perf_counter()
                r = await http.get("/api/events", params=params)
                elapsed = (time.perf_counter() - t0) * 1000
                if r.status_code != 200:
                    raise RuntimeError(f"{name}: HTTP {r.status_code}: {r.text[:200]}")
                r.json()
                timings[name].append(elapsed)

    await asyncio.gather(*(client() for _ in range(concurrency)))
    return timings


def summarise(timings: dict[str, list[float]]) -> dict:
    every = [t for ts in timings.values() for t in ts]
    return {
        "requests": len(every),
        "p50_ms": round(percentile(every, 50), 1),
        "p95_ms": round(percentile(every, 95), 1),
        "p99_ms": round(percentile(every, 99), 1),
        "mean_ms": round(statistics.fmean(every), 1),
        "per_query": {
            name: {"p50_ms": round(percentile(ts, 50), 1), "p95_ms": round(percentile(ts, 95), 1)}
            for name, ts in timings.items() if ts
        },
    }


def _fill_postgres(url: str, n: int) -> None:
    """Import ``n`` synthetic events into the PostgreSQL store at ``url`` unless it holds some."""
    from sahelwatch.store.postgres import PostgresStore
    from sahelwatch.web.testing import synthetic_import_table

    with PostgresStore(url) as store:
        held = store.execute("SELECT count(*) FROM events").fetchone()[0]
        if held:
            print(f"reusing the {held:,} events of {url}", file=sys.stderr)
            return
        t0 = time.perf_counter()
        store.import_events("syn", synthetic_import_table(n, "syn"))
        store.execute("ANALYZE events")
        print(f"imported {n:,} synthetic events in {time.perf_counter() - t0:.1f}s ({url})", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=600, help="requests per run (bounded)")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--db", help="reuse/keep this DuckDB file instead of a temporary one, or a "
                                     "postgresql:// URL of a database to fill (when empty) and serve")
    parser.add_argument("--unordered", action="store_true",
                        help="write the synthetic rows in random order instead of event-date order")
    parser.add_argument("--out", default=str(Path(__file__).parent / "out" / "api_latency.json"))
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="sahelwatch-bench-") as tmp:
        postgres = bool(args.db) and args.db.startswith(("postgresql://", "postgres://"))
        db = args.db if postgres else Path(args.db) if args.db else Path(tmp) / "bench.duckdb"
        if postgres:
            _fill_postgres(args.db, args.events)
        elif not db.exists():
            t0 = time.perf_counter()
            build_synthetic_store(db, args.events, date_ordered=not args.unordered)
            print(f"built {args.events:,} synthetic events in {time.perf_counter() - t0:.1f}s ({db})", file=sys.stderr)
        results = {"events": args.events, "date_ordered": not args.unordered,
                   "backend": "postgresql" if postgres else "duckdb", "runs": []}
        with running_server(db, env={"SAHELWATCH_HOME": str(Path(tmp) / "home")}) as base:
            total = httpx.get(base + "/api/events", params={"limit": 0}).json()["total"]
            print(f"serving {total:,} events at {base}", file=sys.stderr)
            asyncio.run(load(base, len(QUERIES) * 3, 1, True, seed=0))  # warm-up: caches, first-query costs
            for fused in (True, False):
                for concurrency in args.concurrency:
                    timings = asyncio.run(load(base, args.requests, concurrency, fused, seed=concurrency))
                    summary = summarise(timings)
                    summary.update({"concurrency": concurrency, "fused": fused})
                    results["runs"].append(summary)
                    print(f"fused={str(fused).lower():5} concurrency={concurrency}: {summary['requests']} requests  "
                          f"p50 {summary['p50_ms']} ms  p95 {summary['p95_ms']} ms  p99 {summary['p99_ms']} ms")
                    for name, q in summary["per_query"].items():
                        print(f"    {name:26} p50 {q['p50_ms']:7.1f} ms   p95 {q['p95_ms']:7.1f} ms")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
