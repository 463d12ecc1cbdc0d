"""``sahelwatch import acled``: both taxonomies, all date formats, idempotent re-import,
change reports, bad rows reported with file:line:field. Real exports from ../shared."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sahelwatch.cli import app
from sahelwatch.ingest.acled import (
    RowError,
    acled_row_to_event,
    parse_acled_date,
    read_acled,
    read_acled_table,
    sub_event_type_from_notes,
)
from sahelwatch.schema import EVENT_TYPES, OLD_EVENT_TYPES, SUB_EVENT_TO_TYPE
from sahelwatch.store import EventFilter, open_store

runner = CliRunner()


def rows_of(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write_rows(path: Path, rows: list[dict], fieldnames: list[str]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fieldnames)
        writer.writeheader()
        writer.writerows(rows)
    return path


def import_json(*args: str) -> dict:
    result = runner.invoke(app, ["import", "acled", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout[result.stdout.index("{"):])


@pytest.mark.parametrize(
    "text, hint, expected",
    [
        ("22 February 2019", None, dt.date(2019, 2, 22)),
        ("16-Feb-21", 2021, dt.date(2021, 2, 16)),
        ("16-Feb-04", 2004, dt.date(2004, 2, 16)),
        ("5-Feb-21", None, dt.date(2021, 2, 5)),
        ("2021-02-16", None, dt.date(2021, 2, 16)),
        ("February 22, 2019", None, dt.date(2019, 2, 22)),
    ],
)
def test_acled_date_formats(text, hint, expected):
    assert parse_acled_date(text, hint) == expected


@pytest.mark.parametrize("text", ["", "31 Febuary 2019", "2019-02-30", "yesterday", "32-Jan-20"])
def test_bad_dates_raise(text):
    with pytest.raises(ValueError):
        parse_acled_date(text)


def test_old_taxonomy_is_mapped_and_originals_kept(shared):
    path = shared / "data/acled/mali_2017.csv"
    source = rows_of(path)
    rows, problems = read_acled(path)
    assert problems == []
    assert len(rows) == len(source)
    for (line, event, raw), row in zip(rows, source):
        assert event.event_type in EVENT_TYPES
        assert SUB_EVENT_TO_TYPE[event.sub_event_type] == event.event_type
        assert raw["event_type"] == row["event_type"]  # the original, old-taxonomy type
        assert raw["event_date"] == row["event_date"]
        expected_type, expected_sub = OLD_EVENT_TYPES[row["event_type"]]
        if row["event_type"] != "Riots/Protests":
            assert event.event_type == expected_type
        if expected_sub:
            assert event.sub_event_type == expected_sub
        assert event.event_date == dt.datetime.strptime(row["event_date"], "%d %B %Y").date()
        assert event.event_uid == f"acled:mali_2017:{row['event_id_cnty']}"
        assert event.fatalities == int(row["fatalities"])
        assert event.latitude == float(row["latitude"])
    # the notes decide between sub-types: both kinds of violence against civilians occur
    subs = {e.sub_event_type for _, e, _ in rows if e.event_type == "Violence against civilians"}
    assert {"Attack", "Abduction/forced disappearance"} <= subs


def test_current_taxonomy_two_digit_years(shared):
    path = shared / "data/acled/burkina_faso_sample.csv"
    source = rows_of(path)
    rows, problems = read_acled(path, "acled:bf")
    assert problems == [] and len(rows) == len(source)
    for (_, event, _), row in zip(rows, source):
        assert event.event_date.year == int(row["year"])  # 16-Feb-04 is 2004, not 1904
        assert (event.event_type, event.sub_event_type) == (row["event_type"], row["sub_event_type"])
        assert event.event_uid == f"acled:bf:{row['event_id_cnty']}"
    assert min(e.event_date for _, e, _ in rows).year < 2010


def test_bulk_table_agrees_with_row_parser(shared):
    path = shared / "data/acled/mali_2017.csv"
    table, problems = read_acled_table(path, "acled:m")
    rows, _ = read_acled(path, "acled:m")
    records = table.to_pylist()
    assert len(records) == len(rows)
    for rec, (_, event, raw) in zip(records, rows):
        for name in ("event_uid", "event_date", "event_type", "sub_event_type", "actor1", "latitude", "fatalities", "interaction"):
            assert rec[name] == getattr(event, name), name
        assert rec["raw"] == raw


def test_sub_type_rules_from_notes():
    assert sub_event_type_from_notes("Explosions/Remote violence", "French air strike near Boulkessi") == "Air/drone strike"
    assert sub_event_type_from_notes("Explosions/Remote violence", "A vehicle hit an IED") == "Remote explosive/landmine/IED"
    assert sub_event_type_from_notes("Explosions/Remote violence", "Mortar shells fell on the camp") == "Shelling/artillery/missile attack"
    assert sub_event_type_from_notes("Violence against civilians", "Gunmen kidnapped a trader") == "Abduction/forced disappearance"
    assert sub_event_type_from_notes("Strategic developments", "Soldiers arrested two suspects") == "Arrests"
    assert sub_event_type_from_notes("Protests", "Police fired tear gas to disperse them") == "Protest with intervention"


def test_row_errors_name_line_and_field(shared):
    row = rows_of(shared / "data/acled/mali_2017.csv")[0]
    with pytest.raises(RowError) as err:
        acled_row_to_event({**row, "latitude": "north"}, 7)
    assert (err.value.line, err.value.field) == (7, "latitude")
    with pytest.raises(RowError) as err:
        acled_row_to_event({**row, "event_date": "31 Decembre 2017"}, 9)
    assert err.value.field == "event_date"
    with pytest.raises(RowError) as err:
        acled_row_to_event({**row, "actor1": ""}, 3)
    assert err.value.field == "actor1"


def test_import_is_idempotent_and_updates_report_changes(shared, tmp_path, store_target):
    db = store_target
    path = shared / "data/acled/mali_2017.csv"
    source = rows_of(path)
    first = import_json(str(path), "--db", db)
    assert (first["new"], first["changed"], first["unchanged"]) == (len(source), 0, 0)
    again = import_json(str(path), "--db", db)
    assert (again["new"], again["changed"], again["unchanged"]) == (0, 0, len(source))
    with open_store(db) as store:
        assert store.count(EventFilter(fused=False)) == len(source)

    # A newer export of the same dataset: 3 fatality corrections, one row gone, one new,
    # one re-dated in ISO form (same day: unchanged), and three bad rows.
    newer = [dict(r) for r in source]
    for r in newer[10:13]:
        r["fatalities"] = str(int(r["fatalities"]) + 5)
    newer[20]["event_date"] = dt.datetime.strptime(newer[20]["event_date"], "%d %B %Y").date().isoformat()
    gone = newer.pop(30)
    added = dict(newer[40], event_id_cnty="MLI9999", data_id="999999")
    bad_date = dict(newer[41], event_id_cnty="MLI9998", event_date="2017-13-45")
    bad_lat = dict(newer[42], event_id_cnty="MLI9997", latitude="14,5N")
    no_actor = dict(newer[43], event_id_cnty="MLI9996", actor1="")
    newer += [added, bad_date, bad_lat, no_actor]
    newer_path = write_rows(tmp_path / "mali_2017_v2.csv", newer, list(source[0].keys()))
    report = import_json(str(newer_path), "--db", db, "--dataset", "mali_2017")
    assert report["new"] == 1
    assert report["changed"] == 3
    assert report["fields_changed"] == {"fatalities": 3}
    assert report["missing"] == 1
    assert report["unchanged"] == len(source) - 1 - 3
    problems = report["problems"]
    n = len(newer) + 1  # header line
    assert len(problems) == 3
    assert problems[0].startswith(f"{newer_path}:{n - 2}:event_date: ")
    assert problems[1] == f"{newer_path}:{n - 1}:latitude: expected a number, got '14,5N'"
    assert problems[2] == f"{newer_path}:{n}:actor1: missing (required)"
    with open_store(db) as store:
        corrected = store.get_event(f"acled:mali_2017:{source[10]['event_id_cnty']}")
        assert corrected["fatalities"] == int(source[10]["fatalities"]) + 5
        assert store.get_event(f"acled:mali_2017:{gone['event_id_cnty']}") is not None  # nothing deleted
        assert store.get_event("acled:mali_2017:MLI9999") is not None
        assert store.count(EventFilter(fused=False)) == len(source) + 1


def test_missing_required_column_is_reported(tmp_path, shared, store_target):
    source = rows_of(shared / "data/acled/burkina_faso_sample.csv")[:5]
    columns = [c for c in source[0] if c != "event_date"]
    path = write_rows(tmp_path / "broken.csv", [{k: r[k] for k in columns} for r in source], columns)
    result = runner.invoke(app, ["import", "acled", str(path), "--db", store_target, "--strict"])
    assert result.exit_code == 1
    assert f"{path}:1:event_date" in result.output and "column missing" in result.output


def test_both_files_import_into_one_store(shared, store_target):
    db = store_target
    for name in ("mali_2017.csv", "burkina_faso_sample.csv"):
        result = runner.invoke(app, ["import", "acled", str(shared / "data/acled" / name), "--db", db])
        assert result.exit_code == 0, result.output
    with open_store(db) as store:
        total = store.count(EventFilter(fused=False))
        assert total == len(rows_of(shared / "data/acled/mali_2017.csv")) + len(rows_of(shared / "data/acled/burkina_faso_sample.csv"))
        assert store.count(EventFilter(country="Burkina Faso", fused=False)) == 254
        rec = store.query(EventFilter(country="Mali", limit=1, fused=False))[0]
        assert rec["origin"] == "acled" and rec["dataset"] == "acled:mali_2017" and rec["sources"] == ["acled:mali_2017"]
        assert json.loads(store.execute("SELECT raw FROM events WHERE event_uid = ?", [rec["event_uid"]]).fetchone()[0])["iso3"] == "MLI"
