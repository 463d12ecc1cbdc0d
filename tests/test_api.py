"""The web API, tested from outside: a real `sahelwatch serve` (uvicorn) on loopback over a
real DuckDB file holding the shared ACLED samples (each row's notes stored as a document,
its human coding as the event, the notes' first sentence as evidence)."""

from __future__ import annotations

import datetime as dt
import json

import httpx
import pytest

from sahelwatch.store import EventFilter, open_store
from sahelwatch.web.testing import build_acled_fixture_store, cli, running_server

# Filters the API must answer exactly as the store does (API params, the same EventFilter).
FILTER_CASES = [
    ({"country": "Mali"}, EventFilter(country="Mali")),
    ({"country": "burkina faso"}, EventFilter(country="burkina faso")),
    ({"type": "Battles"}, EventFilter(event_type="Battles")),
    ({"type": "Remote explosive/landmine/IED"}, EventFilter(event_type="Remote explosive/landmine/IED")),
    ({"actor": "jnim"}, EventFilter(actor="jnim")),
    ({"admin1": "Mopti"}, EventFilter(admin1="Mopti")),
    ({"date_from": "2017-03-01", "date_to": "2017-06-30"},
     EventFilter(date_from=dt.date(2017, 3, 1), date_to=dt.date(2017, 6, 30))),
    ({"bbox": "-1,14,1,17"}, EventFilter(bbox=(-1, 14, 1, 17))),
    ({"near": "16.27,-0.04", "radius_km": 50}, EventFilter(point=(16.27, -0.04), radius_km=50)),
    ({"text": "convoy"}, EventFilter(text="convoy")),
    ({"country": "Mali", "type": "Battles", "actor": "Military Forces"},
     EventFilter(country="Mali", event_type="Battles", actor="Military Forces")),
]


PAGE_CASES = {
    "page-default": EventFilter(limit=100),
    "page-mali-fatalities": EventFilter(country="Mali", order_by="fatalities", limit=37, offset=5),
    "page-members-asc": EventFilter(fused=False, actor="jnim", order_by="admin1", descending=False, limit=60),
}
PAGE_PARAMS = {
    "page-default": {"limit": 100},
    "page-mali-fatalities": {"country": "Mali", "order_by": "fatalities", "limit": 37, "offset": 5},
    "page-members-asc": {"fused": "false", "actor": "jnim", "order_by": "admin1", "desc": "false", "limit": 60},
}


@pytest.fixture(scope="module")
def site(tmp_path_factory, shared):
    """(base URL, writer key, revoked key, expected counts) for a served fixture store."""
    tmp = tmp_path_factory.mktemp("api")
    env = {"SAHELWATCH_HOME": str(tmp / "home")}
    db = tmp / "events.duckdb"
    stored = build_acled_fixture_store(db, shared / "data" / "acled")
    assert stored > 600
    with open_store(str(db)) as store:
        expected = {"all": store.count(EventFilter())}
        for i, (_params, f) in enumerate(FILTER_CASES):
            expected[i] = store.count(f)
        expected["documents"] = store.document_count()
        # Pages exactly as the store gives them (the API fetches them in two steps from views).
        for name, f in PAGE_CASES.items():
            expected[name] = store.query(f)
    writer = cli("keys", "create", "--name", "tests", "--db", str(db), env=env)
    assert writer.returncode == 0, writer.stderr
    revoked = cli("keys", "create", "--name", "old", "--db", str(db), env=env)
    revoked_token = revoked.stdout.strip()
    gone = cli("keys", "revoke", revoked_token.split("_")[1], "--db", str(db), env=env)
    assert gone.returncode == 0, gone.stderr
    with running_server(db, env=env) as base:
        yield {"base": base, "key": writer.stdout.strip(), "revoked": revoked_token, "expected": expected, "db": db}


def get(site, path, **params):
    return httpx.get(site["base"] + path, params=params, timeout=30)


# -- /api/events --------------------------------------------------------------------------


