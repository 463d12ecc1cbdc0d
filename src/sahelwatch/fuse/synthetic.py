"""Synthetic multi-source data for measuring fusion: ACLED rows and news-like copies.

``make_synthetic(acled_paths, n_events)`` builds a store-ready list of events with a
known truth:

- *base events*: real ACLED rows (parsed with ``acled_row_to_event``), each used
  several times with its date moved by a multiple of ``spacing_days`` (default 61)
  and a new id. With the default, 100,000 events cover about 17 years, some 4,400
  base events a year over Mali and Burkina Faso: about what ACLED records there in
  the 2020s. A smaller spacing packs the same places and actors closer in time
  (a stress test: 9 days gives ~30,000 events a year). They form one dataset
  (``acled:synthetic``), so they are never merged with each other: any two of them
  that fusion links count as false links.
- *news duplicates*: for a share of the base events, 1-3 copies as a news coder would
  produce them, each in its own document: the date shifted by a day (35%) or two (5%),
  coordinates jittered within the precision (≤2 km for exact places, ≤15 km for
  "near"), the place name written without accents, an actor named by a registry
  alias (40%), a named non-state actor replaced by "Unidentified Armed Group" (15%),
  actor1/actor2 swapped (10%), a compatible event type (10%, e.g. Battles for an attack
  on civilians), fatalities differing (±30%) or not given (20%).

The truth maps every event uid to the uid of its base event.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import unicodedata
from dataclasses import replace
from pathlib import Path

from sahelwatch.ingest.acled import RowError, acled_row_to_event, iter_csv_rows
from sahelwatch.schema import Event, actor_key

_COMPATIBLE_TYPE = {
    ("Violence against civilians", "Attack"): ("Battles", "Armed clash"),
    ("Battles", "Armed clash"): ("Violence against civilians", "Attack"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"): ("Battles", "Armed clash"),
    ("Protests", "Peaceful protest"): ("Riots", "Violent demonstration"),
    ("Riots", "Violent demonstration"): ("Protests", "Protest with intervention"),
}


def _strip_accents(text: str | None) -> str | None:
    if not text:
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _jitter(lat: float, lon: float, km: float, rng: random.Random) -> tuple[float, float]:
    angle = rng.uniform(0, 2 * math.pi)
    r = km * math.sqrt(rng.random())
    dlat = r * math.cos(angle) / 111.0
    dlon = r * math.sin(angle) / (111.0 * max(math.cos(math.radians(lat)), 0.01))
    return round(lat + dlat, 5), round(lon + dlon, 5)


def load_acled_events(paths: list[str | Path]) -> list[Event]:
    events = []
    for path in paths:
        for line, row in iter_csv_rows(path):
            try:
                events.append(acled_row_to_event(row, line))
            except RowError:
                continue
    return events


def make_synthetic(acled_paths: list[str | Path], n_events: int, dup_share: float = 0.35, seed: int = 11,
                   registry=None, spacing_days: int = 61) -> tuple[list[Event], dict[str, str]]:
    """(events, truth: uid -> base uid) with about ``n_events`` events (see the module doc)."""
    rng = random.Random(seed)
    sources = [e for e in load_acled_events(acled_paths) if e.event_date and e.latitude is not None]
    aliases: dict[str, list[str]] = {}
    if registry is not None:
        for entry in registry:
            if getattr(entry, "kind", "actor") == "actor" and entry.aliases:
                aliases[actor_key(entry.name)] = list(entry.aliases)
    # each base event yields on average 1 + dup_share * 2 events
    n_base = max(1, round(n_events / (1 + dup_share * 2)))
    events: list[Event] = []
    truth: dict[str, str] = {}
    copies: dict[int, int] = {}
    doc_counter = 0
    for b in range(n_base):
        src_index = b % len(sources)
        k = copies.get(src_index, 0)
        copies[src_index] = k + 1
        src = sources[src_index]
        shift = ((k + 1) // 2) * spacing_days * (1 if k % 2 else -1)  # copies spread both ways
        base = replace(
            src,
            event_date=src.event_date + dt.timedelta(days=shift),
            event_uid=f"acled:synthetic:S{b}",
            dataset="acled:synthetic",
            dataset_row_id=f"S{b}",
            event_id_cnty=f"S{b}",
            sources=["acled:synthetic"],
            origin="acled",
            evidence=[],
        )
        events.append(base)
        truth[base.event_uid] = base.event_uid
        if rng.random() >= dup_share:
            continue
        for c in range(rng.choice((1, 2, 3))):
            doc_counter += 1
            dup = replace(base, evidence=[], sources=[f"news-{doc_counter}"])
            dup.event_uid = f"doc-synthetic-{doc_counter}-0"
            dup.doc_id = f"news-{doc_counter}"
            dup.dataset = dup.dataset_row_id = dup.event_id_cnty = None
            dup.origin = "coder"
            dup.confidence = round(rng.uniform(0.5, 0.95), 2)
            roll = rng.random()
            shift = 0 if roll < 0.6 else rng.choice((-1, 1)) if roll < 0.95 else rng.choice((-2, 2))
            if shift in (-2, 2):
                dup.event_type, dup.sub_event_type = base.event_type, base.sub_event_type
            dup.event_date = base.event_date + dt.timedelta(days=shift)
            km = 2.0 if (base.geo_precision or 1) == 1 else 15.0
            dup.latitude, dup.longitude = _jitter(base.latitude, base.longitude, km, rng)
            dup.location = _strip_accents(base.location)
            if base.actor1 and rng.random() < 0.4 and aliases.get(actor_key(base.actor1)):
                dup.actor1 = rng.choice(aliases[actor_key(base.actor1)])
            elif base.inter1 in (2, 3) and rng.random() < 0.15:
                dup.actor1 = f"Unidentified Armed Group ({base.country})"
                dup.assoc_actor_1 = None
            if rng.random() < 0.1:
                dup.actor1, dup.actor2 = dup.actor2, dup.actor1
                dup.inter1, dup.inter2 = dup.inter2, dup.inter1
                dup.assoc_actor_1, dup.assoc_actor_2 = dup.assoc_actor_2, dup.assoc_actor_1
            if shift not in (-2, 2) and rng.random() < 0.1:
                alt = _COMPATIBLE_TYPE.get((base.event_type, base.sub_event_type))
                if alt:
                    dup.event_type, dup.sub_event_type = alt
            if base.fatalities is not None:
                roll = rng.random()
                if roll < 0.2:
                    dup.fatalities = None
                elif roll < 0.6:
                    dup.fatalities = max(0, round(base.fatalities * rng.uniform(0.7, 1.3)))
            events.append(dup)
            truth[dup.event_uid] = base.event_uid
    return events, truth


def pairwise_scores(truth: dict[str, str], predicted: dict[str, str | None],
                    documents: dict[str, str] | None = None) -> dict[str, float]:
    """Pairwise precision/recall/F1 of links: ``truth`` and ``predicted`` map uid -> cluster id.

    A pair of events is a true link when both map to the same truth cluster, a predicted
    link when both map to the same (non-None) predicted cluster. Events missing from
    ``predicted`` or mapped to None are singletons. With ``documents`` (uid -> document
    or dataset), pairs from one document are left out of both: fusion never merges
    them by design, so two events a coder made of one real event are the coder's split,
    not a missed link.
    """
    from collections import defaultdict
    from itertools import combinations

    def pairs(mapping: dict[str, str | None]) -> set[tuple[str, str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for uid, cid in mapping.items():
            if cid is not None:
                groups[cid].append(uid)
        out: set[tuple[str, str]] = set()
        for members in groups.values():
            for a, b in combinations(sorted(members), 2):
                if documents is None or documents.get(a) is None or documents.get(a) != documents.get(b):
                    out.add((a, b))
        return out

    gold = pairs(truth)
    pred = pairs({u: predicted.get(u) for u in truth})
    tp = len(gold & pred)
    precision = tp / len(pred) if pred else 1.0
    recall = tp / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "true_links": len(gold), "predicted_links": len(pred), "correct_links": tp}
