"""The dashboard in headless Chromium (Debian's /usr/bin/chromium driven by Playwright),
served by a real `sahelwatch serve` over a real DuckDB file. Screenshots are saved under
each test's tmp_path."""

from __future__ import annotations

import os
import time
from pathlib import Path

import httpx
import pytest

from sahelwatch.web.testing import build_acled_fixture_store, build_synthetic_store, running_server

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("SAHELWATCH_CHROMIUM", "/usr/bin/chromium")
# The first six are the project's standard headless flags; SwiftShader gives the map's
# WebGL a software renderer, since --disable-gpu (and CI) has no GPU.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--enable-unsafe-swiftshader", "--use-angle=swiftshader",
]
VENDOR = Path(__file__).resolve().parents[1] / "src" / "sahelwatch" / "web" / "static" / "vendor"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("SAHELWATCH_REQUIRE_BROWSER"):  # CI sets it: a missing browser is a failure there
            pytest.fail(message)
        pytest.skip(message)
    if not (VENDOR / "maplibre-gl.js").is_file():
        pytest.fail("dashboard assets are not built: run scripts/build_web_assets.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory, shared):
    tmp = tmp_path_factory.mktemp("dashboard")
    db = tmp / "events.duckdb"
    build_acled_fixture_store(db, shared / "data" / "acled")
    with running_server(db, env={"SAHELWATCH_HOME": str(tmp / "home")}) as base:
        yield base


def open_dashboard(browser, base, width=1400, height=860):
    page = browser.new_page(viewport={"width": width, "height": height})
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + "/")
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)
    page.wait_for_function("window.sahelwatch.mapReady === true", timeout=30_000)
    return page, requests, errors


def shown_count(page) -> int:
    text = page.locator("#count").inner_text()
    return int(text.split()[0].replace(",", ""))


def test_load_filter_open_event_and_see_highlighted_evidence(browser, site, tmp_path):
    page, requests, errors = open_dashboard(browser, site)
    total = httpx.get(site + "/api/events", params={"limit": 0}).json()["total"]
    assert shown_count(page) == total
    assert page.locator("#event-list li").count() == min(200, total)

    # Filter: battles involving JNIM, through the form.
    page.select_option("#filter-type", "Battles")
    page.fill("#filter-actor", "JNIM")
    page.click("#apply-filters")
    expected = httpx.get(site + "/api/events", params={"type": "Battles", "actor": "JNIM", "limit": 0}).json()["total"]
    page.wait_for_function(f"window.sahelwatch.visible.length === {expected}", timeout=15_000)
    assert 0 < expected < total
    assert shown_count(page) == expected
    types = page.evaluate("window.sahelwatch.visible.map(f => f.properties.event_type)")
    assert set(types) == {"Battles"}

    # Open the first event of the list: every field, the evidence highlighted in its document.
    first = page.locator("#event-list li").first
    uid = first.get_attribute("data-uid")
    first.click()
    page.wait_for_selector(f"#detail-body[data-uid='{uid}'] mark.evidence", timeout=15_000)
    event = httpx.get(f"{site}/api/events/{uid}").json()
    mark = page.locator("#detail-body mark.evidence").first.inner_text()
    assert mark == event["documents"][0]["evidence"][0]["text"]
    doc_text = page.locator("#detail-body .doc-text").first.inner_text()
    assert doc_text == event["documents"][0]["text"]
    for field in ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "actor2",
                  "admin1", "location", "latitude", "longitude", "fatalities", "notes"):
        row = page.locator(f"#detail-body tr[data-field='{field}'] td")
        value = event[field]
        assert row.inner_text() == ("—" if value in (None, "") else str(value)), field
    assert page.locator("#detail-body tr[data-field='event_type'] td").inner_text() == "Battles"
    sources = page.locator("#detail-body ul.sources").first.inner_text()
    for link in event["source_links"]:
        assert link["label"] in sources
    page.screenshot(path=str(tmp_path / "dashboard-detail.png"))

    assert not errors, errors
    outside = [u for u in requests if not u.startswith(site) and not u.startswith(("data:", "blob:"))]
    assert not outside, f"the dashboard must work offline, but it requested {outside}"
    page.close()


