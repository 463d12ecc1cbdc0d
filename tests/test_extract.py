"""The event coder on real inputs: the seed reports and ACLED-style notes.

The seeds are read from ../shared; the short notes below are written for these tests in
ACLED's style (they are not copied from the shared ACLED files).
"""

from __future__ import annotations

import datetime as dt

import pytest

from sahelwatch.extract import Coder
from sahelwatch.knowledge.gazetteer import Gazetteer
from sahelwatch.knowledge.geonames import build_default_index
from sahelwatch.nlp.dates import find_dates
from sahelwatch.nlp.numbers import count_fatalities
from sahelwatch.schema import EVENT_TYPES, Document, actor_key


@pytest.fixture(scope="module")
def coder(tmp_path_factory) -> Coder:
    # The built-in default gazetteer, built once for the module (each test has its own home).
    path = tmp_path_factory.mktemp("gaz") / "default.sqlite"
    build_default_index(path)
    return Coder(gazetteer=Gazetteer.open(path))


def seed(shared, prefix: str) -> str:
    return next((shared / "seeds").glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def check_invariants(doc: Document, events) -> None:
    for ev in events:
        assert ev.event_type in EVENT_TYPES and ev.sub_event_type in EVENT_TYPES[ev.event_type]
        assert 0.0 <= ev.confidence <= 1.0
        assert ev.evidence, "every event cites its evidence"
        for e in ev.evidence:
            assert doc.text[e.start:e.end] == e.text
        assert ev.interaction is not None and ev.doc_id == doc.doc_id
    assert [e.confidence for e in events] == sorted((e.confidence for e in events), reverse=True)


# ------------------------------------------------------------------ dates
P = dt.date(2026, 4, 27)


@pytest.mark.parametrize("text, date, precision", [
    ("On Sept. 17, militants attacked", dt.date(2025, 9, 17), 1),
    ("On 16 February 2021, gunmen", dt.date(2021, 2, 16), 1),
    ("Around 26 November 2020 (between 26 - 27 November), gunmen", dt.date(2020, 11, 26), 2),
    ("in late April, the offensive", dt.date(2026, 4, 25), 2),
    ("In 2022, JNIM claimed", dt.date(2022, 1, 1), 3),
    ("in November 2023, the army", dt.date(2023, 11, 15), 3),
    # a span is coded on its middle day (the earlier of two), as ACLED's "Around X (between A - B)" notes show
    ("Between 14 and 16 June 2018, militiamen", dt.date(2018, 6, 15), 2),
    ("During the week of 17 to 21 February 2020, teachers", dt.date(2020, 2, 19), 2),
    ("Around 31 October 2021 (between 30 October - 1 November), militants", dt.date(2021, 10, 31), 2),
    ("between 30 December 2019 and 2 January 2020, soldiers", dt.date(2019, 12, 31), 2),
    ("from 6 to 7 October 2021, gunmen", dt.date(2021, 10, 6), 1),
    ("Overnight from 18 to 19 January 2020, militants raided", dt.date(2020, 1, 18), 1),
    ("On 3 and 5 May 2020, gunmen attacked", dt.date(2020, 5, 3), 1),
    ("le 3 mars 2021, des hommes armés", dt.date(2021, 3, 3), 1),
    ("yesterday gunmen killed", dt.date(2026, 4, 26), 1),
    ("on Friday, soldiers", dt.date(2026, 4, 24), 1),
    ("killed on 19/07 near", dt.date(2025, 7, 19), 1),
    ("16-Feb-21", dt.date(2021, 2, 16), 1),
])
def test_dates_resolve_against_publication(text, date, precision):
    found = [d for d in find_dates(text, P) if d.date is not None]
    assert found and (found[0].date, found[0].precision) == (date, precision)


def test_relative_dates_stay_unresolved_without_publication_date():
    assert all(d.date is None for d in find_dates("On Sept. 17 and yesterday", None))


# ------------------------------------------------------------------ fatalities
@pytest.mark.parametrize("text, expected", [
    ("The violence left more than 70 people dead and over 200 injured.", 70),
    ("The two armed groups said eleven bandits were killed.", 11),
    ("Three witnesses told reporters that four men were killed.", 4),
    ("Two soldiers were reported dead.", 2),
    ("Gunmen raided the village, killing the imam and other residents. The death toll was 14.", 14),
    ("Gunmen stormed the market. Death tolls given by residents ranged from 19 to 24.", 19),
    ("Six soldiers were killed in the ambush. The death toll later rose to 9.", 9),
    ("At least 15 soldiers were killed, in addition to the suicide bomber.", 16),
    ("The bomber and four policemen were killed.", 5),
    ("The bomber and one guard were killed.", 2),
    ("Two unidentified gunmen on a motorbike shot and killed a teacher in front of his school.", 1),
    ("Dozo hunters attacked a hamlet two days after gunmen killed a village chief nearby. Six herders were killed.", 6),
    ("Militants executed the chief of Gorom and one of his brothers.", 2),
    ("Residents and the CMA said nine civilians, including four children, were killed.", 9),
    ("Residents of sector 4 of Kaya beat to death a man accused of theft.", 1),
    ("Soldiers killed herders near Tera. Residents gave a toll of six, while an association said 11 people were killed.", 6),
    ("A security source reported four people killed, two soldiers and two drivers, while JNIM claimed to have killed "
     "20 soldiers.", 4),
    ("The army claimed to have killed 30 assailants; residents said they saw the bodies of at least five militants.", 5),
    ("4 civilians, 2 assailants and 1 soldier dead.", 7),
    ("Dozens of fighters were killed in the clashes.", 12),
    ("Several villagers were killed.", 3),
    ("Three soldiers were wounded.", None),
    ("No casualties were reported.", 0),
    ("Gunmen killed a trader and wounded two others.", 1),
    ("Two soldiers killed; the army says it killed 6 assailants.", 8),
    ("At least 5 people were killed, including 2 soldiers.", 5),
    ("Les assaillants ont tué trois civils.", 3),
    ("L'armée a neutralisé une dizaine de terroristes lors d'une frappe aérienne.", 10),
    ("Une embuscade contre un convoi près de Douentza a fait deux morts parmi les militaires.", 2),
    ("The attack on the camp killed 5 soldiers and 2 assailants, and wounded 10.", 7),
    # The coder's own statement wins; a range gives its lower figure.
    ("Heavy losses among the militants (unknown fatalities coded as 10).", 10),
    ("Gunmen ambushed a convoy, killing and wounding several (fatalities coded as 3).", 3),
    ("A patrol was ambushed near the river: 5-7 killed and 3 wounded.", 5),
    ("Clashes over 5-10 June left 4 dead.", 4),
    # An aside between the figure and its verb.
    ("Six herders, most of whom were from the same family, were killed by gunmen.", 6),
    # Two singular victims.
    ("A teacher and his brother were killed by gunmen.", 2),
    ("Gunmen killed a farmer and his wife.", 2),
    ("The clash left one dead and another seriously wounded.", 1),
    ("Gunmen killed a farmer and wounded his son.", 1),
    # The attackers' number is not the toll; "one of the three" is one.
    ("3 armed men stormed the market killing a trader.", 1),
    ("Two gunmen shot dead a teacher at his home.", 1),
    ("Four soldiers were wounded. One of the four soldiers succumbed to his wounds.", 1),
    # Deaths told without "killed".
    ("A herder was beheaded by militants near the well.", 1),
    ("A wounded guard later succumbed in hospital.", 1),
    # Whole words: "villagers" are people even though "villages" are not.
    ("Armed men killed 7 villagers and burned 3 villages.", 7),
    # The part killed of a group taken, not the group; a guess does not top a stated figure.
    ("Soldiers rounded up about 25 men in Kordali and executed at least 9 of them.", 9),
    ("Five hunters and an unknown number of assailants were killed.", 5),
    # A list of victims with longer nouns, and the bomber who died with them.
    ("Militants stormed the town, killing 3 members of the local militia and 2 traders.", 5),
    ("A bomber blew himself up at the gate, killing two guards and the attacker.", 3),
    # A thing's name before a person's is a kind of person.
    ("Militants executed two village chiefs accused of informing the army.", 2),
    # Deaths told as a loss or as "the death of": the side's own dead count too.
    ("Five gendarmes lost their lives in the ambush.", 5),
    ("The army said 12 assailants were killed and that it lost three soldiers.", 15),
    ("The gendarmerie announced 8 attackers neutralised and confirmed the death of two gendarmes.", 10),
    # A breakdown or a description between the figure and its verb.
    ("Nine traders, including a woman, were killed.", 9),
    ("At least 14 villagers, mostly women and children, were killed and dozens injured.", 14),
    ("Dozens of people, villagers and herders alike, were killed.", 12),
    ("Six travellers, two of them children, died when the bus struck a mine.", 6),
    ("Several dozen militants were neutralised in the strikes.", 12),
    # Relatives and the bomber himself.
    ("Gunmen shot dead a chief and his three brothers.", 4),
    ("A bomber blew himself up at the gate, killing three guards as well as himself.", 4),
    # A range in words is its lower figure.
    ("Militants raided the village, killing between six and nine civilians.", 6),
    # A group taken, then killed.
    ("Soldiers detained eight herders, most of them young, near the well and executed them.", 8),
    # A side's claim and another's toll of the same dead: the lower; of different dead: both.
    ("The militants claimed to have killed 50 soldiers, while the army admitted 20 soldiers dead.", 20),
    ("The army claimed to have killed 30 militants, while four soldiers lost their lives.", 34),
    ("The militants claimed an attack that killed 3 soldiers; two soldiers died of their wounds later.", 5),
    # The year of a date is no toll.
    ("Around 3 May 2022 (between 3 - 4 May), gunmen killed two farmers.", 2),
    # Two reporters' tolls of the same dead: the lower, a precise one over a vague one, per kind.
    ("The governor reported 8 gendarmes dead, while the rebels claimed in a video to have killed 25 gendarmes.", 8),
    ("The army said it had lost three soldiers and that eleven attackers died. The group said it killed 20 soldiers.", 14),
    ("Officials said 6 soldiers were killed; the insurgents said more than 15 soldiers died.", 6),
    ("Killing 9 herders, according to the mayor. A herders' union said 14 were killed.", 9),
    ("The ministry said 5 guards died. The militants claimed in a statement to have killed dozens of guards.", 5),
    ("Local sources said 4 villagers were killed. In another attack, officials said 3 villagers were killed.", 7),
    # Background deaths: the cause of a riot, an earlier attack.
    ("Youths burned tyres and stoned the gendarmerie after a trader died in custody. Gendarmes fired in the air.", None),
    ("Residents marched on the town hall following the death of a farmer, and a protester was shot dead.", 1),
    ("The army took back the camp it had lost a week earlier, in an assault in which 9 soldiers had died. Two militants were killed.", 2),
    ("Soldiers killed 3 gunmen who had previously murdered a teacher.", 3),
    # Victims listed one by one, the bomber with them, a group found dead.
    ("Gunmen stopped the truck, killing the driver and his apprentice.", 2),
    ("Assailants shot dead the imam of the mosque, his brother and a neighbour.", 3),
    ("An attacker drove a car bomb into the post and detonated it, killing himself and two policemen.", 3),
    ("Four guards were killed, as was the attacker.", 5),
    ("Gunmen abducted five traders at the market. Their bodies were found two days later near the river.", 5),
    ("Eight militants from both factions were killed.", 8),
])
def test_fatalities_are_coded_conservatively(text, expected):
    assert count_fatalities(text) == expected


# ------------------------------------------------------------------ short notes
def _assert_sides(ev, expected) -> None:
    """``expected`` = (sub-event type, actor1 prefix, actor2 prefix)."""
    assert ev.sub_event_type == expected[0] and ev.actor1.startswith(expected[1]) and \
        (ev.actor2 or "").startswith(expected[2]), (ev.sub_event_type, ev.actor1, ev.actor2)


def code_one(coder, text, country="Mali", published=dt.date(2021, 3, 1)):
    doc = Document(doc_id="n", text=text, published=published, country=country)
    events = coder.extract(doc)
    check_invariants(doc, events)
    assert len(events) == 1
    return events[0]


def test_note_abduction_by_jnim_component(coder):
    ev = code_one(coder, "On 12 January 2021, suspected Katiba Macina (JNIM) militants abducted three farmers "
                         "near Djenne (Djenne, Mopti).")
    assert (ev.event_type, ev.sub_event_type) == ("Violence against civilians", "Abduction/forced disappearance")
    assert ev.actor1 == "Katiba Macina" and ev.assoc_actor_1.startswith("JNIM")
    assert ev.actor2 == "Civilians (Mali)" and "Farmers (Mali)" in ev.assoc_actor_2
    assert (ev.inter1, ev.inter2, ev.interaction) == (2, 7, 27)
    assert ev.civilian_targeting == "Civilian targeting"
    assert ev.event_date == dt.date(2021, 1, 12) and ev.time_precision == 1
    assert ev.geo_precision == 2 and ev.admin1 == "Mopti" and ev.fatalities == 0


def test_note_ied_on_army(coder):
    ev = code_one(coder, "On 3 March 2021, a Malian army vehicle struck an IED near Boni, killing two soldiers.")
    assert (ev.event_type, ev.sub_event_type) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert actor_key(ev.actor2) == "military forces of mali" and ev.actor2 == "Military Forces of Mali (2020-2021)"
    assert ev.fatalities == 2


def test_note_protest_with_intervention(coder):
    ev = code_one(coder, "On 2 February 2021, hundreds of students staged a demonstration in Bamako against the "
                         "closure of schools. Police dispersed the demonstrators with tear gas.")
    assert (ev.event_type, ev.sub_event_type) == ("Protests", "Protest with intervention")
    assert ev.actor1 == "Protesters (Mali)" and ev.inter1 == 6 and "Students (Mali)" in (ev.assoc_actor_1 or "")
    assert ev.location == "Bamako" and ev.latitude is not None


def test_note_clash_between_army_and_jihadists(coder):
    ev = code_one(coder, "On 8 April 2021, FAMa clashed with JNIM militants near Douentza. Four soldiers and "
                         "ten militants were killed.")
    assert (ev.event_type, ev.sub_event_type) == ("Battles", "Armed clash")
    assert {actor_key(ev.actor1), actor_key(ev.actor2)} == {"military forces of mali", "jnim"}
    assert ev.fatalities == 14 and ev.interaction == 12


def test_note_without_date_uses_publication_week(coder):
    ev = code_one(coder, "Unknown gunmen killed a trader in Gao.", published=dt.date(2021, 5, 4))
    assert ev.event_date == dt.date(2021, 5, 4) and ev.time_precision == 2
    assert ev.actor1 == "Unidentified Armed Group (Mali)" and ev.fatalities == 1


def test_wire_item_dateline_sentence_is_neither_date_nor_evidence(coder):
    text = ("Bamako, 18 September 2024. On 17 September 2024, JNIM militants attacked the gendarmerie "
            "school in Bamako, killing more than 70 people.")
    [event] = coder.extract(Document(doc_id="w", text=text, published=dt.date(2024, 9, 18), country="Mali"))
    assert event.event_date == dt.date(2024, 9, 17)
    assert event.evidence[0].text.startswith("On 17 September 2024")
    assert text[event.evidence[0].start:event.evidence[0].end] == event.evidence[0].text
    assert event.fatalities == 70


def test_an_ally_of_actor1_is_not_its_opponent(coder):
    ev = code_one(coder, "On 14 November 2023, Malian forces, with the assistance of Wagner fighters, retook the town of Kidal.")
    assert ev.sub_event_type == "Government regains territory"
    assert "Wagner" in (ev.assoc_actor_1 or "")
    assert "Wagner" not in (ev.actor2 or "")


def test_note_french(coder):
    ev = code_one(coder, "Le 3 mars 2021, des hommes armés non identifiés ont enlevé deux commerçants à Ségou.")
    assert ev.event_type == "Violence against civilians" and ev.sub_event_type == "Abduction/forced disappearance"
    assert ev.event_date == dt.date(2021, 3, 3) and ev.admin1 == "Segou"


# ------------------------------------------------------------------ long reports (the seeds)
def test_seed_april_2026_offensive_one_event_per_place(coder, shared):
    text = seed(shared, "001")
    doc = Document(doc_id="001", text=text, published=dt.date(2026, 4, 27))
    events = coder.extract(doc)
    check_invariants(doc, events)
    april = [e for e in events if e.event_date and e.event_date.year == 2026 and e.event_date.month == 4]
    places = {e.location for e in april}
    for place in ("Bamako", "Kati", "Gao", "Mopti", "Sévaré"):
        assert place in places, (place, places)
    kidal = [e for e in april if e.location == "Kidal"]
    assert kidal and kidal[0].sub_event_type == "Non-state actor overtakes territory"
    assert actor_key(kidal[0].actor1) == "fla"
    kidal_2023 = [e for e in events if e.location == "Kidal" and e.event_date and e.event_date.year == 2023]
    assert kidal_2023 and kidal_2023[0].time_precision == 3


def test_seed_bamako_2024_attack(coder, shared):
    text = seed(shared, "003")
    doc = Document(doc_id="003", text=text, published=dt.date(2024, 9, 20))
    events = coder.extract(doc)
    check_invariants(doc, events)
    bamako = [e for e in events if e.location == "Bamako" and e.event_date == dt.date(2024, 9, 17)]
    assert bamako and bamako[0].fatalities == 70 and actor_key(bamako[0].actor1) == "jnim"
    kati = [e for e in events if e.location == "Kati" and e.event_date and e.event_date.year == 2022]
    assert kati and kati[0].time_precision == 3
    kidal = [e for e in events if e.location == "Kidal" and e.event_date == dt.date(2023, 11, 15)]
    assert kidal and kidal[0].sub_event_type == "Government regains territory"
    assert actor_key(kidal[0].actor1) == "military forces of mali"


def test_month_day_dates_take_their_year_from_the_report_text(coder, shared):
    # Without a publication date, "On Sept. 17" gets its year from "Sept. 17, 2024" in the text.
    doc = Document(doc_id="003", text=seed(shared, "003"), published=None)
    events = coder.extract(doc)
    assert any(e.location == "Bamako" and e.event_date == dt.date(2024, 9, 17) for e in events)


def test_unresolved_dates_in_reports_stay_unresolved(coder, shared):
    # Seed 000 gives no publication date: its "late April" offensive has no year to resolve to.
    doc = Document(doc_id="000", text=seed(shared, "000"), published=None)
    events = coder.extract(doc)
    check_invariants(doc, events)
    assert any(e.location == "Bamako" and e.event_date is None for e in events)


def test_background_statements_are_not_events(coder, shared):
    for prefix in ("000", "001", "002", "003", "004"):
        text = seed(shared, prefix)
        doc = Document(doc_id=prefix, text=text, published=None)
        events = coder.extract(doc)
        check_invariants(doc, events)
        for ev in events:
            sentence = ev.evidence[0].text.lower()
            for marker in ("struggled", "tripled", "since the 2000s", " could ", " would ", " may "):
                assert marker not in sentence, (prefix, sentence)


def test_without_publication_date_relative_dates_stay_unresolved(coder):
    doc = Document(doc_id="x", text="Yesterday, unknown gunmen killed three villagers in Koro.", published=None,
                   country="Mali")
    events = coder.extract(doc)
    assert events and events[0].event_date is None and events[0].time_precision is None


def test_empty_and_eventless_texts(coder):
    assert coder.extract(Document(doc_id="e", text="")) == []
    assert coder.extract(Document(doc_id="e", text="the weather was fine and nothing happened.")) == []


# ------------------------------------------------------------------ roles (notes written for these tests)
def test_foreign_victims_keep_their_country(coder):
    ev = code_one(coder, "On 4 May 2022, unknown gunmen shot and killed two Nigerien traders near Dori (Dori, Seno).",
                  country="Burkina Faso")
    assert ev.actor2 == "Civilians (Niger)" and ev.fatalities == 2


def test_defenders_who_repel_an_attack_are_the_second_actor(coder):
    ev = code_one(coder, "On 10 January 2023, soldiers repelled an attack by JNIM militants on Djibo (Djibo, Soum). "
                         "Several militants were killed.", country="Burkina Faso")
    assert (ev.event_type, ev.sub_event_type) == ("Battles", "Armed clash")
    assert actor_key(ev.actor1) == "jnim" and actor_key(ev.actor2) == "military forces of burkina faso"
    assert ev.fatalities == 3


def test_allies_are_one_side(coder):
    ev = code_one(coder, "On 15 January 2024, the Malian army and Wagner fighters killed 8 civilians at the market of "
                         "Douentza.", published=dt.date(2024, 1, 20))
    assert actor_key(ev.actor1) == "military forces of mali" and "Wagner Group" in (ev.assoc_actor_1 or "")
    assert ev.actor2 == "Civilians (Mali)" and ev.event_type == "Violence against civilians"


def test_a_protest_in_the_background_is_not_the_event(coder):
    ev = code_one(coder, "On 3 March 2022, policemen beat a young man in Kaya (Kaya, Sanmatenga) in the wake of a "
                         "student demonstration.", country="Burkina Faso")
    assert ev.event_type == "Violence against civilians" and actor_key(ev.actor1) == "police forces of burkina faso"


def test_note_labels_decide_the_type(coder):
    ev = code_one(coder, "Looting: On 2 April 2022, presumed JNIM militants seized cattle from herders near Gao.")
    assert (ev.event_type, ev.sub_event_type) == ("Strategic developments", "Looting/property destruction")
    assert ev.actor2 == "Civilians (Mali)"


@pytest.mark.parametrize("text", [
    "Gunmen attacked a gendarmerie post in Koro, two gendarmes killed. JNIM claimed the attack on October, 17th.",
    "Gendarmerie post in Koro attacked by gunmen, two gendarmes killed. Claimed by JNIM on 17/10.",
])
def test_a_claim_date_is_not_the_event_date(coder, text):
    # The claim came after the attack: with no other date the report's week stands in,
    # and a claim dated after the report is never read as the same day a year earlier.
    ev = code_one(coder, text, published=dt.date(2017, 10, 2))
    assert (ev.event_date, ev.time_precision) == (dt.date(2017, 10, 2), 2)
    dated = code_one(coder, "On 1 October, " + text[0].lower() + text[1:], published=dt.date(2017, 10, 20))
    assert (dated.event_date, dated.time_precision) == (dt.date(2017, 10, 1), 1)


def test_a_vehicle_that_hits_a_mine_is_its_target(coder):
    ev = code_one(coder, "A French armoured vehicle hit a roadside bomb near Gao on Monday, injuring two soldiers.")
    assert ev.event_type == "Explosions/Remote violence"
    assert ev.actor1 == "Unidentified Armed Group (Mali)"
    assert ev.actor2 == "Military Forces of France"


def test_a_nationality_names_foreign_soldiers(coder):
    ev = code_one(coder, "A French soldier was killed by gunfire near Gao while his unit searched the area.")
    assert ev.actor2 == "Military Forces of France"


def test_national_guard_is_coded_as_the_gendarmerie(coder):
    ev = code_one(coder, "Gunmen attacked members of the National Guard in Gao, wounding one.")
    assert ev.actor2.startswith("Police Forces of Mali") and ev.actor2.endswith("Gendarmerie")


def test_strikes_on_militant_positions_have_the_militants_as_target(coder):
    ev = code_one(coder, "FAMa struck militant positions near Gao with helicopters.")
    assert ev.actor1.startswith("Military Forces of Mali")
    assert ev.actor2 == "Unidentified Armed Group (Mali)"
    assert ev.event_type != "Violence against civilians"


def test_a_merged_group_is_coded_as_jnim_after_the_merger(coder):
    ev = code_one(coder, "AQM fighters attacked a checkpoint in Gao; two gendarmes were killed.",
                  published=dt.date(2017, 5, 2))
    assert ev.actor1 == "JNIM: Group for Support of Islam and Muslims"
    assert ev.assoc_actor_1 in (None, "")


@pytest.mark.parametrize("text", [
    "Armed groups took control of Gao to stop the new governor from taking office. No clashes were reported.",
    "Gao under the control of the CMA since this morning, a takeover without any fighting.",
    "French forces occupied an armed group's post near Gao. No report of clashes.",
])
def test_a_takeover_without_fighting_is_a_non_violent_transfer(coder, text):
    ev = code_one(coder, text)
    assert (ev.event_type, ev.sub_event_type) == ("Strategic developments", "Non-violent transfer of territory")


def test_airstrikes_followed_by_ground_troops_are_a_battle(coder):
    ev = code_one(coder, "The operation near Gao began with airstrikes followed by soldiers on land; 12 militants were killed.")
    assert ev.event_type == "Battles"


@pytest.mark.parametrize("text, owner, inter", [
    ("On 2 February 2025, drones struck suspected jihadist positions near Gao.", "Military Forces of Mali", 1),
    ("On 2 February 2025, Nigerien drones struck suspected jihadist positions near Gao.", "Military Forces of Niger", 8),
    ("On 2 February 2025, Burkinabe military aircraft bombed a militant camp near Gao.", "Military Forces of Burkina Faso", 8),
])
def test_an_air_strike_with_no_named_force_belongs_to_the_aircraft_nationality(coder, text, owner, inter):
    ev = code_one(coder, text)
    assert ev.sub_event_type == "Air/drone strike"
    assert ev.actor1.startswith(owner) and ev.inter1 == inter, (ev.actor1, ev.inter1)


@pytest.mark.parametrize("text, expected", [
    ("Residents barricaded the road in Gao. Security forces intervened and fired tear gas to disperse the demonstrators.",
     "Police Forces of Mali"),
    ("Protesters burned the police station in Gao after police killed a young man.", "Police Forces of Mali"),
    ("Youths threw stones at Barkhane vehicles patrolling the streets of Gao.", "Military Forces of France"),
])
def test_the_forces_facing_rioters_are_the_second_actor(coder, text, expected):
    ev = code_one(coder, text)
    assert ev.event_type == "Riots"
    assert actor_key(ev.actor2) == actor_key(expected)


@pytest.mark.parametrize("text", [
    "On 3 May 2021, a young Peulh herder was reportedly killed by Bambara militiamen near Ségou.",
    "On 3 May 2021, three Songhai men, suspected of theft, were killed by Dozo hunters near Ségou.",
    "On 3 May 2021, some twenty Fulani pastoralists killed during three days of raids near Ségou, "
    "according to a local association. Bambara militiamen are blamed.",
])
def test_a_communitys_men_killed_by_a_militia_are_civilians(coder, text):
    ev = code_one(coder, text)
    assert ev.event_type == "Violence against civilians", (ev.event_type, ev.actor1, ev.actor2)
    assert ev.actor2 == "Civilians (Mali)" and "Ethnic Group (Mali)" in (ev.assoc_actor_2 or "")
    assert "Ethnic Militia" in ev.actor1 or ev.actor1.startswith("Dozo")


@pytest.mark.parametrize("victims, group", [
    ("four fishermen", "Fishers (Niger)"),
    ("five displaced persons at an IDP site", "Refugees/IDPs (Niger)"),
    ("two cattle herders", "Pastoralists (Niger)"),
])
def test_the_kind_of_civilians_is_their_associated_actor(coder, victims, group):
    ev = code_one(coder, f"On 14 January 2024, gunmen killed {victims} near Diffa.", country="Niger")
    assert ev.actor2 == "Civilians (Niger)" and group in (ev.assoc_actor_2 or ""), ev.assoc_actor_2


def test_a_nationality_before_a_community_gives_the_victims_country(coder):
    ev = code_one(coder, "On 3 May 2021, Nigerien Fulani herders were killed by Dozo hunters near Ségou.")
    assert ev.actor2 == "Civilians (Niger)" and "Fulani Ethnic Group (Niger)" in ev.assoc_actor_2
    # A community named only to describe the source ("a Tuareg-rights association") is not a victim.
    ev = code_one(coder, "A Tuareg-rights association said that 9 Nigerien Fulani herders were shot dead by gunmen "
                         "in the Menaka region.")
    assert ev.actor2 == "Civilians (Niger)" and "Tuareg" not in (ev.assoc_actor_2 or "")


def test_two_communities_each_killing_the_others_men_is_a_clash(coder):
    ev = code_one(coder, "On 3 May 2021, two Dogon farmers were killed near Ségou, and in reprisal four Fulani "
                         "were killed the next day.")
    assert ev.event_type == "Battles" and "Dogon Ethnic Militia (Mali)" in (ev.actor1, ev.actor2), (ev.actor1, ev.actor2)


def test_a_communitys_armed_men_attacking_are_a_militia(coder):
    ev = code_one(coder, "On 3 May 2021, Fulani men attacked Dogon farmers near Ségou, killing three.")
    assert ev.actor1 == "Fulani Ethnic Militia (Mali)" and ev.actor2 == "Civilians (Mali)"


@pytest.mark.parametrize("text, actor2", [
    # a group "subjected to an ambush" is its target
    ("On 3 May 2021, the MSA was subjected to an ambush near Ménaka. Two dead.", "MSA: Movement for Azawad Salvation"),
    # Mali's MOC units are named like the gendarmerie, after the army's period
    ("On 3 May 2022, gunmen fired on a MOC patrol in Gao, wounding one.",
     "Military Forces of Mali (2021-) Operational Coordination Mechanism"),
])
def test_armed_targets_of_unnamed_attackers(coder, text, actor2):
    ev = code_one(coder, text)
    assert (ev.event_type, ev.actor1, ev.actor2) == ("Battles", "Unidentified Armed Group (Mali)", actor2)


def test_people_taken_for_militants_are_civilians(coder):
    ev = code_one(coder, "On 3 May 2021, three herders mistaken for jihadists were killed by soldiers near Sévaré.")
    assert ev.event_type == "Violence against civilians" and ev.actor2 == "Civilians (Mali)"
    ev = code_one(coder, "On 3 May 2021, soldiers killed three jihadists near Sévaré.")
    assert ev.event_type == "Battles"


@pytest.mark.parametrize("text, actor1, actor2", [
    # the side a group "clashed with" fought; it was not only attacked
    ("On 3 May 2021, two men were killed in clashes with Barkhane near Ménaka.",
     "Military Forces of France", "Unidentified Armed Group (Mali)"),
    # "by French Barkhane forces": a nationality before the named force keeps it the agent
    ("On 3 May 2021, two Islamist militants were killed in an operation by French Barkhane forces near Kidal.",
     "Military Forces of France", "Unidentified Armed Group (Mali)"),
    # a generic attacker word called jihadist is the Islamist militia (since 2020 ACLED names it an unidentified armed group)
    ("On 3 May 2021, suspected Islamist gunmen attacked CJA positions near Goundam, killing four.",
     "Unidentified Armed Group (Mali)", "CJA: Congress for Justice in Azawad"),
    # the soldiers of a report about a foreign force are that force's
    ("On 3 May 2021, Barkhane said that an operation carried out by soldiers and commandos near Boni "
     "left 12 jihadists dead.",
     "Military Forces of France", "Unidentified Armed Group (Mali)"),
    # whoever evacuated the victim did not attack him
    ("On 3 May 2017, a Malian military officer was shot by unidentified assailants near Ansongo and evacuated by "
     "French Barkhane troops.", "Unidentified Armed Group (Mali)", "Military Forces of Mali (2013-2020)"),
])
def test_who_acted_when_a_foreign_force_is_named(coder, text, actor1, actor2):
    ev = code_one(coder, text, published=dt.date(int(text[9:13]), 5, 4))
    assert (ev.actor1, ev.actor2) == (actor1, actor2)


def test_victims_referred_back_to_are_not_counted_twice():
    assert count_fatalities("Two herders were killed near Boni. Both men killed were from the same family.") == 2
    assert count_fatalities("Two herders were killed near Boni. Three soldiers were killed near Gao.") == 5


@pytest.mark.parametrize("text, event_type", [
    ("On 3 May 2021, unrest in Gao as people took to the streets to protest against the governor.", "Protests"),
    ("On 3 May 2021, local disturbances were reported in Gao after the arrest of two traders.", "Protests"),
    ("On 3 May 2021, youths protesting in Gao burned tyres and stoned the governor's office.", "Riots"),
])
def test_unrest_alone_is_a_protest_violence_makes_a_riot(coder, text, event_type):
    assert code_one(coder, text).event_type == event_type


def test_a_mobs_victims_are_civilians(coder):
    ev = code_one(coder, "On 3 May 2021, two youths suspected of theft were lynched by a mob in Gao. One died.")
    assert (ev.sub_event_type, ev.actor1, ev.actor2) == ("Mob violence", "Rioters (Mali)", "Civilians (Mali)")


@pytest.mark.parametrize("text, actor1, actor2", [
    ("On 13 April 2021, villagers from Tabrani attacked herders near Kelbo, wounding four.",
     "Tabrani Communal Militia (Burkina Faso)", "Civilians (Burkina Faso)"),
    ("On 13 April 2021, Tabrani farmers assaulted and wounded several Dabesma farmers near Kelbo.",
     "Tabrani Communal Militia (Burkina Faso)", "Civilians (Burkina Faso)"),
    ("On 13 April 2021, Tabrani youths and Dabesma youths clashed over a land dispute near Kelbo.",
     "Tabrani Communal Militia (Burkina Faso)", "Dabesma Communal Militia (Burkina Faso)"),
])
def test_villagers_acting_together_are_their_villages_militia(coder, text, actor1, actor2):
    ev = code_one(coder, text, country="Burkina Faso")
    assert (ev.actor1, ev.actor2) == (actor1, actor2)


def test_villagers_killing_policemen_are_a_village_militia_fighting_the_police(coder):
    ev = code_one(coder, "On 12 January 2019, villagers killed two policemen in Ouagadougou.", country="Burkina Faso")
    assert ev.event_type == "Battles" and ev.actor1 == "Ouagadougou Communal Militia (Burkina Faso)"
    assert ev.actor2.startswith("Police Forces of Burkina Faso")


def test_forces_only_sent_or_present_are_no_side_of_the_event(coder):
    ev = code_one(coder, "On 13 April 2021, Tabrani farmers assaulted several Dabesma farmers near Kelbo. "
                         "Gendarmes were present during the incident.", country="Burkina Faso")
    assert ev.event_type == "Violence against civilians" and "Police" not in (ev.actor1 + (ev.actor2 or ""))
    ev = code_one(coder, "On 13 April 2021, gunmen killed two traders near Kelbo and soldiers were deployed to the area.",
                  country="Burkina Faso")
    assert ev.actor2 == "Civilians (Burkina Faso)" and "Military" not in ev.actor1
    # Sent, and then they fought: a side after all.
    ev = code_one(coder, "On 13 April 2021, soldiers were deployed to Kelbo and clashed with gunmen.", country="Burkina Faso")
    assert ev.event_type == "Battles" and "Military Forces of Burkina Faso" in (ev.actor1 + " " + (ev.actor2 or ""))


@pytest.mark.parametrize("text", [
    # a force's abbreviation in brackets between the forces and their verb
    "On 6 February 2022, soldiers and volunteer fighters (VDP) carried out an operation against suspected JNIM "
    "militants near Kelbo. At least twenty militants were killed.",
    # a second mention of the army ("special forces against a camp") does not make it the target
    "On 13 April 2021, Burkinabe troops conducted an operation involving airstrikes and the landing of special forces "
    "against a suspected JNIM camp near Kelbo. The forces killed one militant.",
])
def test_the_army_leading_an_operation_against_a_group_is_actor1(coder, text):
    ev = code_one(coder, text, country="Burkina Faso")
    assert ev.event_type == "Battles"
    assert ev.actor1.startswith("Military Forces of Burkina Faso") and ev.actor2.startswith("JNIM"), (ev.actor1, ev.actor2)


def test_a_community_named_as_an_ethnic_group_is_the_victims_not_a_militia(coder):
    ev = code_one(coder, "9 traders, most of whom were from the Bozo ethnic group, were killed by armed Islamist "
                         "militants near Mopti.")
    assert ev.actor1 == "Unidentified Armed Group (Mali)" and ev.actor2 == "Civilians (Mali)"
    assert "Bozo Ethnic Group (Mali)" in ev.assoc_actor_2


def test_the_owner_of_what_was_hit_is_not_the_attacker(coder):
    ev = code_one(coder, "4 trucks chartered by MINUSMA were burned near Gao by unidentified gunmen.")
    assert ev.sub_event_type == "Looting/property destruction"
    assert ev.actor1 == "Unidentified Armed Group (Mali)" and ev.actor2.startswith("MINUSMA")


def test_a_groups_parent_in_brackets_is_its_associate_not_another_side(coder):
    ev = code_one(coder, "One person was killed in an attack on MNLA fighters (members of the CMA) by unidentified "
                         "assailants in Kidal.")
    assert ev.actor1 == "Unidentified Armed Group (Mali)"
    assert ev.actor2.startswith("MNLA") and ev.assoc_actor_2.startswith("CMA")


@pytest.mark.parametrize("text, actor2", [
    ("A minibus was hit by an IED near Gao.", "Civilians (Mali)"),
    ("A military truck was hit by an IED near Gao.", "Military Forces of Mali"),
])
def test_an_ied_on_a_civilian_vehicle_hits_civilians(coder, text, actor2):
    ev = code_one(coder, text)
    assert ev.sub_event_type == "Remote explosive/landmine/IED" and (ev.actor2 or "").startswith(actor2), ev.actor2


def test_a_retired_guardsman_is_a_civilian(coder):
    ev = code_one(coder, "Gunmen opened fire at the market in Gao and killed a retired National Guard.")
    assert ev.event_type == "Violence against civilians" and ev.actor2 == "Civilians (Mali)"


def test_a_community_named_as_the_attacker_is_its_militia(coder):
    ev = code_one(coder, "A nomad settlement 40 km from Gao was attacked by alleged Fulani. 5 dead.")
    assert ev.actor1 == "Fulani Ethnic Militia (Mali)"


def test_a_groups_men_are_that_group(coder):
    ev = code_one(coder, "Clashes between Platform's men and unidentified gunmen near Gao left 3 dead.")
    assert ev.event_type == "Battles"
    assert "Platform of June 14th 2014 movements" in (ev.actor1, ev.actor2) and "Civilians" not in (ev.actor2 or "")


def test_fighters_killed_while_attempting_an_attack_are_the_attackers(coder):
    ev = code_one(coder, "Three jihadists were killed while attempting to attack a police post in Gao; two were arrested.")
    assert ev.event_type == "Battles"
    assert ev.actor1 == "Unidentified Armed Group (Mali)"
    assert ev.actor2.startswith("Police Forces of Mali")


def test_individuals_on_the_receiving_end_are_civilians(coder):
    ev = code_one(coder, "Soldiers shot two individuals at a checkpoint near Gao.")
    assert (ev.event_type, ev.actor2) == ("Violence against civilians", "Civilians (Mali)")
    ev = code_one(coder, "JNIM fighters abducted three individuals near Gao.")
    assert ev.actor2 == "Civilians (Mali)" and not ev.assoc_actor_2


def test_a_community_word_before_jihadists_describes_the_fighters(coder):
    ev = code_one(coder, "Three herders were shot dead near Gao by Tuareg jihadists.")
    assert ev.actor1 == "Unidentified Armed Group (Mali)"
    assert ev.actor2 == "Civilians (Mali)"


def test_a_vehicle_hired_by_the_mission_is_a_civilian_vehicle(coder):
    ev = code_one(coder, "A MINUSMA-contracted lorry hit a mine on the road out of Gao; the driver was hurt.")
    assert ev.actor2 == "Civilians (Mali)"


def test_an_unmarked_vehicle_hit_by_a_mine_carried_civilians(coder):
    ev = code_one(coder, "A vehicle struck a mine north of Gao, wounding two.")
    assert ev.event_type == "Explosions/Remote violence"
    assert ev.actor2 == "Civilians (Mali)"


def test_witnesses_of_an_event_are_no_side_of_it(coder):
    ev = code_one(coder, "An explosion followed by an exchange of fire was reported by Gao residents near the airport.")
    assert ev.event_type == "Battles"
    assert ev.actor2 != "Civilians (Mali)"


def test_a_un_vehicle_in_mali_is_the_mission(coder):
    ev = code_one(coder, "Gunmen tried to steal a UN vehicle in Gao, wounding its driver.")
    assert ev.actor2.startswith("MINUSMA")


def test_unexplained_detonations_are_remote_explosions(coder):
    ev = code_one(coder, "Two loud detonations were heard on the eastern side of Gao this morning.")
    assert (ev.event_type, ev.sub_event_type) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")


def test_stab_wounds_are_violence(coder):
    ev = code_one(coder, "A trader suffered stab wounds when thieves tried to take his motorbike in Gao.")
    assert ev.event_type == "Violence against civilians"


def test_ransacking_during_a_protest_is_a_riot(coder):
    ev = code_one(coder, "Young men ransacked two bars in Gao during a protest against the sale of alcohol.")
    assert (ev.event_type, ev.actor1) == ("Riots", "Rioters (Mali)")


def test_a_group_of_youths_damaging_property_is_a_riot(coder):
    ev = code_one(coder, "A group of youths vandalized the new town hall in Gao over a land dispute.")
    assert (ev.event_type, ev.actor1) == ("Riots", "Rioters (Mali)")


def test_an_ambush_whose_attackers_seized_weapons_is_a_battle_not_a_cache_seizure(coder):
    ev = code_one(coder, "An army convoy was ambushed near Gao: 4 soldiers dead. The attackers seized weapons and ammunition.")
    assert ev.event_type == "Battles"
    assert ev.actor2.startswith("Military Forces of Mali")


def test_a_group_named_in_parentheses_after_by_is_the_agent(coder):
    ev = code_one(coder, "Two young men accused of theft were killed by the local militia (Ganda Izo) near Gao.")
    assert ev.event_type == "Violence against civilians"
    assert ev.actor1.startswith("Ganda Izo")
    assert ev.actor2 == "Civilians (Mali)"


def test_a_communitys_camp_is_not_a_military_post(coder):
    ev = code_one(coder, "A Daoussak camp 30 km from Gao was attacked by gunmen; 3 dead.")
    assert ev.event_type == "Violence against civilians"
    assert ev.actor2 == "Civilians (Mali)"


def test_an_ied_ambush_is_a_remote_explosion(coder):
    ev = code_one(coder, "JNIM claimed an IED ambush on an army vehicle north of Gao; no casualties.")
    assert ev.event_type == "Explosions/Remote violence"


def test_clashes_between_students_are_a_riot(coder):
    ev = code_one(coder, "Clashes broke out between students of two schools in Gao, leaving one dead.")
    assert (ev.event_type, ev.sub_event_type) == ("Riots", "Mob violence")
    assert ev.actor1 == ev.actor2 == "Rioters (Mali)"


def test_a_word_starting_like_a_verb_does_not_make_the_attackers_a_target(coder):
    # "were collecting firewood": not "were ... fired"
    ev = code_one(coder, "JNIM militants abducted 5 women who were collecting firewood near Boni.", published=dt.date(2025, 5, 2))
    assert ev.actor1.startswith("JNIM")
    assert ev.actor2 == "Civilians (Mali)"


def test_a_figure_before_a_word_in_h_is_not_an_hour(coder):
    # "8 herders" is not "8 h(ours)": the soldiers killed them.
    ev = code_one(coder, "Malian soldiers killed 8 herders near Boni.", published=dt.date(2025, 10, 3))
    assert ev.event_type == "Violence against civilians"
    assert ev.actor1.startswith("Military Forces of Mali")
    assert ev.fatalities == 8


def test_a_claim_of_results_is_not_a_claim_of_the_attack(coder):
    ev = code_one(coder, "JNIM and FLA fighters jointly attacked the Malian army and Africa Corps in Anefis. "
                         "The army claimed to have neutralised about 20 assailants.", published=dt.date(2026, 1, 14))
    assert ev.actor1.startswith("JNIM") and ev.actor2.startswith("Military Forces of Mali")


def test_forces_listed_together_are_one_side_with_its_associates(coder):
    ev = code_one(coder, "JNIM and FLA fighters jointly attacked the Malian army and Africa Corps in Anefis.",
                  published=dt.date(2026, 1, 14))
    assert ev.actor1.startswith("JNIM") and ev.assoc_actor_1 == "FLA: Azawad Liberation Front"
    assert ev.actor2.startswith("Military Forces of Mali") and ev.assoc_actor_2 == "Africa Corps"


def test_an_auxiliary_force_is_coded_with_the_national_army_first(coder):
    ev = code_one(coder, "Wagner mercenaries and Malian soldiers killed 6 herders near Boni.", published=dt.date(2023, 3, 2))
    assert ev.actor1 == "Military Forces of Mali (2021-)" and ev.assoc_actor_1 == "Wagner Group"
    # A UN mission beside the army keeps its place.
    ev = code_one(coder, "JNIM attacked joint MINUSMA and FAMa forces near Anefis, killing 2 peacekeepers.",
                  published=dt.date(2021, 3, 2))
    assert ev.actor2.startswith("MINUSMA")


def test_two_sides_fighting_a_third_together(coder):
    ev = code_one(coder, "The Malian army and Dozo hunters clashed with JNIM militants near Macina. "
                         "Four Dozos were killed.", published=dt.date(2025, 5, 12))
    assert ev.actor1.startswith("Military Forces of Mali") and ev.assoc_actor_1 == "Dozo Communal Militia (Mali)"
    assert ev.actor2.startswith("JNIM")


def test_foreign_nationals_are_civilians_of_their_country(coder):
    ev = code_one(coder, "JNIM militants abducted two Chinese nationals at a quarry near Kayes.", published=dt.date(2025, 7, 9))
    assert ev.actor2 == "Civilians (China)"


def test_a_military_government_is_not_troops_in_the_event(coder):
    ev = code_one(coder, "Police arrested a journalist in Niamey for criticizing the military government.",
                  country="Niger", published=dt.date(2025, 7, 13))
    assert ev.sub_event_type == "Arrests"
    assert ev.actor2 == "Civilians (Niger)"


def test_members_of_a_group_killed_make_it_the_target(coder):
    ev = code_one(coder, "ISSP militants attacked Anderamboukane, killing 4 members of the MSA and 2 civilians.",
                  published=dt.date(2025, 12, 22))
    assert ev.event_type == "Battles" and ev.actor2.startswith("MSA")
    assert ev.fatalities == 6


def test_burned_trucks_are_civilian_property(coder):
    ev = code_one(coder, "JNIM militants set fire to 12 tanker trucks on the road near Diboli. No casualties.",
                  published=dt.date(2025, 11, 15))
    assert ev.sub_event_type == "Looting/property destruction"
    assert ev.actor2 == "Civilians (Mali)"


def test_about_a_number_of_victims_is_not_a_time_of_day(coder):
    # "killed around 20 civilians": the soldiers acted; "attacked around 18h20": the post was attacked.
    ev = code_one(coder, "Malian soldiers and Russian paramilitaries killed around 20 civilians during an operation "
                         "in Kanio.", published=dt.date(2024, 3, 2))
    assert ev.event_type == "Violence against civilians"
    assert ev.actor1 == "Military Forces of Mali (2021-)" and ev.actor2 == "Civilians (Mali)"
    ev = code_one(coder, "FAMa checkpoint in Anefis attacked around 18h20, 1 dead.", published=dt.date(2021, 3, 2))
    assert ev.actor2.startswith("Military Forces of Mali")


def test_a_communitys_militiamen_from_a_named_militia_are_that_militia(coder):
    ev = code_one(coder, "Dogon militiamen from Dan Na Ambassagou abducted 12 Fulani civilians near Bankass.",
                  published=dt.date(2025, 4, 27))
    assert ev.actor1 == "Dan Na Ambassagou"


def test_a_groups_suspected_collaborators_are_civilians(coder):
    ev = code_one(coder, "The army arrested 15 suspected ISSP collaborators in Ouallam.", country="Niger",
                  published=dt.date(2025, 3, 1))
    assert ev.sub_event_type == "Arrests"
    assert ev.actor2 == "Civilians (Niger)"


@pytest.mark.parametrize("text, country, actor1", [
    ("Gendarmes detained the mayor of Gossi on charges of collusion with JNIM.", "Mali", "Police Forces of Mali"),
    ("Police arrested two traders in Dori suspected of supplying fuel to ISSP militants.", "Burkina Faso",
     "Police Forces of Burkina Faso"),
    ("Soldiers arrested a herder accused of links with the Islamic State near Ouallam.", "Niger",
     "Military Forces of Niger"),
])
def test_people_accused_of_helping_a_group_are_civilians(coder, text, country, actor1):
    ev = code_one(coder, text, country=country, published=dt.date(2025, 7, 2))
    assert ev.sub_event_type == "Arrests"
    assert ev.actor1.startswith(actor1)
    assert ev.actor2 == f"Civilians ({country})"


def test_victims_accused_of_working_for_the_army_are_civilians(coder):
    ev = code_one(coder, "JNIM militants executed a village chief in Gossi accused of working for the army.",
                  published=dt.date(2025, 7, 2))
    assert ev.event_type == "Violence against civilians"
    assert ev.actor2 == "Civilians (Mali)"


def test_a_group_acting_in_collaboration_with_another_stays_an_agent(coder):
    ev = code_one(coder, "JNIM, in collaboration with the FLA, attacked an army camp in Gossi.",
                  published=dt.date(2025, 7, 2))
    assert ev.event_type == "Battles" and ev.actor1.startswith("JNIM")


@pytest.mark.parametrize("text", [
    "Soldiers arrested the mayor of Gossi.",
    "Gendarmes detained the prefect of Gossi in his office.",
])
def test_an_arrested_local_official_is_a_civilian_of_the_government(coder, text):
    ev = code_one(coder, text, published=dt.date(2025, 7, 2))
    assert ev.sub_event_type == "Arrests"
    assert ev.actor2 == "Civilians (Mali)" and ev.assoc_actor_2 == "Government of Mali"


def test_an_official_quoted_about_an_attack_is_not_its_victim(coder):
    ev = code_one(coder, "Gunmen killed four people near Gossi, the mayor of Gossi said.", published=dt.date(2025, 7, 2))
    assert ev.actor2 == "Civilians (Mali)"
    assert "Government" not in (ev.assoc_actor_2 or "")


@pytest.mark.parametrize("text", [
    "Gunmen on motorbikes, presumed to be JNIM militants, shot dead a trader near Gossi.",
    "A herder was abducted near Gossi by armed men whom villagers identified as JNIM fighters.",
    "Armed men believed to belong to JNIM burned a school in Gossi.",
])
def test_unnamed_armed_men_said_to_be_a_group_are_that_group(coder, text):
    ev = code_one(coder, text, published=dt.date(2025, 7, 2))
    assert ev.actor1.startswith("JNIM")
    assert not (ev.assoc_actor_1 or "").startswith("JNIM")


def test_a_crowd_that_beat_a_man_to_death_is_mob_violence_though_police_came_later(coder):
    ev = code_one(coder, "A crowd beat to death a man accused of theft in Gossi. Police arrived after he had died.",
                  published=dt.date(2025, 7, 2))
    assert (ev.event_type, ev.sub_event_type) == ("Riots", "Mob violence")
    assert ev.actor1 == "Rioters (Mali)" and ev.actor2 == "Civilians (Mali)"


def test_armed_men_said_to_be_absent_are_no_side(coder):
    ev = code_one(coder, "An army drone struck a wedding in Gossi, killing seven civilians. Relatives said no armed men "
                         "were among the guests.", published=dt.date(2025, 7, 2))
    assert ev.actor2 == "Civilians (Mali)"


def test_civilians_hit_by_a_strike_meant_for_militants_are_its_target(coder):
    ev = code_one(coder, "An army air strike targeting suspected jihadists hit a market in Gossi, killing nine civilians.",
                  published=dt.date(2025, 7, 2))
    assert ev.actor2 == "Civilians (Mali)"


def test_a_town_reentered_after_the_other_side_left_is_a_non_violent_transfer(coder):
    ev = code_one(coder, "Malian soldiers supported by Africa Corps re-entered Gossi, which JNIM militants had abandoned "
                         "two days earlier. No fighting took place.", published=dt.date(2025, 7, 2))
    assert (ev.event_type, ev.sub_event_type) == ("Strategic developments", "Non-violent transfer of territory")
    assert ev.actor1.startswith("Military Forces of Mali") and ev.assoc_actor_1 == "Africa Corps"
    assert ev.actor2.startswith("JNIM")
    ev = code_one(coder, "JNIM militants took control of Gossi without meeting any resistance after the army withdrew.",
                  published=dt.date(2025, 7, 2))
    assert ev.sub_event_type == "Non-violent transfer of territory"


@pytest.mark.parametrize("text, sub", [
    ("Thirty ISSP fighters surrendered to the army in Menaka with their weapons.", "Change to group/activity"),
    ("The army inaugurated a new military base in Gossi.", "Headquarters or base established"),
])
def test_surrenders_and_new_bases(coder, text, sub):
    ev = code_one(coder, text, published=dt.date(2025, 7, 2))
    assert (ev.event_type, ev.sub_event_type) == ("Strategic developments", sub)


def test_two_groups_that_fought_stay_the_sides_though_their_dead_are_counted_later(coder):
    ev = code_one(coder, "JNIM and Islamic State Sahel militants fought near Gossi. Nine Islamic State Sahel fighters "
                         "and three JNIM militants were killed.", published=dt.date(2025, 7, 2))
    assert ev.actor1.startswith("JNIM") and ev.actor2 == "Islamic State (Sahel)"
    assert ev.fatalities == 12


def test_soldiers_who_clashed_stay_the_agents_though_one_was_wounded_later(coder):
    ev = code_one(coder, "Nigerien soldiers clashed with Lakurawa fighters near Dosso. The army reported six militants "
                         "killed and one soldier wounded.", country="Niger", published=dt.date(2025, 7, 2))
    assert ev.actor1.startswith("Military Forces of Niger") and ev.actor2 == "Lakurawa"


def test_an_armed_group_that_flew_drones_is_the_agent(coder):
    ev = code_one(coder, "JNIM militants launched explosive drones at the army camp in Gossi, killing two soldiers.",
                  published=dt.date(2025, 7, 2))
    assert ev.sub_event_type == "Air/drone strike"
    assert ev.actor1.startswith("JNIM") and ev.actor2.startswith("Military Forces of Mali")


def test_a_force_accompanied_by_another_is_one_side(coder):
    ev = code_one(coder, "Malian soldiers, accompanied by Africa Corps instructors, set up a new post in Gossi.",
                  published=dt.date(2025, 7, 2))
    assert ev.sub_event_type == "Headquarters or base established"
    assert ev.assoc_actor_1 == "Africa Corps" and ev.actor2 is None
    ev = code_one(coder, "Malian soldiers, with the assistance of Wagner fighters, set up a new base in Gossi.",
                  published=dt.date(2023, 7, 2))
    assert ev.assoc_actor_1 == "Wagner Group"


def test_a_town_retaken_from_a_group_with_air_support(coder):
    ev = code_one(coder, "The Malian army and Africa Corps retook Gossi from FLA rebels after heavy fighting.",
                  published=dt.date(2025, 7, 2))
    assert (ev.sub_event_type, ev.assoc_actor_1) == ("Government regains territory", "Africa Corps")
    assert ev.actor1.startswith("Military Forces of Mali") and ev.actor2.startswith("FLA")
    ev = code_one(coder, "Soldiers and VDP supported by aircraft retook Djibo, a week after the town fell to JNIM.",
                  country="Burkina Faso", published=dt.date(2025, 7, 2))
    assert (ev.event_type, ev.sub_event_type) == ("Battles", "Government regains territory")
    assert ev.actor1.startswith("Military Forces of Burkina Faso") and ev.actor2.startswith("JNIM")


def test_cattle_taken_is_looting(coder):
    ev = code_one(coder, "Suspected militants took about three hundred head of cattle from herders near Gossi.",
                  published=dt.date(2025, 7, 2))
    assert (ev.event_type, ev.sub_event_type) == ("Strategic developments", "Looting/property destruction")


def test_activists_and_community_leaders_are_civilians(coder):
    ev = code_one(coder, "Police arrested a civil society activist in Bamako.", published=dt.date(2025, 7, 2))
    assert ev.sub_event_type == "Arrests" and ev.actor2 == "Civilians (Mali)"
    ev = code_one(coder, "JNIM and community leaders of Gossi concluded a local agreement on access to the fields.",
                  published=dt.date(2025, 7, 2))
    assert ev.sub_event_type == "Agreement" and ev.actor2 == "Civilians (Mali)"


def test_a_raid_that_killed_and_abducted_is_an_attack_with_its_dead(coder):
    ev = code_one(coder, "Gunmen raided a village near Gossi, killing four civilians and abducting several others.",
                  published=dt.date(2025, 7, 2))
    assert (ev.sub_event_type, ev.fatalities) == ("Attack", 4)


def test_threats_with_property_destruction_are_property_destruction(coder):
    ev = code_one(coder, "JNIM militants burned a school and threatened teachers in Diafarabe.",
                  published=dt.date(2025, 6, 3))
    assert (ev.event_type, ev.sub_event_type) == ("Strategic developments", "Looting/property destruction")


def test_fighters_killed_who_had_attacked_are_the_attackers(coder):
    ev = code_one(coder, "The Nigerien army killed 10 ISSP militants who attacked a military convoy near Ouallam.",
                  country="Niger", published=dt.date(2025, 3, 20))
    assert ev.actor1 == "Islamic State (Sahel)" and ev.actor2.startswith("Military Forces of Niger")


def test_armed_men_among_the_killed_make_a_battle(coder):
    ev = code_one(coder, "Presumed JNIM militants killed 11 people, including 7 VDP, in an attack on Gayeri.",
                  country="Burkina Faso", published=dt.date(2025, 9, 6))
    assert ev.event_type == "Battles" and ev.actor2.startswith("VDP")


def test_whoever_passed_by_an_explosion_was_its_target(coder):
    ev = code_one(coder, "An explosive device hidden on the road near Kaya was detonated as a VDP patrol passed, wounding 3 VDP.",
                  country="Burkina Faso", published=dt.date(2025, 8, 9))
    assert ev.event_type == "Explosions/Remote violence"
    assert ev.actor1 == "Unidentified Armed Group (Burkina Faso)" and ev.actor2.startswith("VDP")


def test_a_bomb_that_was_detonated_is_a_remote_explosion(coder):
    ev = code_one(coder, "A bomb hidden on the road near Kaya was detonated as a VDP patrol passed, wounding 3 VDP.",
                  country="Burkina Faso", published=dt.date(2025, 8, 9))
    assert (ev.event_type, ev.sub_event_type) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")


def test_a_ransom_demand_is_no_protest_and_people_taken_away_are_abducted(coder):
    ev = code_one(coder, "On 3 May 2021, bandits raided a hamlet near Gossi and kidnapped six herders. "
                         "The kidnappers then called the families to demand a ransom.")
    assert (ev.event_type, ev.sub_event_type) == ("Violence against civilians", "Abduction/forced disappearance")
    ev = code_one(coder, "On 3 May 2021, gunmen entered the house of a shopkeeper in Gossi and took him away "
                         "with his nephew.")
    assert ev.sub_event_type == "Abduction/forced disappearance"


def test_a_side_that_exchanged_fire_is_the_first_actor_though_its_men_were_hurt(coder):
    ev = code_one(coder, "On 3 May 2021, a FAMa patrol exchanged fire with JNIM militants near Boni. "
                         "Two soldiers were wounded.")
    assert ev.actor1.startswith("Military Forces of Mali") and ev.actor2.startswith("JNIM")
    ev = code_one(coder, "On 3 May 2021, Koglweogo members exchanged fire with bandits near Kaya. "
                         "Three Koglweogo were wounded.", country="Burkina Faso")
    assert ev.actor1 == "Koglweogo Militia" and ev.actor2 and "Koglweogo" not in ev.actor2


@pytest.mark.parametrize("text", [
    "On 3 May 2021, a crowd in Douentza beat a suspected thief to death before police arrived.",
    "On 3 May 2021, residents of Douentza caught a man accused of theft and beat him to death before the gendarmes came.",
])
def test_a_mob_killing_before_the_police_came_is_mob_violence(coder, text):
    ev = code_one(coder, text)
    assert (ev.event_type, ev.sub_event_type, ev.actor1) == ("Riots", "Mob violence", "Rioters (Mali)")


def test_a_riot_over_a_death_in_custody_is_a_riot_without_its_dead(coder):
    ev = code_one(coder, "On 3 May 2021, angry youths in Douentza stoned the police station and set tyres on fire "
                         "after a detainee died in custody. Police fired tear gas.")
    assert (ev.event_type, ev.sub_event_type) == ("Riots", "Violent demonstration")
    assert ev.actor1 == "Rioters (Mali)" and ev.actor2.startswith("Police Forces of Mali") and ev.fatalities == 0


def test_a_minister_of_the_ousted_government_arrested_is_an_arrest_of_a_civilian(coder):
    ev = code_one(coder, "On 3 May 2024, gendarmes arrested a former minister of the ousted government in Douentza.",
                  published=dt.date(2024, 5, 5))
    assert (ev.sub_event_type, ev.actor2) == ("Arrests", "Civilians (Mali)")


def test_a_town_retaken_that_the_enemy_had_overrun_earlier_is_regained(coder):
    ev = code_one(coder, "On 3 May 2024, Malian troops backed by drones re-entered Boni and retook the camp that "
                         "JNIM had overrun a month earlier, in an attack in which 9 soldiers had died. "
                         "Five militants were killed.", published=dt.date(2024, 5, 5))
    assert (ev.sub_event_type, ev.fatalities) == ("Government regains territory", 5)
    assert ev.actor1.startswith("Military Forces of Mali") and ev.actor2.startswith("JNIM")


def test_forces_supported_by_a_named_militia_are_one_side(coder):
    ev = code_one(coder, "On 3 May 2017, French forces, supported by GATIA fighters, clashed with ISGS militants "
                         "near Menaka.", published=dt.date(2017, 5, 5))
    assert ev.actor1 == "Military Forces of France" and "GATIA" in (ev.assoc_actor_1 or "")
    assert ev.actor2.startswith("Islamic State")


@pytest.mark.parametrize("text", [
    "On 3 May 2024, JNIM militants moved into Boni and occupied the buildings of the camp the army had evacuated "
    "the day before. No fighting was reported.",
    "On 3 May 2024, FAMa units entered Boni as JNIM fighters withdrew from the town. No incidents were reported.",
])
def test_moving_into_a_place_the_other_side_left_without_a_fight_is_a_transfer(coder, text):
    ev = code_one(coder, text, published=dt.date(2024, 5, 5))
    assert ev.sub_event_type == "Non-violent transfer of territory"


def test_a_base_overrun_before_the_attackers_withdrew_is_no_change_of_territory(coder):
    ev = code_one(coder, "On 3 May 2021, JNIM militants overran the army camp in Boni and burned vehicles "
                         "before withdrawing.")
    assert (ev.event_type, ev.sub_event_type) == ("Battles", "Armed clash")
    ev = code_one(coder, "On 3 May 2021, MNLA fighters drove the army out of Boni.")
    assert ev.sub_event_type == "Non-state actor overtakes territory"


def test_an_attack_attributed_to_or_later_claimed_by_a_group_is_that_groups(coder):
    ev = code_one(coder, "On 3 May 2021, an army truck hit a mine near Boni, killing two soldiers. "
                         "The mine was attributed to JNIM.")
    assert ev.actor1.startswith("JNIM") and ev.actor2.startswith("Military Forces of Mali")
    ev = code_one(coder, "On 3 May 2016, gunmen attacked the gendarmerie in Boni, killing a gendarme. "
                         "Ansar Dine later claimed the attack.", published=dt.date(2016, 5, 5))
    assert ev.actor1 == "Ansar Dine"


def test_a_pipeline_blown_up_is_a_remote_explosion_by_the_group_that_claimed_it(coder):
    ev = code_one(coder, "On 3 May 2024, a section of the pipeline was blown up near Dogon Doutchi. "
                         "The Patriotic Liberation Front (FPL) claimed the sabotage.", country="Niger",
                  published=dt.date(2024, 5, 5))
    assert (ev.event_type, ev.sub_event_type) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert ev.actor1 == "FPL: Patriotic Liberation Front" and ev.assoc_actor_1 in (None, "")


def test_a_motorbike_packed_with_explosives_is_a_suicide_bomb(coder):
    ev = code_one(coder, "On 3 May 2024, a JNIM militant rode a motorbike packed with explosives into a VDP post in "
                         "Djibo and detonated it, killing himself and four VDP.", country="Burkina Faso",
                  published=dt.date(2024, 5, 5))
    assert (ev.sub_event_type, ev.fatalities) == ("Suicide bomb", 5)


def test_a_crowd_attacking_a_community_accused_of_helping_militants_is_mob_violence(coder):
    ev = code_one(coder, "On 3 May 2021, after rumours accused Dogon hunters of helping the militants, a crowd of "
                         "residents of Douentza attacked the houses of Dogon families, killing a man.")
    assert (ev.event_type, ev.sub_event_type, ev.actor1) == ("Riots", "Mob violence", "Rioters (Mali)")
    assert ev.actor2 == "Civilians (Mali)" and "Dogon Ethnic Group (Mali)" in (ev.assoc_actor_2 or "")


def test_a_state_actor_a_crowd_supports_or_criticises_is_no_side(coder):
    ev = code_one(coder, "On 3 May 2024, thousands of supporters of the junta marched in Bamako; some set fire to a "
                         "car and police fired tear gas.", published=dt.date(2024, 5, 5))
    assert (ev.event_type, ev.actor1) == ("Riots", "Rioters (Mali)") and ev.actor2.startswith("Police Forces of Mali")
    ev = code_one(coder, "On 3 May 2024, supporters of the new president gathered in Bamako and burned the gate of "
                         "an embassy.", published=dt.date(2024, 5, 5))
    assert (ev.event_type, ev.sub_event_type) == ("Riots", "Violent demonstration")


def test_civilians_killed_by_a_strike_the_army_says_targeted_militants_are_its_target(coder):
    ev = code_one(coder, "On 3 May 2024, a drone strike hit a market near Boni, killing 9 civilians. The army said it "
                         "had targeted a group of terrorists.", published=dt.date(2024, 5, 5))
    assert ev.actor2 == "Civilians (Mali)" and ev.fatalities == 9


def test_the_date_a_statement_was_made_or_a_vague_period_is_not_the_events(coder):
    ev = code_one(coder, "The army said on Thursday that a convoy was ambushed near Boni on Monday.",
                  published=dt.date(2024, 5, 10))  # a Friday
    assert ev.event_date == dt.date(2024, 5, 6)
    ev = code_one(coder, "It emerged in late April 2024 that JNIM had executed three herders in Boni on 2 April 2024.",
                  published=dt.date(2024, 5, 1))
    assert ev.event_date == dt.date(2024, 4, 2)


def test_a_villages_vigilance_committee_is_named_after_the_village(coder):
    ev = code_one(coder, "On 3 May 2021, bandits who tried to raid Douentza were fought off by the village vigilance "
                         "committee. Two vigilantes were killed.")
    assert ev.event_type == "Battles"
    assert {ev.actor1, ev.actor2} == {"Douentza Communal Militia (Mali)", "Unidentified Armed Group (Mali)"}


def test_police_present_at_a_lynching_who_do_not_intervene_are_no_side(coder):
    ev = code_one(coder, "On 3 May 2025, a mob lynched a suspected thief in Douentza in the presence of police "
                         "officers. 1 fatality.", published=dt.date(2025, 5, 5))
    assert (ev.event_type, ev.actor1, ev.actor2) == ("Riots", "Rioters (Mali)", "Civilians (Mali)")
    ev = code_one(coder, "On 3 May 2025, residents beat a suspected thief to death in Douentza. Police officers at "
                         "the scene failed to intervene.", published=dt.date(2025, 5, 5))
    assert (ev.event_type, ev.actor1, ev.fatalities) == ("Riots", "Rioters (Mali)", 1)


def test_a_force_that_retakes_a_town_with_the_support_of_a_militia_is_one_side_with_it(coder):
    ev = code_one(coder, "On 3 May 2025, the Burkinabe army regained control of the town of Djibo (Djibo, Soum) "
                         "in the early morning with the support "
                         "of VDP, after JNIM militants had occupied the town.", country="Burkina Faso",
                  published=dt.date(2025, 5, 5))
    assert ev.sub_event_type == "Government regains territory"
    assert ev.actor1.startswith("Military Forces of Burkina Faso") and ev.actor2.startswith("JNIM")
    assert ev.assoc_actor_1.startswith("VDP")


def test_a_vague_toll_and_a_precise_toll_of_the_same_dead_are_one(coder):
    text = ("JNIM militants attacked the army post in Boni. Dozens of soldiers were reportedly killed. A security "
            "source later put the toll at 13 soldiers killed.")
    assert count_fatalities(text) == 13
    assert count_fatalities("Gunmen killed several villagers in Boni. In another attack, 4 villagers were killed "
                            "in Douentza.") > 4


@pytest.mark.parametrize("text, expected", [
    # a VDP's "volunteer fighters" are the state's side, not the attackers
    ("Local sources said eight volunteer fighters were killed, while a security source put the toll at 12. "
     "The army stated that five assailants were killed.", 13),
    ("Soldiers executed at least 28 civilians, according to survivors. A rights group later documented 41 deaths.", 28),
    ("At least 14 soldiers and gendarmes were killed, although other reports cited 25 deaths.", 14),
    ("Soldiers detained twenty men at the fair. The bodies of 6 of them were found the next day; relatives "
     "reported 11 dead.", 6),
    ("Gunmen executed five men on the road. A local official gave a toll of 5 dead.", 5),
    ("Hunters killed 6 herders, according to a herders' association, which spoke of 9 victims in a later statement.", 6),
    ("Two soldiers were killed along with the bomber.", 3),
    ("Militants detonated a mine, resulting in an unknown number of dead, according to a statement; unknown "
     "fatalities coded at low estimate of 3.", 3),
    ("Gunmen killed 3 soldiers; two soldiers died of their wounds later.", 5),
    ("A drone struck a house, killing two commanders and a child, according to the rebels. The army said it had "
     "neutralised terrorist leaders.", 3),
    ("Residents lynched two men suspected of belonging to a kidnapping gang.", 2),
    ("Two youths were lynched by a mob; one was killed and the other injured.", 1),
])
def test_tolls_of_the_same_dead_from_several_accounts(text, expected):
    assert count_fatalities(text) == expected


def test_police_who_arrest_people_afterwards_are_no_side_of_a_lynching(coder):
    ev = code_one(coder, "On 4 April 2025, residents of Douentza lynched two men suspected of belonging to a "
                         "kidnapping gang. The police arrested four people afterwards.", published=dt.date(2025, 4, 6))
    assert (ev.event_type, ev.sub_event_type, ev.actor1, ev.fatalities) == ("Riots", "Mob violence", "Rioters (Mali)", 2)


def test_a_named_group_the_army_says_it_targeted_is_not_the_target_when_civilians_died(coder):
    ev = code_one(coder, "On 9 February 2025, an army air strike hit the weekly market of Boni. Local sources "
                         "reported nine civilians killed, while the army said it had targeted a JNIM logistics "
                         "network.", published=dt.date(2025, 2, 11))
    assert ev.actor2 == "Civilians (Mali)"
    ev = code_one(coder, "On 9 February 2025, a drone hit the market of Boni. At least 9 civilians, including 3 "
                         "children, were killed. The army stated that the strike targeted a meeting of Islamic State "
                         "Sahel commanders.", published=dt.date(2025, 2, 11))
    assert ev.actor2 == "Civilians (Mali)"


def test_a_later_sentence_about_the_event_that_preceded_it_is_not_coded(coder):
    ev = code_one(coder, "On 4 May 2023, soldiers rounded up and executed 28 civilians in Boni. The operation came "
                         "two days after an ambush on a military convoy near Douentza.", published=dt.date(2023, 5, 6))
    assert (ev.event_type, ev.actor2, ev.fatalities) == ("Violence against civilians", "Civilians (Mali)", 28)


def test_demonstrators_who_break_into_a_warehouse_and_carry_goods_away_riot(coder):
    ev = code_one(coder, "On 14 January 2025, displaced people demonstrated in Douentza against delayed food "
                         "distributions, then broke into a food aid warehouse and carried away bags of rice.",
                  published=dt.date(2025, 1, 16))
    assert (ev.event_type, ev.sub_event_type, ev.actor1) == ("Riots", "Violent demonstration", "Rioters (Mali)")


def test_the_army_and_its_auxiliaries_taking_a_town_are_one_side(coder):
    ev = code_one(coder, "On 3 December 2024, the Burkinabe army and VDP took back control of Djibo, which had been "
                         "held by JNIM since early 2023. The troops met no resistance.", country="Burkina Faso",
                  published=dt.date(2024, 12, 5))
    assert ev.actor1.startswith("Military Forces of Burkina Faso") and ev.assoc_actor_1.startswith("VDP")
    assert ev.actor2.startswith("JNIM")


def test_the_dozo_are_a_communal_militia_of_mali_in_acleds_recent_data(coder):
    old = code_one(coder, "On 21 July 2017, Dozo hunters killed two herders near Douentza.", published=dt.date(2017, 7, 23))
    new = code_one(coder, "On 21 July 2024, Dozo hunters killed two herders near Douentza.", published=dt.date(2024, 7, 23))
    assert (old.actor1, new.actor1) == ("Dozo Militia", "Dozo Communal Militia (Mali)")


@pytest.mark.parametrize("text, sub", [
    ("On 3 May 2025, police dispersed with tear gas several hundred party activists who had gathered in Bamako to "
     "oppose the dissolution of political parties.", "Protest with intervention"),
    ("On 26 July 2024, several thousand people gathered at the Independence Monument in Bamako in support of the "
     "transitional authorities and against what they called ECOWAS interference. [size=several thousand]",
     "Peaceful protest"),
])
def test_a_gathering_against_or_for_something_is_a_protest(coder, text, sub):
    ev = code_one(coder, text, published=dt.date(2025, 5, 5))
    assert (ev.event_type, ev.sub_event_type, ev.actor1) == ("Protests", sub, "Protesters (Mali)")


def test_victims_alleged_ties_and_the_source_of_a_toll_are_no_sides(coder):
    ev = code_one(coder, "On 21 August 2024, Katiba Macina militants stopped a bus near Douentza and executed five "
                         "men whom they accused of working with the army and the Dozo. A humanitarian source gave "
                         "a toll of 5 dead.", published=dt.date(2024, 8, 23))
    assert ev.actor1 == "Katiba Macina" and ev.assoc_actor_1 == "JNIM: Group for Support of Islam and Muslims"
    assert (ev.actor2, ev.assoc_actor_2, ev.fatalities) == ("Civilians (Mali)", None, 5)
    ev = code_one(coder, "On 12 February 2026, gendarmes arrested the director of a community radio station in Boni.",
                  published=dt.date(2026, 2, 14))
    assert (ev.sub_event_type, ev.assoc_actor_2) == ("Arrests", "Journalists (Mali)")


def test_a_community_militia_named_after_its_description_is_the_named_militia(coder):
    ev = code_one(coder, "On 8 January 2025, JNIM militants ambushed members of the Dogon militia Dan Na Ambassagou "
                         "near Boni. Three militiamen were killed.", published=dt.date(2025, 1, 10))
    assert ev.actor2 == "Dan Na Ambassagou"


def test_the_party_named_beside_a_group_in_an_agreement_is_its_counterpart(coder):
    ev = code_one(coder, "On 27 February 2025, JNIM and the notables of Boni concluded a local agreement: the "
                         "militants lifted their blockade in exchange for the disbanding of the local self-defence "
                         "group.", published=dt.date(2025, 3, 1))
    assert (ev.sub_event_type, ev.actor2) == ("Agreement", "Civilians (Mali)")


def test_a_force_together_with_its_ally_is_one_side(coder):
    ev = code_one(coder, "On 20 March 2025, the Malian army, together with Africa Corps, set up a new military post "
                         "in Boni to secure the road.", published=dt.date(2025, 3, 22))
    assert ev.actor1.startswith("Military Forces of Mali") and ev.actor2 is None


def test_a_drone_attack_by_rebels_dropping_charges_is_their_drone_strike(coder):
    ev = code_one(coder, "On 4 January 2026, the FLA carried out a drone attack on the army camp in Boni, dropping "
                         "several explosive charges. Three soldiers were wounded.", published=dt.date(2026, 1, 6))
    assert (ev.sub_event_type, ev.actor1) == ("Air/drone strike", "FLA: Azawad Liberation Front")


def test_two_countries_forces_under_one_noun_are_both_sides(coder):
    ev = code_one(coder, "On 22 April 2025, JNIM militants ambushed a joint patrol of the Malian and Burkinabe armies "
                         "near Boni. Seven soldiers were killed.", published=dt.date(2025, 4, 24))
    assert ev.actor2.startswith("Military Forces of Mali") and ev.assoc_actor_2.startswith("Military Forces of Burkina")


def test_a_takeover_is_dated_by_its_own_sentence(coder):
    ev = code_one(coder, "On 14 December 2025, the army evacuated its post in Boni. On 15 December, FLA fighters "
                         "entered the town and took control of the abandoned camp without any fighting.",
                  published=dt.date(2025, 12, 20))
    assert (ev.sub_event_type, ev.event_date) == ("Non-violent transfer of territory", dt.date(2025, 12, 15))


def test_a_killing_by_armed_men_is_no_mob_violence_when_the_note_mentions_communal_violence(coder):
    ev = code_one(coder, "The village chief of Boni, accused of collaborating with the army, was assassinated by "
                         "presumed jihadists; the area recently saw communal violence.", published=dt.date(2024, 5, 5))
    assert ev.event_type == "Violence against civilians" and ev.actor2 == "Civilians (Mali)"


@pytest.mark.parametrize("text, expected", [
    ("Residents said at least nine civilians, among them traders and a child, were killed; a local official gave a "
     "toll of 14 dead.", 9),
    ("A community association reported 17 dead, while a rights group documented the killing of 11 men.", 11),
    ("The rebels said they killed 14 soldiers and lost two of their own fighters, while a security source "
     "acknowledged six dead among the defenders.", 8),
    ("Security sources reported at least 38 soldiers killed and said 45 assailants had been neutralized, while JNIM "
     "claimed to have killed more than 100.", 83),
])
def test_tolls_reported_by_several_sources_in_other_words(text, expected):
    assert count_fatalities(text) == expected


def test_an_auxiliary_listed_after_the_national_force_is_its_associate(coder):
    ev = code_one(coder, "On 1 August 2025, FLA fighters stormed the military camp of Boni, held by Malian troops "
                         "and Russian Africa Corps paramilitaries. The FLA said it killed 14 soldiers; a security "
                         "source acknowledged six dead among the defenders.", published=dt.date(2025, 8, 3))
    assert ev.actor2.startswith("Military Forces of Mali") and ev.assoc_actor_2 == "Africa Corps"
    assert ev.fatalities == 6


def test_an_earlier_announcement_is_no_part_of_the_event(coder):
    ev = code_one(coder, "On 9 September 2025, presumed JNIM militants intercepted a convoy of fuel tankers near "
                         "Boni and set at least 30 trucks on fire. The drivers were released unharmed. Earlier in the "
                         "month, the group had announced a blockade on fuel imports.", published=dt.date(2025, 9, 11))
    assert (ev.sub_event_type, ev.actor1) == ("Looting/property destruction",
                                              "JNIM: Group for Support of Islam and Muslims")


def test_violence_a_sit_in_denounces_does_not_make_it_a_riot(coder):
    ev = code_one(coder, "On 18 October 2025, dozens of truck drivers held a sit-in in front of the governorate in "
                         "Boni, denouncing insecurity after the burning of tanker trucks by militants. [size=dozens]",
                  published=dt.date(2025, 10, 20))
    assert (ev.event_type, ev.sub_event_type) == ("Protests", "Peaceful protest")


def test_a_raid_that_only_drives_away_cattle_is_looting(coder):
    ev = code_one(coder, "On 2 March 2026, presumed IS Sahel militants raided Djibo and drove away several hundred "
                         "head of cattle belonging to villagers. No casualties were reported.", country="Burkina Faso",
                  published=dt.date(2026, 3, 4))
    assert (ev.sub_event_type, ev.actor1) == ("Looting/property destruction", "Islamic State (Sahel)")


def test_is_sahel_named_after_armed_men_is_who_they_were(coder):
    ev = code_one(coder, "On 15 November 2025, armed men presumed to be IS Sahel militants seized about 300 head of "
                         "cattle from herders near Boni.", published=dt.date(2025, 11, 17))
    assert (ev.actor1, ev.actor2) == ("Islamic State (Sahel)", "Civilians (Mali)")


def test_a_named_group_targeted_by_drone_strikes_is_the_target_whatever_the_generic_word_after(coder):
    ev = code_one(coder, "On 4 October 2025, a gathering of IS Sahel fighters was targeted by drone strikes of the "
                         "Malian armed forces near Boni. According to an army communique, 23 militants were killed.",
                  published=dt.date(2025, 10, 6))
    assert ev.actor1.startswith("Military Forces of Mali") and ev.actor2 == "Islamic State (Sahel)"


def test_a_gathering_the_army_claims_it_spotted_is_not_the_target_of_a_strike_on_civilians(coder):
    ev = code_one(coder, "On 6 April 2025, an army drone struck the weekly market of Boni, where the military "
                         "claimed a gathering of 'terrorists' had been spotted. Residents said at least nine civilians "
                         "were killed.", published=dt.date(2025, 4, 8))
    assert (ev.actor2, ev.fatalities) == ("Civilians (Mali)", 9)


def test_unnamed_jihadists_are_named_as_acled_named_them_at_the_time(coder):
    old = code_one(coder, "On 3 May 2017, suspected jihadists attacked the army post in Boni.", published=dt.date(2017, 5, 5))
    new = code_one(coder, "On 3 May 2024, suspected jihadists attacked the army post in Boni.", published=dt.date(2024, 5, 5))
    assert (old.actor1, new.actor1) == ("Islamist Militia (Mali)", "Unidentified Armed Group (Mali)")


@pytest.mark.parametrize("text", [
    "On 22 June 2020, a man suspected of stealing motorbikes was beaten to death by a crowd at the market of Boni. "
    "Gendarmes who arrived at the scene were unable to intervene in time.",
    "On 27 March 2021, an angry crowd beat to death two young men accused of stealing cattle in Boni. The gendarmerie "
    "later recovered the bodies and opened an investigation.",
    "On 3 May 2021, a man accused of kidnapping a child was lynched by a crowd in Boni. Police later said that the child "
    "was found unharmed, and arrested four people suspected of taking part in the killing.",
])
def test_forces_who_come_after_a_lynching_are_no_side_of_it(coder, text):
    ev = code_one(coder, text, published=dt.date(2021, 6, 1))
    assert (ev.event_type, ev.sub_event_type, ev.actor1) == ("Riots", "Mob violence", "Rioters (Mali)")
    assert ev.fatalities in (1, 2)


@pytest.mark.parametrize("text, actor1", [
    ("On 21 May 2024, unidentified gunmen raided Boni, stealing cattle and setting fire to several shops. Residents "
     "later identified the assailants as IS Sahel militants.", "Islamic State (Sahel)"),
    ("On 4 December 2023, gunmen attacked a hamlet near Boni, killing nine civilians. According to local sources, the "
     "assailants belonged to the Islamic State Sahel Province.", "Islamic State (Sahel)"),
    ("On 8 October 2020, armed men presented as JNIM militants set fire to the town hall of Boni.",
     "JNIM: Group for Support of Islam and Muslims"),
    ("On 17 August 2023, a unit of soldiers escorting a convoy came under attack near Boni. JNIM, which claimed the "
     "attack, said it had killed thirty soldiers.", "JNIM: Group for Support of Islam and Muslims"),
    ("On 14 September 2025, armed men intercepted a convoy of fuel tankers near Boni and set the trucks on fire. JNIM "
     "claimed the operation two days later.", "JNIM: Group for Support of Islam and Muslims"),
    ("On 23 July 2023, JNIM militants attacked a checkpoint held by Dozo hunters in Boni.",
     "JNIM: Group for Support of Islam and Muslims"),
])
def test_who_the_attackers_were_said_to_be_later_in_the_note(coder, text, actor1):
    ev = code_one(coder, text, published=dt.date(2025, 9, 20))
    assert ev.actor1 == actor1
    assert not (ev.actor2 or "").startswith("Unidentified")


def test_the_author_of_a_statement_is_not_a_side(coder):
    ev = code_one(coder, "On 21 February 2024, an army drone struck a pick-up truck near Boni; six gold panners were "
                         "killed, while a statement by the CSP-PSD rebel coalition later put the number of dead at "
                         "eight.", published=dt.date(2024, 2, 25))
    assert (ev.actor2, ev.fatalities) == ("Civilians (Mali)", 6)


@pytest.mark.parametrize("text, sub, actor1, actor2", [
    ("On 16 January 2024, a military engineering team defused two IEDs buried on the road near Djibo. According to the "
     "army, the devices had been planted by JNIM militants. Three days earlier, a similar device had killed two "
     "civilians on the same road.", "Disrupted weapons use", "Military Forces of Burkina Faso", "JNIM"),
    ("On 29 July 2021, VDP ambushed a group of suspected JNIM militants near Djibo, killing three of them. The "
     "militants had reportedly come from the Malian border to collect zakat from farmers.",
     "Armed clash", "VDP", "JNIM"),
])
def test_background_told_in_the_pluperfect_or_days_earlier_is_not_the_event(coder, text, sub, actor1, actor2):
    ev = code_one(coder, text, country="Burkina Faso", published=dt.date(2024, 1, 20))
    assert ev.sub_event_type == sub and ev.actor1.startswith(actor1) and (ev.actor2 or "").startswith(actor2)


@pytest.mark.parametrize("text, sub, actor1, actor2", [
    ("On 24 November 2024, army units supported by VDP re-established a military presence in Djibo, which had been "
     "abandoned after months of JNIM blockade. Troops clashed with militants on the outskirts, killing six.",
     "Government regains territory", "Military Forces of Burkina Faso", "JNIM"),
    ("On 13 January 2026, IS Sahel militants entered Djibo without a fight, a day after the army had evacuated its post "
     "there.", "Non-violent transfer of territory", "Islamic State (Sahel)", "Military Forces of Burkina Faso"),
    ("On 23 October 2023, the UN mission completed its withdrawal from its camp in Djibo, which was taken over by the "
     "Burkinabe army.", "Non-violent transfer of territory", "Military Forces of Burkina Faso", "MINUSMA"),
    ("On 14 December 2021, French forces formally handed over their base in Djibo to the Burkinabe army at the "
     "camp.", "Non-violent transfer of territory", "Military Forces of Burkina Faso", "Military Forces of France"),
    ("On 1 October 2023, after a brief exchange of fire, JNIM fighters seized the army camp and the town of Djibo as "
     "the soldiers retreated.", "Non-state actor overtakes territory", "JNIM", "Military Forces of Burkina Faso"),
])
def test_who_took_a_place_and_from_whom(coder, text, sub, actor1, actor2):
    ev = code_one(coder, text, country="Burkina Faso", published=dt.date(2026, 1, 20))
    assert ev.sub_event_type == sub and ev.actor1.startswith(actor1) and (ev.actor2 or "").startswith(actor2), \
        (ev.sub_event_type, ev.actor1, ev.actor2)


@pytest.mark.parametrize("text, expected", [
    ("Five VDP and three civilians were killed, and an undetermined number of assailants also died.", 8),
    ("A rights collective (CISC) reported nine victims, whereas local sources in Djibo said seven were killed.", 7),
    ("The ministry said 18 assailants were killed and two soldiers lost their lives; a later IS claim alleged that a "
     "dozen soldiers had been killed.", 20),
    ("Security sources first reported 11 soldiers and 4 VDP killed, but an official statement later put the toll at "
     "seven soldiers and four VDP dead, adding that twenty assailants were neutralised.", 31),
    ("The army reported 10 soldiers killed and claimed 46 assailants killed; the CMA acknowledged 5 dead in its ranks "
     "and claimed to have killed 97 soldiers.", 15),
    ("JNIM admitted 1 dead in its own ranks; local observers reported 1 FAMa and 1 civilian killed.", 3),
    ("A crowd beat to death a young man accused of theft before police could intervene.", 1),
    ("The ministry said about 10 militants were 'neutralised'.", 10),
    ("A drone killed 4 rebels, according to the group. The army said it had neutralised a group of terrorists.", 4),
    ("Soldiers raided the village, executing 13 civilians according to residents; an association reported 17 dead.", 13),
    ("Two peacekeepers were killed and four injured, according to the UN mission, while a military source reported "
     "three dead.", 2),
])
def test_more_tolls_of_the_same_dead(text, expected):
    assert count_fatalities(text) == expected


@pytest.mark.parametrize("text, expected", [
    # "between X and Y" after a date still names the two sides
    ("Fighting broke out on 20 June 2023 between JNIM and Islamic State Sahel fighters near Boni. Local sources counted "
     "17 dead.", ("Battles", "JNIM: Group for Support of Islam and Muslims", "Islamic State (Sahel)")),
    # a vehicle of a foreign force that hit a device is its target
    ("On 21 February 2023, a vehicle of a MINUSMA convoy hit an explosive device east of Douentza, killing three "
     "peacekeepers. No group claimed responsibility.",
     ("Explosions/Remote violence", "Unidentified Armed Group (Mali)", "MINUSMA")),
    # the cause of a reprisal and an IED two days before are not the event
    ("On 19 April 2022, Malian soldiers opened fire at the market in Boni and rounded up hundreds of people, in "
     "reprisal for an IED blast that had killed an instructor near the town. At least 10 civilians were killed.",
     ("Violence against civilians", "Military Forces of Mali", "Civilians (Mali)")),
    ("On 5 March 2023, Malian soldiers raided the market of Boni, two days after an army patrol had hit an IED near "
     "the town. At least nine civilians were executed, while the army said it had 'neutralised' terrorists.",
     ("Violence against civilians", "Military Forces of Mali", "Civilians (Mali)")),
    # a car bomb opening an assault that overran a camp
    ("On 3 June 2025, JNIM fighters stormed and overran the military camp at Boni after a dawn assault involving a car "
     "bomb and dozens of motorbikes.", ("Battles", "JNIM: Group for Support of Islam and Muslims", "Military Forces of Mali")),
    # jets by their names
    ("On 3 January 2021, a French Mirage 2000 strike hit a gathering near Boni, killing 19 civilians. The French army "
     "maintained that it had targeted armed jihadists.",
     ("Explosions/Remote violence", "Military Forces of France", "Civilians (Mali)")),
    ("On 9 October 2019, French Mirage jets struck a group of ISGS fighters near Boni. The ministry said about 10 "
     "militants were 'neutralised' and an arms cache destroyed.",
     ("Explosions/Remote violence", "Military Forces of France", "Islamic State")),
    # the force, named again as the source, is still one side
    ("On 9 February 2021, French soldiers of Operation Barkhane, supported by special forces of Task Force Takuba and a "
     "FAMa unit, engaged presumed ISGS fighters near Boni. The French general staff said six militants were killed.",
     ("Battles", "Military Forces of France", "Islamic State")),
])
def test_sides_and_types_in_longer_notes(coder, text, expected):
    ev = code_one(coder, text, published=dt.date(2025, 6, 5))
    assert ev.event_type == expected[0] and ev.actor1.startswith(expected[1]) and (ev.actor2 or "").startswith(expected[2]), \
        (ev.event_type, ev.actor1, ev.actor2)


def test_the_parties_to_a_truce_and_a_suspended_agreement(coder):
    ev = code_one(coder, "On 26 April 2022, Katiba Macina militants and Dozo hunters concluded a local truce in Boni, "
                         "mediated by religious leaders. The truce follows months of tit-for-tat killings, including "
                         "an attack in which six people died.", published=dt.date(2022, 4, 28))
    assert (ev.sub_event_type, ev.actor1, ev.actor2, ev.fatalities) == (
        "Agreement", "Katiba Macina", "Dozo Communal Militia (Mali)", 0)
    ev = code_one(coder, "On 22 December 2022, the CMA announced in Kidal that it was suspending its participation in "
                         "the follow-up of the 2015 peace agreement.", published=dt.date(2022, 12, 24))
    assert ev.sub_event_type == "Change to group/activity"


def test_a_crowd_that_disperses_by_itself_met_no_intervention(coder):
    ev = code_one(coder, "On 14 September 2019, several hundred women demonstrated in front of the MINUSMA camp in "
                         "Kidal to demand the release of three detained men. The gathering dispersed without incident. "
                         "[size=several hundred]", published=dt.date(2019, 9, 16))
    assert (ev.sub_event_type, ev.actor2) == ("Peaceful protest", None)


def test_an_abduction_in_which_one_resister_was_killed_is_an_abduction(coder):
    ev = code_one(coder, "On 27 January 2026, armed bandits kidnapped 14 people, mostly women and children, in Boni. "
                         "A villager who tried to resist was shot dead.", published=dt.date(2026, 1, 29))
    assert (ev.sub_event_type, ev.fatalities) == ("Abduction/forced disappearance", 1)


def test_the_crowd_size_tag_marks_a_protest_or_riot(coder):
    ev = code_one(coder, "On 23 January 2022, groups of youths ransacked and set fire to the headquarters of the "
                         "ruling party in Bamako. No casualties were reported. [size=dozens]", published=dt.date(2022, 1, 25))
    assert (ev.event_type, ev.actor1) == ("Riots", "Rioters (Mali)")


def test_the_force_that_fired_on_a_crowd_is_the_one_coded(coder):
    ev = code_one(coder, "On 19 November 2021, hundreds of demonstrators blocked a MINUSMA convoy in Douentza. Malian "
                         "gendarmes fired tear gas to disperse them. [size=hundreds]", published=dt.date(2021, 11, 21))
    assert ev.sub_event_type == "Protest with intervention" and ev.actor2.startswith("Police Forces of Mali")


def test_a_distance_from_a_place_with_its_units_places_the_event(coder):
    ev = code_one(coder, "On 22 June 2019, an army vehicle struck a roadside bomb on the road between Djibo and Kaya, "
                         "about 5 km from Kaya (Kaya, Sanmatenga). Two soldiers died.", country="Burkina Faso",
                  published=dt.date(2019, 6, 24))
    assert ev.location == "Kaya"


@pytest.mark.parametrize("text, expected", [
    ("On 2 July 2025, several dozen JNIM fighters stormed the army post in Boni, seized weapons and took control of the "
     "town. The army acknowledged the death of four soldiers.",
     ("Non-state actor overtakes territory", "JNIM", "Military Forces of Mali")),
    ("On 6 March 2025, a crowd at the market of Boni beat to death a man suspected of spying for armed groups. "
     "Gendarmes intervened to rescue a second suspect. [size=no report]", ("Mob violence", "Rioters (Mali)", "Civilians")),
    ("On 14 February 2025, Malian soldiers seized about fifteen herders at the market of Boni and drove them away to an "
     "unknown destination; a week later their families still had no news of them.",
     ("Abduction/forced disappearance", "Military Forces of Mali", "Civilians (Mali)")),
    ("Arrests: On 12 November 2024, officers of the cybercrime brigade arrested a radio host in Bamako over posts "
     "criticising the transition.", ("Arrests", "Police Forces of Mali", "Civilians (Mali)")),
    ("On 17 October 2024, police in Bamako detained the publisher of a weekly after it ran an article on the army's fuel "
     "supplies.", ("Arrests", "Police Forces of Mali", "Civilians (Mali)")),
    ("On 19 July 2024, the army inaugurated a new detachment in Boni, manned by a rapid intervention battalion and VDP "
     "units.", ("Headquarters or base established", "Military Forces of Mali", "")),
    ("On 21 October 2023, MINUSMA completed its withdrawal from its camp in Boni and handed the base over to the Malian "
     "authorities; FAMa troops took control of the camp. The CSP-PSD denounced the handover.",
     ("Non-violent transfer of territory", "Military Forces of Mali", "MINUSMA")),
    ("On the night of 5-6 March 2022, FAMa soldiers accompanied by foreign fighters presumed to be Wagner Group "
     "executed unarmed Fulani men near Boni. Residents said 12 bodies were found. The army said it had 'neutralised a "
     "dozen terrorists' during a sweep.", ("Attack", "Military Forces of Mali", "Civilians (Mali)")),
])
def test_thirteenth_round_sides_and_types(coder, text, expected):
    ev = code_one(coder, text, published=dt.date(2025, 7, 5))
    assert ev.sub_event_type == expected[0] and ev.actor1.startswith(expected[1]) and \
        (ev.actor2 or "").startswith(expected[2]), (ev.sub_event_type, ev.actor1, ev.actor2)
    if expected[0] == "Headquarters or base established":
        assert ev.actor2 is None and ev.assoc_actor_1.startswith("VDP")


def test_the_csp_is_named_as_acled_named_it_at_the_time(coder):
    old = code_one(coder, "On 1 October 2023, CSP fighters ambushed an army convoy near Boni.", published=dt.date(2023, 10, 3))
    new = code_one(coder, "On 1 October 2024, CSP fighters ambushed an army convoy near Boni.", published=dt.date(2024, 10, 3))
    assert old.actor1.startswith("CSP-PSD") and new.actor1.startswith("CSP-DPA")


@pytest.mark.parametrize("text, expected", [
    ("Gunmen burst into a church in Boni and killed the pastor and four worshippers.", 5),
    ("A suicide bomber drove a pick-up into the gate, killing three soldiers; the bomber also died.", 4),
    ("Militants shot dead nine civilians. Three of the wounded died in hospital the following day, bringing the death "
     "toll to 12 according to a local official.", 12),
])
def test_tolls_with_their_last_victims(text, expected):
    assert count_fatalities(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("On 2 January 2019, Koglweogo members killed at least 6 Fulani men and torched houses in Djibo, in reprisal for "
     "the killing of a local chief the previous night.", ("Attack", "Koglweogo", "Civilians (Burkina Faso)")),
    ("On 11 July 2020, anti-riot police fired tear gas and live rounds at supporters of the opposition who had gathered "
     "in Ouagadougou. The government acknowledged 4 deaths among the demonstrators. [size=thousands]",
     ("Excessive force against protesters", "Protesters (Burkina Faso)", "Police Forces of Burkina Faso")),
    ("On 3 October 2023, the army set up a new military detachment in Djibo, a town emptied of its inhabitants by "
     "militant attacks since 2019.", ("Headquarters or base established", "Military Forces of Burkina Faso", "")),
])
def test_a_communitys_men_killed_anti_riot_police_and_background_attacks(coder, text, expected):
    ev = code_one(coder, text, country="Burkina Faso", published=dt.date(2023, 10, 5))
    assert ev.sub_event_type == expected[0] and ev.actor1.startswith(expected[1]) and \
        (ev.actor2 or "").startswith(expected[2]), (ev.sub_event_type, ev.actor1, ev.actor2)


