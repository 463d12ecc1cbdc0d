"""The gazetteer: name keys, the built-in default, GeoNames import, resolution.

Real inputs only: the GeoNames dumps in ../shared/data/geonames. Expected values are
derived from the dump rows themselves (the ADM1 rows, the coordinates of same-named
villages), never typed in from knowledge of the files.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from pathlib import Path

import pytest

from sahelwatch.knowledge.gazetteer import (
    Gazetteer,
    GazetteerError,
    Place,
    compact_key,
    haversine_km,
    name_key,
)
from sahelwatch.knowledge.geonames import (
    _default_rows,
    clean_admin_name,
    default_index_path,
    import_geonames_dump,
    keeps_feature,
)


def dump_rows(path: Path):
    """The dump's rows as dicts (our own small reader, independent of the importer)."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            c = line.rstrip("\n").split("\t")
            out.append(
                {
                    "id": int(c[0]), "name": c[1], "asciiname": c[2],
                    "alternates": [a for a in c[3].split(",") if a],
                    "lat": float(c[4]), "lon": float(c[5]), "fclass": c[6], "fcode": c[7],
                    "cc": c[8], "admin1": c[10], "admin2": c[11], "population": int(c[14] or 0),
                }
            )
    return out


@pytest.fixture(scope="module")
def ml_index(tmp_path_factory, shared):
    """An index of the Mali dump, built once for the module in its own home."""
    home = tmp_path_factory.mktemp("gaz_home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SAHELWATCH_HOME", str(home))
        index = home / "ml.sqlite"
        problems = []
        result = import_geonames_dump(shared / "data/geonames/ML.txt", index=index, on_problem=lambda w, m: problems.append((w, m)))
    return index, result, problems


@pytest.fixture(scope="module")
def ml_rows(shared):
    return dump_rows(shared / "data/geonames/ML.txt")


# --------------------------------------------------------------------------------------
# name keys
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b",
    [
        ("Ménaka", "MENAKA"),
        ("Sévaré", "sevare"),
        ("Ségou", "Segou"),
        ("N’Gouma", "n'gouma"),
        ("Gourma-Rharous", "Gourma  Rharous"),
        ("Nioro du Sahel", "Nioro-du-Sahel"),
        ("Anderamboukane", "Andéramboukane"),
        ("Œuvre", "oeuvre"),
    ],
)
def test_name_key_ignores_accents_case_and_punctuation(a, b):
    assert name_key(a) == name_key(b)


def test_name_key_keeps_distinct_names_distinct():
    assert name_key("Gao") != name_key("Gaoua")
    assert name_key("Kona") != name_key("Kana")
    assert compact_key(name_key("N'Gouma")) == compact_key(name_key("Ngouma"))
    # A quote mark around a name is not part of it.
    assert name_key("'Kidal'") == "kidal"


# --------------------------------------------------------------------------------------
# the built-in default
# --------------------------------------------------------------------------------------


def test_default_is_built_once_and_opens_fast():
    first = Gazetteer.open()
    assert first.is_default
    path = default_index_path()
    assert path.exists() and path.parent.name == "cache"
    mtime = path.stat().st_mtime_ns
    start = time.perf_counter()
    for _ in range(10):
        Gazetteer.open().close()
    per_open = (time.perf_counter() - start) / 10
    assert path.stat().st_mtime_ns == mtime, "the default was rebuilt on a later open"
    assert per_open < 0.05, f"open() took {per_open * 1000:.1f} ms"


def test_default_knows_the_regions_towns_under_several_spellings():
    gaz = Gazetteer.open()
    timbuktu = gaz.resolve("Timbuktu", "Mali")
    assert timbuktu is not None and timbuktu.country_code == "ML"
    assert gaz.resolve("Tombouctou", "ML").geonameid == timbuktu.geonameid
    assert gaz.resolve("TOMBOUCTOU").geonameid == timbuktu.geonameid
    for a, b in (("Ménaka", "Menaka"), ("Ségou", "Segou")):
        pa, pb = gaz.resolve(a, "Mali"), gaz.resolve(b, "Mali")
        assert pa is not None and pa.geonameid == pb.geonameid
        assert pa.admin1, "every place gets an admin1"


