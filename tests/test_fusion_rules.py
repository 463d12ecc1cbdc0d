"""Fusion's linking rules on their own (``fuse.link_records`` over plain columns):
generic actors, place names written two ways, victims counted as civilians by one
report and as combatants by another."""

from __future__ import annotations

import datetime as dt

from sahelwatch.fuse import link_records
from sahelwatch.fuse.actors import ActorMatcher
from sahelwatch.fuse.core import places_match

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


def clusters(*rows):
    columns = {f: [r[f] for r in rows] for f in FIELDS}
    found, _ = link_records(columns)
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