@pytest.mark.parametrize("text, expected", [
    ("The army reported three soldiers killed and 'une quarantaine' d'assaillants neutralises.", 43),
    ("The ministry reported 27 civilians killed, while local sources spoke of 'une trentaine' of dead.", 27),
    ("Drones struck a column of motorcycles, 'neutralising' 13 terrorists, according to a communique.", 13),
    ("Villagers beat three men with sticks. Two of the men died of their injuries, although one local source put "
     "the toll at three dead.", 2),
])
def test_french_round_figures_and_deaths_from_injuries(text, expected):
    assert count_fatalities(text) == expected


@pytest.mark.parametrize("text, country, expected", [
    ("Agreement: On 14 March 2021, GSIM militants and the Bambara dozo hunters of Boni concluded a ceasefire.",
     "Mali", ("Agreement", "JNIM", "Dozo Communal Militia (Mali)")),
    ("Arrests: On 31 July 2023, soldiers arrested the ministers of mines and of the interior of the ousted government "
     "in Niamey. The president had been held at his residence since the coup of 26 July.",
     "Niger", ("Arrests", "Military Forces of Niger", "Government of Niger")),
    ("Arrests: On 12 September 2022, police in Niamey arrested a journalist for 'spreading false news' after he reported "
     "on the abduction of several women by Boko Haram.", "Niger", ("Arrests", "Police Forces of Niger", "Civilians (Niger)")),
    ("Disrupted weapons use: On 5 March 2024, the army uncovered a weapons cache belonging to JNIM near Boni.",
     "Mali", ("Disrupted weapons use", "Military Forces of Mali", "JNIM")),
    ("On 19 January 2026, a unit of the genie militaire defused two EEI planted on the road near Djibo. The devices "
     "were attributed to the GSIM.", "Burkina Faso", ("Disrupted weapons use", "Military Forces of Burkina Faso", "JNIM")),
    ("Non-violent transfer of territory: On 22 December 2023, the last French soldiers left the air base in Niamey. "
     "The Nigerien army took over the facilities.", "Niger",
     ("Non-violent transfer of territory", "Military Forces of Niger", "Military Forces of France")),
    ("On 14 January 2021, a group of villagers seized three men accused of being informants at the market in Djibo and beat them "
     "with sticks. Two of the men died and the third was rescued by gendarmes. [size=no report]",
     "Burkina Faso", ("Mob violence", "Rioters (Burkina Faso)", "Civilians (Burkina Faso)")),
    ("On 30 December 2022, VDP killed at least 12 civilians in hamlets around Djibo. The VDP were reportedly avenging "
     "an attack by JNIM militants that had killed two of their men.", "Burkina Faso",
     ("Attack", "VDP", "Civilians (Burkina Faso)")),
    ("On 19 August 2023, two days after the withdrawal of the army detachment, JNIM militants entered Djibo without "
     "meeting any resistance and hoisted their flag.", "Burkina Faso", ("Non-violent transfer of territory", "JNIM", "")),
    ("On 27 March 2024, gunmen presented as IS Sahel members abducted four notables from a nomadic camp near Djibo and "
     "seized the camp's livestock.", "Burkina Faso",
     ("Abduction/forced disappearance", "Islamic State (Sahel)", "Civilians (Burkina Faso)")),
    ("On 17 March 2024, an army drone struck the weekly market of Boni, killing six civilians. The CSP-PSD put the toll "
     "at nine dead.", "Mali", ("Air/drone strike", "Military Forces of Mali", "Civilians (Mali)")),
])
def test_fourteenth_round_sides_and_types(coder, text, country, expected):
    _assert_sides(code_one(coder, text, country=country, published=dt.date(2026, 1, 22)), expected)


