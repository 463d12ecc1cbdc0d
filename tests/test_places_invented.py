"""Place rules of the coder, over a small invented GeoNames dump.

Every name, coordinate and sentence below is made up for the test (a fictional region of
Burkina Faso), so the rules are checked on places no ACLED file or real dump contains.
"""

from __future__ import annotations

import datetime as dt

import pytest

from sahelwatch.extract import Coder
from sahelwatch.knowledge.gazetteer import Gazetteer, haversine_km, phonetic_key, compact_key, name_key
from sahelwatch.knowledge.geonames import import_geonames_dump
from sahelwatch.schema import Document

# id, name, alternate names, lat, lon, class, code, admin1, admin2
_ROWS = [
    (9100001, "Region de Tamberla", "", 12.6, -0.9, "A", "ADM1", "91", ""),
    (9100002, "Province du Kelbo", "", 12.2, -1.2, "A", "ADM2", "91", "911"),
    (9100003, "Province du Mourdi", "", 13.2, -0.5, "A", "ADM2", "91", "912"),
    (9100010, "Kelbo", "", 12.2, -1.2, "P", "PPLA2", "91", "911"),
    (9100011, "Mourdi", "", 13.2, -0.5, "P", "PPLA2", "91", "912"),
    (9100012, "Tamberla", "", 12.6, -0.9, "P", "PPLA", "91", "911"),
    # Two villages of one name, 160 km apart; the first is better known (more names).
    (9100020, "Tabrani", "Tabranni,Tabraniy,Tabrane", 12.25, -1.15, "P", "PPL", "91", "911"),
    (9100021, "Tabrani", "", 13.25, -0.45, "P", "PPL", "91", "912"),
    # A village only a variant spelling finds.
    (9100030, "Djirgadi", "", 12.9, -0.7, "P", "PPL", "91", "912"),
    (9100031, "Soumbali", "", 12.4, -1.0, "P", "PPL", "91", "911"),
    # A commune seat and one of its villages.
    (9100040, "Sambaga", "", 13.1, -0.6, "P", "PPL", "91", "912"),
    (9100041, "Toulbi", "", 13.05, -0.65, "P", "PPL", "91", "912"),
    (9100042, "Dabesma", "", 13.7, -0.2, "P", "PPL", "91", "912"),
    # A Tamasheq name written with its particle apart ("Tin Ouska") or joined ("Ti-n-Ouska").
    (9100050, "Ti-n-Ouska", "", 14.5, 0.5, "P", "PPL", "91", "912"),
    # A second region with no town of its name, and a village name found in both regions (the
    # better-known one in the first).
    (9100060, "Region du Sorgho", "", 11.5, 0.5, "A", "ADM1", "92", ""),
    (9100061, "Kassoumbi", "Kasoumbi,Kassoumby", 12.5, -0.95, "P", "PPL", "91", "911"),
    (9100062, "Kassoumbi", "", 11.6, 0.4, "P", "PPL", "92", ""),
    # A town and its airfield 3 km away, both found only by a variant spelling.
    (9100070, "Aribonda", "", 13.5, -0.3, "P", "PPL", "91", "912"),
    (9100071, "Aribonda Airport", "", 13.48, -0.32, "S", "AIRP", "91", "912"),
    # A commune seat far from its region's centroid, and a hamlet of the same name near it.
    (9100080, "Koudari", "", 13.4, -0.25, "P", "PPLA2", "91", "912"),
    (9100081, "Koudari", "", 12.7, -0.95, "P", "PPL", "91", "911"),
    # A village of the Kelbo province 98 km from the town of Kelbo.
    (9100090, "Wendogo", "", 12.2, -0.3, "P", "PPL", "91", "911"),
]


def _line(row) -> str:
    gid, name, alts, lat, lon, fclass, fcode, a1, a2 = row
    cols = [str(gid), name, name, alts, str(lat), str(lon), fclass, fcode, "BF", "", a1, a2, "", "",
            "0", "", "300", "Africa/Ouagadougou", "2020-01-01"]
    return "\t".join(cols)


