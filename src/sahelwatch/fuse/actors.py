"""Are two actor names the same side of an event? (for fusion)

The actor registry (``sahelwatch.knowledge.registry.ActorRegistry``) gives aliases,
period names and the hierarchy (``parent``): "GSIM" and "Jama'at Nusrat al-Islam
wal-Muslimin" are JNIM, "Islamic State (Greater Sahara)" is the Islamic State (Sahel)
of another period, Katiba Macina is part of JNIM. Names are compared on their
canonical key: ``schema.actor_key`` of the registry entry's name when the registry
knows the name, else of the name itself.

Two sides are compatible when (``side_compatible``):

1. either is unknown (a report that does not name the victim or the attacker);
2. their canonical keys are equal;
3. one is an ancestor of the other in the registry (Katiba Macina ⊂ JNIM);
4. one names the other among its associated actors (ACLED's "Katiba Macina" with
   associated actor "JNIM");
5. one is a generic armed group ("Unidentified Armed Group (Mali)", "unknown
   gunmen", ACLED's "Islamist Militia (Mali)" for jihadists no one named: the
   registry's per-country templates of non-state actors) and the other a non-state
   armed group (inter 2, 3 or 4) or generic too;
6. both have the same inter code and it is one of state forces (1), rioters (5),
   protesters (6) or civilians (7): reports are vague about which branch of the
   forces or which civilians (the events' countries must match anyway);
   rioters (5) also match protesters (6) and a communal militia the registry does not
   name (4): the same crowd, seen at another moment or by another reporter;
7. one is a community's ethnic militia ("Dogon Ethnic Militia (Mali)") and the other a
   militia the registry says draws its men from that community (``communities``: Dan Na
   Ambassagou, the Dozo hunters).

Anything else (JNIM vs Islamic State, the army vs Wagner) is incompatible, except
that once one side matches on a named actor, two state or foreign forces (inter 1 or
8) on the other side are accepted, and once the attackers (actor1) match on a named
actor, civilians on one side and anyone else on the other (``sides_compatible``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sahelwatch.schema import actor_key

NON_STATE = frozenset({2, 3, 4})
SAME_KIND_ENOUGH = frozenset({1, 5, 6, 7})
COMMUNAL, RIOTERS, PROTESTERS = 4, 5, 6


@dataclass(frozen=True, slots=True)
class Side:
    """One side of an event: canonical key, inter code, canonical keys of associated actors."""

    key: str
    inter: int | None
    assoc: frozenset[str]


class ActorMatcher:
    """Canonical keys and the hierarchy from the registry (or names alone without one)."""

    def __init__(self, registry=None, use_registry: bool = True) -> None:
        self.alias: dict[str, str] = {}
        self.parent: dict[str, str] = {}
        self.inter: dict[str, int] = {}
        self.entries: dict[str, object] = {}
        self.communities: dict[str, frozenset[str]] = {}  # militia key -> its communities' keys
        self.generic_prefixes: tuple[str, ...] = GENERIC_PREFIXES
        if registry is None and use_registry:
            try:
                from sahelwatch.knowledge.registry import ActorRegistry

                registry = ActorRegistry.load()
            except Exception:  # fusion still works on names when the registry cannot load
                registry = None
        if registry is not None:
            self._index(registry)
        self.canon = lru_cache(maxsize=100_000)(self._canon)
        self.side_compatible = lru_cache(maxsize=200_000)(self._side_compatible)
        self.side = lru_cache(maxsize=200_000)(self._side)

    def _index(self, registry) -> None:
        prefixes = list(GENERIC_PREFIXES)
        # Canonical names first: a period named after another actor (Ansar Dine's years as
        # "JNIM: ...") must not take that actor's name.
        for entry in registry:
            if getattr(entry, "kind", "actor") == "actor":
                self.alias[actor_key(entry.name)] = actor_key(entry.name)
        for entry in registry:
            kind = getattr(entry, "kind", "actor")
            if kind == "template" and entry.inter in NON_STATE:
                # "Islamist Militia ({country})" -> every "islamist militia (...)" is generic
                prefixes.append(actor_key(entry.name.split("{country}")[0].rstrip(" (")))
            if kind != "actor":
                continue
            key = actor_key(entry.name)
            self.entries[key] = entry
            names = [entry.name, *entry.aliases, *(p.name for p in entry.periods)]
            for name in names:
                self.alias.setdefault(actor_key(name), key)
            if entry.parent:
                self.parent[key] = actor_key(entry.parent)
            if entry.inter is not None:
                self.inter[key] = entry.inter
            if getattr(entry, "communities", ()):
                self.communities[key] = frozenset(actor_key(c) for c in entry.communities)
        self.generic_prefixes = tuple(sorted(set(prefixes)))
        # Parents may be written by alias: map them to canonical keys too.
        self.parent = {k: self.alias.get(v, v) for k, v in self.parent.items()}

    def _canon(self, name: str | None) -> str:
        key = actor_key(name)
        return self.alias.get(key, key)

    def acled_name(self, name: str | None, day=None) -> str | None:
        """The registry's ACLED name for ``name`` on ``day`` ("GSIM" -> "JNIM: Group for ..."); else ``name``."""
        if not name:
            return name
        entry = self.entries.get(self.canon(name))
        if entry is None:
            return name
        try:
            return entry.name_on(day)
        except Exception:
            return entry.name

    def lineage(self, key: str) -> list[str]:
        """``key`` and its ancestors, nearest first."""
        chain = [key]
        while chain[-1] in self.parent and len(chain) < 10:
            chain.append(self.parent[chain[-1]])
        return chain

    def _side(self, actor: str | None, inter: int | None, assoc: str | None) -> Side:
        key = self.canon(actor) if actor else ""
        assoc_keys = frozenset(self.canon(a) for a in (assoc or "").split(";") if a.strip())
        if inter is None and key:
            inter = self.inter.get(key)
        return Side(key, inter, assoc_keys)

    def _side_compatible(self, a: Side, b: Side) -> bool:
        if not a.key or not b.key or a.key == b.key:
            return True
        if a.key in self.lineage(b.key) or b.key in self.lineage(a.key):
            return True
        if a.key in b.assoc or b.key in a.assoc:
            return True
        generic_a, generic_b = self.is_generic(a.key), self.is_generic(b.key)
        if generic_a and (generic_b or b.inter in NON_STATE):
            return True
        if generic_b and a.inter in NON_STATE:
            return True
        if self._same_community(a.key, b.key) or self._same_community(b.key, a.key):
            return True
        if a.inter is not None and a.inter == b.inter and a.inter in SAME_KIND_ENOUGH:
            return True
        return self._same_crowd(a, b) or self._same_crowd(b, a)

    def _same_crowd(self, a: Side, b: Side) -> bool:
        """Rioters and protesters (or a local militia) that reports may call one another."""
        if a.inter != RIOTERS:
            return False
        if b.inter == PROTESTERS:
            return True
        return b.inter == COMMUNAL and b.key not in self.entries

    def _same_community(self, militia: str, ethnic: str) -> bool:
        """``ethnic`` is "<community> ethnic militia (...)" of a community ``militia`` draws from."""
        communities = self.communities.get(militia)
        if not communities:
            return False
        community, sep, _ = ethnic.partition(" ethnic militia")
        return bool(sep) and community in communities

    def is_generic(self, key: str) -> bool:
        """An actor that stands for "someone armed, not named" (see rule 5)."""
        return key.startswith(self.generic_prefixes)

    def specificity(self, side: Side) -> int:
        """Higher for more specific actors: generic < named group < a named group's component."""
        if not side.key:
            return -1
        if self.is_generic(side.key):
            return 0
        return len(self.lineage(side.key))