def test_default_admin1_names_agree_with_the_geonames_dumps(shared):
    """The default names admin1 codes without GeoNames' admin tables; check it against them."""
    _rows, admins = _default_rows()
    agree = disagree = in_dumps = 0
    for dump in sorted((shared / "data/geonames").glob("*.txt")):
        cc = dump.stem
        truth = {r["admin1"]: clean_admin_name(r["name"], cc) for r in dump_rows(dump) if r["fcode"] == "ADM1"}
        in_dumps += len(truth)
        for _level, code, name, _raw, _a1, _pid in admins.get(cc, []):
            if code in truth:
                if name_key(truth[code]) == name_key(name):
                    agree += 1
                else:
                    disagree += 1
    # Most codes get a name, and a named code is almost always named right.
    assert agree / in_dumps >= 0.75
    assert disagree / (agree + disagree) <= 0.05


def test_open_rejects_a_missing_or_foreign_file(tmp_path):
    with pytest.raises(GazetteerError, match="no gazetteer index"):
        Gazetteer.open(tmp_path / "nope.sqlite")
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(GazetteerError, match="not a sahelwatch gazetteer"):
        Gazetteer.open(bogus)


# --------------------------------------------------------------------------------------
# GeoNames import
# --------------------------------------------------------------------------------------


def test_import_keeps_every_wanted_row_with_admin_names(ml_index, ml_rows):
    index, result, problems = ml_index
    assert problems == []
    wanted = [r for r in ml_rows if keeps_feature(r["fclass"], r["fcode"])]
    assert result.countries == {"ML": len(wanted)}
    gaz = Gazetteer.open(index)
    adm1 = {clean_admin_name(r["name"], "ML") for r in ml_rows if r["fcode"] == "ADM1"}
    assert set(gaz.admin1_names("Mali")) == adm1
    assert not any("Region" in n or "Cercle" in n for n in gaz.admin2_names("ML"))
    # Places with a coded admin1 keep it; the rest (code 00) get one inferred.
    code_to_name = {r["admin1"]: clean_admin_name(r["name"], "ML") for r in ml_rows if r["fcode"] == "ADM1"}
    sample = random.Random(7).sample([r for r in wanted if r["fclass"] == "P"], 300)
    places = gaz._places(r["id"] for r in sample)
    by_id = {p.geonameid: p for p in places}
    for r in sample:
        p = by_id[r["id"]]
        assert p.admin1 in adm1
        assert p.admin2, f"{p.name} has no admin2"
        if r["admin1"] in code_to_name:
            assert p.admin1 == code_to_name[r["admin1"]]


def test_named_dunes_and_wells_are_kept_but_sand_seas_and_streams_are_not():
    # A northern "I-n-..." name is often a dune or a well, and datasets code events there.
    assert keeps_feature("T", "DUNE") and keeps_feature("H", "WLL") and keeps_feature("H", "WAD")
    assert not keeps_feature("T", "ERG") and not keeps_feature("H", "STM") and not keeps_feature("T", "SCRP")


def test_reimport_is_idempotent(ml_index, shared, tmp_path, monkeypatch):
    index, result, _ = ml_index
    copy = tmp_path / "again.sqlite"
    copy.write_bytes(index.read_bytes())
    before = Gazetteer.open(copy).stats()
    again = import_geonames_dump(shared / "data/geonames/ML.txt", index=copy)
    after = Gazetteer.open(copy).stats()
    assert again.countries == result.countries
    assert (after["places"], after["names"]) == (before["places"], before["names"])


def test_malformed_lines_are_reported_and_the_rest_imported(shared, tmp_path):
    lines = (shared / "data/geonames/BF.txt").read_text(encoding="utf-8").splitlines()[:400]
    broken = list(lines)
    broken.insert(10, "not\ta\tgeonames\tline")
    cols = broken[20].split("\t")
    cols[4] = "north"
    broken[20] = "\t".join(cols)
    dump = tmp_path / "BF.txt"
    dump.write_text("\n".join(broken) + "\n", encoding="utf-8")
    problems = []
    result = import_geonames_dump(dump, index=tmp_path / "i.sqlite", on_problem=lambda w, m: problems.append((w, m)))
    assert [w for w, _ in problems] == [f"{dump}:11", f"{dump}:21"]
    assert "19 tab-separated fields" in problems[0][1]
    assert "latitude" in problems[1][1]
    kept = sum(1 for line in lines if keeps_feature(line.split("\t")[6], line.split("\t")[7]))
    # The line made malformed was a real row: one fewer than the intact file.
    broken_row_kept = keeps_feature(lines[19].split("\t")[6], lines[19].split("\t")[7])
    assert result.countries["BF"] == kept - broken_row_kept


