"""Where the coder's location disagrees with ACLED's, row by row (a development aid).

Runs ``evaluate`` on an ACLED export and prints, for every row whose location is more than
10 km off (or whose admin1 differs), the gold location/admins/precision, the coder's, the
distance and the note, plus a tally of failure classes:

* ``gold_absent``   the gold location name is not in the gazetteer (no fix without memorising);
* ``no_place``      the coder gave no coordinates;
* ``admin1_only``   within 10 km but admin1 differs (a seat-derived admin name);
* ``no_name``       the gold place's name is not in the note (ACLED knew more than it says);
* ``homonym``       the right name, the wrong one of several same-named places (or a
                    feature of that name: a forest, a well);
* ``other_place``   the note names the gold place, but the coder coded another one;
* ``other``         the rest.

    python benchmarks/location_misses.py ../shared/data/acled/mali_2017.csv [--part even] [--all]
    python benchmarks/location_misses.py FILE --summary     # all fields, one line
    python benchmarks/location_misses.py FILE --ceiling     # what any name-reading coder could reach

``--ceiling`` measures how far location and admin1 agreement can go with this gazetteer: the
share of rows where *some* name in the note (any capitalised run of up to three words, matched
exactly or as a spelling variant, in the row's country) lies within 10 km of ACLED's point, and
where some such name lies in ACLED's admin1. A coder that reads places from the note cannot do
better; the rest needs knowledge the note does not hold.

Read the output to find general rules; never copy names from it into the coder.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter

from sahelwatch.evaluate import evaluate
from sahelwatch.extract import Coder
from sahelwatch.knowledge.gazetteer import Gazetteer, name_key


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("--part", choices=("even", "odd"))
    ap.add_argument("--all", action="store_true", help="print every miss (default: first 60)")
    ap.add_argument("--summary", action="store_true", help="only the agreement figures")
    ap.add_argument("--ceiling", action="store_true", help="also the best any name-reading coder could do")
    args = ap.parse_args()
    gaz = Gazetteer.open()
    report = evaluate(args.csv, Coder(gazetteer=gaz), part=args.part)
    print(json.dumps({k: v for k, v in report.agreement.items()}))
    if args.ceiling:
        print(json.dumps(_ceiling(report, gaz)))
    if args.summary:
        return
    tally: Counter = Counter()
    shown = 0
    for r in report.results:
        g, p = r.gold, r.pred
        near = r.agree["location_10km"]
        if near and r.agree["admin1"]:
            continue
        absent = not gaz.has_name(name_key(g.location or ""))
        cls = "admin1_only" if near else "gold_absent" if absent else \
            "no_place" if p is None or p.latitude is None else _other_class(g, p, gaz)
        tally[cls] += 1
        if shown < 60 or args.all:
            shown += 1
            d = f"{r.distance_km:.0f}km" if r.distance_km is not None else "-"
            a1 = "" if r.agree["admin1"] else " ADMIN1-MISS"
            print(f"[{cls}]{a1} {d} gold={g.location} ({g.admin3}, {g.admin2}, {g.admin1}) gp={g.geo_precision}"
                  f" | coder={p.location if p else None} ({p.admin2 if p else None}, {p.admin1 if p else None})"
                  f" gp={p.geo_precision if p else None}")
            print("    " + (g.notes or "")[:400].replace("\n", " "))
    print(dict(tally))


_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’\-]+(?:[ \-][A-Z][\w'’\-]+){0,2}")


def _ceiling(report, gaz) -> dict:
    """The share of rows some name of the note could place within 10 km / in ACLED's admin1."""
    near = admin1 = 0
    for r in report.results:
        g = r.gold
        names = set()
        for run in _CAPITALISED_RUN.findall(g.notes or ""):
            words = run.split()
            names.update(" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1))
        places = [p for name in names for p in gaz.lookup(name, g.country, variants=True)
                  if p.country == g.country]
        near += any(g.latitude is not None and p.distance_km((g.latitude, g.longitude)) <= 10 for p in places)
        admin1 += any(g.admin1 and name_key(p.admin1) == name_key(g.admin1) for p in places)
    n = len(report.results) or 1
    return {"location_10km_ceiling": round(near / n, 4), "admin1_ceiling": round(admin1 / n, 4)}


def _other_class(g, p, gaz) -> str:
    gold = name_key(g.location or "")
    if p.location and f" {gold} " in f" {name_key(p.location)} ":
        return "homonym"
    if gold and gold in name_key(g.notes or ""):
        return "other_place"
    if gold and not any(gold == name_key(n) for n in (g.admin1, g.admin2, g.admin3) if n):
        return "no_name"
    return "other"


if __name__ == "__main__":
    main()
