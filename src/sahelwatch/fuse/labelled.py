"""The labelled fusion test set: the coder on the seed reports and on ACLED notes, plus
the ACLED rows themselves, with the truth of which events are the same real event.

- ACLED rows (mali_2017 and burkina_faso_sample) are imported as their datasets.
- Each ACLED row's ``notes`` becomes a document (published the day after the event,
  as a report would be) and goes through the coder: the events it yields describe that
  row's event, so their truth is the row (by construction).
- The seed reports go through the coder; their events are assigned to hand-labelled
  real events (``tests/data/fusion_seed_events.yaml``, by date range and place name).

``pairwise_scores`` (``fuse.synthetic``) then gives precision/recall of the links.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sahelwatch.fuse.core import fold
from sahelwatch.ingest.acled import read_acled
from sahelwatch.schema import Document


def load_labels(path: str | Path) -> list[dict[str, Any]]:
    import yaml

    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    labels = []
    for entry in data["events"]:
        lo, hi = (d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d)) for d in entry["dates"])
        labels.append({"id": entry["id"], "lo": lo, "hi": hi, "places": {fold(p) for p in entry["places"]}})
    return labels


def label_of(event, labels: list[dict[str, Any]]) -> str | None:
    if event.event_date is None:
        return None
    for label in labels:
        if label["lo"] <= event.event_date <= label["hi"] and fold(event.location) in label["places"]:
            return label["id"]
    return None


def build_labelled_store(store, shared: Path, labels_path: Path, coder, notes_per_file: int | None = None) -> dict[str, Any]:
    """Fill ``store`` with the labelled set; returns ``{"truth": uid -> real event id, ...counts}``."""
    truth: dict[str, str] = {}
    usable: set[str] = set()
    counts = {"acled_rows": 0, "note_documents": 0, "note_events": 0, "seed_events": 0, "seed_events_labelled": 0}
    for name in ("mali_2017.csv", "burkina_faso_sample.csv"):
        path = shared / "data" / "acled" / name
        dataset = f"acled:{path.stem}"
        rows, _ = read_acled(path, dataset)
        store.import_events(dataset, [e for _, e, _ in rows], [r for _, _, r in rows])
        counts["acled_rows"] += len(rows)
        for _, event, _ in rows:
            truth[event.event_uid] = event.event_uid
        for _, event, _ in rows[:notes_per_file] if notes_per_file is not None else rows:
            if not event.notes:
                continue
            doc = Document(
                doc_id=f"note-{event.dataset_row_id}",
                text=event.notes,
                published=event.event_date + dt.timedelta(days=1),
                source=f"notes of {event.event_uid}",
                country=event.country,
            )
            extracted = coder.extract(doc)
            for e in extracted:
                e.sources = [doc.source]
            if not store.add_document(doc, extracted):
                continue  # the same text as an earlier note: stored once
            counts["note_documents"] += 1
            for e in extracted:
                truth[e.event_uid] = event.event_uid
                counts["note_events"] += 1
                if usable_extraction(e, event):
                    usable.add(e.event_uid)
    labels = load_labels(labels_path)
    from sahelwatch.ingest.readers import read_documents

    seeds = sorted(str(p) for p in (shared / "seeds").glob("*.txt"))
    for doc in read_documents(seeds, lambda problem: None):
        extracted = coder.extract(doc)
        for e in extracted:
            e.sources = e.sources or [doc.doc_id]
        if not store.add_document(doc, extracted):
            continue
        for e in extracted:
            label = label_of(e, labels)
            truth[e.event_uid] = label or e.event_uid
            counts["seed_events"] += 1
            counts["seed_events_labelled"] += label is not None
    counts["note_events_usable"] = len(usable)
    return {"truth": truth, "usable": usable, **counts}


def usable_extraction(extracted, row) -> bool:
    """Did the coder get this note's event right enough for any fusion to link it to its row?

    Dated within a day of the row, with coordinates within 25 km of it, and an event
    type fusion treats as compatible. (A right place name with the coordinates of a
    region 100 km away is a geocoding miss that no distance rule should paper over.) Recall over these pairs measures
    fusion apart from the coder's own misses.
    """
    from sahelwatch.fuse.core import haversine_km, types_compatible

    if extracted.event_date is None or abs((extracted.event_date - row.event_date).days) > 1:
        return False
    if not types_compatible(extracted.event_type, row.event_type, extracted.sub_event_type, row.sub_event_type):
        return False
    if None in (extracted.latitude, extracted.longitude, row.latitude, row.longitude):
        return False
    return haversine_km(extracted.latitude, extracted.longitude, row.latitude, row.longitude) <= 25.0