def test_events_total_and_page_shape(site):
    r = get(site, "/api/events", limit=5)
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == site["expected"]["all"]
    assert (body["limit"], body["offset"], len(body["events"])) == (5, 0, 5)
    dates = [e["event_date"] for e in body["events"]]
    assert dates == sorted(dates, reverse=True)  # default: newest first
    first = body["events"][0]
    for column in ("event_id_cnty", "event_type", "sub_event_type", "actor1", "latitude", "longitude", "evidence", "sources"):
        assert column in first


@pytest.mark.parametrize("index", range(len(FILTER_CASES)))
def test_events_filters_agree_with_the_store(site, index):
    params, _filter = FILTER_CASES[index]
    r = get(site, "/api/events", limit=1000, **params)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == site["expected"][index]
    assert body["total"] > 0, f"fixture data should match {params}"
    for event in body["events"]:
        if "country" in params:
            assert event["country"].lower() == params["country"].lower()
        if "type" in params:
            assert params["type"] in (event["event_type"], event["sub_event_type"])
        if "actor" in params:
            sides = " ".join(filter(None, (event["actor1"], event["actor2"], event["assoc_actor_1"], event["assoc_actor_2"])))
            assert params["actor"].lower() in sides.lower()
        if "bbox" in params:
            assert -1 <= event["longitude"] <= 1 and 14 <= event["latitude"] <= 17
        if "date_from" in params:
            assert params["date_from"] <= event["event_date"] <= params["date_to"]


def test_pagination_pages_are_disjoint_and_cover_everything(site):
    seen: list[str] = []
    for offset in range(0, 1000, 300):
        page = get(site, "/api/events", country="Mali", limit=300, offset=offset, order_by="event_date", desc="false").json()
        seen.extend(e["event_uid"] for e in page["events"])
    assert len(seen) == len(set(seen)) == site["expected"][0]


@pytest.mark.parametrize("name", list(PAGE_CASES))
def test_pages_are_the_stores_records_in_the_stores_order(site, name):
    events = get(site, "/api/events", **PAGE_PARAMS[name]).json()["events"]
    expected = site["expected"][name]
    assert [e["event_uid"] for e in events] == [e["event_uid"] for e in expected]
    for got, want in zip(events, expected):
        want = {k: v for k, v in want.items() if k != "raw"}
        assert got == json.loads(json.dumps(want)), got["event_uid"]


def test_sorting_by_fatalities(site):
    events = get(site, "/api/events", order_by="fatalities", limit=50).json()["events"]
    fatalities = [e["fatalities"] for e in events]
    assert fatalities == sorted(fatalities, reverse=True)
    assert fatalities[0] >= 50  # the January 2017 Gao camp bombing is in the Mali sample


@pytest.mark.parametrize(
    "params, field",
    [
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "5,0,1,1"}, "bbox"),
        ({"near": "12,abc", "radius_km": 5}, "near"),
        ({"near": "95,0", "radius_km": 5}, "near"),
        ({"near": "12,1"}, "radius_km"),
        ({"radius_km": 10}, "near"),
        ({"radius_km": -3, "near": "12,1"}, "radius_km"),
        ({"date_from": "2017-31-01"}, "date_from"),
        ({"date_from": "2018-01-01", "date_to": "2017-01-01"}, "date_from"),
        ({"limit": 1001}, "limit"),
        ({"offset": -1}, "offset"),
        ({"order_by": "notes"}, "order_by"),
        ({"fused": "maybe"}, "fused"),
    ],
)
def test_invalid_parameters_get_4xx_naming_the_field(site, params, field):
    r = get(site, "/api/events", **params)
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    assert detail.startswith(field), detail


# -- /api/events/{id} ---------------------------------------------------------------------


def test_event_detail_has_fields_evidence_in_its_document_and_sources(site):
    r = get(site, "/api/events/acled-MLI1327")
    assert r.status_code == 200, r.text
    event = r.json()
    assert event["event_id_cnty"] == "MLI1327"
    assert event["event_type"] == "Battles" or event["event_type"]  # every field is there
    assert event["fatalities"] >= 50
    (doc,) = event["documents"]
    assert "Gao" in doc["text"]
    (evidence,) = doc["evidence"]
    assert evidence["located"] is True
    assert doc["text"][evidence["start"]:evidence["end"]] == evidence["text"]
    assert evidence["text"].startswith("At least 55 people were killed")
    labels = {s["label"] for s in event["source_links"]}
    assert {"Long War Journal", "Jeune Afrique"} <= labels
    assert event["members"] == []  # not a fused event in this fixture


