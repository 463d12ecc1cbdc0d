"""Agreement of the coder with human-coded ACLED data (``sahelwatch eval``).

``evaluate(coded_csv, coder)`` runs the coder on the ``notes`` of every row of an ACLED export
(either taxonomy), with the report date taken from the row's ``timestamp`` and its country as
the hint, and compares the top event with the coding, field by field (BRIEF §7):

* event type (pre-2019 types mapped with ``schema.OLD_EVENT_TYPES``; an old "Riots/Protests"
  agrees with Protests or Riots, "Remote violence" with any explosion sub-type);
* sub-event type (current-taxonomy files only);
* actor1 / actor2 on ``schema.actor_key`` (years dropped, case/accent folded; both empty agree);
* admin1 (case/accent folded, or one gazetteer unit under two spellings: Tombouctou/Timbuktu),
  location within 10 km and 25 km of ACLED's coordinates;
* fatalities exact, event date exact, coverage (share of notes with at least one event).

Every share is over all rows: a note without an event disagrees on every field.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from sahelwatch.knowledge.countries import fold
from sahelwatch.schema import OLD_EVENT_TYPES, Document, Event, actor_key

FIELDS = (
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "admin1",
    "location_10km",
    "location_25km",
    "fatalities",
    "event_date",
    "coverage",
)

_MONTHS = {m.lower(): i for i, m in enumerate(
    ["", "January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"]) if m}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})


def parse_acled_date(value: str | None) -> dt.date | None:
    """ACLED's date formats: "31 December 2017", "16-Feb-21", "2017-12-31", "12/31/2017"."""
    if not value:
        return None
    v = value.strip()
    try:
        return dt.date.fromisoformat(v[:10])
    except ValueError:
        pass
    m = re.fullmatch(r"(\d{1,2})[\s-]([A-Za-z]+)[\s-](\d{2}|\d{4})", v)
    if m:
        month = _MONTHS.get(m.group(2).lower()) or _MONTHS.get(m.group(2).lower()[:3])
        year = int(m.group(3))
        year = year + 2000 if year < 100 else year
        if month:
            try:
                return dt.date(year, month, int(m.group(1)))
            except ValueError:
                return None
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", v)
    if m:
        try:
            return dt.date(int(m.group(3)), int(m.group(1)), int(m.group(2)))
        except ValueError:
            return None
    return None


