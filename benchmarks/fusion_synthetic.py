"""Benchmark: fuse a store of N synthetic multi-source events (default 100,000).

Events come from ``sahelwatch.fuse.synthetic.make_synthetic``: real ACLED rows (the
shared mali_2017 and burkina_faso_sample files) re-dated as base events, plus
news-like copies (date ±1-2 days, coordinates jittered within precision, actors named
by alias or as "Unidentified Armed Group", swapped sides, fatalities differing).
Timed (wall clock and CPU, DuckDB on one thread): ``fuse_store`` on a DuckDB file (load inputs, block, link, cluster, build and
write fused records). Reported: time and pairwise precision/recall of the links
against the known truth.

    python benchmarks/fusion_synthetic.py              # 100,000 events
    python benchmarks/fusion_synthetic.py --rows 5000  # quick run
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SAHELWATCH_SHARED", REPO.parent / "shared"))


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--workdir", default=None)
    parser.add_argument("--spacing-days", type=int, default=61,
                        help="Days between the copies of one ACLED row (61: realistic density; 9: a stress test).")
    args = parser.parse_args(argv)

    from sahelwatch.fuse import fuse_store
    from sahelwatch.fuse.synthetic import make_synthetic, pairwise_scores
    from sahelwatch.knowledge.registry import ActorRegistry
    from sahelwatch.store.duckdb import DuckDBStore

    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="sahelwatch-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    db_path = workdir / f"fusion_{args.rows}.duckdb"
    if db_path.exists():
        db_path.unlink()
    paths = [SHARED / "data" / "acled" / "mali_2017.csv", SHARED / "data" / "acled" / "burkina_faso_sample.csv"]
    t0 = time.perf_counter()
    events, truth = make_synthetic(paths, args.rows, registry=ActorRegistry.load(), spacing_days=args.spacing_days)
    with DuckDBStore(db_path) as store:
        store.import_events("synthetic", events)
    generated = time.perf_counter() - t0

    from sahelwatch.knowledge.gazetteer import Gazetteer

    with DuckDBStore(db_path) as store, Gazetteer.open() as gazetteer:  # as `sahelwatch fuse` runs it
        store.execute("SET threads = 1")
        t0, c0 = time.perf_counter(), time.process_time()
        stats = fuse_store(store, gazetteer=gazetteer)
        fused_s, fused_cpu = time.perf_counter() - t0, time.process_time() - c0
        predicted = dict(store.execute("SELECT event_uid, fused_id FROM events").fetchall())
    scores = pairwise_scores(truth, predicted)
    result = {
        "events": len(events),
        "spacing_days": args.spacing_days,
        "generate_s": round(generated, 2),
        "fuse_s": round(fused_s, 2),
        "fuse_cpu_s": round(fused_cpu, 2),
        "fuse_breakdown_s": stats["seconds"],
        "candidate_pairs": stats["candidate_pairs"],
        "links": stats["links"],
        "fused_events": stats["fused_events"],
        **scores,
        "python": sys.version.split()[0],
    }
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