def test_unknown_event_is_404_with_a_message(site):
    r = get(site, "/api/events/no-such-event")
    assert r.status_code == 404
    assert "no-such-event" in r.json()["detail"]


# -- geojson, stats, actors, places ---------------------------------------------------------


def test_geojson_matches_the_same_filter(site):
    r = get(site, "/api/events.geojson", country="Mali", limit=100_000)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/geo+json")
    data = r.json()
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == data["total"] == site["expected"][0]
    feature = next(f for f in data["features"] if f["id"] == "acled-MLI1327")
    lon, lat = feature["geometry"]["coordinates"]
    assert (lat, lon) == (feature["properties"]["latitude"], feature["properties"]["longitude"])
    assert feature["properties"]["notes"]  # full properties by default

    compact = get(site, "/api/events.geojson", country="Mali", properties="map").json()
    assert len(compact["features"]) == data["total"]
    assert "notes" not in compact["features"][0]["properties"]
    assert {"event_uid", "event_date", "event_type", "fatalities"} <= set(compact["features"][0]["properties"])


def test_stats_by_month_type_actor_admin1(site):
    stats = get(site, "/api/stats", country="Mali", top=5).json()
    assert stats["total"]["events"] == site["expected"][0]
    for key in ("by_type", "by_actor", "by_admin1"):
        assert sum(r["events"] for r in stats[key]) == stats["total"]["events"]
        assert sum(r["fatalities"] for r in stats[key]) == stats["total"]["fatalities"]
    assert all(p.endswith("-01") for p in stats["periods"])  # months
    assert len({r["key"] for r in stats["by_actor"]} - {"(other)"}) <= 5
    weekly = get(site, "/api/stats", interval="week").json()
    assert all(dt.date.fromisoformat(p).weekday() == 0 for p in weekly["periods"])  # Mondays


def test_actors_with_counts_and_registry_entries(site):
    body = get(site, "/api/actors", q="jnim").json()
    names = [a["actor"] for a in body["actors"]]
    assert "JNIM: Group for Support of Islam and Muslims" in names
    jnim = body["actors"][names.index("JNIM: Group for Support of Islam and Muslims")]
    assert jnim["events"] > 50
    if body["registry_available"]:
        assert jnim["registry"]["inter"] == 2
        assert any("GSIM" in alias or "Nusrat" in alias for alias in jnim["registry"]["aliases"])


def test_places_from_gazetteer_and_store(site):
    body = get(site, "/api/places", q="Gao").json()
    assert any(p["location"] == "Gao" and p["events"] > 0 for p in body["in_store"])
    if body["gazetteer_available"]:
        assert any(p["name"] == "Gao" for p in body["gazetteer"])
    assert get(site, "/api/places").status_code == 422  # q is required


def test_openapi_schema_lists_the_endpoints(site):
    paths = get(site, "/openapi.json").json()["paths"]
    for path in ("/api/events", "/api/events/{event_id}", "/api/events.geojson", "/api/stats",
                 "/api/actors", "/api/places", "/api/documents"):
        assert path in paths


def test_dashboard_and_its_assets_are_served_locally(site):
    page = get(site, "/")
    assert page.status_code == 200
    assert "/static/vendor/maplibre-gl.js" in page.text
    assert "https://" not in page.text  # no CDN
    for asset in ("/static/app.js", "/static/app.css", "/static/vendor/maplibre-gl.js", "/static/vendor/maplibre-gl.css"):
        assert get(site, asset).status_code == 200, asset
    config = get(site, "/api/config").json()
    assert config["tiles"] is None  # offline by default
    countries = get(site, "/api/boundaries/countries").json()
    assert any(f["properties"]["name"] == "Mali" for f in countries["features"])