def test_clicking_a_point_on_the_map_opens_it(browser, site, tmp_path):
    page, _requests, errors = open_dashboard(browser, site)
    # Zoom onto Gao, where the sample has events, until single points are drawn.
    page.evaluate("window.sahelwatch.map.jumpTo({center: [-0.04, 16.27], zoom: 12})")
    page.wait_for_function(
        "window.sahelwatch.map.loaded() && window.sahelwatch.map.queryRenderedFeatures({layers: ['events']}).length > 0",
        timeout=15_000,
    )
    point = page.evaluate(
        """() => {
          const map = window.sahelwatch.map;
          const f = map.queryRenderedFeatures({layers: ['events']})[0];
          const p = map.project(f.geometry.coordinates);
          const box = map.getCanvas().getBoundingClientRect();
          return {x: box.left + p.x, y: box.top + p.y, uid: f.properties.event_uid};
        }"""
    )
    page.mouse.click(point["x"], point["y"])
    page.wait_for_selector(f"#detail-body[data-uid='{point['uid']}']", timeout=15_000)
    assert page.locator("#detail-title").inner_text()
    page.screenshot(path=str(tmp_path / "dashboard-map-click.png"))
    assert not errors, errors
    page.close()


def test_brushing_the_timeline_filters_the_map_and_list(browser, site, tmp_path):
    page, _requests, errors = open_dashboard(browser, site)
    total = shown_count(page)
    box = page.locator("#timeline").bounding_box()
    # Drag across the right third of the timeline (the 2017-2022 part of the samples).
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.62, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.8, y, steps=8)
    page.mouse.up()
    page.wait_for_function("window.sahelwatch.brush !== null", timeout=5_000)
    brushed = shown_count(page)
    assert 0 < brushed < total
    start, end = page.evaluate("window.sahelwatch.brush")
    dates = page.evaluate("window.sahelwatch.visible.map(f => f.properties._t)")
    assert all(start <= t < end for t in dates)
    on_map = page.evaluate(
        "window.sahelwatch.map.getSource('events')._data.features ? window.sahelwatch.map.getSource('events')._data.features.length : null"
    )
    if on_map is not None:  # MapLibre keeps the data it was given; where it does, it is the brushed set
        assert on_map == sum(1 for _ in page.evaluate("window.sahelwatch.visible.filter(f => f.geometry)"))
    assert page.locator("#brush-label").inner_text()
    page.screenshot(path=str(tmp_path / "dashboard-brushed.png"))
    page.click("#clear-brush")
    assert shown_count(page) == total
    assert not errors, errors
    page.close()


def test_phone_layout(browser, site, tmp_path):
    page, _requests, errors = open_dashboard(browser, site, width=390, height=844)
    # One column: the map first, then the timeline, then the filters and the list.
    map_box, timeline_box = page.locator("#map").bounding_box(), page.locator("#timeline").bounding_box()
    filters_box = page.locator("#filters").bounding_box()
    assert map_box["width"] >= 380 and map_box["y"] < timeline_box["y"] < filters_box["y"]
    page.click("#toggle-side")  # the ☰ button folds the filters and list away...
    assert not page.locator("#event-list").is_visible()
    page.click("#toggle-side")  # ...and back
    assert page.locator("#event-list").is_visible()
    page.screenshot(path=str(tmp_path / "dashboard-phone-main.png"), full_page=True)
    page.locator("#event-list li").first.click()
    page.wait_for_selector("#detail-body mark.evidence", timeout=15_000)
    detail = page.locator("#detail").bounding_box()
    assert detail["width"] >= 380  # the detail covers the screen
    page.screenshot(path=str(tmp_path / "dashboard-phone.png"))
    page.click("#close-detail")
    assert not page.locator("#detail").is_visible()
    assert not errors, errors
    page.close()


