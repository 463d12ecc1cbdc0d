"""The embedded store and the exports, on a real DuckDB file."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pyarrow.parquet as pq
import pytest

from sahelwatch.schema import ACLED_COLUMNS, ALL_COLUMNS, Document, Event, Evidence
from sahelwatch.store import EventFilter, open_store
from sahelwatch.store.export import write_events


def _event(day: int, place: str, lat: float, lon: float, **kw) -> Event:
    base = dict(
        event_date=dt.date(2024, 9, day),
        time_precision=1,
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="JNIM: Group for Support of Islam and Muslims",
        inter1=2,
        actor2="Military Forces of Mali (2021-)",
        inter2=1,
        interaction=12,
        country="Mali",
        admin1="Bamako",
        location=place,
        latitude=lat,
        longitude=lon,
        geo_precision=1,
        fatalities=3,
        notes=f"Clash at {place}.",
        evidence=[Evidence(text=f"Clash at {place}.", start=0, end=10 + len(place))],
        confidence=0.7,
    )
    base.update(kw)
    return Event(**base)


@pytest.fixture(params=["duckdb", "postgres"])
def store(request, tmp_path):
    target = str(tmp_path / "events.duckdb") if request.param == "duckdb" else request.getfixturevalue("postgres_url")
    s = open_store(target)
    doc1 = Document(doc_id="r1", text="Report one about Bamako and Kati.", published=dt.date(2024, 9, 18))
    doc2 = Document(doc_id="r2", text="Report two about Gao.", published=dt.date(2024, 9, 30))
    s.add_document(
        doc1,
        [
            _event(17, "Bamako", 12.65, -8.0, fatalities=70),
            _event(17, "Kati", 12.74, -8.07, event_type="Violence against civilians", sub_event_type="Attack",
                   actor2="Civilians (Mali)", inter2=7, interaction=27, admin1="Koulikoro", fatalities=0),
        ],
    )
    s.add_document(doc2, [_event(29, "Gao", 16.27, -0.04, admin1="Gao", actor1="Islamic State (Sahel)")])
    yield s
    s.close()


def test_documents_are_stored_once_by_content(store):
    again = Document(doc_id="renamed", text="Report two about Gao.")
    assert store.add_document(again, [_event(29, "Gao", 16.27, -0.04)]) is False
    assert store.document_count() == 2
    assert store.count() == 3
    assert store.get_document("r1")["text"] == "Report one about Bamako and Kati."


def test_event_ids_are_stable_and_carry_document(store):
    rows = store.query(EventFilter(doc_id="r1", order_by="location", descending=False))
    assert [r["location"] for r in rows] == ["Bamako", "Kati"]
    assert all(r["event_uid"].startswith("doc-") for r in rows)
    assert rows[0]["evidence"][0]["text"] == "Clash at Bamako."


@pytest.mark.parametrize(
    "flt, expected",
    [
        (EventFilter(date_from=dt.date(2024, 9, 20)), {"Gao"}),
        (EventFilter(date_to=dt.date(2024, 9, 17)), {"Bamako", "Kati"}),
        (EventFilter(admin1="koulikoro"), {"Kati"}),
        (EventFilter(actor="islamic state"), {"Gao"}),
        (EventFilter(actor="civilians"), {"Kati"}),
        (EventFilter(event_type="Attack"), {"Kati"}),
        (EventFilter(event_type="Battles"), {"Bamako", "Gao"}),
        (EventFilter(bbox=(-9.0, 12.0, -7.0, 13.0)), {"Bamako", "Kati"}),
        (EventFilter(point=(12.65, -8.0), radius_km=5), {"Bamako"}),
        (EventFilter(point=(12.65, -8.0), radius_km=20), {"Bamako", "Kati"}),
        (EventFilter(text="clash at gao"), {"Gao"}),
        (EventFilter(text="CLASH AT"), {"Bamako", "Kati", "Gao"}),
        (EventFilter(text="%"), set()),  # the user's text is literal, not a LIKE pattern
        (EventFilter(text="at_"), set()),
        (EventFilter(country="Mali"), {"Bamako", "Kati", "Gao"}),
        (EventFilter(country="Niger"), set()),
    ],
)
def test_filters(store, flt, expected):
    assert {r["location"] for r in store.query(flt)} == expected
    assert store.count(flt) == len(expected)


def test_sort_and_paginate(store):
    by_fatalities = store.query(EventFilter(order_by="fatalities", limit=2))
    assert [r["location"] for r in by_fatalities] == ["Bamako", "Gao"]
    second_page = store.query(EventFilter(order_by="fatalities", limit=2, offset=2))
    assert [r["location"] for r in second_page] == ["Kati"]


def test_bad_filters_are_rejected_with_the_field_named():
    with pytest.raises(ValueError, match="order_by"):
        EventFilter(order_by="notes; drop table events").validate()
    with pytest.raises(ValueError, match="radius"):
        EventFilter(point=(1.0, 2.0)).validate()
    with pytest.raises(ValueError, match="bbox"):
        EventFilter(bbox=(5.0, 1.0, 4.0, 2.0)).validate()


def test_summary_counts_types_regions_and_actors(store):
    summary = store.summary()
    assert ("Battles", 2, 73) in summary["event_type"]
    assert summary["admin1"][0][:2] in {("Bamako", 1), ("Gao", 1), ("Koulikoro", 1)}
    assert sum(n for _, n, _ in summary["actor"]) == 3


def test_csv_export_follows_acled_column_order(store):
    out = io.StringIO()
    assert write_events(store.iter_query(), "csv", out=out) == 3
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(rows[0][: len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    assert tuple(rows[0]) == ALL_COLUMNS
    record = dict(zip(rows[0], rows[1]))
    assert record["event_date"] == "2024-09-29" and record["year"] == "2024"
    assert json.loads(record["evidence"])[0]["start"] == 0


def test_geojson_export_is_a_feature_collection_of_points(store):
    out = io.StringIO()
    write_events(store.iter_query(), "geojson", out=out)
    data = json.loads(out.getvalue())
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 3
    gao = next(f for f in data["features"] if f["properties"]["location"] == "Gao")
    assert gao["geometry"] == {"type": "Point", "coordinates": [-0.04, 16.27]}
    assert set(ALL_COLUMNS) <= set(gao["properties"])


def test_jsonl_and_parquet_exports_round_trip(store, tmp_path):
    out = io.StringIO()
    write_events(store.iter_query(EventFilter(order_by="location", descending=False)), "jsonl", out=out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["location"] for r in records] == ["Bamako", "Gao", "Kati"]
    assert Event.from_record(records[0]).event_date == dt.date(2024, 9, 17)

    path = tmp_path / "events.parquet"
    assert write_events(store.iter_query(), "parquet", path=str(path)) == 3
    table = pq.read_table(path)
    assert table.column_names == list(ALL_COLUMNS)
    assert sorted(table.column("fatalities").to_pylist()) == [0, 3, 70]


@pytest.mark.parametrize("backend", ["duckdb", "postgres"])
def test_a_failed_document_write_leaves_nothing_behind(backend, request, tmp_path):
    s = open_store(str(tmp_path / "atomic.duckdb") if backend == "duckdb" else request.getfixturevalue("postgres_url"))
    doc = Document(doc_id="dup", text="Two events with the same id.")
    clash = [_event(1, "Gao", 16.27, -0.04, event_uid="same"), _event(2, "Gao", 16.27, -0.04, event_uid="same")]
    with pytest.raises(Exception):
        s.add_document(doc, clash)
    assert s.document_count() == 0 and s.count() == 0
    assert s.add_document(doc, [_event(1, "Gao", 16.27, -0.04)]) is True
    s.close()


def test_fused_reads_use_the_table_copy_only_while_it_is_current(tmp_path):
    from sahelwatch.store.duckdb import FUSED_TABLE

    path = str(tmp_path / "copy.duckdb")
    with open_store(path) as s:
        s.add_document(Document(doc_id="a", text="First report."), [_event(1, "Gao", 16.27, -0.04)])
        assert s.event_source(EventFilter()) == "events_fused"
        s.refresh_fused_table()  # what `fuse` and `serve` do
        assert s.event_source(EventFilter()) == FUSED_TABLE
        assert [r["location"] for r in s.query()] == ["Gao"]
        s.add_document(Document(doc_id="b", text="Second report."), [_event(2, "Kidal", 18.44, 1.41)])
        # A write makes the copy stale: reads go to the view and see the new event at once.
        assert s.event_source(EventFilter()) == "events_fused"
        assert {r["location"] for r in s.query()} == {"Gao", "Kidal"}
        s.refresh_fused_table()
    with open_store(path) as s:
        assert s.event_source(EventFilter()) == FUSED_TABLE
        assert {r["location"] for r in s.query()} == {"Gao", "Kidal"}
        assert s.event_source(EventFilter(fused=False)) == "events"


def _acled_events(shared, n: int | None = None):
    from sahelwatch.ingest.acled import read_acled

    rows, problems = read_acled(shared / "data/acled/mali_2017.csv", "acled:mali_2017")
    assert problems == []
    rows = rows[:n]
    return [e for _, e, _ in rows], [r for _, _, r in rows]


def test_a_failed_import_leaves_nothing_behind(store_target, shared):
    events, raws = _acled_events(shared, 50)
    with open_store(store_target) as s:
        assert s.import_events("acled:mali_2017", events, raws)["new"] == 50
        before = {r["event_uid"]: r["fatalities"] for r in s.query(EventFilter(fused=False))}
        # a newer export: one corrected row, one new row, then the new row again (a uid
        # twice fails the import after the comparison and the update ran)
        newer, newer_raws = _acled_events(shared, 50)
        newer[0].fatalities = (newer[0].fatalities or 0) + 9
        extra, extra_raws = _acled_events(shared)
        added = extra[60]
        with pytest.raises(Exception):
            s.import_events("acled:mali_2017", newer + [added, added], newer_raws + [extra_raws[60]] * 2)
        assert {r["event_uid"]: r["fatalities"] for r in s.query(EventFilter(fused=False))} == before
        # the same import without the repeat goes through and reports what changed
        report = s.import_events("acled:mali_2017", newer + [added], newer_raws + [extra_raws[60]])
        assert (report["new"], report["changed"], report["unchanged"], report["missing"]) == (1, 1, 49, 0)
        assert report["changed_rows"] == [{"event_uid": newer[0].event_uid, "fields": ["fatalities"]}]
        assert s.count(EventFilter(fused=False)) == 51


def test_bulk_table_import_keeps_the_original_values(store_target, shared):
    from sahelwatch.ingest.acled import read_acled_table

    path = shared / "data/acled/burkina_faso_sample.csv"
    table, problems = read_acled_table(path, "acled:bf")
    with open_store(store_target) as s:
        first = s.import_events("acled:bf", table)
        assert (first["new"], first["rows"]) == (table.num_rows, table.num_rows) and problems == []
        again = s.import_events("acled:bf", table)  # the bulk path round-trips exactly: nothing changed
        assert (again["new"], again["changed"], again["unchanged"]) == (0, 0, table.num_rows)
        uid = table.column("event_uid")[0].as_py()
        raw = json.loads(s.execute("SELECT raw FROM events WHERE event_uid = ?", [uid]).fetchone()[0])
        assert raw == table.column("raw")[0].as_py()
        rec = s.get_event(uid)
        assert rec["latitude"] == table.column("latitude")[0].as_py() and rec["sources"] == ["acled:bf"]


def test_postgres_fused_layer_is_a_view_that_is_always_current(postgres_url):
    from sahelwatch.fuse import fuse_store

    with open_store(postgres_url) as s:
        for doc_id, fatalities in (("a", 77), ("b", 70)):
            s.add_document(Document(doc_id=doc_id, text=f"Report {doc_id}.", source=doc_id),
                           [_event(17, "Bamako", 12.65, -8.0, fatalities=fatalities, sources=[doc_id])])
        assert s.event_source(EventFilter()) == "events_fused"
        assert s.event_source(EventFilter(fused=False)) == "events"
        fuse_store(s)
        assert [(r["member_count"], r["source_count"], r["fatalities"]) for r in s.query()] == [(2, 2, 70)]
        # a write after the fusion is visible at once, as a single event
        s.add_document(Document(doc_id="c", text="Report c."), [_event(29, "Gao", 16.27, -0.04)])
        assert [(r["location"], r["member_count"]) for r in s.query()] == [("Gao", 1), ("Bamako", 2)]
        kind = s.execute("SELECT table_type FROM information_schema.tables WHERE table_name = 'events_fused'").fetchone()
        assert kind == ("VIEW",)
    with open_store(postgres_url) as s:  # a second client: the view is kept, not replaced
        assert s.count() == 2 and s.fused_count() == 1
