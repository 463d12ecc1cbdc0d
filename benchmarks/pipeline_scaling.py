"""How `sahelwatch extract` and `sahelwatch ingest` grow with corpus size: time and peak memory.

Each run is a fresh process pinned to one core (start-up included), fed a JSONL batch
of ACLED notes (cycled from ../shared/data/acled/*.csv, each copy made unique so
ingest does not skip it as a duplicate) and, separately, the long seed reports.

    python benchmarks/pipeline_scaling.py                 # 100, 1000, 5000 notes
    python benchmarks/pipeline_scaling.py --sizes 1000     # the issue's 1,000-note target

Prints a Markdown table for docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SAHELWATCH_SHARED", REPO.parent / "shared"))
SAHELWATCH = shutil.which("sahelwatch") or str(Path(sys.executable).parent / "sahelwatch")


def notes() -> list[dict]:
    out = []
    for name in ("mali_2017.csv", "burkina_faso_sample.csv"):
        with open(SHARED / "data/acled" / name, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                out.append({"text": row["notes"], "country": row["country"]})
    return out


def write_batch(path: Path, size: int) -> None:
    pool = notes()
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(size):
            rec = dict(pool[i % len(pool)])
            rec["id"] = f"n{i}"
            # A copy number keeps every record a distinct document for ingest.
            rec["text"] = rec["text"] + (f" [copy {i // len(pool)}]" if i >= len(pool) else "")
            fh.write(json.dumps(rec) + "\n")


def timed(args: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MiB) and stdout lines of one pinned child process."""
    cmd = (["taskset", "-c", "0"] if shutil.which("taskset") else []) + args
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the max over all children so far: run the sizes in
    # increasing order so each row's peak is its own.
    return elapsed, max(peak, before) / 1024, len(proc.stdout.splitlines())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        env_home = tmpdir / "home"
        os.environ.setdefault("SAHELWATCH_HOME", str(env_home))
        # Warm the built-in gazetteer cache once, as any installed copy would have it.
        subprocess.run([SAHELWATCH, "extract", "-"], input='{"id":"w","text":"Warm up in Gao."}\n', text=True, capture_output=True, check=True)
        for size in sorted(args.sizes):
            batch = tmpdir / f"notes_{size}.jsonl"
            write_batch(batch, size)
            secs, mib, events = timed([SAHELWATCH, "extract", str(batch)])
            rows.append(("extract", f"{size} notes", secs, size / secs, mib, events))
            db = tmpdir / f"store_{size}.duckdb"
            secs, mib, _ = timed([SAHELWATCH, "ingest", str(batch), "--db", str(db), "--quiet"])
            rows.append(("ingest", f"{size} notes", secs, size / secs, mib, None))
        seeds = sorted(str(p) for p in (SHARED / "seeds").glob("*.txt"))
        secs, mib, events = timed([SAHELWATCH, "extract", *seeds])
        words = sum(len(Path(p).read_text(encoding="utf-8").split()) for p in seeds)
        rows.append(("extract", f"5 seed reports ({words} words)", secs, len(seeds) / secs, mib, events))
    print(f"Machine: {platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}, one core (taskset -c 0)")
    print()
    print("| command | input | wall s (start-up incl.) | docs/s | peak RSS MiB | events |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for cmd, what, secs, rate, mib, events in rows:
        print(f"| {cmd} | {what} | {secs:.2f} | {rate:.0f} | {mib:.0f} | {'' if events is None else events} |")


if __name__ == "__main__":
    main()