@pytest.mark.slow
def test_fifty_thousand_events_load_without_per_marker_dom(browser, tmp_path):
    db = tmp_path / "big.duckdb"
    build_synthetic_store(db, 50_000)
    with running_server(db, env={"SAHELWATCH_HOME": str(tmp_path / "home")}) as base:
        started = time.monotonic()
        page, _requests, errors = open_dashboard(browser, base)
        page.wait_for_function("window.sahelwatch.map.loaded()", timeout=30_000)
        elapsed = time.monotonic() - started
        assert shown_count(page) == 50_000
        assert page.locator("#event-list li").count() == 200  # the list grows on demand
        assert page.locator(".maplibregl-marker").count() <= 300  # only cluster labels in view
        # Brushing re-clusters the points in the selection; it must stay interactive.
        box = page.locator("#timeline").bounding_box()
        y = box["y"] + box["height"] / 2
        t0 = time.monotonic()
        page.mouse.move(box["x"] + box["width"] * 0.4, y)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.7, y, steps=5)
        page.mouse.up()
        page.wait_for_function("window.sahelwatch.brush !== null", timeout=10_000)
        brush_seconds = time.monotonic() - t0
        assert 0 < shown_count(page) < 50_000
        page.wait_for_function("window.sahelwatch.map.loaded()", timeout=30_000)
        page.screenshot(path=str(tmp_path / "dashboard-50k.png"))
        assert elapsed < 60, f"loading 50,000 events took {elapsed:.1f}s"
        assert brush_seconds < 5, f"brushing 50,000 events took {brush_seconds:.1f}s"
        assert not errors, errors
        page.close()


def test_api_docs_page_works_offline(browser, site, tmp_path):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert page.locator(".swagger-ui .opblock").count() >= 9
    outside = [u for u in requests if not u.startswith(site) and not u.startswith(("data:", "blob:"))]
    assert not outside, outside
    page.screenshot(path=str(tmp_path / "api-docs.png"))
    page.close()


def test_dashboard_asks_for_a_key_when_reads_need_one(browser, tmp_path, shared):
    from sahelwatch.store import open_store
    from sahelwatch.web.testing import cli, store_acled_as_documents

    env = {"SAHELWATCH_HOME": str(tmp_path / "home")}
    db = tmp_path / "closed.duckdb"
    with open_store(str(db)) as store:
        stored = store_acled_as_documents(store, shared / "data" / "acled" / "mali_2017.csv", limit=30)
    token = cli("keys", "create", "--db", str(db), env=env).stdout.strip()
    with running_server(db, "--require-key-for-reads", env=env) as base:
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        page.goto(base + "/")
        page.wait_for_selector("#key-dialog[open]", timeout=15_000)
        page.fill("#key-input", token)
        page.click("#key-dialog button")
        page.wait_for_selector("body[data-ready=true]", timeout=30_000)
        assert shown_count(page) == stored
        page.screenshot(path=str(tmp_path / "dashboard-with-key.png"))
        page.close()


def _png_1x1() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xaa\xcc\xee")) + chunk(b"IEND", b"")


def test_online_tiles_come_from_the_configured_url(browser, tmp_path, shared):
    """With --tiles the map fetches raster tiles from that URL (here a tile server on loopback)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from sahelwatch.store import open_store
    from sahelwatch.web.testing import store_acled_as_documents

    served: list[str] = []
    png = _png_1x1()

    class Tiles(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            served.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Content-Length", str(len(png)))
            self.end_headers()
            self.wfile.write(png)

        def log_message(self, *args):
            pass

    tile_server = ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    threading.Thread(target=tile_server.serve_forever, daemon=True).start()
    try:
        db = tmp_path / "tiles.duckdb"
        with open_store(str(db)) as store:
            store_acled_as_documents(store, shared / "data" / "acled" / "mali_2017.csv", limit=20)
        url = f"http://127.0.0.1:{tile_server.server_port}/tiles/{{z}}/{{x}}/{{y}}.png"
        with running_server(db, "--tiles", url, env={"SAHELWATCH_HOME": str(tmp_path / "home")}) as base:
            assert httpx.get(base + "/api/config").json()["tiles"] == url
            page, _requests, errors = open_dashboard(browser, base)
            page.wait_for_function("window.sahelwatch.map.loaded()", timeout=30_000)
            assert page.evaluate("window.sahelwatch.map.getLayer('tiles') !== undefined")
            assert served and all(p.startswith("/tiles/") and p.endswith(".png") for p in served)
            assert not errors, errors
            page.close()
    finally:
        tile_server.shutdown()
