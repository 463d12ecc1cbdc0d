"""Cross-source fusion: events that describe the same real event become one fused event.

``fuse_store(store, ...)`` links and clusters every event in the store (``fuse.core``)
and writes one fused record per cluster (``fuse.record``); members keep their rows and
point to their fused event (``events.fused_id``). ``unlink(store, uid)`` detaches a
member and records the decision so later fusions respect it. Nothing is deleted, and
running ``fuse`` again gives the same fused ids for the same members.
"""

from __future__ import annotations

import time
from typing import Any

from sahelwatch.fuse.actors import ActorMatcher
from sahelwatch.fuse.core import FusionConfig, Linker, build_items, gazetteer_namesakes, link_and_cluster
from sahelwatch.fuse.record import FATALITIES_RULES, build_fused, code_fatalities, fused_id

__all__ = [
    "FATALITIES_RULES",
    "FusionConfig",
    "build_fused",
    "code_fatalities",
    "fuse_store",
    "fused_id",
    "link_records",
    "unlink",
]


def link_records(columns: dict[str, list], config: FusionConfig | None = None, matcher: ActorMatcher | None = None,
                 cannot_link: set[tuple[str, str]] = frozenset(), gazetteer=None) -> tuple[list[list[str]], dict[str, Any]]:
    """Clusters of event_uids (2+ each) for events given as columns (see ``store.fusion_inputs``).

    With a ``gazetteer``, a report's event may link to an event at a namesake of its place
    (``fuse.core``'s namesake rule); without one, only by the coordinates given.
    """
    config = config or FusionConfig()
    matcher = matcher or ActorMatcher()
    items = build_items(columns, matcher)
    linker = Linker(config, matcher, cannot_link, gazetteer_namesakes(gazetteer) if gazetteer is not None else None)
    clusters, stats = link_and_cluster(items, linker)
    return [[items[i].uid for i in c] for c in clusters], stats


def fuse_store(store, config: FusionConfig | None = None, matcher: ActorMatcher | None = None,
               gazetteer=None) -> dict[str, Any]:
    """Fuse every event in ``store`` (DuckDB or PostgreSQL); returns counts and timings.

    ``gazetteer`` (the one the coder used) lets a report's event link at a namesake of its
    place (see ``link_records``).

    Uses only the store interface: ``fusion_inputs``, ``cannot_links``, ``events_by_uid``,
    ``replace_fused`` (one transaction) and ``refresh_fused_table``.
    """
    config = config or FusionConfig()
    if config.fatalities_rule not in FATALITIES_RULES:
        raise ValueError(f"fatalities rule: expected one of {', '.join(FATALITIES_RULES)}, got {config.fatalities_rule!r}")
    t0 = time.perf_counter()
    matcher = matcher or ActorMatcher()
    columns = store.fusion_inputs()
    t_load = time.perf_counter()
    clusters, stats = link_records(columns, config, matcher, store.cannot_links(), gazetteer)
    t_link = time.perf_counter()
    records_by_uid = {r["event_uid"]: r for r in store.events_by_uid(uid for c in clusters for uid in c)}
    fused = []
    membership: dict[str, str] = {}
    for uids in clusters:
        record = build_fused([records_by_uid[u] for u in uids], matcher, config.fatalities_rule)
        fused.append(record)
        for uid in uids:
            membership[uid] = record["event_uid"]
    store.replace_fused(fused, membership)
    store.refresh_fused_table()  # DuckDB: the fast table copy reads use; PostgreSQL: fresh planner statistics
    t_end = time.perf_counter()
    return {
        "events": len(columns["event_uid"]),
        "fused_events": len(fused),
        "members": len(membership),
        "singletons": len(columns["event_uid"]) - len(membership),
        **stats,
        "seconds": {"load": round(t_load - t0, 3), "link": round(t_link - t_load, 3), "write": round(t_end - t_link, 3),
                    "total": round(t_end - t0, 3)},
    }


def unlink(store, event_uid: str, matcher: ActorMatcher | None = None, rule: str | None = None) -> dict[str, Any]:
    """Detach ``event_uid`` from its fused event, remember it, and rebuild what remains.

    The decision is stored as "not the same event" pairs with every other member, so
    re-running ``fuse`` keeps it apart from them (it may still fuse with a new source).
    Returns ``{"event_uid", "from", "now"}``: the old fused id and the remaining
    members' fused id (None when only one member was left, which is then a plain event).
    """
    rec = store.get_event(event_uid)
    if rec is None:
        raise KeyError(f"no event {event_uid!r} in the store")
    if "member_events" in rec:
        raise ValueError(f"{event_uid} is a fused event; unlink one of its members: {', '.join(rec['members'] or [])}")
    old = rec.get("fused_id")
    if old is None:
        raise ValueError(f"{event_uid} is not part of a fused event")
    fused = store.get_event(old) or {}
    others = sorted(m["event_uid"] for m in fused.get("member_events", []) if m["event_uid"] != event_uid)
    rule = rule or fused.get("fatalities_rule") or "acled"
    decided = [(event_uid, other) for other in others]
    # The decision and the rebuilt fused event are written in one transaction.
    if len(others) >= 2:
        matcher = matcher or ActorMatcher()
        record = build_fused(store.events_by_uid(others), matcher, rule)
        store.replace_fused([record], {u: record["event_uid"] for u in others}, only=[old], cannot_links=decided)
        now = record["event_uid"]
    else:
        store.replace_fused([], {}, only=[old], cannot_links=decided)
        now = None
    return {"event_uid": event_uid, "from": old, "now": now}
