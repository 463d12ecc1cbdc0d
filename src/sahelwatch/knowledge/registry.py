"""The actor registry: ACLED names, aliases (English/French), inter codes, hierarchy, periods.

The data lives in ``actors.yaml`` next to this module (see its header for the format); users
extend or override it with their own file (``$SAHELWATCH_HOME/actors.yaml`` is read when present,
plus any ``extra_files``). An entry in a later file replaces an earlier entry with the same key
(``schema.actor_key`` of its name) and adds to the rest.

Finding actor mentions in text is done here too (``ActorRegistry.find``) because the matcher is
compiled from the registry's aliases: one regular expression per case-mode over all aliases,
longest first, built once and cached on the registry.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from sahelwatch.paths import data_home
from sahelwatch.schema import actor_key

BUILTIN_FILE = Path(__file__).with_name("actors.yaml")

# Kinds of registry entries.
ACTOR = "actor"  # a named organisation (JNIM, FAMa, ...)
TEMPLATE = "template"  # one actor per country ("Civilians ({country})")
GROUP = "group"  # kinds of people, used as associated actors ("Farmers ({country})")
ETHNIC = "ethnic"  # ethnic groups: "<X> Ethnic Militia/Group (<country>)"


# Units ACLED names after a state force's period name.
_FORCE_UNITS = (" Gendarmerie", " Operational Coordination Mechanism")


@dataclass(slots=True)
class Period:
    start: dt.date | None
    end: dt.date | None
    name: str
    # Where the period's name applies; empty: everywhere. AQIM's Sahel branch became part
    # of JNIM in March 2017, while AQIM in Algeria kept its name.
    countries: tuple[str, ...] = ()

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def applies_in(self, country: str | None) -> bool:
        return not self.countries or country in self.countries


@dataclass(slots=True)
class ActorEntry:
    name: str
    kind: str = ACTOR
    inter: int | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    components: tuple[str, ...] = ()
    periods: tuple[Period, ...] = ()
    # The name ACLED gives the actor when it acts in another country ("Dozo Communal Militia
    # (Burkina Faso)" for the Dozo of Burkina Faso).
    country_names: dict[str, str] = field(default_factory=dict)
    # The communities a militia draws its men from: ACLED may code the same fighters as
    # "<community> Ethnic Militia (<country>)" (Dozo hunters are Bambara or Dogon).
    communities: tuple[str, ...] = ()
    # A force that fights under the host state's command (Wagner, Africa Corps): where it acts
    # beside the country's own forces, ACLED codes them, with this one as associated actor.
    auxiliary: bool = False
    source: str = "builtin"

    @property
    def key(self) -> str:
        return actor_key(self.name)

    def name_on(self, day: dt.date | None, country: str | None = None) -> str:
        """The name ACLED uses on ``day`` in ``country`` (the latest period when the date is unknown)."""
        periods = [p for p in self.periods if p.applies_in(country)]
        if not periods:
            return self.name
        if day is None:
            return periods[-1].name
        for period in periods:
            if period.covers(day):
                return period.name
        return periods[0].name if day < (periods[0].end or day) else periods[-1].name


@dataclass(slots=True)
class Mention:
    """An actor mention found in a text (offsets into that text)."""

    start: int
    end: int
    surface: str
    entry: ActorEntry
    ethnic: str | None = None  # for ETHNIC entries: the group name ("Fulani")


# ------------------------------------------------------------------------------------------
# Folding that keeps string length, so match offsets stay valid in the original text.
# ------------------------------------------------------------------------------------------

_PUNCT = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"',
          "\u2013": "-", "\u2014": "-", "\u2011": "-", "\u00a0": " "}


def _build_tables() -> tuple[dict[int, str], dict[int, str]]:
    strip: dict[int, str] = {}
    lower: dict[int, str] = {}
    for code in range(0x20, 0x2FF):
        ch = chr(code)
        base = unicodedata.normalize("NFKD", ch)[:1] or ch
        if len(base) != 1 or unicodedata.combining(base):
            base = ch
        strip[code] = base
        low = base.lower()
        lower[code] = low if len(low) == 1 else base
    for src, dst in _PUNCT.items():
        strip[ord(src)] = dst
        lower[ord(src)] = dst
    return strip, lower


_STRIP_TABLE, _LOWER_TABLE = _build_tables()


def strip_accents_same_length(text: str) -> str:
    """Accents removed and typographic quotes/dashes normalised; same length as ``text``."""
    return text.translate(_STRIP_TABLE)


def fold_same_length(text: str) -> str:
    """Lower-cased ``strip_accents_same_length``; same length as ``text``."""
    return text.translate(_LOWER_TABLE)


def _alias_pattern(alias: str) -> str:
    # Spaces in an alias match any run of spaces/hyphens; apostrophes any quote.
    parts = []
    for ch in alias:
        if ch.isspace():
            parts.append(r"[\s\-]+")
        elif ch in "'’":
            parts.append(r"['’]?")
        elif ch == "-":
            parts.append(r"[\s\-]?")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


def _is_case_sensitive(alias: str) -> bool:
    # An alias written with a capital letter (JNIM, CMA, Platform, Dozo) matches only with that
    # capitalisation: "CMA" must not match inside ordinary words, nor "Platform" the English noun.
    return any(c.isupper() for c in alias)


def _parse_date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


class ActorRegistry:
    """Actors by key, generic templates, civilian groups and ethnic groups, plus a matcher."""

    def __init__(self, entries: Iterable[ActorEntry] = ()):
        self._entries: dict[tuple[str, str], ActorEntry] = {}
        for entry in entries:
            self.add(entry)
        self._matchers: dict | None = None
        self._alias_index: dict[str, ActorEntry] | None = None

    # -------------------------------------------------------------------- loading
    @classmethod
    def load(cls, extra_files: Iterable[str | Path] = (), include_user: bool = True) -> "ActorRegistry":
        """The built-in registry, then ``$SAHELWATCH_HOME/actors.yaml``, then ``extra_files``."""
        files: list[Path] = [BUILTIN_FILE]
        user_file = data_home() / "actors.yaml"
        if include_user and user_file.is_file():
            files.append(user_file)
        files.extend(Path(f) for f in extra_files)
        registry = cls()
        for path in files:
            for entry in _read_file(path):
                registry.add(entry)
        return registry

    def add(self, entry: ActorEntry) -> None:
        """Add an entry; an entry of the same kind and key replaces the earlier one."""
        self._entries[(entry.kind, entry.key if entry.kind != ETHNIC else entry.name.casefold())] = entry
        self._matchers = None
        self._alias_index = None

    # -------------------------------------------------------------------- queries
    def __iter__(self) -> Iterator[ActorEntry]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, name: str) -> ActorEntry | None:
        """The named actor (not template) whose key equals ``actor_key(name)``, or whose alias is ``name``."""
        key = actor_key(name)
        entry = self._entries.get((ACTOR, key))
        if entry is not None:
            return entry
        if self._alias_index is None:
            self._alias_index = {}
            for e in self._entries.values():
                if e.kind == ACTOR:
                    for a in e.aliases:
                        self._alias_index.setdefault(fold_same_length(a).strip(), e)
        return self._alias_index.get(fold_same_length(name).strip())

    def search(self, query: str | None = None) -> list[ActorEntry]:
        """Entries whose name or an alias contains ``query`` (case/accent-folded); all when empty."""
        entries = list(self._entries.values())
        if not query:
            return entries
        q = fold_same_length(query).strip()
        return [e for e in entries
                if q in fold_same_length(e.name) or any(q in fold_same_length(a) for a in e.aliases)]

    def resolve(self, entry: ActorEntry, country: str | None, day: dt.date | None,
                ethnic: str | None = None, armed: bool = True) -> tuple[str, int | None]:
        """The ACLED name and inter code of a mention's entry for an event in ``country`` on ``day``."""
        country_name = country or "International"
        if entry.kind == ETHNIC:
            group = ethnic or entry.name
            if armed:
                return f"{group} Ethnic Militia ({country_name})", 4
            return f"{group} Ethnic Group ({country_name})", 7
        if entry.kind in (TEMPLATE, GROUP):
            name = entry.name.replace("{country}", country_name)
            specific = self._entries.get((ACTOR, actor_key(name)))
            if specific is not None:
                # "Military Forces of Mali" has periods and may have a "Gendarmerie" suffix.
                return specific.name_on(day), specific.inter
            for unit in _FORCE_UNITS:
                # "Police Forces of Mali (2013-2020) Gendarmerie": the force's period name, then the unit.
                owner = self._entries.get((ACTOR, actor_key(name[:-len(unit)]))) if name.endswith(unit) else None
                if owner is not None:
                    return owner.name_on(day) + unit, owner.inter
            return name, entry.inter
        inter = entry.inter
        if country and country in entry.country_names:
            return entry.country_names[country], inter
        if inter == 1 and entry.country and country and entry.country != country:
            inter = 8  # state forces operating abroad are "external forces" for ACLED
        return entry.name_on(day, country), inter

    def parent_of(self, entry: ActorEntry) -> ActorEntry | None:
        return self.get(entry.parent) if entry.parent else None

    # -------------------------------------------------------------------- matching
    def _compile(self):
        """Index the aliases by their first word: matching is then one dict probe per word."""
        if self._matchers is not None:
            return self._matchers
        index: dict[str, list[tuple[tuple[str, ...], bool, ActorEntry, str | None]]] = {}
        for entry in self._entries.values():
            for alias in entry.aliases:
                sensitive = _is_case_sensitive(alias)
                view = strip_accents_same_length(alias) if sensitive else fold_same_length(alias)
                words = tuple(_WORD.findall(view))
                if not words:
                    continue
                index.setdefault(words[0].lower(), []).append(
                    (words, sensitive, entry, entry.name if entry.kind == ETHNIC else None))
        for candidates in index.values():
            candidates.sort(key=lambda c: -len(c[0]))
        self._matchers = index
        return index

    def find(self, text: str) -> list[Mention]:
        """Actor mentions in ``text``: longest match wins, no overlaps, in text order."""
        index = self._compile()
        stripped = strip_accents_same_length(text)
        tokens = [(m.start(), m.end()) for m in _WORD.finditer(stripped)]
        words = [stripped[a:b] for a, b in tokens]
        lowered = [w.lower() for w in words]
        found: list[Mention] = []
        n = len(tokens)
        for i in range(n):
            candidates = index.get(lowered[i])
            if not candidates:
                continue
            for alias_words, sensitive, entry, ethnic in candidates:
                k = len(alias_words)
                if i + k > n:
                    continue
                view = words if sensitive else lowered
                if tuple(view[i:i + k]) != alias_words:
                    continue
                # Words of a multi-word alias must be adjacent (a space, hyphen or apostrophe apart).
                if any(tokens[j + 1][0] - tokens[j][1] > 2 for j in range(i, i + k - 1)):
                    continue
                start, end = tokens[i][0], tokens[i + k - 1][1]
                if end < len(text) and text[end] == ")" and "(" in text[start:end]:
                    end += 1
                found.append(Mention(start, end, text[start:end], entry, ethnic))
                break
        rank = {ACTOR: 0, ETHNIC: 1, TEMPLATE: 2, GROUP: 3}
        found.sort(key=lambda mt: (-(mt.end - mt.start), rank[mt.entry.kind], mt.start))
        kept: list[Mention] = []
        taken: list[tuple[int, int]] = []
        for mt in found:
            if any(mt.start < e and s < mt.end for s, e in taken):
                continue
            kept.append(mt)
            taken.append((mt.start, mt.end))
        kept.sort(key=lambda mt: mt.start)
        return kept


