"""Fusion's linking rules on their own (``fuse.link_records`` over plain columns):
generic actors, place names written two ways, victims counted as civilians by one
report and as combatants by another."""

from __future__ import annotations

import datetime as dt

import pytest

from sahelwatch.fuse import link_records
from sahelwatch.fuse.actors import ActorMatcher
from sahelwatch.fuse.core import places_match
from sahelwatch.knowledge.gazetteer import Gazetteer
from sahelwatch.knowledge.geonames import import_geonames_dump

JNIM = "JNIM: Group for Support of Islam and Muslims"
ARMY = "Military Forces of Mali (2013-2020)"
FIELDS = ("event_uid", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
          "inter1", "actor2", "assoc_actor_2", "inter2", "country", "admin1", "location", "latitude", "longitude",
          "geo_precision", "fatalities", "doc_id", "dataset", "origin", "confidence")


def record(uid, doc, actor1, inter1, actor2, inter2, etype="Battles", place="Dioura", xy=(14.83, -5.25),
           day="2017-05-10", **kw):
    row = dict.fromkeys(FIELDS)
    row.update(event_uid=uid, event_date=dt.date.fromisoformat(day), time_precision=1, event_type=etype,
               actor1=actor1, inter1=inter1, actor2=actor2, inter2=inter2, country="Mali", admin1="Segou",
               location=place, latitude=xy[0], longitude=xy[1], geo_precision=1, doc_id=doc, origin="coder")
    row.update(kw)
    return row


def clusters(*rows, gazetteer=None):
    columns = {f: [r[f] for r in rows] for f in FIELDS}
    found, _ = link_records(columns, gazetteer=gazetteer)
    return sorted(sorted(c) for c in found)


def test_islamist_militia_is_generic_like_an_unidentified_armed_group():
    m = ActorMatcher()
    assert m.is_generic("islamist militia (mali)") and m.is_generic("unidentified armed group (niger)")
    assert not m.is_generic("jnim")
    side = m.side
    assert m.side_compatible(side("Islamist Militia (Mali)", 3, None), side(JNIM, 2, None))
    assert m.side_compatible(side("Islamist Militia (Burkina Faso)", 3, None), side("Ansaroul Islam", 2, None))
    # still never the state's forces
    assert not m.side_compatible(side("Islamist Militia (Mali)", 3, None), side(ARMY, 1, None))


def test_unnamed_jihadists_and_jnim_attacking_the_army_are_one_event():
    a = record("a", "news", "Islamist Militia (Mali)", 3, ARMY, 1)
    b = record("b", "acled", JNIM, 2, ARMY, 1, doc_id=None, dataset="acled:x", origin="acled")
    c = record("c", "other-news", ARMY, 1, "Islamist Militia (Mali)", 3)  # sides swapped
    assert clusters(a, b, c) == [["a", "b", "c"]]


def test_place_names_ending_with_the_other():
    assert places_match("the forest of koflande", "koflande")
    assert places_match("koflande", "the forest of koflande")
    assert places_match("gao", "gao")
    assert not places_match("bamako senou", "bamako")
    assert not places_match("kati", "bamako")
    assert not places_match("", "")
    near = record("a", "one", JNIM, 2, ARMY, 1, place="the forest of Dioura", xy=(14.90, -5.25))  # ~8 km
    village = record("b", "two", JNIM, 2, ARMY, 1, place="Dioura")
    assert clusters(near, village) == [["a", "b"]]
    other = record("c", "three", JNIM, 2, ARMY, 1, place="Diabaly", xy=(14.90, -5.25))  # another name, 8 km
    assert clusters(other, village) == []


def test_victims_as_civilians_or_combatants_when_the_attacker_is_named():
    clash = record("a", "one", "GATIA: Imghad Tuareg and Allies Self-Defense Group", 2, "Fulani Ethnic Militia (Mali)", 4)
    killing = record("b", "two", "GATIA: Imghad Tuareg and Allies Self-Defense Group", 2, "Civilians (Mali)", 7,
                     etype="Violence against civilians")
    assert clusters(clash, killing) == [["a", "b"]]
    # An unnamed attacker is not enough to say the two are one event.
    clash_unnamed = record("c", "three", "Unidentified Armed Group (Mali)", 3, ARMY, 1)
    killing_unnamed = record("d", "four", "Unidentified Armed Group (Mali)", 3, "Civilians (Mali)", 7,
                             etype="Violence against civilians")
    assert clusters(clash_unnamed, killing_unnamed) == []
    # Different named attackers stay apart whatever the victims.
    other = record("e", "five", "Islamic State (Sahel)", 2, "Civilians (Mali)", 7, etype="Violence against civilians")
    assert clusters(clash, other) == []


def test_a_community_militia_and_its_communitys_ethnic_militia_are_one_side():
    m = ActorMatcher()
    side = m.side
    assert m.side_compatible(side("Dozo Militia", 4, None), side("Bambara Ethnic Militia (Mali)", 4, None))
    assert m.side_compatible(side("Dogon Ethnic Militia (Mali)", 4, None), side("Dan Na Ambassagou", 4, None))
    assert not m.side_compatible(side("Dan Na Ambassagou", 4, None), side("Fulani Ethnic Militia (Mali)", 4, None))
    report = record("a", "news", "Dozo Militia", 4, "Fulani Ethnic Militia (Mali)", 4)
    row = record("b", None, "Bambara Ethnic Militia (Mali)", 4, "Fulani Ethnic Militia (Mali)", 4,
                 dataset="acled:x", origin="acled")
    assert clusters(report, row) == [["a", "b"]]