@pytest.fixture(scope="module")
def invented(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("invented")
    dump = tmp / "BF.txt"
    dump.write_text("\n".join(_line(r) for r in _ROWS) + "\n", encoding="utf-8")
    index = tmp / "gazetteer.sqlite"
    import_geonames_dump(dump, index=index)
    gaz = Gazetteer.open(index)
    return gaz, Coder(gazetteer=gaz)


def code(coder: Coder, text: str):
    events = coder.extract(Document(doc_id="t", text=text, published=dt.date(2021, 6, 1), country="Burkina Faso"))
    assert events, text
    return events[0]


def near(ev, lat, lon, km=1.0) -> bool:
    return ev.latitude is not None and haversine_km(ev.latitude, ev.longitude, lat, lon) < km


@pytest.mark.parametrize("a,b", [
    ("Amalawlaw", "Amalaoulaou"), ("Diabaly", "Diabali"), ("Solle", "Sole"), ("Djibo", "Jibo"),
    ("Tchériba", "Chériba"), ("Kouakourou", "Kwakuru"), ("Dargho", "Dargo"), ("Sebba", "Seba"),
    ("Tinzaouatene", "Tinzawaten"), ("El-Mansour", "Al Mansour"),
])
def test_phonetic_key_equates_transliteration_variants(a, b):
    assert phonetic_key(compact_key(name_key(a))) == phonetic_key(compact_key(name_key(b)))


@pytest.mark.parametrize("a,b", [("Kelbo", "Kalbo"), ("Boni", "Bani"), ("Gao", "Kao"), ("Mourdi", "Mourdo")])
def test_phonetic_key_keeps_other_vowels_and_consonants_apart(a, b):
    assert phonetic_key(compact_key(name_key(a))) != phonetic_key(compact_key(name_key(b)))


def test_a_variant_spelling_resolves_through_the_phonetic_key(invented):
    gaz, coder = invented
    assert gaz.resolve("Jirgady", "BF").name == "Djirgadi"     # dj/j and y/i, another skeleton bucket
    assert gaz.resolve("Soumbaly", "BF").name == "Soumbali"
    assert gaz.resolve("Kalbo", "BF") is None                  # another vowel is another name
    assert [p.name for p in gaz.lookup("Jirgady", "BF")] == []
    assert [p.name for p in gaz.lookup("Jirgady", "BF", variants=True)] == ["Djirgadi"]
    ev = code(coder, "On 2 May 2021, gunmen killed a herder in Jirgady.")
    assert near(ev, 12.9, -0.7)


def test_the_notes_other_places_pick_the_homonym(invented):
    _gaz, coder = invented
    alone = code(coder, "On 2 May 2021, an IED hit a truck in the Tabrani area.")
    assert near(alone, 12.25, -1.15)                           # the better-known one
    ev = code(coder, "On 2 May 2021, an IED hit a truck in the Tabrani area near Mourdi.")
    assert near(ev, 13.25, -0.45)
    ev = code(coder, "On 2 May 2021, gunmen attacked the village of Tabrani, 10 km from Mourdi, killing two.")
    assert near(ev, 13.25, -0.45)


def test_the_region_after_a_road_names_both_of_its_ends(invented):
    _, coder = invented
    ev = code(coder, "An IED struck an army vehicle between Kassoumbi and Zarbodo, Sorgho; two soldiers died.")
    assert ev.location == "Kassoumbi" and near(ev, 11.6, 0.4)


def test_listed_villages_share_the_parenthesised_units_and_the_first_is_the_scene(invented):
    _gaz, coder = invented
    ev = code(coder, "On 4 July 2021, presumed JNIM militants killed 5 farmers in the village of Toulbi "
                     "and in the nearby hamlet of Zanfo (Sambaga, Mourdi).")
    assert near(ev, 13.05, -0.65) and ev.location == "Toulbi" and ev.geo_precision == 1
    assert ev.admin2 == "Mourdi"
    # The unknown hamlet alone: its commune seat, near.
    ev = code(coder, "On 4 July 2021, presumed JNIM militants killed 5 farmers in the hamlet of Zanfo (Sambaga, Mourdi).")
    assert near(ev, 13.1, -0.6) and ev.geo_precision == 2 and ev.location == "Zanfo"


def test_a_town_name_with_an_article_is_an_area_not_the_scene(invented):
    _gaz, coder = invented
    ev = code(coder, "Tense situation these days in the Tamberla: clashes between jihadists and locals in Soumbali.")
    assert near(ev, 12.4, -1.0)
    # Named alone it still locates the event, near.
    ev = code(coder, "Clashes between jihadists and locals were reported in the Tamberla.")
    assert near(ev, 12.6, -0.9) and ev.geo_precision == 2


def test_a_list_of_towns_is_not_town_then_region(invented):
    _gaz, coder = invented
    ev = code(coder, "On 2 May 2021, soldiers mutinied in Kelbo, Mourdi, Tamberla and Soumbali.")
    assert near(ev, 12.2, -1.2) and ev.admin2 == "Kelbo" and ev.geo_precision == 1
    ev = code(coder, "On 2 May 2021, gunmen killed two traders in Toulbi, Mourdi.")
    assert near(ev, 13.05, -0.65) and ev.admin2 == "Mourdi"


def test_the_commune_of_x_is_x_itself_within_the_province(invented):
    _gaz, coder = invented
    # The note's admin3 is a neighbouring commune 80 km away: X is looked for in the province.
    ev = code(coder, "On 16 May 2021, farmers and herders clashed in the commune of Dabesma (Sambaga, Mourdi), "
                     "leaving four wounded.")
    assert near(ev, 13.7, -0.2) and ev.geo_precision == 2 and ev.admin2 == "Mourdi"


@pytest.mark.parametrize("text", [
    "On 3 May 2021, villagers from Soumbali abducted five villagers from Toulbi over a land dispute.",
    "Youths from the village of Soumbali clashed with residents from Toulbi over a field.",
    "On 3 May 2021, villagers from Soumbali (Kelbo, Kelbo) attacked farmers from Toulbi (Sambaga, Mourdi), wounding two.",
])
def test_the_victims_village_after_the_verb_is_the_scene_not_the_attackers_origin(invented, text):
    _, coder = invented
    assert code(coder, text).location == "Toulbi"


def test_a_village_named_as_the_area_of_a_town_is_the_scene(invented):
    _, coder = invented
    ev = code(coder, "On 3 May 2021, gunmen killed a herder in the Dabesma area of Mourdi.")
    # "the Dabesma area": around the village, so precision 2 (as "in the area of Dabesma").
    assert ev.location == "Dabesma" and ev.geo_precision == 2


def test_a_quarter_of_a_town_stays_the_town(invented):
    _, coder = invented
    ev = code(coder, "On 3 May 2021, gunmen killed a herder in the Dabesma quarter of Mourdi.")
    assert ev.location == "Dabesma" and ev.geo_precision == 1


def test_a_namesake_outside_the_named_unit_is_not_the_place(invented):
    _, coder = invented
    # The only Dabesma the gazetteer knows is in the other province, 200 km away.
    ev = code(coder, "On 3 May 2021, at least three people were killed at Dabesma in Kelbo province in a land dispute.")
    assert ev.location != "Dabesma" and "Kelbo" in (ev.admin2 or "") and ev.geo_precision >= 2


def test_the_commune_the_note_names_is_the_admin3(invented):
    _, coder = invented
    ev = code(coder, "On 3 May 2021, gunmen killed two farmers in Toulbi (Sambaga, Mourdi).")
    assert ev.location == "Toulbi" and ev.admin3 == "Sambaga"
    assert code(coder, "On 3 May 2021, gunmen killed two farmers in Toulbi.").admin3 is None


@pytest.mark.parametrize("text, location", [
    # A lone origin is still the place when nothing else is named.
    ("Villagers from Soumbali were attacked by gunmen on 3 May 2021.", "Soumbali"),
    # A quarter of a town the gazetteer does not know leaves the town as the scene.
    ("On 3 May 2021, residents in the Zangotin area of Mourdi protested against evictions.", "Mourdi"),
    # Soumbali is a village, not a unit: "the Dabesma area of Soumbali" is a hamlet of it, not
    # the Dabesma 170 km away.
    ("On 3 May 2021, residents in the Dabesma area of Soumbali protested.", "Soumbali"),
])
def test_the_town_stays_the_scene(invented, text, location):
    _, coder = invented
    assert code(coder, text).location == location


@pytest.mark.parametrize("text, lat, lon, precision", [
    # a spelling guess placed from a known town is the scene when the variant lies that far away
    ("soldiers beat two herders at their camp at Jirgady, 40 km from Mourdi.", 12.9, -0.7, 1),
    # ... and not when it lies elsewhere: the text means another place, near the town
    ("soldiers beat two herders at their camp at Jirgady, 150 km from Mourdi.", 13.2, -0.5, 2),
    # a place named right before "between X and Y" is the scene; without one, the first end
    ("gunmen abducted two traders in Toulbi, between Kelbo and Mourdi.", 13.05, -0.65, 1),
    ("gunmen abducted two traders between Kelbo and Mourdi.", 12.2, -1.2, 2),
    # "the X area of Y" with a variant spelling of X
    ("gunmen killed a herder in the Dabessma area of Mourdi.", 13.7, -0.2, 2),
    # a Tamasheq name written in two words is one place
    ("clashes were reported between soldiers and militants in the Tin Ouska area.", 14.5, 0.5, 2),
])
def test_where_the_text_places_the_event(invented, text, lat, lon, precision):
    _, coder = invented
    ev = code(coder, "On 3 May 2021, " + text)
    assert near(ev, lat, lon) and ev.geo_precision == precision


def test_a_variant_spelling_named_as_its_own_commune_is_the_town_not_its_airfield(invented):
    _, coder = invented
    ev = code(coder, "On 1 May 2021, gunmen abducted 4 women near Arbonda (Arbonda, Mourdi).")
    assert ev.location == "Aribonda"
    assert near(ev, 13.5, -0.3)


def test_a_commune_named_with_its_region_is_the_seat_not_the_namesake_nearest_the_centroid(invented):
    _, coder = invented
    ev = code(coder, "On 3 May 2021, gunmen abducted 4 traders near Koudari (Koudari, Tamberla).")
    assert near(ev, 13.4, -0.25)


def test_a_report_codes_a_village_once_not_again_at_its_province(invented):
    _, coder = invented
    text = ("Attacks leave 23 dead\n\n"
            "OUAGADOUGOU, June 2 - Gunmen stormed the village of Soumbali in the Kelbo province early on Monday, "
            "setting houses on fire and shooting residents, a local councillor said. Fifteen people were killed there.\n\n"
            "Hours later, the same group attacked the village of Toulbi, killing eight more, the councillor said.\n")
    events = coder.extract(Document(doc_id="r", text=text, published=dt.date(2021, 6, 2), country="Burkina Faso"))
    got = sorted((e.location, e.event_type, e.fatalities, e.event_date) for e in events)
    # "on Monday" of a report filed on Wednesday 2 June (the dateline's date has no year)
    monday = dt.date(2021, 5, 31)
    assert got == [("Soumbali", "Violence against civilians", 15, monday), ("Toulbi", "Violence against civilians", 8, monday)]


def test_a_french_report_is_coded_with_its_passive_voice(invented):
    _, coder = invented
    text = ("Une dizaine de soldats tués dans une embuscade\n\n"
            "OUAGADOUGOU, 2 juin (Agence) - Au moins dix soldats ont été tués lundi dans une embuscade tendue par "
            "des hommes armés non identifiés près de Soumbali, ont indiqué des sources sécuritaires.\n")
    events = coder.extract(Document(doc_id="fr", text=text, published=dt.date(2021, 6, 2), country="Burkina Faso"))
    assert len(events) == 1
    ev = events[0]
    assert (ev.location, ev.event_date, ev.fatalities) == ("Soumbali", dt.date(2021, 5, 31), 10)
    assert ev.actor1 == "Unidentified Armed Group (Burkina Faso)"
    assert ev.actor2.startswith("Military Forces of Burkina Faso")


def test_the_region_of_a_governor_places_the_village(invented):
    _gaz, coder = invented
    alone = code(coder, "On 2 May 2021, gunmen killed three civilians in Kassoumbi.")
    assert near(alone, 12.5, -0.95)                            # the better-known one
    ev = code(coder, "On 2 May 2021, the governor of Sorgho said gunmen killed three civilians in Kassoumbi.")
    assert near(ev, 11.6, 0.4)


def test_a_province_and_region_in_brackets_reach_the_whole_province(invented):
    _gaz, coder = invented
    ev = code(coder, "On 2 May 2021, gunmen killed three civilians in Wendogo (Kelbo, Tamberla).")
    assert near(ev, 12.2, -0.3) and ev.geo_precision == 1
    ev = code(coder, "On 2 May 2021, gunmen killed three civilians in Pelgodin (Kelbo, Tamberla).")
    assert near(ev, 12.2, -1.2) and ev.geo_precision == 2      # unknown village: the province's seat


def test_every_place_reinforcements_were_sent_from_is_an_origin():
    from sahelwatch.nlp.places import find_place_mentions

    known = {"Kassoumbi", "Wendogo", "Tabaye"}.__contains__
    found = {p.name: p.origin for p in find_place_mentions(
        "Army reinforcements sent from Kassoumbi and Wendogo retook Tabaye from the militants.", known=known)}
    assert found == {"Kassoumbi": True, "Wendogo": True, "Tabaye": False}