def test_import_rejects_a_file_that_is_not_a_dump(tmp_path):
    bad = tmp_path / "x.txt"
    bad.write_text("hello\nworld\n")
    with pytest.raises(ValueError, match="no GeoNames rows"):
        import_geonames_dump(bad, index=tmp_path / "i.sqlite", on_problem=lambda w, m: None)
    with pytest.raises(FileNotFoundError):
        import_geonames_dump(tmp_path / "missing.txt", index=tmp_path / "i.sqlite")


def test_imported_index_keeps_default_countries_it_did_not_import(ml_index):
    gaz = Gazetteer.open(ml_index[0])
    countries = set(gaz.countries())
    assert "ML" in countries and "NG" in countries
    sources = {row["source"] for row in gaz.stats()["per_country"] if row["country_code"] == "ML"}
    assert sources == {"geonames"}, "the dump replaces the default's entries for its country"


# --------------------------------------------------------------------------------------
# lookup and resolution
# --------------------------------------------------------------------------------------


def test_lookup_matches_names_ascii_names_and_alternate_names(ml_index, ml_rows):
    gaz = Gazetteer.open(ml_index[0])
    rng = random.Random(11)
    populated = [r for r in ml_rows if r["fclass"] == "P" and r["alternates"]]
    for r in rng.sample(populated, 40):
        for text in (r["name"], r["asciiname"], r["name"].upper(), rng.choice(r["alternates"])):
            key = name_key(text)
            if len(key) < 2 or not key.isascii():
                continue
            ids = {p.geonameid for p in gaz.lookup(text)}
            assert r["id"] in ids, f"{text!r} does not find {r['name']}"
            assert gaz.has_name(key)


def test_has_name_is_false_for_non_names_and_fast(ml_index):
    gaz = Gazetteer.open(ml_index[0])
    rng = random.Random(3)
    junk = ["".join(rng.choice("qxzj") for _ in range(8)) for _ in range(50)]
    assert not any(gaz.has_name(k) for k in junk)
    start = time.perf_counter()
    for k in junk * 20:
        gaz.has_name(k + "a")
    assert (time.perf_counter() - start) / 1000 < 50e-6


def test_has_prefix_finds_multiword_names(ml_index, ml_rows):
    gaz = Gazetteer.open(ml_index[0])
    multi = [r for r in ml_rows if r["fclass"] == "P" and len(name_key(r["name"]).split()) >= 2][:30]
    assert multi
    for r in multi:
        first = name_key(r["name"]).split()[0]
        assert gaz.has_prefix(first)


def test_country_hint_picks_the_place_in_that_country(shared, tmp_path):
    index = tmp_path / "mlbf.sqlite"
    for cc in ("ML", "BF"):
        import_geonames_dump(shared / f"data/geonames/{cc}.txt", index=index)
    gaz = Gazetteer.open(index)
    ml = {name_key(r["name"]) for r in dump_rows(shared / "data/geonames/ML.txt") if r["fclass"] == "P"}
    bf = {name_key(r["name"]) for r in dump_rows(shared / "data/geonames/BF.txt") if r["fclass"] == "P"}
    both = sorted(ml & bf)
    assert len(both) > 20
    for key in random.Random(5).sample(both, 20):
        assert gaz.resolve(key, "Mali").country_code == "ML"
        assert gaz.resolve(key, "Burkina Faso").country_code == "BF"
        assert gaz.resolve(key, "BF").country == "Burkina Faso"


