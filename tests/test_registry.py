"""The actor registry: aliases, periods, hierarchy, user extensions, and `sahelwatch actors`."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from sahelwatch.knowledge.registry import ACTOR, ActorRegistry
from sahelwatch.schema import actor_key


@pytest.fixture(scope="module")
def registry() -> ActorRegistry:
    return ActorRegistry.load(include_user=False)


def names(registry, text):
    return [m.entry.name for m in registry.find(text)]


def test_jnim_aliases_in_english_french_and_transliterations(registry):
    for text in ("JNIM fighters", "GSIM", "Jama'at Nusrat al-Islam wal-Muslimin", "Jama’at Nusrat al Islam wal Muslimeen",
                 "the Group for Support of Islam and Muslims", "le Groupe de soutien à l'islam et aux musulmans"):
        assert "JNIM: Group for Support of Islam and Muslims" in names(registry, text), text


def test_acronyms_match_only_in_capitals(registry):
    # "cma" inside a word or "platform" as an English noun are not the CMA or the Platform.
    assert not [m for m in registry.find("a dogmatic platform for cmA") if m.entry.kind == ACTOR]
    assert names(registry, "CMA and Platform fighters clashed")[:2] == [
        "CMA: Coordination of Movements of the Azawad", "Platform of June 14th 2014 movements"]


def test_components_have_their_parent(registry):
    macina = registry.get("Katiba Macina")
    assert macina is not None and registry.parent_of(macina).name.startswith("JNIM")
    assert registry.get("Ansar Dine").parent.startswith("JNIM")


@pytest.mark.parametrize("day, expected", [
    (dt.date(2017, 6, 1), "Military Forces of Mali (2013-2020)"),
    (dt.date(2021, 1, 10), "Military Forces of Mali (2020-2021)"),
    (dt.date(2024, 5, 2), "Military Forces of Mali (2021-)"),
])
def test_state_forces_named_by_period(registry, day, expected):
    fama = registry.find("FAMa soldiers")[0].entry
    assert registry.resolve(fama, "Mali", day) == (expected, 1)


def test_wagner_becomes_africa_corps(registry):
    wagner = registry.get("Wagner Group")
    assert registry.resolve(wagner, "Mali", dt.date(2022, 3, 1))[0] == "Wagner Group"
    assert registry.resolve(wagner, "Mali", dt.date(2025, 3, 1))[0] == "Africa Corps"


def test_generic_descriptions_take_the_event_country(registry):
    gunmen = registry.find("unknown gunmen")[0].entry
    assert registry.resolve(gunmen, "Niger", None) == ("Unidentified Armed Group (Niger)", 3)
    villagers = registry.find("villagers")[0].entry
    assert registry.resolve(villagers, "Burkina Faso", None) == ("Civilians (Burkina Faso)", 7)
    soldiers = registry.find("soldiers")[0].entry
    name, inter = registry.resolve(soldiers, "Burkina Faso", dt.date(2023, 1, 1))
    assert actor_key(name) == "military forces of burkina faso" and inter == 1


def test_foreign_state_forces_are_external(registry):
    niger_army = registry.get("Military Forces of Niger")
    assert registry.resolve(niger_army, "Mali", dt.date(2017, 1, 1))[1] == 8
    assert registry.resolve(niger_army, "Niger", dt.date(2017, 1, 1))[1] == 1


def test_ethnic_militia_and_group(registry):
    fulani = [m for m in registry.find("Peuhl militiamen") if m.entry.kind == "ethnic"][0]
    assert registry.resolve(fulani.entry, "Mali", None, ethnic=fulani.ethnic, armed=True) == \
        ("Fulani Ethnic Militia (Mali)", 4)


def test_user_file_extends_and_overrides(tmp_path, isolated_home):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "actors:\n"
        "  - name: 'Katiba Serma'\n    inter: 2\n    aliases: [Serma brigade]\n"
        "  - name: 'Hunters of the Bend'\n    inter: 4\n    country: Mali\n    aliases: [Bend hunters]\n",
        encoding="utf-8")
    reg = ActorRegistry.load(extra_files=[extra])
    assert [m.entry.name for m in reg.find("the Bend hunters attacked")] == ["Hunters of the Bend"]
    serma = reg.get("Katiba Serma")
    assert serma.aliases == ("Serma brigade",) and serma.source == str(extra)
    # $SAHELWATCH_HOME/actors.yaml is read too.
    (isolated_home / "actors.yaml").write_text(
        "actors:\n  - name: 'Home Militia'\n    inter: 4\n    aliases: [home militia]\n", encoding="utf-8")
    assert ActorRegistry.load().get("Home Militia") is not None


def test_only_contractor_forces_are_auxiliary(registry):
    assert registry.get("Wagner Group").auxiliary
    assert not registry.get("Military Forces of France").auxiliary
    assert not registry.get("MINUSMA").auxiliary


def test_search_is_accent_and_case_insensitive(registry):
    found = {e.name for e in registry.search("liberation de l'azawad")}
    assert "FLA: Azawad Liberation Front" in found


def test_actors_cli_json():
    from typer.testing import CliRunner

    from sahelwatch.cli import app

    result = CliRunner().invoke(app, ["actors", "wagner", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["name"] for d in data] == ["Wagner Group"]
    assert data[0]["periods"][-1]["name"] == "Africa Corps"


@pytest.mark.parametrize("alias", ["Ansar Dine", "al-Mourabitoun", "AQM"])
def test_groups_merged_into_jnim_take_its_name_after_the_merger(registry, alias):
    entry = registry.find(f"{alias} fighters attacked a post")[0].entry
    assert not registry.resolve(entry, "Mali", dt.date(2017, 2, 10))[0].startswith("JNIM")
    assert registry.resolve(entry, "Mali", dt.date(2017, 4, 10))[0] == "JNIM: Group for Support of Islam and Muslims"


def test_a_period_limited_to_some_countries_applies_only_there(registry):
    aqim = registry.get("AQIM: Al Qaeda in the Islamic Maghreb")
    assert registry.resolve(aqim, "Niger", dt.date(2019, 1, 1))[0].startswith("JNIM")
    assert registry.resolve(aqim, "Algeria", dt.date(2019, 1, 1))[0] == "AQIM: Al Qaeda in the Islamic Maghreb"
    assert registry.resolve(aqim, "Algeria", None)[0] == "AQIM: Al Qaeda in the Islamic Maghreb"


def test_fusion_matcher_keeps_jnim_its_own_key_despite_periods_named_after_it(registry):
    from sahelwatch.fuse.actors import ActorMatcher

    matcher = ActorMatcher(registry)
    assert matcher.canon("JNIM: Group for Support of Islam and Muslims") == actor_key("JNIM: Group for Support of Islam and Muslims")
    assert matcher.canon("Ansar Dine") == actor_key("Ansar Dine")


@pytest.mark.parametrize("text, expected", [
    ("Boko Haram fighters raided a village near Diffa", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"),
    ("suspected Lakurawa militants", "Lakurawa"),
    ("an MNJTF patrol", "MNJTF: Multinational Joint Task Force"),
    ("l'État islamique en Afrique de l'Ouest", "Islamic State (West Africa)"),
])
def test_nigers_armed_groups_and_forces(registry, text, expected):
    assert expected in names(registry, text)


@pytest.mark.parametrize("text, message", [
    ("actors:\n  - name: 'Foo Militia'\n    aliases: Foo\n", "actors[0] (Foo Militia): aliases: expected a list, got 'Foo'"),
    ("actors:\n  - name: 'Foo Militia'\n    communities: Dogon\n", "actors[0] (Foo Militia): communities: expected a list, got 'Dogon'"),
    ("actors:\n  - name: 'Foo Militia'\n    periods:\n      - {from: '20-01-2020', name: 'Foo (2020-)'}\n",
     "actors[0] (Foo Militia): periods[0].from: expected a date YYYY-MM-DD, got '20-01-2020'"),
    ("actors:\n  - name: 'Foo Militia'\n  - inter: 2\n    aliases: [Bar]\n", "actors[1]: expected a mapping with a 'name'"),
    ("actors:\n  - name: 'Foo Militia'\n    inter: 12\n", "actors[0] (Foo Militia): inter: expected an ACLED inter code 0-8"),
    ("templates:\n  - name: 'Foo ({country})'\n    aliases: [foo]\n    inter: two\n", "templates[0] (Foo ({country})): inter"),
    ("actors: [name: 'unclosed'\n", "not valid YAML"),
    ("actors:\n  - name: 'Foo Contractors'\n    auxiliary: sometimes\n",
     "actors[0] (Foo Contractors): auxiliary: expected true or false, got 'sometimes'"),
])
def test_a_malformed_user_file_names_the_file_entry_and_field(tmp_path, isolated_home, text, message):
    from sahelwatch.knowledge.registry import RegistryFileError

    bad = tmp_path / "mine.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryFileError) as err:
        ActorRegistry.load(extra_files=[bad])
    assert str(bad) in str(err.value) and message in str(err.value)
