"""The fused event: one record built from its members by stated rules.

Which member gives which fields:

- *representative* (event type and sub-type, actors, notes, evidence, document):
  a member from a coded dataset (ACLED before UCDP: coded by people, in ACLED's own
  schema) if there is one, else the member with the highest confidence; ties go to
  the smallest event_uid. Among coder-only members the event type and sub-type are
  the members' majority (ties: the representative's).
- *date*: the most precise (lowest time_precision); ties: a coded-dataset member, then
  the date most members give, then the earliest.
- *location* (location, coordinates, admin1-3, geo_precision, country, iso, region):
  the most precise (lowest geo_precision) member with coordinates; ties: a
  coded-dataset member, then the representative order.
- *actors*: for each side, the most specific actor any member names on that side
  (sides aligned to the representative's, which may be swapped in a member): a
  component (Katiba Macina) is more specific than its organisation (JNIM), which is
  more specific than "Unidentified Armed Group"; ties keep the representative's. The
  name is the registry's ACLED name for the event date ("GSIM" ->
  "JNIM: Group for Support of Islam and Muslims").
- *fatalities* (``--fatalities-rule``), over the members' figures (None = not given):
  - ``acled`` (default): ACLED's conservative coding. If a member comes from an ACLED
    export, its figure (people applied the rule with all the sources they had);
    otherwise the lowest figure reported ("more than 70" counts as 70, "70 to 77"
    as 70). A fatality figure of None on every member stays None.
  - ``min``: the lowest figure; ``max``: the highest; ``median``: the median, rounded
    down to a whole number.
  ``fatalities_min``/``fatalities_max`` are the range, ``fatalities_values`` every
  member's figure with its event_uid and source.
- *sources*: every member's sources (its ``sources`` list, else its source or
  document), coded datasets first, without repeats; ``source_count`` is their number.
- *conflicts*: for date, event type, sub-type, actors, location, admin1 and
  fatalities, the distinct values when the members disagree.
- ``event_uid`` = ``"fused:" + the smallest member event_uid``: the same members give
  the same id on every run.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from sahelwatch.fuse.actors import ActorMatcher, sides_compatible
from sahelwatch.schema import DISORDER_TYPE, interaction_code

FATALITIES_RULES = ("acled", "min", "max", "median")
CONFLICT_FIELDS = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "location", "admin1", "fatalities")
_ORIGIN_RANK = {"acled": 0, "ucdp": 1}


def fused_id(member_uids: list[str]) -> str:
    return "fused:" + min(member_uids)


def coded(rec: dict) -> bool:
    return rec.get("origin") in _ORIGIN_RANK


def _representative_order(rec: dict) -> tuple:
    return (_ORIGIN_RANK.get(rec.get("origin"), 9), -(rec.get("confidence") or 0.0), rec["event_uid"])


def code_fatalities(members: list[dict], rule: str = "acled") -> int | None:
    """The fused fatality figure by ``rule`` (see the module doc)."""
    if rule not in FATALITIES_RULES:
        raise ValueError(f"fatalities rule: expected one of {', '.join(FATALITIES_RULES)}, got {rule!r}")
    values = [m["fatalities"] for m in members if m.get("fatalities") is not None]
    if not values:
        return None
    if rule == "acled":
        acled_values = [m["fatalities"] for m in members if m.get("origin") == "acled" and m.get("fatalities") is not None]
        return min(acled_values) if acled_values else min(values)
    if rule == "min":
        return min(values)
    if rule == "max":
        return max(values)
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) // 2


def _member_sources(rec: dict) -> list[str]:
    sources = rec.get("sources") or []
    if sources:
        return [str(s) for s in sources]
    fallback = rec.get("source") or rec.get("doc_id") or rec.get("dataset")
    return [fallback] if fallback else []


def build_fused(members: list[dict], matcher: ActorMatcher, rule: str = "acled") -> dict[str, Any]:
    """The fused record of 2+ member records (store records: dates as ISO strings)."""
    members = sorted(members, key=_representative_order)
    rep = members[0]
    rec: dict[str, Any] = {}
    uids = sorted(m["event_uid"] for m in members)
    rec["event_uid"] = fused_id(uids)

    # date
    dated = [m for m in members if m.get("event_date")]
    if dated:
        counts = Counter(m["event_date"] for m in dated)
        best = min(
            dated,
            key=lambda m: (m.get("time_precision") or 1, 0 if coded(m) else 1, -counts[m["event_date"]], m["event_date"]),
        )
        rec["event_date"] = best["event_date"]
        rec["time_precision"] = best.get("time_precision")
    else:
        rec["event_date"], rec["time_precision"] = None, None
    rec["year"] = int(rec["event_date"][:4]) if rec["event_date"] else None

    # location block
    placed = [m for m in members if m.get("latitude") is not None and m.get("longitude") is not None] or members
    where = min(placed, key=lambda m: (m.get("geo_precision") or 3, 0 if coded(m) else 1, _representative_order(m)))
    for name in ("location", "latitude", "longitude", "geo_precision", "admin1", "admin2", "admin3", "country", "iso", "region"):
        rec[name] = where.get(name)
    if rec["country"] is None:
        rec["country"] = next((m["country"] for m in members if m.get("country")), None)

    # type
    if coded(rep):
        rec["event_type"], rec["sub_event_type"] = rep.get("event_type"), rep.get("sub_event_type")
    else:
        votes = Counter((m.get("event_type"), m.get("sub_event_type")) for m in members if m.get("event_type"))
        top = max(votes.values()) if votes else 0
        choice = (rep.get("event_type"), rep.get("sub_event_type"))
        if votes and votes.get(choice, 0) < top:
            choice = min(k for k, v in votes.items() if v == top)
        rec["event_type"], rec["sub_event_type"] = choice
    rec["disorder_type"] = DISORDER_TYPE.get(rec["event_type"]) if rec["event_type"] else rep.get("disorder_type")

    # actors: per side, the most specific actor the members name (aligned to the
    # representative's sides; ties keep the representative's), in the registry's ACLED name
    rep_sides = (
        matcher.side(rep.get("actor1"), rep.get("inter1"), rep.get("assoc_actor_1")),
        matcher.side(rep.get("actor2"), rep.get("inter2"), rep.get("assoc_actor_2")),
    )
    chosen = [(rep_sides[0], rep, 1), (rep_sides[1], rep, 2)]
    for m in members[1:]:
        m_sides = (
            matcher.side(m.get("actor1"), m.get("inter1"), m.get("assoc_actor_1")),
            matcher.side(m.get("actor2"), m.get("inter2"), m.get("assoc_actor_2")),
        )
        orientation = sides_compatible(matcher, rep_sides, m_sides)
        if not orientation:
            continue
        for n in (0, 1):
            k = n if orientation == 1 else 1 - n
            if matcher.specificity(m_sides[k]) > matcher.specificity(chosen[n][0]):
                chosen[n] = (m_sides[k], m, k + 1)
    day = dt.date.fromisoformat(rec["event_date"]) if rec["event_date"] else None
    for n, (_, source_rec, k) in enumerate(chosen, start=1):
        rec[f"actor{n}"] = matcher.acled_name(source_rec.get(f"actor{k}"), day)
        rec[f"assoc_actor_{n}"] = source_rec.get(f"assoc_actor_{k}")
        rec[f"inter{n}"] = source_rec.get(f"inter{k}")
    rec["interaction"] = interaction_code(rec["inter1"], rec["inter2"])

    # fatalities
    rec["fatalities"] = code_fatalities(members, rule)
    values = [
        {"event_uid": m["event_uid"], "value": m["fatalities"], "source": (_member_sources(m) or [None])[0]}
        for m in members
        if m.get("fatalities") is not None
    ]
    rec["fatalities_values"] = values
    rec["fatalities_min"] = min((v["value"] for v in values), default=None)
    rec["fatalities_max"] = max((v["value"] for v in values), default=None)
    rec["fatalities_rule"] = rule

    # provenance
    sources: list[str] = []
    for m in members:
        for s in _member_sources(m):
            if s not in sources:
                sources.append(s)
    rec["sources"] = sources
    rec["source_count"] = len(sources)
    rec["member_count"] = len(members)
    rec["members"] = uids
    outlet_names: list[str] = []
    for m in members:
        for part in (m.get("source") or "").split(";"):
            part = part.strip()
            if part and part not in outlet_names:
                outlet_names.append(part)
    rec["source"] = "; ".join(outlet_names) or None
    for name in ("notes", "source_scale", "civilian_targeting", "tags", "doc_id", "evidence"):
        rec[name] = rep.get(name)
    rec["content_hash"] = rep.get("content_hash")
    acled_member = next((m for m in members if m.get("origin") == "acled" and m.get("event_id_cnty")), None)
    rec["event_id_cnty"] = acled_member["event_id_cnty"] if acled_member else None
    confidences = [m["confidence"] for m in members if m.get("confidence") is not None]
    rec["confidence"] = 1.0 if any(coded(m) for m in members) else (max(confidences) if confidences else None)
    rec["timestamp"] = max((m["timestamp"] for m in members if m.get("timestamp") is not None), default=None)
    rec["origin"] = "fused"
    rec["dataset"] = None
    rec["dataset_row_id"] = None
    rec["raw"] = None
    rec["fused_id"] = None

    conflicts: dict[str, list] = {}
    for name in CONFLICT_FIELDS:
        seen: list = []
        for m in members:
            value = m.get(name)
            if value is not None and value not in seen:
                seen.append(value)
        if len(seen) > 1:
            conflicts[name] = seen
    rec["conflicts"] = conflicts
    if rec["event_date"] and isinstance(rec["event_date"], dt.date):
        rec["event_date"] = rec["event_date"].isoformat()
    return rec