def test_context_picks_the_nearby_one_of_same_named_villages(ml_index, ml_rows):
    """For names shared by villages far apart, a nearby town in the context decides."""
    gaz = Gazetteer.open(ml_index[0])
    by_key = defaultdict(list)
    for r in ml_rows:
        if r["fclass"] == "P" and r["fcode"] == "PPL" and r["population"] == 0:
            by_key[name_key(r["name"])].append(r)
    towns = [r for r in ml_rows if r["fclass"] == "P" and r["population"] > 0]
    checked = 0
    for key, same in sorted(by_key.items()):
        if len(same) != 2 or haversine_km(same[0]["lat"], same[0]["lon"], same[1]["lat"], same[1]["lon"]) < 300:
            continue
        for target in same:
            # A town 10-60 km from the target, and not itself one of the namesakes.
            near = [
                t for t in towns
                if 10 < haversine_km(t["lat"], t["lon"], target["lat"], target["lon"]) < 60
                and name_key(t["name"]) != key
            ]
            if not near:
                continue
            context = gaz.lookup(near[0]["name"], "ML")
            context = [p for p in context if p.geonameid == near[0]["id"]]
            resolved = gaz.resolve(key, "Mali", context=context)
            assert resolved is not None and resolved.geonameid == target["id"], key
            checked += 1
        if checked >= 20:
            break
    assert checked >= 10


def test_admin_context_picks_the_village_in_that_admin_unit(ml_index, ml_rows):
    gaz = Gazetteer.open(ml_index[0])
    by_key = defaultdict(list)
    for p in ml_rows:
        if p["fclass"] == "P" and p["fcode"] == "PPL" and p["population"] == 0:
            by_key[name_key(p["name"])].append(p["id"])
    checked = 0
    for key, ids in sorted(by_key.items()):
        if len(ids) < 2:
            continue
        places = gaz._places(ids)
        admin1s = {p.admin1 for p in places}
        if len(admin1s) != len(places):
            continue
        for p in places:
            region = gaz.admin_region(p.admin1, "Mali", level=1)
            assert region is not None and region.feature_code == "ADM1"
            resolved = gaz.resolve(key, "Mali", context=[region])
            # Another village of that unit with this name as a variant is right too.
            assert resolved.admin1 == p.admin1, (key, p.admin1)
            checked += 1
        if checked >= 30:
            break
    assert checked >= 30


def test_admin_region_understands_admin_words(ml_index, ml_rows):
    gaz = Gazetteer.open(ml_index[0])
    for r in (r for r in ml_rows if r["fcode"] == "ADM1"):
        clean = clean_admin_name(r["name"], "ML")
        for text in (clean, f"{clean} region", f"Région de {clean}", clean.upper()):
            found = gaz.admin_region(text, "Mali")
            assert found is not None and found.feature_code == "ADM1" and found.admin1 == clean, text
    for name in gaz.admin2_names("ML"):
        found = gaz.admin_region(f"cercle de {name}", "ML", level=2)
        assert found is not None and found.admin2 == name
    assert gaz.admin_region("Atlantis region", "ML") is None


def test_fuzzy_resolution_tolerates_transliteration_but_not_noise(ml_index, ml_rows):
    gaz = Gazetteer.open(ml_index[0])
    names = sorted({r["asciiname"] for r in ml_rows if r["fclass"] == "P" and len(r["asciiname"]) >= 9 and r["asciiname"].isalpha()})
    rng = random.Random(13)
    found = tried = 0
    for name in rng.sample(names, 60):
        variant = name.replace("ou", "u") if "ou" in name else name[:-1]  # Koiratao / Koiratawa style
        if name_key(variant) == name_key(name) or gaz.lookup(variant):
            continue
        tried += 1
        place = gaz.resolve(variant, "Mali")
        found += place is not None and name_key(variant)[0] == name_key(place.name)[0]
    assert tried >= 30 and found / tried >= 0.8
    # Strings that are no names stay unresolved.
    assert gaz.resolve("Qwxzptlkjh", "Mali") is None
    assert gaz.resolve("Zzzzzzzzzz") is None


def test_place_is_the_agreed_dataclass(ml_index):
    gaz = Gazetteer.open(ml_index[0])
    place = gaz.lookup("Mopti", "Mali")[0]
    assert isinstance(place, Place)
    for attr in ("geonameid", "name", "asciiname", "country_code", "country", "admin1", "admin2",
                 "latitude", "longitude", "feature_class", "feature_code", "population"):
        assert hasattr(place, attr)
    assert place.feature_class == "P" and place.country == "Mali"


