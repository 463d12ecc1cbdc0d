"""``sahelwatch import ucdp``: a GED-format file (real GED column names) into ACLED's schema."""

from __future__ import annotations

import csv
import json

from typer.testing import CliRunner

from sahelwatch.cli import app
from sahelwatch.store import EventFilter, open_store

runner = CliRunner()

GED_COLUMNS = [
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id",
    "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
    "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office", "source_date",
    "source_headline", "source_original", "where_prec", "where_coordinates", "where_description", "adm_1", "adm_2",
    "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region", "event_clarity",
    "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best",
    "high", "low", "gwnoa", "gwnob",
]


def ged_row(**values) -> dict:
    row = {c: "" for c in GED_COLUMNS}
    row.update({"year": "2024", "active_year": "1", "code_status": "Clear", "region": "Africa", "country_id": "432",
                "number_of_sources": "2", "event_clarity": "1", "date_prec": "1"})
    row.update({k: str(v) for k, v in values.items()})
    return row


def write_ged(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=GED_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_ucdp_ged_mapping(tmp_path, store_target):
    rows = [
        ged_row(id=501001, type_of_violence=1, side_a="Government of Mali", side_b="JNIM",
                source_article="Reuters 2024-09-18", source_office="Reuters",
                source_headline="Gunmen attack gendarmerie school in Bamako", where_prec=1,
                where_coordinates="Bamako town", where_description="Faladié, Bamako", adm_1="Bamako district",
                latitude=12.6392, longitude=-8.0029, country="Mali", date_start="2024-09-17", date_end="2024-09-17",
                best=77, low=70, high=100, deaths_a=70, deaths_b=7),
        ged_row(id=501002, type_of_violence=2, side_a="Dan Na Ambassagou", side_b="Fulani supporters",
                source_office="AFP", where_prec=2, where_coordinates="Bankass", adm_1="Mopti region",
                latitude=14.08, longitude=-3.52, country="Mali", date_start="2024-03-01", date_end="2024-03-05",
                best=12, low=10, high=15),
        ged_row(id=501003, type_of_violence=3, side_a="IS Sahel", side_b="Civilians",
                source_office="RFI", source_headline="Drone strike kills villagers near Ménaka",
                where_prec=4, where_coordinates="Ménaka region", adm_1="Ménaka region",
                latitude=15.9, longitude=2.4, country="Mali", date_start="2024-06-01", date_end="2024-06-30", best=9),
        ged_row(id=501004, type_of_violence=1, side_a="Government of Mali", side_b="FLA", where_prec=1,
                where_coordinates="Tinzaouaten", latitude="north", longitude=3.0, country="Mali",
                date_start="2024-07-27", date_end="2024-07-27", best=40),
        ged_row(id=501005, type_of_violence=4, side_a="Government of Mali", side_b="FLA", where_prec=1,
                latitude=19.0, longitude=3.0, country="Mali", date_start="2024-07-28", date_end="2024-07-28", best=1),
    ]
    path = write_ged(tmp_path / "ged_sample.csv", rows)
    db = store_target
    result = runner.invoke(app, ["import", "ucdp", str(path), "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout[result.stdout.index("{"):])
    assert report["new"] == 3
    assert report["problems"][0] == f"{path}:5:latitude: expected a number, got 'north'"
    assert report["problems"][1].startswith(f"{path}:6:type_of_violence:")

    with open_store(db) as store:
        state = store.get_event("ucdp:ged_sample:501001")
        assert state["event_type"] == "Battles" and state["sub_event_type"] == "Armed clash"
        assert state["actor1"] == "Military Forces of Mali" and state["inter1"] == 1
        assert state["actor2"].startswith("JNIM") and state["inter2"] == 2  # the registry's ACLED name
        assert state["interaction"] == 12
        assert state["fatalities"] == 77 and state["time_precision"] == 1 and state["geo_precision"] == 1
        assert state["location"] == "Bamako" and state["admin1"] == "Bamako"
        assert state["origin"] == "ucdp" and state["sources"] == ["ucdp:ged_sample"]
        raw = json.loads(store.execute("SELECT raw FROM events WHERE event_uid = ?", ["ucdp:ged_sample:501001"]).fetchone()[0])
        assert (raw["low"], raw["high"], raw["source_article"]) == ("70", "100", "Reuters 2024-09-18")

        communal = store.get_event("ucdp:ged_sample:501002")
        assert communal["event_type"] == "Battles" and communal["inter2"] == 4
        assert communal["time_precision"] == 2 and communal["geo_precision"] == 2 and communal["admin1"] == "Mopti"

        one_sided = store.get_event("ucdp:ged_sample:501003")
        assert one_sided["event_type"] == "Explosions/Remote violence" and one_sided["sub_event_type"] == "Air/drone strike"
        assert one_sided["actor2"] == "Civilians (Mali)" and one_sided["inter2"] == 7
        assert one_sided["time_precision"] == 3 and one_sided["geo_precision"] == 3
        assert store.count(EventFilter(origin="ucdp", fused=False)) == 3

    again = runner.invoke(app, ["import", "ucdp", str(path), "--db", db, "--json"])
    assert json.loads(again.stdout[again.stdout.index("{"):])["unchanged"] == 3