def _int(value: Any) -> int | None:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def _float(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def acled_row_to_event(row: dict[str, str]) -> Event:
    """One row of an ACLED export as an ``Event`` (old event types kept as written).

    A small reusable parser; the full importer (``sahelwatch.ingest.acled``) builds on the same
    column names.
    """
    ts = _int(row.get("timestamp"))
    return Event(
        event_id_cnty=row.get("event_id_cnty") or None,
        event_date=parse_acled_date(row.get("event_date")),
        time_precision=_int(row.get("time_precision")),
        disorder_type=row.get("disorder_type") or None,
        event_type=row.get("event_type") or None,
        sub_event_type=row.get("sub_event_type") or None,
        actor1=row.get("actor1") or None,
        assoc_actor_1=row.get("assoc_actor_1") or None,
        inter1=_int(row.get("inter1")),
        actor2=row.get("actor2") or None,
        assoc_actor_2=row.get("assoc_actor_2") or None,
        inter2=_int(row.get("inter2")),
        interaction=_int(row.get("interaction")),
        civilian_targeting=row.get("civilian_targeting") or None,
        iso=_int(row.get("iso")),
        region=row.get("region") or None,
        country=row.get("country") or None,
        admin1=row.get("admin1") or None,
        admin2=row.get("admin2") or None,
        admin3=row.get("admin3") or None,
        location=row.get("location") or None,
        latitude=_float(row.get("latitude")),
        longitude=_float(row.get("longitude")),
        geo_precision=_int(row.get("geo_precision")),
        source=row.get("source") or None,
        source_scale=row.get("source_scale") or None,
        notes=row.get("notes") or None,
        fatalities=_int(row.get("fatalities")),
        tags=row.get("tags") or None,
        timestamp=ts,
        origin="acled",
        dataset_row_id=row.get("data_id") or row.get("event_id_cnty") or None,
    )


def read_acled_csv(path: str | Path) -> list[Event]:
    """All rows of an ACLED CSV export as events, with the event type *as coded* (old or new).

    Rows are parsed by the project's ACLED importer (``sahelwatch.ingest.acled``) when it is
    installed; that importer maps pre-2019 types onto current ones and infers a sub-type, so
    the coded type and sub-type are put back from the raw row: agreement is measured against
    what the human coder wrote.
    """
    try:
        from sahelwatch.ingest.acled import read_acled
    except ImportError:  # a trimmed install: the small parser here is enough for eval
        with open(path, newline="", encoding="utf-8-sig") as fh:
            return [acled_row_to_event(row) for row in csv.DictReader(fh)]
    rows, _problems = read_acled(path)
    events: list[Event] = []
    for _line, event, raw in rows:
        event.event_type = raw.get("event_type") or event.event_type
        event.sub_event_type = raw.get("sub_event_type") or None
        events.append(event)
    return events


def _report_date(gold: Event) -> dt.date | None:
    if gold.timestamp:
        return dt.datetime.fromtimestamp(gold.timestamp, dt.timezone.utc).date()
    return None


def _type_agrees(gold_type: str | None, pred_type: str | None) -> bool:
    if not gold_type or not pred_type:
        return False
    if gold_type == "Riots/Protests":
        return pred_type in ("Protests", "Riots")
    mapped = OLD_EVENT_TYPES.get(gold_type)
    if mapped is not None:
        return pred_type == mapped[0]
    return pred_type == gold_type


def _current_type(gold_type: str | None) -> str | None:
    if gold_type in OLD_EVENT_TYPES:
        return OLD_EVENT_TYPES[gold_type][0]
    return gold_type


def _distance_km(a: Event, b: Event) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    p1, p2 = math.radians(a.latitude), math.radians(b.latitude)
    dp, dl = p2 - p1, math.radians(b.longitude - a.longitude)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


@dataclass
class RowResult:
    gold: Event
    pred: Event | None
    agree: dict[str, bool | None]
    distance_km: float | None

    def disagreements(self) -> list[str]:
        return [k for k, v in self.agree.items() if v is False and k != "location_25km"]


@dataclass
class EvalReport:
    path: str
    rows: int
    taxonomy: str  # "current" or "old"
    agreement: dict[str, float | None]
    counts: dict[str, int]
    confusion: dict[str, dict[str, int]]
    worst: list[dict[str, Any]]
    date_stated_share: float
    seconds: float
    gazetteer: str | None = None
    results: list[RowResult] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "rows": self.rows,
            "taxonomy": self.taxonomy,
            "agreement": self.agreement,
            "counts": self.counts,
            "confusion": self.confusion,
            "worst": self.worst,
            "date_stated_share": self.date_stated_share,
            "seconds": round(self.seconds, 3),
            "notes_per_second": round(self.rows / self.seconds, 1) if self.seconds else None,
            "gazetteer": self.gazetteer,
        }


def compare(gold: Event, pred: Event | None, current_taxonomy: bool,
            same_unit: Callable[[str, str, str | None], bool] | None = None) -> RowResult:
    """Field-by-field agreement of one predicted event with one coded row.

    ``same_unit(a, b, country)`` says whether two admin1 names are one unit under two
    spellings ("Tombouctou" in older exports, "Timbuktu" in newer ones).
    """
    agree: dict[str, bool | None] = {}
    distance = _distance_km(gold, pred) if pred is not None else None
    agree["coverage"] = pred is not None
    agree["event_type"] = pred is not None and _type_agrees(gold.event_type, pred.event_type)
    agree["sub_event_type"] = (pred is not None and gold.sub_event_type == pred.sub_event_type) \
        if current_taxonomy else None
    agree["actor1"] = pred is not None and actor_key(gold.actor1) == actor_key(pred.actor1)
    agree["actor2"] = pred is not None and actor_key(gold.actor2) == actor_key(pred.actor2)
    agree["admin1"] = pred is not None and bool(gold.admin1) and (
        fold(gold.admin1 or "") == fold(pred.admin1 or "")
        or (same_unit is not None and bool(pred.admin1) and same_unit(gold.admin1, pred.admin1, gold.country)))
    agree["location_10km"] = distance is not None and distance <= 10.0
    agree["location_25km"] = distance is not None and distance <= 25.0
    agree["fatalities"] = pred is not None and (gold.fatalities or 0) == (pred.fatalities or 0)
    agree["event_date"] = pred is not None and gold.event_date is not None and gold.event_date == pred.event_date
    return RowResult(gold, pred, agree, distance)