def test_fuzzy_guess_contradicted_by_the_document_is_dropped(ml_index, ml_rows):
    gaz = Gazetteer.open(ml_index[0])
    names = sorted({r["asciiname"] for r in ml_rows if r["fclass"] == "P" and len(r["asciiname"]) >= 9 and r["asciiname"].isalpha()})
    checked = 0
    for name in random.Random(17).sample(names, 80):
        variant = name[:-1]
        if gaz.lookup(variant):
            continue
        guess = gaz.resolve(variant, "Mali")
        if guess is None:
            continue
        # An admin unit the guess is not in, named by the same document.
        others = [gaz.admin_region(a, "ML", level=1) for a in gaz.admin1_names("ML") if a != guess.admin1]
        far = [o for o in others if o is not None and o.distance_km(guess) > 300][:1]
        if not far:
            continue
        assert gaz.resolve(variant, "Mali", context=far) is None
        in_region = gaz.admin_region(guess.admin1, "ML", level=1)
        assert gaz.resolve(variant, "Mali", context=[in_region]) is not None
        checked += 1
    assert checked >= 10


def test_an_outdated_user_index_falls_back_to_the_default_with_a_warning(shared, tmp_path, capsys):
    import sqlite3

    from sahelwatch.knowledge.gazetteer import user_index_path

    lines = (shared / "data/geonames/NE.txt").read_text(encoding="utf-8").splitlines()[:200]
    dump = tmp_path / "NE.txt"
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_geonames_dump(dump)
    assert not Gazetteer.open().is_default
    with sqlite3.connect(user_index_path()) as conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'index_version'")
    from sahelwatch.knowledge import gazetteer as gazetteer_module

    gazetteer_module._WARNED.clear()
    gaz = Gazetteer.open()
    assert gaz.is_default
    err = capsys.readouterr().err
    assert f"gazetteer index at {user_index_path()} was built by an older sahelwatch" in err
    assert "sahelwatch gazetteer import" in err
    # Loud once, not on every open (the web app and eval open it many times).
    assert Gazetteer.open().is_default
    assert capsys.readouterr().err == ""
    with pytest.raises(GazetteerError, match="older sahelwatch"):
        Gazetteer.open(user_index_path())
    with pytest.raises(ValueError, match="another version"):
        import_geonames_dump(dump)


def test_a_second_home_gets_the_default_without_rebuilding(tmp_path, monkeypatch):
    first = Gazetteer.open()
    assert first.is_default
    monkeypatch.setenv("SAHELWATCH_HOME", str(tmp_path / "other_home"))
    start = time.perf_counter()
    second = Gazetteer.open()
    elapsed = time.perf_counter() - start
    assert second.is_default and second.path != first.path
    assert second.stats()["places"] == first.stats()["places"]
    assert elapsed < 1.0


def test_features_are_found_by_their_specific_name(shared, tmp_path):
    """"Forêt Classée de X", "Mare d'X", "X Airport" are found as "X" too."""
    from sahelwatch.knowledge.geonames import specific_name

    index = tmp_path / "bf.sqlite"
    import_geonames_dump(shared / "data/geonames/BF.txt", index=index)
    gaz = Gazetteer.open(index)
    rows = [r for r in dump_rows(shared / "data/geonames/BF.txt") if r["fclass"] in ("V", "H", "S", "L") and keeps_feature(r["fclass"], r["fcode"])]
    generic = [(r, specific_name(r["name"])) for r in rows]
    generic = [(r, s) for r, s in generic if s]
    assert len(generic) >= 20
    for r, specific in generic:
        assert name_key(specific) != name_key(r["name"])
        assert r["id"] in {p.geonameid for p in gaz.lookup(specific)}, specific
    assert specific_name("Koro") is None


def test_nearest_finds_the_closest_place(ml_index, ml_rows):
    gaz = Gazetteer.open(ml_index[0])
    rng = random.Random(23)
    sample = rng.sample([r for r in ml_rows if r["fclass"] == "P"], 40)
    for r in sample:
        found = gaz.nearest(r["lat"], r["lon"], "Mali")
        assert found is not None
        # The place itself, or another at the very same point.
        assert haversine_km(found.latitude, found.longitude, r["lat"], r["lon"]) < 1e-6
        assert found.admin1
        # Nudged 3 km north it is still the nearest or a place closer than 3 km.
        moved = gaz.nearest(r["lat"] + 3 / 111, r["lon"], "ML")
        assert moved is not None and moved.distance_km((r["lat"] + 3 / 111, r["lon"])) <= 3.01
    # The middle of the Atlantic has no place within 50 km.
    assert gaz.nearest(0.0, -30.0) is None


