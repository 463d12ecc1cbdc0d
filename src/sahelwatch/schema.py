"""The plain data types that flow through sahelwatch, and ACLED's taxonomy.

Data flows one way: ``Document`` -> (mentions) -> ``Event`` -> store -> analysis.
Every stage takes and returns these types; nothing else is passed between stages.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any

# --------------------------------------------------------------------------------------
# Taxonomy (ACLED, current since 2019)
# --------------------------------------------------------------------------------------

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

SUB_EVENT_TO_TYPE: dict[str, str] = {
    sub: etype for etype, subs in EVENT_TYPES.items() for sub in subs
}

# ACLED's disorder type follows from the event type.
DISORDER_TYPE: dict[str, str] = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Political violence; Demonstrations",
    "Strategic developments": "Strategic developments",
}

# Pre-2019 ACLED event types mapped onto (event_type, sub_event_type or None).
# Where the old type does not determine the sub-type, None is given and the
# importer/coder decides from the notes.
OLD_EVENT_TYPES: dict[str, tuple[str, str | None]] = {
    "Battle-No change of territory": ("Battles", "Armed clash"),
    "Battle-Non-state actor overtakes territory": (
        "Battles",
        "Non-state actor overtakes territory",
    ),
    "Battle-Government regains territory": ("Battles", "Government regains territory"),
    "Remote violence": ("Explosions/Remote violence", None),
    "Violence against civilians": ("Violence against civilians", None),
    "Riots/Protests": ("Protests", None),  # Riots when the notes say violence
    "Strategic development": ("Strategic developments", None),
    "Non-violent transfer of territory": (
        "Strategic developments",
        "Non-violent transfer of territory",
    ),
    "Headquarters or base established": (
        "Strategic developments",
        "Headquarters or base established",
    ),
}

INTER_CODES: dict[int, str] = {
    0: "No second actor",
    1: "State forces",
    2: "Rebel groups",
    3: "Political militias",
    4: "Identity militias",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction: the two inter codes, lower first (12, 27, 60...)."""
    if inter1 is None:
        return None
    a, b = inter1, inter2 or 0
    if b == 0:
        return a * 10
    lo, hi = sorted((a, b))
    return lo * 10 + hi


# --------------------------------------------------------------------------------------
# Columns
# --------------------------------------------------------------------------------------

# ACLED's export column order (the part sahelwatch fills).
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

# sahelwatch's own columns, after ACLED's.
EXTRA_COLUMNS: tuple[str, ...] = (
    "event_uid",
    "doc_id",
    "evidence",
    "confidence",
    "sources",
    "origin",
    "dataset",
    "dataset_row_id",
)

ALL_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + EXTRA_COLUMNS


# --------------------------------------------------------------------------------------
# Types
# --------------------------------------------------------------------------------------


@dataclass(slots=True)
class Evidence:
    """A sentence of a document that supports an event, with its character offsets."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Document:
    """One report. ``text`` is the plain text that evidence offsets refer to."""

    doc_id: str
    text: str
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    country: str | None = None  # a hint: the country the report is about
    path: str | None = None  # where it was read from
    content_hash: str = ""

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = text_hash(self.text)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Event:
    """One event in ACLED's schema plus sahelwatch's provenance fields.

    Dates are ``datetime.date``; exports render them as YYYY-MM-DD.
    ``origin`` says where the event came from: "coder" (extracted from a document),
    "acled", "ucdp" (imported rows) or "fused".
    """

    event_date: dt.date | None = None
    time_precision: int | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: str | None = None
    iso: int | None = None
    region: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    source: str | None = None
    source_scale: str | None = None
    notes: str | None = None
    fatalities: int | None = None
    tags: str | None = None
    timestamp: int | None = None
    event_id_cnty: str | None = None
    disorder_type: str | None = None
    # sahelwatch's own
    event_uid: str | None = None
    doc_id: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float | None = None
    sources: list[str] = field(default_factory=list)
    origin: str = "coder"
    dataset: str | None = None
    dataset_row_id: str | None = None

    @property
    def year(self) -> int | None:
        return self.event_date.year if self.event_date else None

    def to_record(self) -> dict[str, Any]:
        """A JSON-ready dict in column order (dates as YYYY-MM-DD)."""
        rec: dict[str, Any] = {}
        for name in ALL_COLUMNS:
            if name == "year":
                rec[name] = self.year
                continue
            value = getattr(self, name)
            if name == "event_date" and value is not None:
                value = value.isoformat()
            elif name == "evidence":
                value = [e.to_dict() for e in value]
            elif name == "sources":
                value = list(value)
            rec[name] = value
        return rec

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> "Event":
        """Inverse of ``to_record`` (unknown keys are ignored)."""
        kwargs: dict[str, Any] = {}
        names = {f.name for f in fields(cls)}
        for key, value in rec.items():
            if key not in names:
                continue
            if key == "event_date" and isinstance(value, str) and value:
                value = dt.date.fromisoformat(value)
            elif key == "evidence" and value is not None:
                value = [Evidence(**e) if isinstance(e, dict) else e for e in value]
            elif key == "sources" and value is None:
                value = []
            kwargs[key] = value
        return cls(**kwargs)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def actor_key(name: str | None) -> str:
    """The comparable key of an ACLED actor name (BRIEF §7).

    The part before ':' with any '(years)' removed, case- and accent-folded:
    "Military Forces of Mali (2013-)" -> "military forces of mali",
    "JNIM: Group for Support of Islam and Muslims" -> "jnim".
    """
    import re
    import unicodedata

    if not name:
        return ""
    head = name.split(":", 1)[0]
    head = re.sub(r"\(\s*\d{4}\s*-\s*(\d{4})?\s*\)", "", head)
    head = unicodedata.normalize("NFKD", head)
    head = "".join(c for c in head if not unicodedata.combining(c))
    return " ".join(head.casefold().split())