def test_a_similar_device_that_had_killed_earlier_adds_no_dead(coder):
    ev = code_one(coder, "On 23 November 2024, an army vehicle struck an IED planted by presumed IS Sahel militants near "
                         "Boni, killing three soldiers. A similar device had killed two soldiers near Douentza on 15 "
                         "November.", published=dt.date(2024, 11, 25))
    assert ev.fatalities == 3


@pytest.mark.parametrize("text, country, expected", [
    ("On 4 August 2019, unknown gunmen broke into the town hall of Douentza, burned the civil registers and set fire "
     "to the mayor's car. Nobody was hurt.", "Mali", ("Looting/property destruction", "Unidentified Armed Group", "")),
    ("On 2 March 2024, two armed groups, one of them made up of foreign gunmen, fought over a gold-panning site near "
     "Djibo. Five people died.", "Burkina Faso", ("Armed clash", "Unidentified Armed Group", "Unidentified Armed Group")),
    ("On 29 July 2018, JNIM militants raided a polling station in Douentza, took the ballot boxes and burned them. "
     "No one was injured.", "Mali", ("Looting/property destruction", "JNIM", "")),
    ("On 7 May 2016, armed men presented by witnesses as members of Ansar Dine attacked a gendarmerie post in "
     "Douentza, killing one gendarme.", "Mali", ("Armed clash", "Ansar Dine", "Police Forces of Mali")),
    ("On 3 March 2016, CMA combatants, mainly from the HCUA, clashed with GATIA fighters near Gao. Four died.", "Mali",
     ("Armed clash", "CMA", "GATIA")),
    ("On 9 April 2024, a Rapid Intervention Battalion and VDP regained control of Djibo, which JNIM had held for two "
     "months. Eight militants were killed.", "Burkina Faso", ("Government regains territory",
                                                              "Military Forces of Burkina Faso", "JNIM")),
    ("On 2 February 2026, Malian troops and Africa Corps soldiers, covered by attack helicopters, regained control of "
     "Boni after fighting JNIM militants, who had held it since December.", "Mali",
     ("Government regains territory", "Military Forces of Mali", "JNIM")),
    ("On 12 June 2022, FAMa soldiers and Wagner Group personnel landed by helicopter at the cattle market of "
     "Douentza (Douentza, Mopti), rounded up men accused of helping militants and executed them.", "Mali", ("Attack", "Military Forces of Mali", "Civilians (Mali)")),
    ("On 4 May 2025, soldiers detained six suspected JNIM members during a search in Djibo and seized three "
     "motorcycles and a rifle.", "Burkina Faso", ("Arrests", "Military Forces of Burkina Faso", "JNIM")),
    ("On 8 May 2022, gendarmes in Kaya arrested two suspected JNIM members carrying detonators and fertiliser meant "
     "for making IEDs.", "Burkina Faso", ("Arrests", "Police Forces of Burkina Faso", "JNIM")),
    ("On 11 June 2025, police arrested four VDP members in Kaya over their suspected role in the killing of a "
     "trader last month.", "Burkina Faso", ("Arrests", "Police Forces of Burkina Faso", "VDP")),
    ("On 20 May 2025, the army chiefs of Mali and Burkina Faso signed an accord in Bamako on joint drone "
     "patrols along the border.", "Mali", ("Agreement", "", "")),
    ("On 3 August 2025, military intelligence arrested a colonel and three sergeants at the camp in Kati, "
     "accusing them of plotting against the transition.", "Mali",
     ("Arrests", "Military Forces of Mali", "Military Forces of Mali")),
    ("On 14 February 2025, police in Niamey arrested the editor of a weekly newspaper over an article on the "
     "army.", "Niger", ("Arrests", "Police Forces of Niger", "Civilians (Niger)")),
])
def test_fifteenth_round_sides_and_types(coder, text, country, expected):
    _assert_sides(code_one(coder, text, country=country, published=dt.date(2026, 3, 1)), expected)