def test_admin_words_are_stripped_but_names_kept(ml_rows):
    from sahelwatch.knowledge.gazetteer import strip_admin_words

    admin_starts = ("region", "province", "cercle", "departement", "department", "prefecture",
                    "wilaya", "district", "commune", "state", "governorate", "sous")
    for r in ml_rows:
        if r["fclass"] != "P":
            continue
        key = name_key(r["asciiname"])
        if key.startswith(admin_starts) or key.endswith((" region", " province", " cercle", " district", " commune", " state")):
            continue
        assert strip_admin_words(key) == key, r["asciiname"]


def test_dump_with_bom_crlf_and_bad_bytes_imports(shared, tmp_path):
    lines = (shared / "data/geonames/MR.txt").read_text(encoding="utf-8").splitlines()[:300]
    kept = sum(1 for line in lines if keeps_feature(line.split("\t")[6], line.split("\t")[7]))
    raw = ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")
    # Corrupt one byte inside the name of line 5 (not valid UTF-8 any more).
    first_tab = raw.index(b"\t", raw.index(lines[4].split("\t")[0].encode()))
    raw = raw[: first_tab + 1] + b"\xff" + raw[first_tab + 2 :]
    dump = tmp_path / "MR.txt"
    dump.write_bytes(raw)
    problems = []
    result = import_geonames_dump(dump, index=tmp_path / "i.sqlite", on_problem=lambda w, m: problems.append((w, m)))
    assert result.countries == {"MR": kept}
    assert problems == [(f"{dump}:5", "not valid UTF-8 (undecodable bytes replaced)")]
    gaz = Gazetteer.open(tmp_path / "i.sqlite")
    first = lines[0].split("\t")
    if keeps_feature(first[6], first[7]):
        assert int(first[0]) in {p.geonameid for p in gaz.lookup(first[1])}


def test_admin_word_picks_the_level_when_region_and_cercle_share_a_name(ml_index):
    gaz = Gazetteer.open(ml_index[0])
    shared_names = sorted(set(gaz.admin1_names("ML")) & set(gaz.admin2_names("ML")))
    assert len(shared_names) >= 5
    for name in shared_names:
        assert gaz.admin_region(f"{name} region", "ML").feature_code == "ADM1"
        assert gaz.admin_region(f"cercle de {name}", "ML").feature_code == "ADM2"
        assert gaz.admin_region(f"{name} cercle", "ML").admin2 == name
        assert gaz.admin_region(name, "ML").feature_code == "ADM1"


def test_default_names_admin1_only_from_a_named_code_or_no_code():
    gaz = Gazetteer.open()
    named = {(cc, code): name for cc, code, name in gaz._conn.execute("SELECT country_code, code, name FROM admin WHERE level = 1")}
    rows = gaz._conn.execute("SELECT country_code, admin1_code, admin1 FROM place WHERE feature_class = 'P'").fetchall()
    assert rows
    for cc, code, admin1 in rows:
        if (cc, code) in named:
            assert admin1 == named[(cc, code)]
        elif code not in ("", "00"):
            assert admin1 == "", f"{cc}.{code} has no name but a place got {admin1!r}"


def test_departments_keeping_a_pre_split_region_code_take_their_neighbours_region(shared, tmp_path, monkeypatch):
    # Niger's dump files Ouallam, Say, Téra and Filingué departments under admin1 08 (Niamey), the
    # code they had before Tillabéri was split off; their villages carry 09 (Tillabéri).
    monkeypatch.setenv("SAHELWATCH_HOME", str(tmp_path))
    rows = dump_rows(shared / "data/geonames/NE.txt")
    niamey = next(r for r in rows if r["fcode"] == "PPLC")
    stale = [r for r in rows if r["fcode"] == "ADM2" and r["admin1"] == "08"
             and haversine_km(r["lat"], r["lon"], niamey["lat"], niamey["lon"]) > 60]
    assert stale, "the dump no longer has the stale codes this test is about"
    index = tmp_path / "ne.sqlite"
    import_geonames_dump(shared / "data/geonames/NE.txt", index=index)
    gaz = Gazetteer.open(index)
    for r in stale:
        place = next(p for p in gaz.lookup(r["name"], "NE") if p.geonameid == r["id"])
        assert place.admin1 == "Tillaberi", (r["name"], place.admin1)
    city = next(p for p in gaz.lookup("Niamey", "NE") if p.feature_code == "PPLC")
    assert city.admin1 == "Niamey"