GENERIC_PREFIXES = ("unidentified", "unknown")


FORCES = frozenset({1, 8})
CIVILIANS = 7


def sides_compatible(matcher: ActorMatcher, a: tuple[Side, Side], b: tuple[Side, Side]) -> int:
    """1 if the events' sides match in order, -1 if swapped (actor1 of one is actor2 of the other), 0 if not.

    When one side matches on a named (not generic) actor, the other sides may be any two
    state or foreign forces (inter 1 or 8): reports confuse whose troops were attacked at
    a shared base (the army, MINUSMA, Barkhane, Wagner).
    """
    for orientation, (x, y) in ((1, (b[0], b[1])), (-1, (b[1], b[0]))):
        first = matcher.side_compatible(a[0], x)
        second = matcher.side_compatible(a[1], y)
        if first and second:
            return orientation
        if first and _named(matcher, a[0]) and _named(matcher, x) and a[1].inter in FORCES and y.inter in FORCES:
            return orientation
        if second and _named(matcher, a[1]) and _named(matcher, y) and a[0].inter in FORCES and x.inter in FORCES:
            return orientation
        if first and _named(matcher, a[0]) and _named(matcher, x) and (a[1].inter == CIVILIANS) != (y.inter == CIVILIANS):
            # The same attacker, and one report counts the victims as civilians where
            # the other names the armed men they were (or a convoy's escort).
            return orientation
    return 0


def _named(matcher: ActorMatcher, side: Side) -> bool:
    return bool(side.key) and not matcher.is_generic(side.key)