@pytest.mark.parametrize("text, country, expected", [
    ("On 5 February 2026, an army drone strike aimed at suspected JNIM fighters hit a wedding near Boni, killing "
     "nine civilians, residents said.", "Mali", ("Air/drone strike", "Military Forces of Mali", "Civilians (Mali)")),
    ("On 9 March 2024, a Burkinabe air force drone struck the cattle market of Djibo, killing at least 14 civilians. "
     "The army stated that the strike targeted JNIM militants buying fuel.", "Burkina Faso",
     ("Air/drone strike", "Military Forces of Burkina Faso", "Civilians (Burkina Faso)")),
    ("On 2 May 2024, JNIM militants opened their assault on the army post in Djibo with a car bomb before "
     "overrunning the post and taking control of it. Twelve soldiers were killed.", "Burkina Faso",
     ("Non-state actor overtakes territory", "JNIM", "Military Forces of Burkina Faso")),
    ("On 8 January 2024, army helicopters with Wagner Group personnel on board fired rockets at FLA positions near "
     "Douentza. The FLA said three of its fighters died.", "Mali",
     ("Air/drone strike", "Military Forces of Mali", "FLA")),
    ("On 20 October 2023, Malian soldiers took control of the UN camp in Douentza after the last peacekeepers left "
     "the town.", "Mali", ("Non-violent transfer of territory", "Military Forces of Mali", "MINUSMA")),
    ("On 4 March 2025, soldiers executed five herders near Djibo, hours after a military vehicle hit an IED on the "
     "road.", "Burkina Faso", ("Attack", "Military Forces of Burkina Faso", "Civilians (Burkina Faso)")),
    ("On 6 June 2025, Koglweogo members beat and injured three herders near Kaya whom they accused of theft. The "
     "herders were then handed over to the police.", "Burkina Faso",
     ("Attack", "Koglweogo", "Civilians (Burkina Faso)")),
    ("On 11 April 2024, presumed JNIM militants blew up a bridge on the road between Kaya and Djibo, cutting "
     "traffic between the two towns.", "Burkina Faso", ("Looting/property destruction", "JNIM", "")),
    ("On 3 December 2022, suspected IS Sahel militants burned a primary school and a health centre in a village near "
     "Djibo. Nobody was hurt.", "Burkina Faso", ("Looting/property destruction", "Islamic State (Sahel)", "")),
    # the sides listed before "clashed" stay in that order, though their dead are counted later
    ("On 2 May 2018, Dozo hunters and armed Fulani herders clashed near Douentza over a field. Four Fulani and one "
     "Dozo were killed.", "Mali", ("Armed clash", "Dozo", "Fulani Ethnic Militia (Mali)")),
])
def test_fifteenth_round_second_pass(coder, text, country, expected):
    ev = code_one(coder, text, country=country, published=dt.date(2026, 3, 1))
    _assert_sides(ev, expected)
    assert expected[2] or not ev.actor2 or "Civilians" in ev.actor2, ev.actor2


