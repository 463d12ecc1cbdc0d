"""UCDP GED (Georeferenced Event Dataset) CSV -> ``Event``s in ACLED's schema.

The mapping (also in docs/FUSION.md):

- ``type_of_violence`` 1 state-based and 2 non-state -> Battles / Armed clash;
  3 one-sided -> Violence against civilians / Attack. When the article headline
  (``source_headline``) names a remote means (air strike, drone, IED, shelling,
  suicide bombing...), the event is Explosions/Remote violence with the sub-type the
  ACLED importer's keyword rules give (``acled.sub_event_type_from_notes``): UCDP has
  no such distinction, ACLED does.
- ``side_a``/``side_b`` -> actor1/actor2. "Government of X" -> "Military Forces of X"
  (inter 1; 8 when X is not the country of the event); "Civilians" -> "Civilians
  (<country>)" (inter 7); a group the actor registry knows takes the registry's ACLED
  name and inter code; other groups: inter 2 (rebels) when fighting a government
  (type 1), inter 4 (identity militia) for communal/ethnic sides of non-state
  conflicts (type 2: names with "Fulani", "Dogon", "Dozo", "ethnic", "communal",
  "supporters"...), else 3 (political militia).
- ``best`` -> fatalities; ``low``/``high`` are kept in ``raw``.
- ``date_start``/``date_end`` -> event_date = date_start; time_precision 1 when they
  are the same day, 2 when the span is at most 7 days, else 3.
- ``where_prec`` 1 exact -> geo_precision 1; 2 within ~25 km -> 2; 3-7 (admin area,
  region, country, waters) -> 3.
- ``where_coordinates`` -> location (a trailing " town"/" village" dropped);
  ``adm_1``/``adm_2`` -> admin1/admin2 (a trailing " region"/" province"/" cercle"/
  " district"/" prefecture" dropped); ``country``, ``latitude``, ``longitude`` as they are.
- ``id`` is the row id: ``event_uid = "ucdp:<dataset>:<id>"``; ``source_office`` ->
  source; ``source_article`` and the other UCDP-only columns go into ``raw``.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

from sahelwatch.ingest.acled import (
    ImportProblem,
    RowError,
    _float,
    _int,
    _text,
    check_columns,
    dataset_name,
    iter_csv_rows,
    sub_event_type_from_notes,
)
from sahelwatch.schema import DISORDER_TYPE, Event, interaction_code

REQUIRED_COLUMNS = ("id", "type_of_violence", "side_a", "date_start", "country")

UCDP_TYPES = {
    1: ("Battles", "Armed clash"),
    2: ("Battles", "Armed clash"),
    3: ("Violence against civilians", "Attack"),
}
_REMOTE = re.compile(
    r"air ?strike|airstrike|drone|bombard|aircraft|helicopter|\bied\b|landmine|land mine|roadside bomb|"
    r"explosive|suicide|shell(ing|ed)|mortar|rocket|artillery|grenade"
)
_COMMUNAL = re.compile(r"fulani|peul|dogon|dozo|bambara|tuareg|songhai|ethnic|communal|supporters|militia of|hunters")
_PLACE_SUFFIX = re.compile(r"\s+(town|village|city)$", re.I)
_ADMIN_SUFFIX = re.compile(r"\s+(region|province|cercle|district|prefecture|department|commune)$", re.I)

# UCDP-only columns kept in the raw JSON column.
RAW_COLUMNS = (
    "relid", "code_status", "conflict_dset_id", "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id",
    "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b",
    "number_of_sources", "source_article", "source_date", "source_original", "where_prec", "where_coordinates",
    "where_description", "adm_1", "adm_2", "event_clarity", "date_prec", "date_start", "date_end", "deaths_a",
    "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low", "type_of_violence",
)


@lru_cache(maxsize=1)
def _registry():
    try:
        from sahelwatch.knowledge.registry import ActorRegistry

        return ActorRegistry.load()
    except Exception:  # the importer works without a registry, with generic inter codes
        return None


@lru_cache(maxsize=4096)
def _registry_actor(name: str) -> tuple[str, int | None] | None:
    registry = _registry()
    if registry is None:
        return None
    entry = registry.get(name)
    if entry is None:
        return None
    return entry.name, entry.inter


def map_side(name: str | None, violence: int, is_side_a: bool, country: str | None, day: dt.date | None) -> tuple[str | None, int | None]:
    """(ACLED actor name, inter code) for a UCDP side (rules in the module doc)."""
    if not name:
        return None, (7 if violence == 3 and not is_side_a else None)
    m = re.match(r"^Government of (.+)$", name.strip(), re.I)
    if m:
        state = m.group(1).strip()
        return f"Military Forces of {state}", 1 if not country or state == country else 8
    if name.strip().casefold() in ("civilians", "civilian"):
        return f"Civilians ({country})" if country else "Civilians", 7
    known = _registry_actor(name.strip())
    if known:
        return known
    if violence == 1:
        return name, 2
    if _COMMUNAL.search(name.casefold()):
        return name, 4
    return name, 3


def _date(row: dict, name: str, line: int) -> dt.date | None:
    value = _text(row, name)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise RowError(line, name, f"expected a date as YYYY-MM-DD, got {value!r}") from None


def ucdp_row_to_event(row: dict, line: int, dataset: str | None = None) -> Event:
    """One UCDP GED row as an ``Event`` (mapping in the module doc); ``RowError`` names line and field."""
    for name in REQUIRED_COLUMNS:
        if not _text(row, name):
            raise RowError(line, name, "missing (required)")
    violence = _int(row, "type_of_violence", line, 1, 3)
    start = _date(row, "date_start", line)
    end = _date(row, "date_end", line) or start
    if end < start:
        raise RowError(line, "date_end", f"{end} is before date_start {start}")
    span = (end - start).days
    time_precision = 1 if span == 0 else 2 if span <= 7 else 3
    where_prec = _int(row, "where_prec", line, 1, 7)
    geo_precision = None if where_prec is None else min(where_prec, 3)
    country = _text(row, "country")
    headline = _text(row, "source_headline")
    notes = "; ".join(x for x in (headline, _text(row, "where_description")) if x) or None
    event_type, sub_event_type = UCDP_TYPES[violence]
    if headline and _REMOTE.search(headline.casefold()):
        event_type = "Explosions/Remote violence"
        sub_event_type = sub_event_type_from_notes(event_type, headline)
    actor1, inter1 = map_side(_text(row, "side_a"), violence, True, country, start)
    actor2, inter2 = map_side(_text(row, "side_b"), violence, False, country, start)
    location = _text(row, "where_coordinates")
    if location:
        location = _PLACE_SUFFIX.sub("", location.split(",")[0].strip())
    admin1, admin2 = (_ADMIN_SUFFIX.sub("", v) if v else v for v in (_text(row, "adm_1"), _text(row, "adm_2")))
    iso = region = None
    try:
        from sahelwatch.knowledge.countries import country as find_country

        found = find_country(country)
        if found:
            iso, region = found.iso_numeric, found.region
    except ImportError:
        pass
    row_id = _text(row, "id")
    event = Event(
        event_date=start,
        time_precision=time_precision,
        disorder_type=DISORDER_TYPE[event_type],
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor1=actor1,
        inter1=inter1,
        actor2=actor2,
        inter2=inter2,
        interaction=interaction_code(inter1, inter2),
        civilian_targeting="Civilian targeting" if violence == 3 else None,
        iso=iso,
        region=region,
        country=country,
        admin1=admin1,
        admin2=admin2,
        location=location,
        latitude=_float(row, "latitude", line, -90.0, 90.0),
        longitude=_float(row, "longitude", line, -180.0, 180.0),
        geo_precision=geo_precision,
        source=_text(row, "source_office"),
        notes=notes,
        fatalities=_int(row, "best", line, 0),
        origin="ucdp",
    )
    if dataset:
        event.dataset = dataset
        event.dataset_row_id = row_id
        event.event_uid = f"{dataset}:{row_id}"
        event.sources = [dataset]
    return event


def ucdp_raw(row: dict) -> dict:
    return {k: row[k] for k in RAW_COLUMNS if row.get(k) not in (None, "")}


def read_ucdp(path: str | Path, dataset: str | None = None):
    """Every good row of a UCDP GED CSV as (line, event, raw), and the problems of the bad ones."""
    dataset = dataset or dataset_name(path, "ucdp")
    path_text = str(path)
    missing = check_columns(path, REQUIRED_COLUMNS)
    if missing:
        return [], [ImportProblem(path_text, 1, m, "column missing from the header") for m in missing]
    good, problems = [], []
    for line, row in iter_csv_rows(path):
        try:
            event = ucdp_row_to_event(row, line, dataset)
        except RowError as exc:
            problems.append(ImportProblem(path_text, exc.line, exc.field, exc.message))
            continue
        good.append((line, event, ucdp_raw(row)))
    return good, problems