def evaluate(coded_csv: str | Path, coder=None, country: str | None = None, limit: int | None = None,
             part: str | None = None, worst: int = 10) -> EvalReport:
    """Run ``coder`` on the notes of ``coded_csv`` and measure agreement with the coding.

    ``country`` keeps only rows of that country; ``part`` = "even"/"odd" keeps every other row
    (tune on one half, check on the other).
    """
    from sahelwatch.nlp.dates import find_dates

    if coder is None:
        from sahelwatch.extract import Coder

        coder = Coder()
    golds = read_acled_csv(coded_csv)
    if country:
        golds = [g for g in golds if fold(g.country or "") == fold(country)]
    if part in ("even", "odd"):
        golds = [g for i, g in enumerate(golds) if (i % 2 == 0) == (part == "even")]
    if limit:
        golds = golds[:limit]
    current = any(g.sub_event_type for g in golds) or not any(g.event_type in OLD_EVENT_TYPES and
                                                             g.event_type not in ("Violence against civilians",)
                                                             for g in golds)
    gazetteer = getattr(coder, "gazetteer", None)

    def region_of(name: str, country: str | None) -> str | None:
        unit = gazetteer.admin_region(name, country, level=1)
        if unit is not None:
            return unit.admin1 or unit.name
        # A region named after its capital in another spelling (GeoNames' "Timbuktu" is the
        # seat of its "Tombouctou" region).
        seat = gazetteer.resolve(name, country, fuzzy=False)
        return seat.admin1 if seat is not None and seat.feature_code == "PPLA" else None

    def same_unit(a: str, b: str, country: str | None) -> bool:
        if gazetteer is None:
            return False
        region_a, region_b = region_of(a, country), region_of(b, country)
        return region_a is not None and region_b is not None and fold(region_a) == fold(region_b)

    results: list[RowResult] = []
    stated = 0
    started = time.perf_counter()
    for i, gold in enumerate(golds):
        published = _report_date(gold)
        doc = Document(doc_id=gold.event_id_cnty or f"row{i + 1}", text=gold.notes or "", published=published,
                       country=gold.country, source=gold.source)
        try:
            events = coder.extract(doc)
        except Exception:  # one bad note must not stop an evaluation; it counts as uncovered
            events = []
        results.append(compare(gold, events[0] if events else None, current, same_unit))
        if any(d.date is not None and d.date == gold.event_date for d in find_dates(doc.text, published)):
            stated += 1
    seconds = time.perf_counter() - started
    n = len(results)
    agreement: dict[str, float | None] = {}
    counts: dict[str, int] = {}
    for name in FIELDS:
        values = [r.agree[name] for r in results if r.agree.get(name) is not None]
        counts[name] = sum(1 for v in values if v)
        agreement[name] = round(counts[name] / len(values), 4) if values else None
    confusion: dict[str, dict[str, int]] = {}
    for r in results:
        g = _current_type(r.gold.event_type) or "-"
        if r.gold.event_type == "Riots/Protests":
            g = "Protests/Riots"
        p = r.pred.event_type if r.pred else "(none)"
        confusion.setdefault(g, Counter())[p] += 1
    confusion = {g: dict(c) for g, c in confusion.items()}
    ranked = sorted(results, key=lambda r: -len(r.disagreements()))[:worst]
    worst_rows = [
        {
            "event_id_cnty": r.gold.event_id_cnty,
            "notes": r.gold.notes,
            "disagree": r.disagreements(),
            "gold": _summary(r.gold),
            "coder": _summary(r.pred) if r.pred else None,
            "distance_km": round(r.distance_km, 1) if r.distance_km is not None else None,
        }
        for r in ranked
    ]
    gaz = getattr(coder, "_gazetteer", None)
    gaz_name = None
    if gaz is not None:
        gaz_name = "default" if getattr(gaz, "is_default", False) else str(getattr(gaz, "path", "imported"))
    return EvalReport(
        path=str(coded_csv), rows=n, taxonomy="current" if current else "old", agreement=agreement,
        counts=counts, confusion=confusion, worst=worst_rows,
        date_stated_share=round(stated / n, 4) if n else 0.0, seconds=seconds, gazetteer=gaz_name,
        results=results,
    )


def _summary(ev: Event) -> dict[str, Any]:
    return {
        "event_date": ev.event_date.isoformat() if ev.event_date else None,
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": ev.actor1,
        "actor2": ev.actor2,
        "admin1": ev.admin1,
        "location": ev.location,
        "fatalities": ev.fatalities,
    }


def iter_rows(paths: Iterable[str | Path]) -> Iterable[Event]:
    for p in paths:
        yield from read_acled_csv(p)
