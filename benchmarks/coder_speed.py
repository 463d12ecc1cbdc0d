"""Benchmark: coder throughput on one core, start-up included.

Writes N ACLED notes (from ../shared/data/acled, repeated as needed; each gets the report
date from its row's timestamp and its country as hint) to a JSONL file, then times the real
CLI, ``sahelwatch extract FILE``, in a fresh process pinned to one CPU (``taskset`` where
available) — so Python start-up, imports, registry load and gazetteer open are all counted.
Also times the in-process rate (coder only, warm) for comparison. Results are printed and
written to benchmarks/out/coder_speed.json.

    python benchmarks/coder_speed.py                # 1,000 notes
    python benchmarks/coder_speed.py --notes 5000   # how it grows with corpus size

The gazetteer is whatever ``Gazetteer.open()`` finds: the built-in default, or the user's
GeoNames import in $SAHELWATCH_HOME. Run it once before timing so the default index is built.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SAHELWATCH_SHARED", REPO.parent / "shared"))


def note_records(n: int) -> list[dict]:
    from sahelwatch.evaluate import read_acled_csv

    rows = []
    for name in ("burkina_faso_sample.csv", "mali_2017.csv"):
        rows.extend(read_acled_csv(SHARED / "data" / "acled" / name))
    records = []
    for i in range(n):
        ev = rows[i % len(rows)]
        published = dt.datetime.fromtimestamp(ev.timestamp, dt.timezone.utc).date() if ev.timestamp else None
        records.append({"id": f"n{i}", "text": ev.notes or "", "country": ev.country,
                        "published": published.isoformat() if published else None})
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notes", type=int, default=1000)
    args = parser.parse_args()
    records = note_records(args.notes)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "notes.jsonl"
        path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
        exe = shutil.which("sahelwatch") or str(Path(sys.executable).with_name("sahelwatch"))
        cmd = [exe, "extract", str(path)]
        if shutil.which("taskset"):
            cmd = ["taskset", "-c", "0"] + cmd
        subprocess.run(cmd[:-2] + ["--help"], capture_output=True)  # warm the OS file cache
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        out = subprocess.run(cmd, capture_output=True, text=True)
        cli_seconds = time.perf_counter() - started
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        # CPU time is what one core spends; wall time also counts waiting for a busy machine.
        cli_cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
        if out.returncode != 0:
            sys.exit(f"sahelwatch extract failed: {out.stderr[-2000:]}")
        events = sum(1 for line in out.stdout.splitlines() if line.strip())

    from sahelwatch.extract import Coder
    from sahelwatch.schema import Document

    t0 = time.perf_counter()
    coder = Coder()
    docs = [Document(doc_id=r["id"], text=r["text"], country=r["country"],
                     published=dt.date.fromisoformat(r["published"]) if r["published"] else None) for r in records]
    coder.extract(docs[0])
    t1 = time.perf_counter()
    for d in docs:
        coder.extract(d)
    t2 = time.perf_counter()
    result = {
        "notes": args.notes,
        "events": events,
        "cli_seconds_including_startup": round(cli_seconds, 3),
        "cli_notes_per_second": round(args.notes / cli_seconds, 1),
        "cli_cpu_seconds_including_startup": round(cli_cpu, 3),
        "cli_notes_per_cpu_second": round(args.notes / cli_cpu, 1),
        "cli_peak_rss_mb": round(cpu_after.ru_maxrss / 1024, 1),  # largest child so far (Linux: KiB)
        "coder_setup_seconds": round(t1 - t0, 3),
        "coder_notes_per_second_warm": round(args.notes / (t2 - t1), 1),
        "gazetteer": "default" if getattr(coder.gazetteer, "is_default", True) else "imported",
        "python": sys.version.split()[0],
    }
    print(json.dumps(result, indent=2))
    out_dir = REPO / "benchmarks" / "out"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "coder_speed.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