# -- POST /api/documents ------------------------------------------------------------------


def post(site, body=None, key=None, bearer=False, **kwargs):
    headers = {}
    if key:
        headers = {"Authorization": f"Bearer {key}"} if bearer else {"X-API-Key": key}
    return httpx.post(site["base"] + "/api/documents", json=body, headers=headers, timeout=120, **kwargs)


@pytest.mark.parametrize("which", ["none", "wrong", "revoked", "malformed"])
def test_posting_needs_a_valid_key(site, which):
    key = {"none": None, "wrong": site["key"][:-4] + "AAAA", "revoked": site["revoked"], "malformed": "hello"}[which]
    r = post(site, {"text": "On 3 May 2024 JNIM attacked Boni."}, key=key)
    assert r.status_code == 401
    assert "key" in r.json()["detail"]


@pytest.mark.parametrize(
    "body, field",
    [
        ({"text": ""}, "text"),
        ({"text": "   "}, "text"),
        ({}, "text"),
        ({"text": "x", "published": "2024-13-45"}, "published"),
        ({"text": "x", "colour": "red"}, "colour"),
        ({"text": 12}, "text"),
        ([1, 2], "body"),
    ],
)
def test_invalid_documents_get_4xx_naming_the_field_and_write_nothing(site, body, field):
    before = get(site, "/api/events", limit=0).json()["total"]
    r = post(site, body, key=site["key"])
    assert 400 <= r.status_code < 500, r.text
    assert r.json()["detail"].startswith(field), r.json()
    assert get(site, "/api/events", limit=0).json()["total"] == before


def test_non_json_body_and_wrong_content_type(site):
    headers = {"X-API-Key": site["key"]}
    r = httpx.post(site["base"] + "/api/documents", content=b"{not json", headers={**headers, "content-type": "application/json"})
    assert r.status_code == 422 and r.json()["detail"].startswith("body")
    r = httpx.post(site["base"] + "/api/documents", content=b"text", headers={**headers, "content-type": "text/plain"})
    assert r.status_code == 415 and r.json()["detail"].startswith("content-type")
    r = httpx.post(site["base"] + "/api/documents", files={"file": ("report.exe", b"MZ")}, headers=headers)
    assert r.status_code == 422 and r.json()["detail"].startswith("file")


REPORT = (
    "Bamako, 18 September 2024. On 17 September 2024, JNIM militants attacked the gendarmerie school "
    "in Bamako and the military airport, killing more than 70 people, according to security sources."
)


def test_post_json_document_codes_and_stores_it_once(site):
    body = {"id": "api-test-bamako", "text": REPORT, "published": "2024-09-18", "source": "Test wire",
            "url": "https://example.org/bamako", "title": "Attack on Bamako", "country": "Mali"}
    r = post(site, body, key=site["key"], bearer=True)
    assert r.status_code == 201, r.text
    result = r.json()
    assert result["created"] is True and result["doc_id"] == "api-test-bamako"
    assert result["event_count"] == len(result["events"]) >= 1
    stored = get(site, "/api/events", doc_id="api-test-bamako", fused="false").json()
    assert stored["total"] == result["event_count"]
    detail = get(site, f"/api/events/{stored['events'][0]['event_uid']}").json()
    assert detail["documents"][0]["text"] == REPORT
    assert any(link["url"] == "https://example.org/bamako" for link in detail["source_links"])
    again = post(site, body, key=site["key"])
    assert again.status_code == 200 and again.json()["created"] is False
    assert get(site, "/api/events", doc_id="api-test-bamako", fused="false").json()["total"] == result["event_count"]


def test_post_file_upload(site):
    r = httpx.post(site["base"] + "/api/documents", headers={"X-API-Key": site["key"]}, timeout=120,
                   files={"file": ("kidal.txt", "On 14 November 2023 the Malian army retook Kidal from CMA rebels.".encode())},
                   data={"published": "2023-11-15", "source": "Upload test"})
    assert r.status_code == 201, r.text
    assert r.json()["doc_id"] == "kidal.txt"