_WORD = re.compile(r"[^\W_]+")


class RegistryFileError(ValueError):
    """A registry file that does not follow the format (names the file, entry and field)."""


def _read_file(path: Path) -> list[ActorEntry]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is 10x faster at start-up
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=loader) or {}
    except (yaml.YAMLError, ValueError) as exc:  # ValueError: a date YAML itself cannot read (2020-13-01)
        raise RegistryFileError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise RegistryFileError(f"{path}: expected a mapping with actors/templates/groups/ethnic lists")
    source = "builtin" if path == BUILTIN_FILE else str(path)
    entries: list[ActorEntry] = []
    for section, kind in (("actors", ACTOR), ("templates", TEMPLATE), ("groups", GROUP), ("ethnic", ETHNIC)):
        for i, item in enumerate(_list(data, section, str(path))):
            where = f"{path}: {section}[{i}]"
            if not isinstance(item, dict) or not item.get("name"):
                raise RegistryFileError(f"{where}: expected a mapping with a 'name', got {item!r}")
            where += f" ({item['name']})"
            entries.append(_entry(item, kind, source, where))
    return entries


def _entry(item: dict, kind: str, source: str, where: str) -> ActorEntry:
    aliases = tuple(str(a) for a in _list(item, "aliases", where))
    if kind == ETHNIC:
        return ActorEntry(name=str(item["name"]), kind=ETHNIC, inter=4, aliases=aliases, source=source)
    inter = item.get("inter")
    if inter is not None and not (isinstance(inter, int) and 0 <= inter <= 8):
        raise RegistryFileError(f"{where}: inter: expected an ACLED inter code 0-8, got {inter!r}")
    if kind != ACTOR:
        return ActorEntry(name=str(item["name"]), kind=kind, inter=inter, aliases=aliases, source=source)
    periods = []
    for k, p in enumerate(_list(item, "periods", where)):
        if not isinstance(p, dict) or not p.get("name"):
            raise RegistryFileError(f"{where}: periods[{k}]: expected {{from, to, name}} with a name, got {p!r}")
        bounds = []
        for field_name in ("from", "to"):
            try:
                bounds.append(_parse_date(p.get(field_name)))
            except ValueError:
                raise RegistryFileError(f"{where}: periods[{k}].{field_name}: expected a date YYYY-MM-DD, "
                                        f"got {p.get(field_name)!r}") from None
        countries = tuple(str(c) for c in _list(p, "countries", f"{where}: periods[{k}]"))
        periods.append(Period(bounds[0], bounds[1], str(p["name"]), countries))
    country_names = item.get("country_names") or {}
    if not isinstance(country_names, dict):
        raise RegistryFileError(f"{where}: country_names: expected a mapping country -> name, got {country_names!r}")
    return ActorEntry(
        name=str(item["name"]), kind=ACTOR, inter=inter, country=item.get("country"), aliases=aliases,
        parent=item.get("parent"), components=tuple(str(c) for c in _list(item, "components", where)),
        periods=tuple(periods), country_names=dict(country_names),
        communities=tuple(str(c) for c in _list(item, "communities", where)),
        auxiliary=_flag(item, "auxiliary", where), source=source)


def _flag(item: dict, key: str, where: str) -> bool:
    """``item[key]`` as a yes/no (absent: no); anything but true/false is an error."""
    value = item.get(key, False)
    if not isinstance(value, bool):
        raise RegistryFileError(f"{where}: {key}: expected true or false, got {value!r}")
    return value


def _list(item: dict, key: str, where: str) -> list:
    """``item[key]`` as a list (absent: empty); a bare string is an error, not a list of letters."""
    value = item.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise RegistryFileError(f"{where}: {key}: expected a list, got {value!r}")
    return value


@lru_cache(maxsize=1)
def default_registry() -> ActorRegistry:
    """The registry ``ActorRegistry.load()`` gives, built once per process."""
    return ActorRegistry.load()
