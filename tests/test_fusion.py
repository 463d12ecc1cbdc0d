"""Fusion: the same real event from several sources becomes one fused event; distinct
events stay distinct; nothing is deleted; unlink decisions survive re-fusion.

Store tests run on both backends (``store_target``: a DuckDB file, then a real
PostgreSQL database)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from typer.testing import CliRunner

from sahelwatch.cli import app
from sahelwatch.fuse import FusionConfig, code_fatalities, fuse_store, unlink
from sahelwatch.fuse.actors import ActorMatcher
from sahelwatch.ingest.acled import read_acled
from sahelwatch.schema import Document, Event
from sahelwatch.store import EventFilter, open_store

runner = CliRunner()

BAMAKO = (12.6392, -8.0029)
KATI = (12.7441, -8.0726)
GAO = (16.2717, -0.0447)
SEVARE = (14.5283, -4.0947)


def ev(day: str, place: str, xy: tuple[float, float], actor1="JNIM: Group for Support of Islam and Muslims",
       actor2="Military Forces of Mali (2021-)", etype="Battles", sub="Armed clash", fatalities=None,
       precision=1, time_precision=1, admin1=None, **kw) -> Event:
    return Event(event_date=dt.date.fromisoformat(day), time_precision=time_precision, event_type=etype,
                 sub_event_type=sub, actor1=actor1, inter1=2 if actor1 else None, actor2=actor2,
                 inter2=1 if actor2 else None, country="Mali", admin1=admin1 or place, location=place,
                 latitude=xy[0], longitude=xy[1], geo_precision=precision, fatalities=fatalities, **kw)


def add_doc(store, doc_id: str, events: list[Event], source: str | None = None) -> list[str]:
    text = f"{doc_id}: " + " ".join(f"{e.location} {e.event_date}" for e in events)
    for e in events:
        e.sources = [source or doc_id]
    store.add_document(Document(doc_id=doc_id, text=text, source=source or doc_id), events)
    return [e.event_uid for e in events]


@pytest.fixture
def store(store_target):
    with open_store(store_target) as s:
        yield s


def test_same_attack_from_three_reports_is_one_event_with_three_sources(store):
    a = add_doc(store, "reuters", [ev("2024-09-17", "Bamako", BAMAKO, fatalities=77, confidence=0.8)])
    b = add_doc(store, "rfi", [ev("2024-09-18", "Bamako", (12.65, -7.99), actor1="GSIM", fatalities=70, confidence=0.9)])
    c = add_doc(store, "aljazeera", [ev("2024-09-17", "Bamako", BAMAKO, actor1="Katiba Macina", actor2=None,
                                        etype="Violence against civilians", sub="Attack", fatalities=None, confidence=0.6)])
    stats = fuse_store(store)
    assert stats["fused_events"] == 1 and stats["members"] == 3
    fused = store.query(EventFilter())
    assert len(fused) == 1
    rec = fused[0]
    assert rec["source_count"] == 3 and set(rec["sources"]) == {"reuters", "rfi", "aljazeera"}
    assert sorted(rec["members"]) == sorted(a + b + c)
    assert rec["event_uid"] == "fused:" + min(a + b + c)
    assert rec["fatalities"] == 70  # ACLED's conservative rule: the lowest figure
    assert (rec["fatalities_min"], rec["fatalities_max"]) == (70, 77)
    assert sorted(v["value"] for v in rec["fatalities_values"]) == [70, 77]
    assert rec["event_date"] == "2024-09-17"  # the date two of three give
    assert rec["actor1"] == "Katiba Macina"  # the most specific compatible actor
    assert "event_date" in rec["conflicts"] and "fatalities" in rec["conflicts"]
    assert store.count(EventFilter(fused=False)) == 3  # every member is kept
    detail = store.get_event(rec["event_uid"])
    assert {m["event_uid"] for m in detail["member_events"]} == set(a + b + c)
    assert all(m["document"]["source"] for m in detail["member_events"])


def test_simultaneous_attacks_in_nearby_towns_stay_apart(store):
    # One article lists the 25 April 2026 attacks in one sentence; another reports them too.
    places = [("Bamako", BAMAKO), ("Kati", KATI), ("Gao", GAO), ("Sévaré", SEVARE)]
    add_doc(store, "article-1", [ev("2026-04-25", p, xy) for p, xy in places])
    add_doc(store, "article-2", [ev("2026-04-25", p.replace("é", "e"), (xy[0] + 0.005, xy[1])) for p, xy in places])
    stats = fuse_store(store)
    assert stats["fused_events"] == 4
    fused = store.query(EventFilter())
    assert len(fused) == 4
    for rec in fused:
        assert rec["member_count"] == 2
        assert len({m.split("-")[-1] for m in rec["members"]}) == 1  # same place index in both documents


def test_same_document_events_and_a_week_apart_are_never_merged(store):
    # two attacks on Boni on consecutive days in one report; another report a week later
    add_doc(store, "d1", [ev("2024-03-01", "Boni", (15.08, -1.83)), ev("2024-03-02", "Boni", (15.08, -1.83))])
    add_doc(store, "d2", [ev("2024-03-09", "Boni", (15.08, -1.83))])
    assert fuse_store(store)["fused_events"] == 0
    # a third report of the 2 March attack joins that one only
    add_doc(store, "d3", [ev("2024-03-02", "Boni", (15.081, -1.83))])
    assert fuse_store(store)["fused_events"] == 1
    rec = next(r for r in store.query(EventFilter()) if r["member_count"] == 2)
    assert rec["event_date"] == "2024-03-02"
    assert store.count(EventFilter()) == 3


def test_incompatible_actors_types_and_distance_do_not_merge(store):
    add_doc(store, "d1", [ev("2024-05-10", "Menaka", (15.92, 2.40), actor1="Islamic State (Sahel)")])
    add_doc(store, "d2", [ev("2024-05-10", "Menaka", (15.92, 2.40))])  # JNIM, not IS Sahel
    add_doc(store, "d3", [ev("2024-05-10", "Menaka", (15.92, 2.40), actor1="Protesters (Mali)", actor2=None,
                             etype="Protests", sub="Peaceful protest")])
    add_doc(store, "d4", [ev("2024-05-10", "Menaka", (16.60, 2.40), actor1="Islamic State (Sahel)", precision=2)])  # 75 km
    assert fuse_store(store)["fused_events"] == 0


def test_precision_widens_the_windows(store):
    # day-precise Douentza attack; "near Boni" (precision 2, 30 km off) reported with a
    # week-precision date 5 days off: the same event
    a = add_doc(store, "d1", [ev("2024-02-10", "Douentza", (15.00, -2.95), admin1="Mopti")])
    b = add_doc(store, "d2", [ev("2024-02-15", "Boni area", (15.10, -2.70), precision=2, time_precision=2, admin1="Mopti")])
    # the same with day precision and exact places: 5 days and 30 km apart, not the same event
    add_doc(store, "d3", [ev("2024-05-10", "Douentza", (15.00, -2.95), admin1="Mopti")])
    add_doc(store, "d4", [ev("2024-05-15", "Boni", (15.10, -2.70), admin1="Mopti")])
    fuse_store(store)
    fused = [r for r in store.query(EventFilter()) if r["member_count"] > 1]
    assert len(fused) == 1 and sorted(fused[0]["members"]) == sorted(a + b)
    assert fused[0]["location"] == "Douentza"  # the more precise place
    assert store.count(EventFilter()) == 3


def import_acled_and_a_news_report(store, shared) -> tuple[list, Event, Event]:
    """mali_2017 imported, plus a radio report of one of its battles a day later."""
    rows, _ = read_acled(shared / "data/acled/mali_2017.csv", "acled:mali_2017")
    store.import_events("acled:mali_2017", [e for _, e, _ in rows], [r for _, _, r in rows])
    target = next(e for _, e, _ in rows if e.fatalities and e.fatalities >= 5 and e.geo_precision == 1
                  and e.event_type == "Battles" and e.actor2)
    news = ev(
        (target.event_date + dt.timedelta(days=1)).isoformat(), target.location,
        (target.latitude + 0.01, target.longitude), actor1=target.actor1, actor2=target.actor2,
        etype=target.event_type, sub=target.sub_event_type, fatalities=target.fatalities + 10, admin1=target.admin1,
        confidence=0.7,
    )
    add_doc(store, "local-radio", [news])
    return rows, target, news


def test_acled_row_and_news_report_fuse_and_acled_values_win(store, shared):
    rows, target, news = import_acled_and_a_news_report(store, shared)
    fuse_store(store)
    rec = store.get_event(f"fused:{target.event_uid}") or store.get_event("fused:" + min(target.event_uid, news.event_uid))
    assert rec is not None, "the news report fused with the ACLED row"
    assert rec["event_date"] == target.event_date.isoformat()  # dataset-coded date preferred
    assert rec["fatalities"] == target.fatalities
    assert rec["event_id_cnty"] == target.event_id_cnty
    assert rec["sources"][0] == "acled:mali_2017" and "local-radio" in rec["sources"]
    assert store.count(EventFilter()) == len(rows)  # 476 events, 475 real ones
    # other rules
    for rule, expected in (("max", target.fatalities + 10), ("min", target.fatalities)):
        fuse_store(store, FusionConfig(fatalities_rule=rule))
        assert store.get_event(rec["event_uid"])["fatalities"] == expected


def test_a_corrected_row_keeps_its_fused_event_until_the_next_fusion(store, shared):
    rows, target, news = import_acled_and_a_news_report(store, shared)
    fuse_store(store)
    fid = store.get_event(target.event_uid)["fused_id"]
    assert fid and store.get_event(news.event_uid)["fused_id"] == fid
    # a newer export corrects the row's fatalities: the row is updated in place, still a member
    corrected = target.fatalities + 1
    target.fatalities = corrected  # target is the row's Event in rows
    report = store.import_events("acled:mali_2017", [e for _, e, _ in rows], [r for _, _, r in rows])
    assert (report["changed"], report["fields_changed"]) == (1, {"fatalities": 1})
    assert store.get_event(target.event_uid)["fused_id"] == fid
    fuse_store(store)  # the fused event takes the corrected figure (ACLED's rule: the ACLED row's)
    assert store.get_event(fid)["fatalities"] == corrected


def test_unlink_is_remembered_and_fusion_is_deterministic(store):
    a = add_doc(store, "a", [ev("2024-09-17", "Bamako", BAMAKO, fatalities=77)])
    b = add_doc(store, "b", [ev("2024-09-17", "Bamako", BAMAKO, fatalities=70)])
    c = add_doc(store, "c", [ev("2024-09-18", "Bamako", BAMAKO, fatalities=72)])
    fuse_store(store)
    first = [(r["event_uid"], r["members"]) for r in store.query(EventFilter())]
    fuse_store(store)
    assert [(r["event_uid"], r["members"]) for r in store.query(EventFilter())] == first
    assert len(first) == 1
    fid = first[0][0]
    result = unlink(store, b[0])
    assert result["from"] == fid
    assert store.get_event(b[0])["fused_id"] is None
    assert sorted(store.get_event(result["now"])["members"]) == sorted(a + c)
    fuse_store(store)  # the decision holds
    assert store.get_event(b[0])["fused_id"] is None
    assert store.count(EventFilter()) == 2
    assert store.count(EventFilter(fused=False)) == 3
    with pytest.raises(ValueError):
        unlink(store, b[0])


def test_fatalities_rules():
    members = [{"event_uid": "x", "fatalities": 77, "origin": "coder"},
               {"event_uid": "y", "fatalities": 70, "origin": "coder"},
               {"event_uid": "z", "fatalities": 74, "origin": "coder"},
               {"event_uid": "w", "fatalities": None, "origin": "coder"}]
    assert code_fatalities(members, "acled") == 70
    assert code_fatalities(members, "max") == 77
    assert code_fatalities(members, "median") == 74
    assert code_fatalities(members + [{"event_uid": "a", "fatalities": 75, "origin": "acled"}], "acled") == 75
    assert code_fatalities([{"event_uid": "w", "fatalities": None}], "acled") is None
    with pytest.raises(ValueError):
        code_fatalities(members, "mean")


def test_actor_compatibility_through_the_registry():
    m = ActorMatcher()
    side = m.side
    assert m.side_compatible(side("Katiba Macina", 2, None), side("JNIM: Group for Support of Islam and Muslims", 2, None))
    assert m.side_compatible(side("GSIM", None, None), side("JNIM: Group for Support of Islam and Muslims", 2, None))
    assert m.side_compatible(side("Unidentified Armed Group (Mali)", 3, None), side("Katiba Macina", 2, None))
    assert not m.side_compatible(side("Islamic State (Sahel)", 2, None), side("JNIM: Group for Support of Islam and Muslims", 2, None))
    assert not m.side_compatible(side("Unidentified Armed Group (Mali)", 3, None), side("Military Forces of Mali (2021-)", 1, None))
    assert m.side_compatible(side("Islamic State (Greater Sahara)", 2, None), side("Islamic State (Sahel)", 2, None))


def test_cli_fuse_members_and_unlink(store_target):
    db = store_target
    with open_store(db) as store:
        a = add_doc(store, "a", [ev("2024-09-17", "Bamako", BAMAKO, fatalities=77)])
        add_doc(store, "b", [ev("2024-09-17", "Bamako", BAMAKO, fatalities=70)])
        add_doc(store, "c", [ev("2024-09-17", "Gao", GAO)])
    result = runner.invoke(app, ["fuse", "--db", str(db), "--json", "--fatalities-rule", "max"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["fused_events"] == 1
    fused = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"])
    records = [json.loads(line) for line in fused.stdout.splitlines()]
    assert len(records) == 2
    bamako = next(r for r in records if r["location"] == "Bamako")
    assert bamako["source_count"] == 2 and bamako["fatalities"] == 77 and bamako["origin"] == "fused"
    members = runner.invoke(app, ["events", "--db", str(db), "--members", "--format", "jsonl"])
    assert len(members.stdout.splitlines()) == 3
    exported = runner.invoke(app, ["export", "--db", str(db), "--format", "csv"])
    assert exported.exit_code == 0, exported.output
    by_place = {r["location"]: r for r in csv.DictReader(io.StringIO(exported.stdout))}
    assert (by_place["Bamako"]["source_count"], by_place["Gao"]["source_count"]) == ("2", "1")
    assert sorted(json.loads(by_place["Bamako"]["members"])) == sorted(bamako["members"])
    result = runner.invoke(app, ["unlink", a[0], "--db", str(db)])
    assert result.exit_code == 0, result.output
    again = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"])
    assert len(again.stdout.splitlines()) == 3
    bad = runner.invoke(app, ["fuse", "--db", str(db), "--fatalities-rule", "mean"])
    assert bad.exit_code != 0 and "mean" in bad.output
    runner.invoke(app, ["fuse", "--db", str(db)])  # a and b stay apart now; nothing to show for a
    shown = runner.invoke(app, ["fused", "show", a[0], "--db", str(db)])
    assert shown.exit_code == 0 and json.loads(shown.stdout)["event_uid"] == a[0]


def test_fused_show_lists_members_with_sources(store_target):
    db = store_target
    with open_store(db) as store:
        a = add_doc(store, "a", [ev("2024-09-17", "Bamako", BAMAKO, fatalities=77)])
        b = add_doc(store, "b", [ev("2024-09-17", "Bamako", BAMAKO, fatalities=70)])
        fuse_store(store)
    shown = runner.invoke(app, ["fused", "show", b[0], "--db", str(db)])
    assert shown.exit_code == 0, shown.output
    rec = json.loads(shown.stdout)
    assert rec["event_uid"] == "fused:" + min(a + b)
    assert {m["event_uid"]: m["sources"] for m in rec["member_events"]} == {a[0]: ["a"], b[0]: ["b"]}
    assert rec["conflicts"] == {"fatalities": [70, 77]} or rec["conflicts"] == {"fatalities": [77, 70]}
    bad = runner.invoke(app, ["unlink", rec["event_uid"], "--db", str(db)])
    assert bad.exit_code != 0 and "unlink one of its members" in bad.output


def test_synthetic_duplicates_precision_and_recall(shared, store_target):
    from sahelwatch.fuse.synthetic import make_synthetic, pairwise_scores
    from sahelwatch.knowledge.registry import ActorRegistry

    paths = [shared / "data/acled/mali_2017.csv", shared / "data/acled/burkina_faso_sample.csv"]
    events, truth = make_synthetic(paths, 3000, registry=ActorRegistry.load(), seed=5)
    with open_store(store_target) as store:
        store.import_events("synthetic", events)
        fuse_store(store)
        predicted = dict(store.execute("SELECT event_uid, fused_id FROM events").fetchall())
    scores = pairwise_scores(truth, predicted)
    assert scores["true_links"] > 500
    assert scores["precision"] >= 0.9 and scores["recall"] >= 0.9, scores
