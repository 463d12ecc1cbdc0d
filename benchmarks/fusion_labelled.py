"""Fusion quality on the labelled set: the coder on the seeds and on ACLED notes, plus the
ACLED rows (``sahelwatch.fuse.labelled``). Prints pairwise precision/recall of links.

    python benchmarks/fusion_labelled.py                 # every note of both files
    python benchmarks/fusion_labelled.py --notes 50      # the first 50 notes of each file
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
LABELS = REPO / "tests" / "data" / "fusion_seed_events.yaml"


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=None, help="Notes per ACLED file to run the coder on (default: all).")
    parser.add_argument("--errors", action="store_true", help="List the wrong and missed links.")
    args = parser.parse_args(argv)

    from sahelwatch.extract import Coder
    from sahelwatch.fuse import fuse_store
    from sahelwatch.fuse.labelled import build_labelled_store
    from sahelwatch.fuse.synthetic import pairwise_scores
    from sahelwatch.store.duckdb import DuckDBStore

    db = Path(tempfile.mkdtemp(prefix="sahelwatch-labelled-")) / "labelled.duckdb"
    t0 = time.perf_counter()
    with DuckDBStore(db) as store:
        coder = Coder()
        built = build_labelled_store(store, SHARED, LABELS, coder, args.notes)
        t1 = time.perf_counter()
        stats = fuse_store(store, gazetteer=coder.gazetteer)
        t2 = time.perf_counter()
        predicted = dict(store.execute("SELECT event_uid, fused_id FROM events").fetchall())
        truth = built.pop("truth")
        usable = built.pop("usable")
        documents = dict(store.execute("SELECT event_uid, coalesce(doc_id, dataset) FROM events").fetchall())
        scores = pairwise_scores(truth, predicted, documents)
        # recall over the note events the coder extracted well enough (see usable_extraction)
        hits = sum(1 for u in usable if predicted.get(u) and predicted.get(u) == predicted.get(truth[u]))
        scores["recall_usable_extractions"] = round(hits / len(usable), 4) if usable else None
        if args.errors:
            _print_errors(store, truth, predicted)
    result = {**built, "build_s": round(t1 - t0, 1), "fuse_s": round(t2 - t1, 2), "fused_events": stats["fused_events"],
              **scores, "python": sys.version.split()[0]}
    print(json.dumps(result))
    return result


def _print_errors(store, truth, predicted) -> None:
    from collections import defaultdict

    fields = "event_uid, event_date, event_type, actor1, actor2, location, latitude, longitude, geo_precision, doc_id"
    rows = {r[0]: r for r in store.execute(f"SELECT {fields} FROM events").fetchall()}
    by_truth = defaultdict(list)
    for uid, t in truth.items():
        by_truth[t].append(uid)
    for t, uids in by_truth.items():
        if len(uids) > 1 and len({predicted.get(u) or u for u in uids}) > 1:
            print("MISSED", *[rows[u][1:] for u in uids], sep="\n  ", file=sys.stderr)
    by_pred = defaultdict(list)
    for uid, f in predicted.items():
        if f:
            by_pred[f].append(uid)
    for f, uids in by_pred.items():
        if len({truth.get(u, u) for u in uids}) > 1:
            print("WRONG", *[rows[u][1:] for u in uids], sep="\n  ", file=sys.stderr)


if __name__ == "__main__":
    main()