# -- keys and read protection --------------------------------------------------------------


def test_keys_are_stored_hashed_and_listed(tmp_path):
    env = {"SAHELWATCH_HOME": str(tmp_path / "home")}
    db = str(tmp_path / "k.duckdb")
    created = cli("keys", "create", "--name", "analyst", "--db", db, env=env)
    token = created.stdout.strip()
    assert token.startswith("swk_") and len(token) > 40
    listed = cli("keys", "list", "--db", db, env=env)
    assert "analyst" in listed.stdout and "active" in listed.stdout
    with open_store(db) as store:
        rows = store.execute("SELECT * FROM api_keys").fetchall()
    assert token not in json.dumps(rows, default=str)  # only a digest is kept
    key_id = token.split("_")[1]
    assert cli("keys", "revoke", key_id, "--db", db, env=env).returncode == 0
    assert "revoked" in cli("keys", "list", "--db", db, env=env).stdout
    assert cli("keys", "revoke", key_id, "--db", db, env=env).returncode != 0


def test_reads_can_require_a_key(tmp_path, shared):
    env = {"SAHELWATCH_HOME": str(tmp_path / "home")}
    db = tmp_path / "closed.duckdb"
    with open_store(str(db)) as store:
        from sahelwatch.web.testing import store_acled_as_documents

        store_acled_as_documents(store, shared / "data" / "acled" / "mali_2017.csv", limit=20)
    token = cli("keys", "create", "--db", str(db), env=env).stdout.strip()
    with running_server(db, "--require-key-for-reads", env=env) as base:
        assert httpx.get(base + "/api/events").status_code == 401
        assert httpx.get(base + "/api/events/acled-MLI1327").status_code == 401
        r = httpx.get(base + "/api/events", headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 200 and r.json()["total"] > 0
        assert httpx.get(base + "/api/config", headers={"X-API-Key": token}).json()["require_key_for_reads"] is True


# -- boundary layers ---------------------------------------------------------------------


def test_imported_and_given_boundary_layers_are_served(tmp_path):
    env = {"SAHELWATCH_HOME": str(tmp_path / "home")}
    square = {"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"name": "Mopti"},
        "geometry": {"type": "Polygon", "coordinates": [[[-5, 14], [-3, 14], [-3, 15.5], [-5, 15.5], [-5, 14]]]},
    }]}
    admin1 = tmp_path / "mali_admin1.geojson"
    admin1.write_text(json.dumps(square))
    lines = tmp_path / "roads.geojson"
    lines.write_text(json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[-8, 12.6], [-11.4, 14.4]]}}]}))
    bad = tmp_path / "points.geojson"
    bad.write_text(json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [0, 0]}}]}))

    imported = cli("boundaries", "import", str(admin1), "--name", "admin1", env=env)
    assert imported.returncode == 0, imported.stderr
    refused = cli("boundaries", "import", str(bad), env=env)
    assert refused.returncode != 0 and "no Polygon" in refused.stderr
    listing = cli("boundaries", "list", env=env).stdout
    assert "admin1\timported" in listing

    db = tmp_path / "empty.duckdb"
    with open_store(str(db)):
        pass
    with running_server(db, "--boundaries", str(lines), env=env) as base:
        names = [layer["name"] for layer in httpx.get(base + "/api/config").json()["boundaries"]]
        assert names[0] == "countries" and {"admin1", "roads"} <= set(names)
        assert httpx.get(base + "/api/boundaries/admin1").json() == square
        assert httpx.get(base + "/api/boundaries/nope").status_code == 404
        assert httpx.get(base + "/api/events").json()["total"] == 0  # an empty store serves fine
    assert cli("boundaries", "remove", "admin1", env=env).returncode == 0


# -- fused events --------------------------------------------------------------------------

WIRES = [
    ("wire-a", "Bamako, 18 September 2024. On 17 September 2024, JNIM militants attacked the gendarmerie "
               "school in Bamako, killing more than 70 people, according to security sources."),
    ("wire-b", "Bamako, 18 September 2024. JNIM fighters stormed a gendarmerie training school in Bamako on "
               "17 September 2024; at least 77 people were killed, officials said."),
]