def test_the_spot_named_near_a_road_beats_the_roads_ends(coder):
    ev = code_one(coder, "On 12 January 2025, soldiers defused two IEDs laid by JNIM militants on the road between "
                         "Kaya and Djibo, near Djibo (Djibo, Soum).", country="Burkina Faso",
                  published=dt.date(2025, 1, 15))
    assert ev.location == "Djibo"


@pytest.mark.parametrize("text, country, expected", [
    ("On 3 February 2023, a crowd in a market of Kaya beat a man accused of stealing a phone and set him on fire, "
     "killing him. Police arrived after his death.", "Burkina Faso",
     ("Mob violence", "Rioters (Burkina Faso)", "Civilians (Burkina Faso)")),
    ("On 8 July 2020, residents of Djibo beat to death a man they accused of spying. Police later dispersed the "
     "crowd.", "Burkina Faso", ("Mob violence", "Rioters (Burkina Faso)", "Civilians (Burkina Faso)")),
    ("On 14 November 2021, a crowd in Niamey lynched two suspected thieves. Police recovered the bodies.", "Niger",
     ("Mob violence", "Rioters (Niger)", "Civilians (Niger)")),
    ("On 23 April 2023, suspected JNIM militants took the village chief of Douentza from his home at night. He was "
     "found dead the next morning.", "Mali", ("Attack", "JNIM", "Civilians (Mali)")),
    ("On 26 August 2022, soldiers arrested four herders near Douentza and drove them away. Their relatives said they "
     "had not been seen since.", "Mali", ("Abduction/forced disappearance", "Military Forces of Mali", "Civilians (Mali)")),
    ("On 28 October 2025, Malian soldiers entered Douentza a few hours after their convoy had hit an IED, rounded up "
     "herders and killed six of them.", "Mali", ("Attack", "Military Forces of Mali", "Civilians (Mali)")),
    ("On 19 August 2020, a cart carrying women to the market hit a mine near Djibo. Two women were killed. The mine "
     "had been planted by militants against army patrols.", "Burkina Faso",
     ("Remote explosive/landmine/IED", "Unidentified Armed Group", "Civilians (Burkina Faso)")),
    ("On 17 January 2026, armed men abducted two aid workers near Niamey. Security sources suspected IS Sahel "
     "militants.", "Niger", ("Abduction/forced disappearance", "Islamic State (Sahel)", "Civilians (Niger)")),
    ("On 6 October 2024, an army drone strike hit a well near Douentza. Residents and the FLA said seven civilians "
     "were killed.", "Mali", ("Air/drone strike", "Military Forces of Mali", "Civilians (Mali)")),
])
def test_fifteenth_round_third_pass(coder, text, country, expected):
    _assert_sides(code_one(coder, text, country=country, published=dt.date(2026, 3, 1)), expected)


