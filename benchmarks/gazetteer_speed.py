"""Gazetteer speed: import, open, has_name, lookup, resolve (a measurement, not a test).

    python benchmarks/gazetteer_speed.py            # default + an index of all 7 shared dumps
    python benchmarks/gazetteer_speed.py --json out.json

Times are on one core. "open" is measured in a fresh interpreter (module import +
Gazetteer.open()), since the coder pays it once per process.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SAHELWATCH_SHARED", REPO.parent / "shared"))

OPEN_SNIPPET = """
import time
t0 = time.perf_counter()
from sahelwatch.knowledge.gazetteer import Gazetteer, name_key
t1 = time.perf_counter()
g = Gazetteer.open({path!r})
g.has_name(name_key("Gao"))
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""


def fresh_open(path: Path, runs: int = 7) -> dict:
    imports, opens = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", OPEN_SNIPPET.format(path=str(path))], capture_output=True, text=True, check=True)
        a, b = map(float, out.stdout.split())
        imports.append(a)
        opens.append(b)
    return {"import_module_ms": round(statistics.median(imports) * 1000, 2), "open_ms": round(statistics.median(opens) * 1000, 2)}


def per_call(fn, items, repeat: int = 1) -> float:
    start = time.perf_counter()
    n = 0
    for _ in range(repeat):
        for item in items:
            fn(item)
            n += 1
    return (time.perf_counter() - start) / n * 1e6


def bench(path: Path) -> dict:
    from sahelwatch.knowledge.gazetteer import Gazetteer, name_key

    words = []
    for f in sorted((SHARED / "data/acled").glob("*.csv")):
        with open(f, encoding="utf-8") as fh:
            for rec in csv.DictReader(fh):
                tokens = [t.strip(".,;:()") for t in rec["notes"].split()]
                caps = [t for t in tokens if t[:1].isupper()]
                words.extend(caps)
                words.extend(" ".join(p) for p in zip(caps, caps[1:]))
    rng = random.Random(1)
    rng.shuffle(words)
    locations = []
    for f in sorted((SHARED / "data/acled").glob("*.csv")):
        with open(f, encoding="utf-8") as fh:
            locations.extend((r["location"], r["country"]) for r in csv.DictReader(fh))
    out = {"path": str(path), **fresh_open(path)}
    gaz = Gazetteer.open(path)
    keys = [name_key(w) for w in words]
    # has_name: first on fresh keys (SQLite probe), then again (memoised).
    fresh = Gazetteer.open(path)
    out["has_name_us_cold"] = round(per_call(fresh.has_name, keys), 2)
    out["has_name_us_warm"] = round(per_call(fresh.has_name, keys), 2)
    out["has_name_calls"] = len(keys)
    out["name_key_us"] = round(per_call(name_key, words[:20000]), 2)
    names = [loc for loc, _ in locations]
    out["lookup_us"] = round(per_call(lambda n: gaz.lookup(n), names), 1)
    fresh = Gazetteer.open(path)
    out["resolve_us_first_pass"] = round(per_call(lambda lc: fresh.resolve(lc[0], lc[1]), locations), 1)
    out["resolve_us_second_pass"] = round(per_call(lambda lc: fresh.resolve(lc[0], lc[1]), locations), 1)
    misses = [f"{loc}xq" for loc, _ in locations[:200]]
    fresh = Gazetteer.open(path)
    t = time.perf_counter()
    fresh.resolve(misses[0], "Mali")
    out["fuzzy_first_call_ms"] = round((time.perf_counter() - t) * 1000, 1)
    out["fuzzy_resolve_us"] = round(per_call(lambda n: fresh.resolve(n, "Mali"), misses[1:]), 1)
    out["index_mb"] = round(path.stat().st_size / 1e6, 1)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as home:
        os.environ["SAHELWATCH_HOME"] = home
        from sahelwatch.knowledge.geonames import ensure_default_index, import_geonames_dump

        t = time.perf_counter()
        default = ensure_default_index()
        results["default_build_s"] = round(time.perf_counter() - t, 2)
        results["default"] = bench(default)
        index = Path(home) / "all.sqlite"
        t = time.perf_counter()
        for dump in sorted((SHARED / "data/geonames").glob("*.txt")):
            import_geonames_dump(dump, index=index)
        results["import_all_dumps_s"] = round(time.perf_counter() - t, 2)
        results["imported_all_7_dumps"] = bench(index)
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