def test_fused_event_detail_has_members_documents_and_sources(tmp_path):
    env = {"SAHELWATCH_HOME": str(tmp_path / "home")}
    db = tmp_path / "fused.duckdb"
    token = cli("keys", "create", "--db", str(db), env=env).stdout.strip()
    # Two reports of the same attack, posted through the API, then fused by `sahelwatch fuse`.
    with running_server(db, env=env) as base:
        for doc_id, text in WIRES:
            r = httpx.post(base + "/api/documents", headers={"X-API-Key": token}, timeout=120, json={
                "id": doc_id, "text": text, "published": "2024-09-18", "source": f"Wire {doc_id[-1]}",
                "url": f"https://example.org/{doc_id}", "title": f"Bamako attack ({doc_id})", "country": "Mali"})
            assert r.status_code == 201, r.text
    fused = cli("fuse", "--db", str(db), env=env)
    if fused.returncode != 0 and "No such command" in fused.stderr:
        pytest.skip("`sahelwatch fuse` is not there yet")
    assert fused.returncode == 0, fused.stderr
    with running_server(db, env=env) as base:
        members_total = httpx.get(base + "/api/events", params={"fused": "false"}).json()["total"]
        page = httpx.get(base + "/api/events").json()
        if page["total"] == members_total:
            pytest.skip("the fusion rules did not link these two reports")
        (event,) = [e for e in page["events"] if (e.get("member_count") or 1) > 1]
        detail = httpx.get(base + f"/api/events/{event['event_uid']}").json()
        assert "member_events" not in detail
        assert {m["doc_id"] for m in detail["members"]} == {"wire-a", "wire-b"}
        assert {d["doc_id"] for d in detail["documents"]} == {"wire-a", "wire-b"}
        for doc in detail["documents"]:
            assert doc["evidence"] and all(e["located"] for e in doc["evidence"])
            for e in doc["evidence"]:
                assert doc["text"][e["start"]:e["end"]] == e["text"]
        urls = {link["url"] for link in detail["source_links"]}
        assert {"https://example.org/wire-a", "https://example.org/wire-b"} <= urls


# -- PostgreSQL backend --------------------------------------------------------------------


@pytest.mark.postgres
def test_the_api_over_postgresql(tmp_path, shared, postgres_url):
    env = {"SAHELWATCH_HOME": str(tmp_path / "home")}
    with open_store(postgres_url) as store:
        from sahelwatch.web.testing import store_acled_as_documents

        stored = store_acled_as_documents(store, shared / "data" / "acled" / "mali_2017.csv", limit=80)
        expected_mali = store.count(EventFilter(country="Mali", fused=False))
    token = cli("keys", "create", "--db", postgres_url, env=env).stdout.strip()
    assert token.startswith("swk_")
    with running_server(postgres_url, env=env) as base:
        page = httpx.get(base + "/api/events", params={"country": "Mali", "limit": 10, "fused": "false"}).json()
        assert page["total"] == expected_mali == stored
        assert httpx.get(base + "/api/events").json()["total"] > 0  # the default (fused) view too
        detail = httpx.get(base + f"/api/events/{page['events'][0]['event_uid']}").json()
        (doc,) = detail["documents"]
        assert doc["evidence"][0]["located"]
        stats = httpx.get(base + "/api/stats", params={"fused": "false"}).json()
        assert sum(r["events"] for r in stats["by_type"]) == stored
        assert httpx.get(base + "/api/actors", params={"fused": "false"}).json()["actors"]
        assert httpx.get(base + "/api/places", params={"q": "Gao"}).status_code == 200
        assert httpx.get(base + "/api/events.geojson", params={"properties": "map", "fused": "false"}).json()["total"] == stored
        r = httpx.post(base + "/api/documents", json={"text": ""}, headers={"X-API-Key": token})
        assert r.status_code == 422 and r.json()["detail"].startswith("text")
        assert httpx.post(base + "/api/documents", json={"text": "x"}).status_code == 401