@pytest.mark.parametrize("text, country, expected", [
    ("On 8 March 2025, an army drone struck people at a well near Douentza. At least five civilians were killed, "
     "while the FLA and a local association reported 10 dead.", "Mali",
     ("Air/drone strike", "Military Forces of Mali", "Civilians (Mali)")),
    ("On 22 April 2025, the FLA announced a reorganisation of its command near Douentza, appointing a new chief of "
     "staff, and called on former signatory groups of the Algiers accord to join it.", "Mali",
     ("Change to group/activity", "FLA", "")),
    ("On 10 December 2024, gendarmes arrested a journalist in Kaya after an article critical of the forced "
     "recruitment of young men into the VDP.", "Burkina Faso",
     ("Arrests", "Police Forces of Burkina Faso", "Civilians (Burkina Faso)")),
    ("On 27 May 2024, soldiers executed six herders near Niamey. A Fulani herders' association said eight people "
     "were killed.", "Niger", ("Attack", "Military Forces of Niger", "Civilians (Niger)")),
])
def test_fifteenth_round_fourth_pass(coder, text, country, expected):
    _assert_sides(code_one(coder, text, country=country, published=dt.date(2026, 3, 1)), expected)


# Sixteenth round: revised tolls, breakdowns, later deaths, and the sides of allied forces.
@pytest.mark.parametrize("text, expected", [
    # a revised toll replaces the first day's, and the other side's dead still add
    ("Gunmen attacked the camp at Boni. The army first acknowledged 12 soldiers killed. Two days later the ministry "
     "gave a revised toll of 31 soldiers killed, and said that 20 assailants had been neutralised.", 51),
    # a claim against another source's count of the same soldiers: the lower, plus the attackers' bodies
    ("JNIM claimed to have killed some 150 soldiers. Security sources put the number of soldiers killed at about 40, "
     "and residents counted the bodies of 15 assailants.", 55),
    # Wagner's fighters are on the army's side: not the rebels' own dead told by the rebels
    ("Sources counted 20 Malian soldiers and 30 Wagner fighters killed. The FLA said four of its fighters were "
     "killed, while the army claimed 12 assailants neutralised.", 54),
    ("Local sources reported at least 40 soldiers killed, as well as about fifteen militants.", 55),
    ("The ministry reported nine soldiers killed; on 3 May it raised the toll to 13. The ministry also said 20 "
     "assailants were killed.", 33),
    ("The army said more than 40 'terrorists' were neutralised and three soldiers killed. The group acknowledged "
     "the loss of five of its fighters.", 8),
    ("The French ministry said about thirty militants were killed, while the Malian ministry reported 'a dozen "
     "terrorists' neutralised.", 12),
    ("The militia said nine of its members were killed, while JNIM claimed to have killed 'around 40 hunters'. "
     "Villagers buried the nine bodies the next day; an unknown number of militants were also killed.", 9),
    ("Militants ambushed a patrol near Kaya, killing twelve: eight soldiers and four VDP. The army said air strikes "
     "'neutralised dozens' of fighters; residents said the bodies of six militants were found at the scene.", 18),
])
def test_revised_and_broken_down_tolls(text, expected):
    assert count_fatalities(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Militants attacked a police post, killing one officer. A second officer, who had been reported missing, was "
     "found dead the next day.", 2),
    ("Three policemen were killed and a fourth was reported missing; his body was found two days later.", 4),
    ("An IED killed three soldiers and wounded six; one of the wounded died the next day in hospital.", 4),
    ("The soldiers killed two bandits. One soldier was wounded and died of his injuries the next day.", 3),
])
def test_deaths_told_after_the_first_toll_add(text, expected):
    assert count_fatalities(text) == expected