def placeless(uid, doc, actor1, inter1, actor2, inter2, **kw):
    return record(uid, doc, actor1, inter1, actor2, inter2, place=None, xy=(None, None), admin1=None, **kw)


def test_a_placeless_event_links_to_the_only_candidate_that_day():
    note = placeless("n", "news", JNIM, 2, ARMY, 1)
    row = record("r", None, JNIM, 2, ARMY, 1, dataset="acled:x", origin="acled")
    assert clusters(note, row) == [["n", "r"]]


def test_a_placeless_event_takes_the_clearly_most_alike_of_several_candidates():
    note = placeless("n", "news", JNIM, 2, ARMY, 1, sub_event_type="Armed clash", fatalities=4)
    alike = record("r1", None, JNIM, 2, ARMY, 1, sub_event_type="Armed clash", fatalities=4,
                   dataset="acled:x", origin="acled")
    other = record("r2", None, "Unidentified Armed Group (Mali)", 3, ARMY, 1, sub_event_type="Attack", fatalities=1,
                   place="Gao", xy=(16.27, -0.04), dataset="acled:x", origin="acled")
    assert clusters(note, alike, other) == [["n", "r1"]]


def test_a_placeless_event_between_equally_alike_candidates_stays_alone():
    note = placeless("n", "news", JNIM, 2, ARMY, 1, sub_event_type="Armed clash", fatalities=4)
    one = record("r1", None, JNIM, 2, ARMY, 1, sub_event_type="Armed clash", fatalities=4,
                 dataset="acled:x", origin="acled")
    two = record("r2", None, JNIM, 2, ARMY, 1, sub_event_type="Armed clash", fatalities=4,
                 place="Gao", xy=(16.27, -0.04), dataset="acled:x", origin="acled")
    assert clusters(note, one, two) == []


# An invented Malian dump: two villages named "Kerbasso" 150 km apart, and a "Tiwali".
_NAMESAKE_ROWS = [
    (9200001, "Kerbasso", 14.00, -5.00, "P", "PPL"),
    (9200002, "Kerbasso", 15.20, -4.40, "P", "PPL"),
    (9200003, "Tiwali", 14.50, -6.00, "P", "PPL"),
    (9200004, "Cercle de Kerbasso", 13.50, -5.50, "A", "ADM2"),
]


@pytest.fixture(scope="module")
def namesake_gazetteer(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("namesakes")
    dump = tmp / "ML.txt"
    dump.write_text("".join(
        "\t".join([str(gid), name, name, "", str(lat), str(lon), fclass, fcode, "ML", "", "90", "", "", "", "0", "",
                   "300", "Africa/Bamako", "2020-01-01"]) + "\n"
        for gid, name, lat, lon, fclass, fcode in _NAMESAKE_ROWS), encoding="utf-8")
    index = tmp / "gazetteer.sqlite"
    import_geonames_dump(dump, index=index)
    with Gazetteer.open(index) as gaz:
        yield gaz


def test_a_report_may_mean_a_namesake_of_its_place(namesake_gazetteer):
    # The coder put the report at the first Kerbasso; the dataset codes the second one.
    report = record("n", "news", JNIM, 2, ARMY, 1, place="Kerbasso", xy=(14.00, -5.00))
    row = record("r", None, JNIM, 2, ARMY, 1, place="Kerbasso", xy=(15.21, -4.41), dataset="acled:x", origin="acled")
    assert clusters(report, row) == []  # 150 km apart by coordinates alone
    assert clusters(report, row, gazetteer=namesake_gazetteer) == [["n", "r"]]
    # Another name at the row's point: the report does not name it.
    elsewhere = dict(row, location="Tessoum")
    assert clusters(report, elsewhere, gazetteer=namesake_gazetteer) == []
    # A row at a Kerbasso the gazetteer does not know (no namesake within 25 km of it).
    unknown = dict(row, latitude=16.5, longitude=-3.0)
    assert clusters(report, unknown, gazetteer=namesake_gazetteer) == []
    # The district named like the village is not a village the report could mean.
    district = dict(row, latitude=13.50, longitude=-5.50)
    assert clusters(report, district, gazetteer=namesake_gazetteer) == []
    # Two datasets' rows: each placed its event on purpose, namesakes or not.
    other_row = dict(report, event_uid="u", doc_id=None, dataset="ucdp:y", origin="ucdp")
    assert clusters(other_row, row, gazetteer=namesake_gazetteer) == []


def test_a_crowd_is_one_side_whether_reports_call_it_rioters_protesters_or_a_local_militia():
    m = ActorMatcher()
    side = m.side
    rioters = side("Rioters (Mali)", 5, None)
    assert m.side_compatible(rioters, side("Protesters (Mali)", 6, None))
    assert m.side_compatible(side("Unidentified Communal Militia (Mali)", 4, None), rioters)
    assert m.side_compatible(rioters, side("Kelbo Communal Militia (Mali)", 4, None))
    # a militia the registry names is an organisation, not a crowd
    assert not m.side_compatible(rioters, side("Dan Na Ambassagou", 4, None))
    assert not m.side_compatible(side("Protesters (Mali)", 6, None), side("Unidentified Communal Militia (Mali)", 4, None))
    # A market brawl: a report's communal clash and the dataset's riot at the same place, same day.
    report = record("a", "news", "Unidentified Communal Militia (Mali)", 4, "Unidentified Communal Militia (Mali)", 4,
                    place="Kelbo", xy=(14.1, -4.2))
    row = record("b", None, "Rioters (Mali)", 5, "Rioters (Mali)", 5, etype="Riots", place="Kelbo", xy=(14.1, -4.2),
                 dataset="acled:x", origin="acled")
    assert clusters(report, row) == [["a", "b"]]
