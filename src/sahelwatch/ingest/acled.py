"""ACLED exports -> ``Event``s, in both taxonomies and all of ACLED's date formats.

``acled_row_to_event(row, line)`` is the one row parser: the importer, ``eval`` and
the benchmarks use it, so an ACLED row means the same thing everywhere.

Pre-2019 exports use the old event types (BRIEF §3); they are mapped through
``schema.OLD_EVENT_TYPES``. Where the old type leaves the sub-type open, it is chosen
from the notes by ``sub_event_type_from_notes`` (small keyword rules, documented
there). The original values are kept in ``Event``'s import ``raw`` record
(``acled_raw``), which the store writes into the ``raw`` JSON column.
"""

from __future__ import annotations

import csv
import datetime as dt
import operator
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sahelwatch.schema import (
    DISORDER_TYPE,
    EVENT_TYPES,
    OLD_EVENT_TYPES,
    SUB_EVENT_TO_TYPE,
    Event,
    interaction_code,
)
from sahelwatch.store.arrow import arrow_type

# Columns without which a row is not an ACLED event.
REQUIRED_COLUMNS = ("event_date", "event_type", "actor1", "country")

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ),
        start=1,
    )
    for m in names
}
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[\s\-/.]+([A-Za-z]+)\.?[\s\-/.,]+(\d{2}|\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")
_NUMERIC_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


class RowError(ValueError):
    """One bad field of one row: ``line`` is the row's first line in the file."""

    def __init__(self, line: int, field: str, message: str) -> None:
        super().__init__(f"line {line}: {field}: {message}")
        self.line = line
        self.field = field
        self.message = message


@dataclass(slots=True)
class ImportProblem:
    """A row that was not imported, for the report: ``path:line:field: message``."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.field}: {self.message}"


def _century(two_digits: int, year_hint: int | None) -> int:
    if year_hint and year_hint % 100 == two_digits:
        return year_hint
    # ACLED starts in 1997: 97-99 are the 1990s, everything else this century.
    return 1900 + two_digits if two_digits >= 97 else 2000 + two_digits


def parse_acled_date(value: str, year_hint: int | None = None) -> dt.date:
    """A date in any of ACLED's formats: "22 February 2019", "16-Feb-21", "2021-02-16".

    Two-digit years take their century from ``year_hint`` (the row's ``year`` column)
    when it agrees, else 1997-1999 / 2000-2096. Raises ``ValueError`` when it is not a date.
    """
    text = value.strip()
    if not text:
        raise ValueError("empty date")
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        return dt.date.fromisoformat(text)
    m = _DAY_MONTH_YEAR.match(text)
    if m:
        day, month_name, year_text = m.groups()
        month = _MONTHS.get(month_name.casefold())
        if month is None:
            raise ValueError(f"unknown month {month_name!r} in {value!r}")
        year = int(year_text)
        if len(year_text) == 2:
            year = _century(year, year_hint)
        return dt.date(year, month, int(day))
    m = _MONTH_DAY_YEAR.match(text)
    if m:
        month_name, day, year_text = m.groups()
        month = _MONTHS.get(month_name.casefold())
        if month is None:
            raise ValueError(f"unknown month {month_name!r} in {value!r}")
        return dt.date(int(year_text), month, int(day))
    m = _NUMERIC_DMY.match(text)
    if m:  # ACLED's spreadsheets write day first
        day, month, year = (int(g) for g in m.groups())
        return dt.date(year, month, day)
    raise ValueError(f"not a date: {value!r} (expected e.g. 22 February 2019, 16-Feb-21 or 2021-02-16)")


# --------------------------------------------------------------------------------------
# Sub-types for the old taxonomy
# --------------------------------------------------------------------------------------

# Ordered (pattern, sub-type) rules per event type: the first rule whose pattern is
# found in the lower-cased notes wins; the last entry is the default. The rules look
# for the *means* of violence (air strike, shelling, IED...) or the *kind* of act
# (abduction, arrest, looting), which is how ACLED's codebook separates sub-types.
_SUB_TYPE_RULES: dict[str, tuple[tuple[re.Pattern[str] | None, str], ...]] = {
    "Explosions/Remote violence": (
        (re.compile(r"suicide|kamikaze"), "Suicide bomb"),
        (re.compile(r"air ?strike|airstrike|drone|bombard|aircraft|helicopter|fighter jet|air raid|aerial"), "Air/drone strike"),
        (re.compile(r"grenade"), "Grenade"),
        (re.compile(r"shell|mortar|rocket|artillery|missile|obus"), "Shelling/artillery/missile attack"),
        (re.compile(r"chemical"), "Chemical weapon"),
        (None, "Remote explosive/landmine/IED"),
    ),
    "Violence against civilians": (
        (re.compile(r"\brap(e|ed|ing)\b|sexual"), "Sexual violence"),
        (re.compile(r"abduct|kidnap|hostage|disappear|taken away|enlev"), "Abduction/forced disappearance"),
        (None, "Attack"),
    ),
    "Protests": (
        (re.compile(r"killed|live (ammunition|fire|rounds)|shot dead|opened fire on"), "Excessive force against protesters"),
        (re.compile(r"tear ?gas|dispers|arrest|intervene|baton|clashed with (police|security)"), "Protest with intervention"),
        (None, "Peaceful protest"),
    ),
    "Riots": (
        (re.compile(r"\bmob\b|lynch|vigilante|angry (crowd|residents|villagers)"), "Mob violence"),
        (None, "Violent demonstration"),
    ),
    "Strategic developments": (
        (re.compile(r"arrest|detain|apprehend|in custody"), "Arrests"),
        (re.compile(r"agreement|accord|ceasefire|cease-fire|peace deal|signed|truce"), "Agreement"),
        (re.compile(r"defus|dismantl|disarm|weapons? cache|seized (arms|weapons)|neutrali[sz]ed an? (ied|explosive)"), "Disrupted weapons use"),
        (re.compile(r"loot|burn|set fire|torch|destroy|ransack|steal|stole|pillag|vandal"), "Looting/property destruction"),
        (re.compile(r"headquarter|set up (a )?base|established (a )?base"), "Headquarters or base established"),
        (re.compile(r"\bjoin|merge|split|defect|renam|creat|formed|announc|rallied"), "Change to group/activity"),
        (None, "Other"),
    ),
}

# Old "Riots/Protests" rows become Riots when the first actor is coded as rioters
# (inter 5) or the notes describe violence by the crowd.
_RIOT_WORDS = re.compile(r"riot|violent|\bmob\b|lynch|stone|rock[- ]throw|burn|set fire|loot|vandal|clash")


def sub_event_type_from_notes(event_type: str, notes: str | None) -> str:
    """The sub-type of ``event_type`` that the notes point to (rules above; a default always)."""
    text = (notes or "").casefold()
    for pattern, sub in _SUB_TYPE_RULES[event_type]:
        if pattern is None or pattern.search(text):
            return sub
    raise AssertionError("every rule list ends with a default")


def map_old_event_type(old_type: str, notes: str | None, inter1: int | None) -> tuple[str, str]:
    """(event_type, sub_event_type) for a pre-2019 ACLED event type."""
    event_type, sub = OLD_EVENT_TYPES[old_type]
    if old_type == "Riots/Protests":
        text = (notes or "").casefold()
        event_type = "Riots" if inter1 == 5 or _RIOT_WORDS.search(text) else "Protests"
    if sub is None:
        sub = sub_event_type_from_notes(event_type, notes)
    return event_type, sub


# --------------------------------------------------------------------------------------
# Rows
# --------------------------------------------------------------------------------------


def _text(row: dict, name: str) -> str | None:
    value = row.get(name)
    if value is None:
        return None
    value = value.strip()
    return value or None


def _int(row: dict, name: str, line: int, lo: int | None = None, hi: int | None = None) -> int | None:
    return _int_value(_text(row, name), name, line, lo, hi)


def _int_value(value: str | None, name: str, line: int, lo: int | None = None, hi: int | None = None) -> int | None:
    if value is None:
        return None
    try:
        number = int(value)
    except ValueError:
        try:
            as_float = float(value)  # "1790.0" in some exports
        except ValueError:
            raise RowError(line, name, f"expected a whole number, got {value!r}") from None
        if not as_float.is_integer():
            raise RowError(line, name, f"expected a whole number, got {value!r}")
        number = int(as_float)
    if (lo is not None and number < lo) or (hi is not None and number > hi):
        raise RowError(line, name, f"expected a number from {lo} to {hi}, got {number}")
    return number


def _float(row: dict, name: str, line: int, lo: float, hi: float) -> float | None:
    return _float_value(_text(row, name), name, line, lo, hi)


def _float_value(value: str | None, name: str, line: int, lo: float, hi: float) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        raise RowError(line, name, f"expected a number, got {value!r}") from None
    if not lo <= number <= hi:
        raise RowError(line, name, f"expected a number from {lo:g} to {hi:g}, got {number:g}")
    return number


def acled_row_id(row: dict) -> str | None:
    """The row's identifier: ACLED's ``event_id_cnty``, else ``data_id``."""
    return _text(row, "event_id_cnty") or _text(row, "data_id")


# The Event fields an ACLED row fills, in the order ``acled_row_values`` returns them.
ACLED_FIELDS = (
    "event_id_cnty", "event_date", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
    "timestamp",
)
# Original values kept in the ``raw`` JSON column: the ones the import may change
# (date format, old event type, a sub-type chosen from the notes: null there means
# the file had none) and the ones the schema has no column for.
RAW_FIELDS = ("data_id", "event_id_no_cnty", "iso3", "event_date", "event_type", "sub_event_type")

_DATE_CACHE: dict[tuple[str, int | None], dt.date | str] = {}
_TYPE_CACHE: dict[tuple[str, str | None], tuple[str, str | None] | str] = {}


def _cached_date(text: str, year_hint: int | None) -> dt.date:
    key = (text, year_hint)
    found = _DATE_CACHE.get(key)
    if found is None:
        try:
            found = parse_acled_date(text, year_hint)
        except ValueError as exc:
            found = str(exc)
        if len(_DATE_CACHE) < 200_000:
            _DATE_CACHE[key] = found
    if isinstance(found, str):
        raise ValueError(found)
    return found


# The ACLED columns the importer reads, in the order ``acled_row_values`` takes them.
INPUT_COLUMNS = (
    "event_id_cnty", "data_id", "year", "event_date", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    "event_id_no_cnty", "iso3",
)
_REQUIRED_POSITIONS = tuple((INPUT_COLUMNS.index(name), name) for name in REQUIRED_COLUMNS)


def input_values(row: dict) -> list[str | None]:
    """A csv row dict as ``INPUT_COLUMNS`` values: stripped, with empty strings as None."""
    values = []
    for name in INPUT_COLUMNS:
        value = row.get(name)
        values.append((value.strip() or None) if isinstance(value, str) and value else None)
    return values


def acled_row_values(v: list[str | None], line: int) -> tuple[tuple, tuple, str | None]:
    """(values in ``ACLED_FIELDS`` order, originals in ``RAW_FIELDS`` order, row id).

    ``v`` holds the row's ``INPUT_COLUMNS`` values (``input_values``). This is the core
    of ``acled_row_to_event``; the bulk importer turns the tuples into Arrow columns
    without building an ``Event`` per row.
    """
    for position, name in _REQUIRED_POSITIONS:
        if not v[position]:
            raise RowError(line, name, "missing (required)")
    (event_id_cnty, data_id, year, raw_date, time_precision, disorder_type, original_type, original_sub,
     actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, interaction, civilian_targeting, iso,
     region, country, admin1, admin2, admin3, location, latitude, longitude, geo_precision, source,
     source_scale, notes, fatalities, tags, timestamp, event_id_no_cnty, iso3) = v
    try:
        event_date = _cached_date(raw_date, _int_value(year, "year", line))
    except ValueError as exc:
        raise RowError(line, "event_date", str(exc)) from None
    inter1 = _int_value(inter1, "inter1", line, 0, 8)
    inter2 = _int_value(inter2, "inter2", line, 0, 8)
    if original_type in EVENT_TYPES:
        event_type, sub_event_type = original_type, original_sub
        if sub_event_type is None:
            sub_event_type = sub_event_type_from_notes(event_type, notes)
        elif SUB_EVENT_TO_TYPE.get(sub_event_type) != event_type:
            raise RowError(line, "sub_event_type", f"{sub_event_type!r} is not a sub-type of {event_type!r}")
    elif original_type in OLD_EVENT_TYPES:
        event_type, sub_event_type = map_old_event_type(original_type, notes, inter1)
    else:
        raise RowError(line, "event_type", f"unknown ACLED event type {original_type!r}")
    interaction = _int_value(interaction, "interaction", line)
    if interaction is None:
        interaction = interaction_code(inter1, inter2)
    values = (
        event_id_cnty,
        event_date,
        _int_value(time_precision, "time_precision", line, 1, 3),
        disorder_type or DISORDER_TYPE.get(event_type),
        event_type,
        sub_event_type,
        actor1,
        assoc_actor_1,
        inter1,
        actor2,
        assoc_actor_2,
        inter2,
        interaction,
        civilian_targeting,
        _int_value(iso, "iso", line),
        region,
        country,
        admin1,
        admin2,
        admin3,
        location,
        _float_value(latitude, "latitude", line, -90.0, 90.0),
        _float_value(longitude, "longitude", line, -180.0, 180.0),
        _int_value(geo_precision, "geo_precision", line, 1, 3),
        source,
        source_scale,
        notes,
        _int_value(fatalities, "fatalities", line, 0),
        tags,
        _int_value(timestamp, "timestamp", line),
    )
    raw = (data_id, event_id_no_cnty, iso3, raw_date, original_type, original_sub)
    return values, raw, event_id_cnty or data_id


def acled_row_to_event(row: dict, line: int, dataset: str | None = None) -> Event:
    """One ACLED export row (a ``csv.DictReader`` dict) as an ``Event``.

    ``line`` is the row's line in its file, used in errors. Raises ``RowError`` naming
    the line and the field for a missing required value, a bad date or a non-numeric
    or out-of-range number. With ``dataset`` the event gets ``dataset``,
    ``dataset_row_id``, ``sources = [dataset]`` and ``event_uid = f"{dataset}:{row_id}"``.
    Old-taxonomy rows are mapped onto the current event types (see the module doc).
    """
    values, _, row_id = acled_row_values(input_values(row), line)
    event = Event(**dict(zip(ACLED_FIELDS, values)), origin="acled")
    if dataset:
        if row_id is None:
            raise RowError(line, "event_id_cnty", "missing (needed as the row's id; data_id is missing too)")
        event.dataset = dataset
        event.dataset_row_id = row_id
        event.event_uid = f"{dataset}:{row_id}"
        event.sources = [dataset]
    return event


def acled_raw(row: dict, event: Event | None = None) -> dict:
    """The original values kept in the ``raw`` JSON column (``RAW_FIELDS``) of a csv row."""
    v = dict(zip(INPUT_COLUMNS, input_values(row)))
    return {name: v[name] if name != "event_type" else v["event_type"] for name in RAW_FIELDS}


def dataset_name(path: str | Path, prefix: str, given: str | None = None) -> str:
    """``prefix:<file stem>``, or the user's ``--dataset`` (prefixed unless it has one)."""
    if given:
        return given if ":" in given else f"{prefix}:{given}"
    return f"{prefix}:{Path(path).stem}"


def iter_csv_rows(path: str | Path) -> Iterator[tuple[int, dict]]:
    """(first line of the record, row dict) for each record; quoted newlines are allowed."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames is None:
            return
        start = reader.line_num + 1
        for row in reader:
            yield start, row
            start = reader.line_num + 1


def iter_csv_values(path: str | Path, columns: tuple[str, ...]) -> Iterator[tuple[int, list[str | None]]]:
    """(first line of the record, values of ``columns``) per record: stripped, empty -> None.

    Reads with ``csv.reader`` and picks cells by position, which is about twice as
    fast as ``csv.DictReader`` on million-row exports. Absent columns give None.
    """
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header is None:
            return
        index = {name.strip(): i for i, name in enumerate(header)}
        width = len(header)
        # Absent columns read the padding cell at `width`, which is always "" (-> None).
        pick = operator.itemgetter(*[index.get(name, width) for name in columns])
        strip = str.strip
        start = reader.line_num + 1
        for cells in reader:
            if not cells:  # a blank line
                start = reader.line_num + 1
                continue
            if len(cells) != width:
                cells = (cells + [""] * width)[:width]
            cells.append("")
            yield start, [x or None for x in map(strip, pick(cells))]
            start = reader.line_num + 1


def read_acled(path: str | Path, dataset: str | None = None) -> tuple[list[tuple[int, Event, dict]], list[ImportProblem]]:
    """Every good row of an ACLED export as (line, event, raw), and the problems of the bad ones."""
    dataset = dataset or dataset_name(path, "acled")
    path_text = str(path)
    good: list[tuple[int, Event, dict]] = []
    problems: list[ImportProblem] = []
    missing = check_columns(path, ("event_id_cnty|data_id", *REQUIRED_COLUMNS))
    if missing:
        return [], [ImportProblem(path_text, 1, m, "column missing from the header") for m in missing]
    for line, row in iter_csv_rows(path):
        try:
            event = acled_row_to_event(row, line, dataset)
        except RowError as exc:
            problems.append(ImportProblem(path_text, exc.line, exc.field, exc.message))
            continue
        good.append((line, event, acled_raw(row, event)))
    return good, problems


def check_columns(path: str | Path, required: tuple[str, ...]) -> list[str]:
    """Required header columns missing from a CSV file ("a|b" means either one)."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh), [])
    present = {h.strip() for h in header}
    return [name for name in required if not any(alt in present for alt in name.split("|"))]


def import_rows(store, dataset: str, rows: list[tuple[int, Event, dict]], problems: list[ImportProblem], path: str) -> dict:
    """Store parsed rows of one dataset (``store.import_events``) and return its report.

    A row id seen twice in one file is reported (both lines) and the later row is
    used, as a newer version of the row would be. The report gains ``problems``
    (``path:line:field: message`` strings).
    """
    keep = _last_of_each_uid([(line, event.event_uid) for line, event, _ in rows], problems, path)
    events = [rows[i][1] for i in keep]
    raws = [rows[i][2] for i in keep]
    report = store.import_events(dataset, events, raws)
    report["problems"] = [str(p) for p in problems]
    return report


def _last_of_each_uid(lines_uids: list[tuple[int, str]], problems: list[ImportProblem], path: str) -> list[int]:
    """Indexes to keep: the last row of each uid, in first-seen order; repeats are reported."""
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for index, (line, uid) in enumerate(lines_uids):
        if uid in first:
            problems.append(ImportProblem(
                path, line, "id", f"row id {uid.rsplit(':', 1)[-1]!r} repeats line {lines_uids[first[uid]][0]}; the later row is used"
            ))
        else:
            first[uid] = index
        last[uid] = index
    if len(last) == len(lines_uids):
        return list(range(len(lines_uids)))
    return [last[uid] for uid in first]


def read_acled_table(path: str | Path, dataset: str | None = None):
    """An ACLED export as an Arrow table with the store's event columns, plus problems.

    The bulk path of ``sahelwatch import acled``: each row goes through
    ``acled_row_values`` (the same rules as ``acled_row_to_event``) and the values are
    transposed into Arrow columns without an ``Event`` per row. Bad rows are reported as
    problems; a row id repeated in the file keeps its last row (reported too).
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    from sahelwatch.store.sql import EVENT_TABLE_COLUMNS

    dataset = dataset or dataset_name(path, "acled")
    path_text = str(path)
    missing = check_columns(path, ("event_id_cnty|data_id", *REQUIRED_COLUMNS))
    if missing:
        return None, [ImportProblem(path_text, 1, m, "column missing from the header") for m in missing]
    problems: list[ImportProblem] = []
    values_rows: list[tuple] = []
    raw_rows: list[tuple] = []
    lines_uids: list[tuple[int, str]] = []
    prefix = dataset + ":"
    for line, v in iter_csv_values(path, INPUT_COLUMNS):
        try:
            values, raw, row_id = acled_row_values(v, line)
        except RowError as exc:
            problems.append(ImportProblem(path_text, exc.line, exc.field, exc.message))
            continue
        values_rows.append(values)
        raw_rows.append(raw)
        lines_uids.append((line, prefix + row_id))
    keep = _last_of_each_uid(lines_uids, problems, path_text)
    if len(keep) != len(values_rows):
        values_rows = [values_rows[i] for i in keep]
        raw_rows = [raw_rows[i] for i in keep]
        lines_uids = [lines_uids[i] for i in keep]
    n = len(values_rows)
    columns = dict(zip(ACLED_FIELDS, zip(*values_rows))) if n else {name: () for name in ACLED_FIELDS}
    del values_rows
    types = {name: arrow_type(sql_type) for name, sql_type in EVENT_TABLE_COLUMNS}
    arrays = {}
    uids = [uid for _, uid in lines_uids]
    cut = len(prefix)
    for name, _ in EVENT_TABLE_COLUMNS:
        if name in columns:
            arrays[name] = pa.array(columns[name], type=types[name])
        elif name == "event_uid":
            arrays[name] = pa.array(uids, type=pa.string())
        elif name == "dataset_row_id":
            arrays[name] = pa.array([uid[cut:] for uid in uids], type=pa.string())
        elif name == "dataset":
            arrays[name] = pa.array([dataset] * n, type=pa.string())
        elif name == "origin":
            arrays[name] = pa.array(["acled"] * n, type=pa.string())
        elif name == "sources":
            import json

            arrays[name] = pa.array([json.dumps([dataset], ensure_ascii=False)] * n, type=pa.string())
        elif name == "raw":
            raw_columns = list(zip(*raw_rows)) if n else [() for _ in RAW_FIELDS]
            arrays[name] = pa.StructArray.from_arrays(
                [pa.array(c, type=pa.string()) for c in raw_columns], names=list(RAW_FIELDS)
            )
        else:
            arrays[name] = pa.nulls(n, type=types[name])
    arrays["year"] = pc.cast(pc.year(arrays["event_date"]), pa.int32())
    return pa.table(arrays), problems


def import_table(store, dataset: str, table, problems: list[ImportProblem]) -> dict:
    """Store an Arrow table from ``read_acled_table`` and return the import report."""
    report = store.import_events(dataset, table)
    report["problems"] = [str(p) for p in problems]
    return report