@pytest.mark.parametrize("text, country, expected, fatalities", [
    # a later sentence dated before the event, or a month other than the event's, tells another event
    ("On 14 June 2024, militants abducted four traders near Djibo. On 2 April, around 60 civilians were killed in "
     "villages nearby. The traders' families said they had no news.", "Burkina Faso",
     ("Abduction/forced disappearance", "Unidentified Armed Group", "Civilians (Burkina Faso)"), 0),
    ("On 9 June 2023, JAS militants abducted six women gathering wood near Niamey. In February, ISWAP fighters killed "
     "seven fishermen in the same area.", "Niger",
     ("Abduction/forced disappearance", "Boko Haram", "Civilians (Niger)"), 0),
    # what the authorities did afterwards is no side of the event
    ("On 2 August 2025, gunmen raided a village near Kaya, killing four civilians. The governor announced the "
     "deployment of additional defence and security forces the next day.", "Burkina Faso",
     ("Attack", "Unidentified Armed Group", "Civilians (Burkina Faso)"), 4),
    ("On 5 March 2025, soldiers clashed with JNIM militants near Douentza, two days after the attack on the market, "
     "in which 30 traders were killed. Three soldiers were killed.", "Mali",
     ("Armed clash", "Military Forces of Mali", "JNIM"), 3),
])
def test_background_in_a_long_note(coder, text, country, expected, fatalities):
    ev = code_one(coder, text, country=country, published=dt.date(2025, 8, 4) if "2025" in text else
                  dt.date(2024, 6, 16) if "2024" in text else dt.date(2023, 6, 11))
    _assert_sides(ev, expected)
    assert ev.fatalities == fatalities


