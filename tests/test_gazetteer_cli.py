"""The gazetteer from the outside: CLI verbs, download from a local HTTP server, ACLED places."""

from __future__ import annotations

import csv
import http.server
import json
import threading
import zipfile
from functools import partial

import pytest
from typer.testing import CliRunner

from sahelwatch.cli import app
from sahelwatch.knowledge.gazetteer import Gazetteer, haversine_km, name_key, user_index_path
from sahelwatch.knowledge.geonames import DownloadError, download_geonames, import_acled_places

runner = CliRunner()


def run(*args: str):
    result = runner.invoke(app, list(args))
    return result


@pytest.fixture
def dump_server(shared, tmp_path):
    """A local HTTP server with CC.zip archives built from the shared dumps."""
    root = tmp_path / "www"
    root.mkdir()
    for cc in ("BF", "GN"):
        with zipfile.ZipFile(root / f"{cc}.zip", "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.write(shared / "data/geonames" / f"{cc}.txt", f"{cc}.txt")
            zf.writestr("readme.txt", "GeoNames dump")
    (root / "XX.zip").write_bytes(b"this is not a zip archive")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_cli_import_then_search_and_info(shared):
    result = run("gazetteer", "import", str(shared / "data/geonames/NE.txt"), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["index"] == str(user_index_path())
    assert report["imports"][0]["countries"]["NE"] > 20_000
    # The default open() now uses the user's index.
    assert not Gazetteer.open().is_default

    # Niger's admin1 names, as the dump's ADM1 rows give them, found again by search.
    adm1 = [line.split("\t") for line in (shared / "data/geonames/NE.txt").read_text(encoding="utf-8").splitlines()]
    adm1 = [c for c in adm1 if c[7] == "ADM1"]
    capital = max((c for c in adm1), key=lambda c: int(c[14] or 0))
    result = run("gazetteer", "search", capital[1], "--country", "Niger", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["match"] == "exact" and found["places"]
    assert all(p["country_code"] == "NE" for p in found["places"])

    result = run("gazetteer", "info", "--json")
    info = json.loads(result.stdout)
    ne = [r for r in info["per_country"] if r["country_code"] == "NE"]
    assert ne == [{"country_code": "NE", "country": "Niger", "source": "geonames", "places": report["imports"][0]["countries"]["NE"]}]
    assert any(s["source"] == "geonames:NE" for s in info["sources"])

    table = run("gazetteer", "info")
    assert table.exit_code == 0 and "Niger" in table.stdout


def test_cli_search_reports_no_match_and_bad_country():
    result = run("gazetteer", "search", "Qxzqqwv")
    assert result.exit_code == 1
    assert "no place named" in result.stderr
    result = run("gazetteer", "search", "Gao", "--country", "Narnia")
    assert result.exit_code == 2 and "unknown country" in result.stderr


def test_cli_import_errors_are_clear(tmp_path):
    result = run("gazetteer", "import", str(tmp_path / "missing.txt"))
    assert result.exit_code == 2 and "no such file" in result.stderr
    result = run("gazetteer", "import")
    assert result.exit_code == 2 and "--acled" in result.stderr
    junk = tmp_path / "junk.txt"
    junk.write_text("a\tb\n")
    result = run("gazetteer", "import", str(junk))
    assert result.exit_code == 2
    assert f"{junk}:1" in result.stderr and "no GeoNames rows" in result.stderr


def test_cli_import_accepts_a_zip(shared, tmp_path):
    archive = tmp_path / "GN.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(shared / "data/geonames/GN.txt", "GN.txt")
    index = tmp_path / "gn.sqlite"
    result = run("gazetteer", "import", str(archive), "--index", str(index), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["imports"][0]["countries"]["GN"] > 5000
    assert "Conakry" in Gazetteer.open(index).admin1_names("GN")


def test_download_from_a_local_server(dump_server, shared, tmp_path):
    index = tmp_path / "dl.sqlite"
    result = run("gazetteer", "download", "BF", "Guinea", "--base-url", dump_server, "--index", str(index), "--json")
    assert result.exit_code == 0, result.output
    imports = json.loads(result.stdout)["imports"]
    assert [list(i["countries"]) for i in imports] == [["BF"], ["GN"]]
    gaz = Gazetteer.open(index)
    assert {"BF", "GN"} <= set(gaz.countries())
    assert "Hauts-Bassins" in gaz.admin1_names("BF")


def test_download_errors_are_clear(dump_server, tmp_path):
    with pytest.raises(DownloadError, match="HTTP 404"):
        download_geonames(["TD"], base_url=dump_server, index=tmp_path / "i.sqlite")
    with pytest.raises(DownloadError, match="not a zip"):
        download_geonames(["XX"], base_url=dump_server, index=tmp_path / "i.sqlite")
    with pytest.raises(DownloadError, match="not a country"):
        download_geonames(["Narnia"], base_url=dump_server, index=tmp_path / "i.sqlite")
    # Nothing listens on this port: the offline case.
    result = run("gazetteer", "download", "ML", "--base-url", "http://127.0.0.1:9/dump", "--index", str(tmp_path / "i.sqlite"))
    assert result.exit_code == 2
    assert "cannot fetch" in result.stderr and "gazetteer import" in result.stderr


def test_acled_places_are_learned_with_their_admin_names(shared, tmp_path):
    export = shared / "data/acled/burkina_faso_sample.csv"
    index = tmp_path / "acled.sqlite"
    result = run("gazetteer", "import", "--acled", str(export), "--index", str(index), "--json")
    assert result.exit_code == 0, result.output
    with open(export, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    distinct = {(name_key(r["location"]), f"{float(r['latitude']):.3f}", f"{float(r['longitude']):.3f}") for r in rows}
    assert json.loads(result.stdout)["imports"][0]["countries"] == {"BF": len(distinct)}
    gaz = Gazetteer.open(index)
    for r in rows[:60]:
        places = [p for p in gaz.lookup(r["location"], "BF") if p.feature_code == "ACLED"]
        near = [p for p in places if haversine_km(p.latitude, p.longitude, float(r["latitude"]), float(r["longitude"])) < 0.2]
        assert near, r["location"]
        assert near[0].admin1 == r["admin1"] and near[0].admin2 == r["admin2"]
    before = gaz.stats()["places"]
    again = import_acled_places(export, index=index)
    assert Gazetteer.open(index).stats()["places"] == before
    assert again.countries == {"BF": len(distinct)}


def test_acled_import_reports_bad_rows(shared, tmp_path):
    export = shared / "data/acled/mali_2017.csv"
    lines = export.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(csv.reader([lines[0]]))
    bad = next(csv.reader([lines[1]]))
    bad[header.index("latitude")] = "somewhere"
    broken = tmp_path / "broken.csv"
    with open(broken, "w", encoding="utf-8", newline="") as fh:
        fh.write(lines[0])
        csv.writer(fh).writerow(bad)
        fh.writelines(lines[2:30])
    problems = []
    result = import_acled_places(broken, index=tmp_path / "i.sqlite", on_problem=lambda w, m: problems.append((w, m)))
    assert problems and problems[0][0] == f"{broken}:2" and "latitude" in problems[0][1]
    assert result.countries["ML"] >= 1
    notacled = tmp_path / "other.csv"
    notacled.write_text("a,b\n1,2\n")
    with pytest.raises(ValueError, match="missing columns"):
        import_acled_places(notacled, index=tmp_path / "i.sqlite")
