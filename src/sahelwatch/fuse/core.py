"""Linking events that describe the same real event, and clustering the links.

The rules (docs/FUSION.md has the long form):

*Never linked*: two events of the same document (same ``doc_id``) or of the same
dataset (an ACLED or UCDP export already lists each event once); a pair a user
unlinked (``sahelwatch unlink``); events without a date.

*Time*: each event's date stands for an interval set by its time precision:
1 (day) -> that day; 2 (week) -> ±6 days; 3 (month) -> its calendar month. Two events
are close in time when their intervals are at most ``day_slack`` (1) day apart: news
dates an overnight attack a day later, or from the report date. A gap of 2 days is
allowed only between two day-precise dates, for the same named place and the same
event type.

*Space*: events in different countries never link. With ``p`` the larger (vaguer)
geo precision of the two, and ``d`` the great-circle distance:
- p = 1 (both exact places): the same place name (``places_match``) within ``same_name_km`` (25 km), or
  different names within ``exact_km`` (5 km: one place under two names, or a quarter
  and its town). Kati is 15 km from Bamako, so an attack on Kati and one on Bamako
  stay apart.
- p = 2 (near / part of a place): d <= ``near_km`` (50 km); without coordinates, the
  same place name.
- p = 3 (only the region): the same place name, or the same admin1, or, where an
  admin1 is missing, d <= 150 km.
An event without coordinates counts as precision 3, unless both events name the same place.
*Namesakes*: a report gives a village's name, not its coordinates; the coder picks one of the
places bearing it. When two events name the same place but lie too far apart for the rules
above, and one of them comes from a report, they may still link if the gazetteer holds a
place of that name (in their country) close enough to the other event by the same rule: the
report may have meant that namesake ("Sokoura" of Mopti and "Sokoura" of Segou).
An event with no place at all (no coordinates, place name or admin1: the coder could
not locate it) links only within its country, to an event of the same type, and only
when all its candidates could be one event, or one candidate is clearly the most alike (its
link score beats every other's by ``placeless_margin``); else it is ambiguous and stays alone.

*Types*: Battles, Explosions/Remote violence and Violence against civilians can be
the same event (a raid on a village reported as a clash by one source and as an
attack on civilians by another; an ambush with an IED); Protests and Riots can;
Riots and Violence against civilians can (mob violence); Strategic developments
only with Strategic developments, or Looting/property destruction with Violence
against civilians. Protests never with Battles.

*Actors*: ``fuse.actors`` (registry aliases and hierarchy; sides may be swapped).

Candidate pairs come from blocking: a grid of 0.5° cells searched in date order
(bisect on the date inside each cell), plus an admin1 index and a place-name index for
imprecise or un-geocoded events. Each linkable pair gets a score (closer in time and
space, same place name, same type/sub-type/actors, same fatalities -> higher).

*Clustering* is greedy and complete-linkage: pairs are taken best score first, and
two clusters merge only if every member of one links to every member of the other
(no chaining: A~B and B~C do not put A with C unless A~C) and no document or dataset
would appear twice.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from sahelwatch.fuse.actors import ActorMatcher, Side, sides_compatible

VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
DEMONSTRATIONS = frozenset({"Protests", "Riots"})
DATASET_ORIGINS = ("acled", "ucdp")
CELL_DEG = 0.5


@dataclass(slots=True)
class FusionConfig:
    day_slack: int = 1
    day_slack_same_place: int = 2
    exact_km: float = 5.0
    same_name_km: float = 25.0
    near_km: float = 50.0
    region_km: float = 150.0
    # A placeless event with several candidates links to the best one when its link score beats
    # the runner-up's by this much (one more field alike: the toll, or two days closer).
    placeless_margin: float = 0.1
    fatalities_rule: str = "acled"


@dataclass(slots=True)
class Item:
    """What fusion needs of one event (built from the store's fusion inputs)."""

    index: int
    uid: str
    day: int | None  # date ordinal
    lo: int
    hi: int
    lat: float | None
    lon: float | None
    gp: int  # effective geo precision (3 without coordinates)
    country: str
    admin1: str
    place: str
    etype: str | None
    sub: str | None
    sides: tuple[Side, Side]
    group: str  # document or dataset: never two members from one group
    fatalities: int | None
    coded: bool  # from a coded dataset (ACLED/UCDP)

    @property
    def placeless(self) -> bool:
        """No coordinates, no place name, no admin1: only the country is known."""
        return self.lat is None and not self.place and not self.admin1


@lru_cache(maxsize=200_000)
def fold(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().replace("-", " ").split())


def places_match(a: str, b: str) -> bool:
    """The same place name (folded), or one name ending with the other as whole words:
    "the forest of Koflande" and "Koflande" match, "Bamako" and "Bamako Senou" do not.
    Distance rules still apply."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return long_.endswith(" " + short)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _interval(day: dt.date, precision: int) -> tuple[int, int]:
    d = day.toordinal()
    if precision >= 3:
        first = day.replace(day=1)
        nxt = (first + dt.timedelta(days=32)).replace(day=1)
        return first.toordinal(), nxt.toordinal() - 1
    if precision == 2:
        return d - 6, d + 6
    return d, d


def build_items(columns: dict[str, list], matcher: ActorMatcher) -> list[Item]:
    """Items from column lists (``store.fusion_inputs().to_pydict()``)."""
    items: list[Item] = []
    n = len(columns["event_uid"])
    c = columns
    for i in range(n):
        day = c["event_date"][i]
        tp = c["time_precision"][i] or 1
        lo, hi = _interval(day, tp) if day else (0, 0)
        lat, lon = c["latitude"][i], c["longitude"][i]
        has_xy = lat is not None and lon is not None and not (isinstance(lat, float) and math.isnan(lat))
        gp = (c["geo_precision"][i] or 1) if has_xy else 3
        origin = c["origin"][i] or ""
        coded = origin in DATASET_ORIGINS
        group = (c["dataset"][i] if coded and c["dataset"][i] else None) or c["doc_id"][i] or c["dataset"][i] or c["event_uid"][i]
        items.append(
            Item(
                index=i,
                uid=c["event_uid"][i],
                day=day.toordinal() if day else None,
                lo=lo,
                hi=hi,
                lat=lat if has_xy else None,
                lon=lon if has_xy else None,
                gp=min(max(gp, 1), 3),
                country=fold(c["country"][i]),
                admin1=fold(c["admin1"][i]),
                place=fold(c["location"][i]),
                etype=c["event_type"][i],
                sub=c["sub_event_type"][i],
                sides=(
                    matcher.side(c["actor1"][i], c["inter1"][i], c["assoc_actor_1"][i]),
                    matcher.side(c["actor2"][i], c["inter2"][i], c["assoc_actor_2"][i]),
                ),
                group=group,
                fatalities=c["fatalities"][i],
                coded=coded,
            )
        )
    return items


def types_compatible(a: str | None, b: str | None, sub_a: str | None = None, sub_b: str | None = None) -> bool:
    if not a or not b or a == b:
        return True
    if a in VIOLENT and b in VIOLENT:
        return True
    if a in DEMONSTRATIONS and b in DEMONSTRATIONS:
        return True
    pair = {a, b}
    if pair == {"Riots", "Violence against civilians"} or pair == {"Riots", "Battles"}:
        return True  # mob violence / a brawl between communities: the actors decide
    if pair == {"Strategic developments", "Violence against civilians"}:
        return "Looting/property destruction" in (sub_a, sub_b)
    return False


# (country, folded place name) -> the coordinates of every place bearing that name there.
Namesakes = Callable[[str, str], Sequence[tuple[float, float]]]


def gazetteer_namesakes(gazetteer) -> Namesakes:
    """``Namesakes`` from a gazetteer: its populated places (no admin units) of that name."""
    from sahelwatch.knowledge.gazetteer import country_code

    @lru_cache(maxsize=50_000)
    def namesakes(country: str, place: str) -> tuple[tuple[float, float], ...]:
        cc = country_code(country)
        return tuple((p.latitude, p.longitude) for p in gazetteer.lookup(place, cc)
                     if not p.is_admin and (cc is None or country_code(p.country) == cc))

    return namesakes


class Linker:
    """Decides whether two items may be the same event, and how alike they are."""

    def __init__(self, config: FusionConfig, matcher: ActorMatcher, cannot_link: set[tuple[str, str]] = frozenset(),
                 namesakes: Namesakes | None = None):
        self.config = config
        self.matcher = matcher
        self.cannot_link = cannot_link
        self.namesakes = namesakes

    def _namesake_distance(self, a: Item, b: Item, limit: float) -> float | None:
        """The distance from one event to a namesake of the other's place, where a report's
        event may have meant it (within ``limit``); None when there is none."""
        if self.namesakes is None:
            return None
        best = None
        for mine, other in ((a, b), (b, a)):
            if mine.coded or other.lat is None:
                continue  # a dataset row's coordinates are its coder's decision, not a name lookup
            for lat, lon in self.namesakes(mine.country, mine.place):
                d = haversine_km(lat, lon, other.lat, other.lon)
                if d <= limit and (best is None or d < best):
                    best = d
        return best

    def link_score(self, a: Item, b: Item) -> float | None:
        """None when the two cannot be the same event; else a similarity score (higher: more alike)."""
        if a.group == b.group or a.day is None or b.day is None:
            return None
        if a.country and b.country and a.country != b.country:
            return None
        cfg = self.config
        gap = max(0, max(a.lo, b.lo) - min(a.hi, b.hi))
        same_place = places_match(a.place, b.place)
        if gap > cfg.day_slack:
            day_precise = a.lo == a.hi and b.lo == b.hi
            if not (day_precise and gap <= cfg.day_slack_same_place and same_place and a.etype == b.etype):
                return None
        if not types_compatible(a.etype, b.etype, a.sub, b.sub):
            return None
        distance = None
        if a.lat is not None and b.lat is not None:
            distance = haversine_km(a.lat, a.lon, b.lat, b.lon)
        p = max(a.gp, b.gp)
        if a.placeless or b.placeless:
            # Only the country to go on: the same event type, and (in
            # ``link_and_cluster``) the only candidate there is.
            if not (a.country and b.country and a.etype == b.etype):
                return None
        elif p == 1:
            if distance is None:
                return None
            if not ((same_place and distance <= cfg.same_name_km) or distance <= cfg.exact_km):
                distance = self._namesake_distance(a, b, cfg.same_name_km) if same_place else None
                if distance is None:
                    return None
        elif p == 2:
            if distance is None:
                if not same_place:
                    return None
            elif distance > cfg.near_km:
                distance = self._namesake_distance(a, b, cfg.near_km) if same_place else None
                if distance is None:
                    return None
        else:
            if not same_place:
                if a.admin1 and b.admin1:
                    if a.admin1 != b.admin1:
                        return None
                elif distance is None or distance > cfg.region_km:
                    return None
        orientation = sides_compatible(self.matcher, a.sides, b.sides)
        if not orientation:
            return None
        if self.cannot_link and (a.uid, b.uid) in self.cannot_link:
            return None
        score = 2.0 - 0.3 * gap - 0.05 * abs(a.day - b.day)
        if distance is not None:
            score -= min(distance, 150.0) / 50.0
        if same_place:
            score += 0.4
        if a.etype == b.etype:
            score += 0.3
            if a.sub == b.sub:
                score += 0.2
        if orientation == 1 and a.sides[0].key and a.sides[0].key == b.sides[0].key:
            score += 0.2
        if a.fatalities is not None and a.fatalities == b.fatalities:
            score += 0.1
        return score


def candidate_pairs(items: list[Item], config: FusionConfig) -> set[tuple[int, int]]:
    """Pairs (i < j) worth checking: near in the grid, or sharing an admin1 / place name."""
    grid: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    by_admin: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    by_place: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    by_country: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for it in items:
        if it.day is None:
            continue
        if it.country:
            by_country[it.country].append((it.day, it.index))
        if it.lat is not None:
            grid[(math.floor(it.lat / CELL_DEG), math.floor(it.lon / CELL_DEG))].append((it.day, it.index))
        if it.admin1:
            by_admin[(it.country, it.admin1)].append((it.day, it.index))
        if it.place:
            by_place[(it.country, it.place)].append((it.day, it.index))
    for table in (grid, by_admin, by_place, by_country):
        for bucket in table.values():
            bucket.sort()
    # The widest interval half-width any event can have (a month) bounds the search of
    # imprecise events; day-precise events search their own day ± the slack.
    slack = max(config.day_slack, config.day_slack_same_place)
    pairs: set[tuple[int, int]] = set()

    def scan(bucket: list[tuple[int, int]], lo: int, hi: int, i: int) -> None:
        group = items[i].group
        start = bisect.bisect_left(bucket, (lo, -1))
        for k in range(start, len(bucket)):
            day, j = bucket[k]
            if day > hi:
                break
            if j != i and items[j].group != group:
                pairs.add((i, j) if i < j else (j, i))

    region_cells = math.ceil(config.region_km / 111.0 / CELL_DEG)
    for it in items:
        if it.day is None:
            continue
        wide = it.hi - it.lo > 0
        # Day-precise events: the grid is searched ±day_slack; the longer slack for
        # the same place name is searched in the place index below.
        lo = it.lo - config.day_slack - (31 + slack if wide else 0)
        hi = it.hi + config.day_slack + (31 + slack if wide else 0)
        if it.lat is not None:
            cy, cx = math.floor(it.lat / CELL_DEG), math.floor(it.lon / CELL_DEG)
            reach = region_cells if it.gp == 3 and not it.admin1 else 1
            for dy in range(-reach, reach + 1):
                for dx in range(-reach, reach + 1):
                    bucket = grid.get((cy + dy, cx + dx))
                    if bucket:
                        scan(bucket, lo, hi, it.index)
        if it.gp == 3 and it.admin1:
            scan(by_admin[(it.country, it.admin1)], lo, hi, it.index)
        if it.placeless and it.country:
            scan(by_country[it.country], lo, hi, it.index)
        if it.place:
            scan(by_place[(it.country, it.place)], it.lo - slack - (31 if wide else 0), it.hi + slack + (31 if wide else 0), it.index)
    return pairs


@dataclass
class Clusters:
    members: dict[int, list[int]] = field(default_factory=dict)  # root -> item indexes

    def groups(self) -> list[list[int]]:
        return [sorted(m) for m in self.members.values() if len(m) > 1]


def cluster(items: list[Item], scored: dict[tuple[int, int], float]) -> list[list[int]]:
    """Greedy complete-linkage clustering of scored links (see the module doc)."""
    parent = list(range(len(items)))
    members: dict[int, list[int]] = {}
    groups: dict[int, set[str]] = {}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    order = sorted(scored.items(), key=lambda kv: (-kv[1], items[kv[0][0]].uid, items[kv[0][1]].uid))
    for (i, j), _ in order:
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        mi = members.get(ri, [ri])
        mj = members.get(rj, [rj])
        gi = groups.get(ri) or {items[ri].group}
        gj = groups.get(rj) or {items[rj].group}
        if gi & gj:
            continue
        if len(mi) > 1 or len(mj) > 1:
            if not all((min(x, y), max(x, y)) in scored for x in mi for y in mj):
                continue
        parent[rj] = ri
        members[ri] = mi + mj
        groups[ri] = gi | gj
        members.pop(rj, None)
        groups.pop(rj, None)
    return sorted((sorted(m) for m in members.values() if len(m) > 1), key=lambda m: items[m[0]].uid)


def link_and_cluster(items: list[Item], linker: Linker) -> tuple[list[list[int]], dict]:
    """Clusters (lists of item indexes, 2+ members each) and statistics."""
    pairs = candidate_pairs(items, linker.config)
    scored: dict[tuple[int, int], float] = {}
    for i, j in pairs:
        s = linker.link_score(items[i], items[j])
        if s is not None:
            scored[(i, j)] = s
    dropped = _drop_ambiguous_placeless_links(items, scored, linker.config.placeless_margin)
    clusters = cluster(items, scored)
    return clusters, {"candidate_pairs": len(pairs), "links": len(scored), "ambiguous_placeless_links_dropped": dropped}


def _drop_ambiguous_placeless_links(items: list[Item], scored: dict[tuple[int, int], float], margin: float) -> int:
    """A placeless event keeps its links only if its partners could all be one event.

    An event that names no place (only its country) is linked only when every
    candidate it links to also links to every other: one real event seen by several
    sources. Two unrelated candidates (two clashes in the country that day) mean we
    cannot tell which one it is, and it stays alone, unless one of them is clearly the most
    alike: its link score beats every other's by ``margin`` (the same sub-type, named attacker
    or toll where the others differ).
    """
    partners: dict[int, list[int]] = {}
    for i, j in scored:
        if items[i].placeless:
            partners.setdefault(i, []).append(j)
        if items[j].placeless:
            partners.setdefault(j, []).append(i)
    dropped = 0
    for i, others in partners.items():
        others = [o for o in others if not items[o].placeless]
        ok = all((min(x, y), max(x, y)) in scored for k, x in enumerate(others) for y in others[k + 1:])
        if not ok:
            # One candidate far more alike than every other (same sub-type, same named actor, same
            # toll) is taken; otherwise the event stays alone.
            ranked = sorted(others, key=lambda o: -scored[(min(i, o), max(i, o))])
            keep = None
            if len(ranked) >= 2 and scored[(min(i, ranked[0]), max(i, ranked[0]))] - \
                    scored[(min(i, ranked[1]), max(i, ranked[1]))] >= margin - 1e-9:
                keep = ranked[0]
            for o in partners[i]:
                if o != keep and scored.pop((min(i, o), max(i, o)), None) is not None:
                    dropped += 1
    return dropped