@pytest.mark.parametrize("text, country, expected", [
    ("On 4 March 2019, French Barkhane troops, supported by Malian soldiers, clashed with JNIM militants near "
     "Douentza.", "Mali", ("Armed clash", "Military Forces of France", "JNIM")),
    ("On 4 March 2019, French Barkhane forces, operating alongside GATIA and MSA fighters, clashed with ISGS militants near "
     "Douentza.", "Mali", ("Armed clash", "Military Forces of France", "Islamic State")),
    ("On 4 March 2019, French troops, supported on the ground by GATIA combatants, engaged ISGS militants near "
     "Douentza.", "Mali", ("Armed clash", "Military Forces of France", "Islamic State")),
    ("On 4 March 2019, Burkinabe soldiers pursuing the authors of an attack on their post crossed into Mali and "
     "clashed with JNIM militants near Douentza.", "Mali", ("Armed clash", "Military Forces of Burkina Faso", "JNIM")),
    ("On 4 March 2019, unidentified assailants fired rockets at the camp shared by MINUSMA and French forces in "
     "Douentza.", "Mali", ("Shelling/artillery/missile attack", "Unidentified Armed Group", "MINUSMA")),
    ("On 4 March 2019, Fulani and Dogon herders clashed over a well near Douentza.", "Mali",
     ("Armed clash", "Fulani Ethnic Militia", "Dogon Ethnic Militia")),
    ("On 4 March 2024, an army drone struck a market in Douentza, killing at least eight civilians, according to the "
     "FLA and local residents.", "Mali", ("Air/drone strike", "Military Forces of Mali", "Civilians (Mali)")),
    ("On 4 March 2025, youths in Douentza burned tyres and blocked the roads to protest the killing of a trader by "
     "unidentified gunmen the day before. Police fired tear gas to disperse them.", "Mali",
     ("Violent demonstration", "Rioters (Mali)", "Police Forces of Mali")),
])
def test_sixteenth_round_sides_and_types(coder, text, country, expected):
    _assert_sides(code_one(coder, text, country=country, published=dt.date(2025, 3, 6)), expected)


def test_the_authorities_aftermath_names_no_side_but_still_locates(coder):
    ev = code_one(coder, "On 2 August 2025, gunmen raided a hamlet, killing four civilians. The governor dispatched "
                  "additional troops to Kaya the following day.", country="Burkina Faso",
                  published=dt.date(2025, 8, 4))
    _assert_sides(ev, ("Attack", "Unidentified Armed Group", "Civilians (Burkina Faso)"))
    assert ev.location == "Kaya"


@pytest.mark.parametrize("text, expected", [
    ("On 6 May 2020, VDP arrested three Fulani men near Kaya and shot them dead.",
     ("Attack", "VDP", "Civilians (Burkina Faso)")),
    ("On 6 May 2020, soldiers rounded up Fulani men at the market of Djibo, during a sweep that followed an IED "
     "attack on a patrol the day before, and executed seven of them.",
     ("Attack", "Military Forces of Burkina Faso", "Civilians (Burkina Faso)")),
])
def test_men_arrested_and_killed_are_civilians(coder, text, expected):
    _assert_sides(code_one(coder, text, country="Burkina Faso", published=dt.date(2020, 5, 8)), expected)


@pytest.mark.parametrize("text, expected", [
    ("An inquiry found that at least 80 civilians, 30 of them children, were killed in the raid.", 80),
    # the source's count of soldiers is another report of the army's own dead: the lower
    ("The army said it lost two soldiers and 'neutralised' fifteen assailants; a local source put the number of "
     "soldiers killed at six.", 17),
])
def test_a_subset_aside_and_a_count_of_one_kind(text, expected):
    assert count_fatalities(text) == expected
