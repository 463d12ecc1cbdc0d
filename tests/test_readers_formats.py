"""Readers for HTML, PDF, RSS/Atom feeds and http(s) URLs (a local server, never the internet)."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
import time
from pathlib import Path

import pytest

from sahelwatch.ingest.readers import ReadProblem, read_documents


def read(paths, country=None):
    problems: list[ReadProblem] = []
    docs = list(read_documents([str(p) for p in paths], problems.append, country=country))
    return docs, problems


BODY = (
    "Suspected jihadists attacked a gendarmerie school in Bamako early on Tuesday, "
    "and a second group struck the military camp at the international airport. "
    "Officials said dozens of people were killed and many more wounded in the "
    "attacks, the first on the capital in nine years. Residents of the Faladié "
    "district reported hearing gunfire for several hours before the army said the "
    "situation was under control."
)

ARTICLE_HTML = f"""<!DOCTYPE html>
<html><head>
<title>Gunmen strike Bamako gendarmerie school | Sahel Wire</title>
<meta property="og:site_name" content="Sahel Wire">
<meta property="article:published_time" content="2024-09-18T09:30:00+00:00">
<meta name="author" content="Awa Traoré">
<script>var tracking = "do not read me";</script>
<style>p {{ color: red; }}</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Gunmen strike Bamako gendarmerie school</h1>
<p>{BODY}</p>
<p>The Group for Support of Islam and Muslims later claimed responsibility in a statement
published on its channels, saying its fighters had targeted the school and the camp.</p>
</article>
<footer>Copyright Sahel Wire</footer>
</body></html>
"""


def test_html_main_text_and_metadata(tmp_path):
    path = tmp_path / "bamako-attack.html"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    [doc], problems = read([path], country="Mali")
    assert problems == []
    assert doc.doc_id == "bamako-attack"
    assert "gendarmerie school in Bamako" in doc.text
    assert "do not read me" not in doc.text and "color: red" not in doc.text
    assert doc.published == dt.date(2024, 9, 18)
    assert doc.author == "Awa Traoré"
    assert doc.title and "Gunmen strike Bamako gendarmerie school" in doc.title
    assert doc.source == "Sahel Wire"
    assert doc.country == "Mali"


def test_html_without_any_text_is_a_problem(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><body><script>only()</script></body></html>", encoding="utf-8")
    docs, problems = read([path])
    assert docs == []
    assert [(p.path, p.line, p.message) for p in problems] == [
        (str(path), None, "HTML page has no readable text")
    ]


# --------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------


def make_pdf(lines: list[str], title: str | None = None) -> bytes:
    """A minimal one-page PDF with Helvetica text lines (built by hand: no PDF writer needed)."""

    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({esc(l)}) '" for l in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        f"<< /Length {len(content.encode('latin-1'))} >>\nstream\n{content}\nendstream",
    ]
    if title:
        objects.append(f"<< /Title ({esc(title)}) >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    info = f" /Info {len(objects)} 0 R" if title else ""
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_pdf_text_and_metadata(tmp_path):
    path = tmp_path / "sitrep.pdf"
    path.write_bytes(
        make_pdf(
            ["Security update: Menaka region", "12 March 2023", "An IED struck a convoy near Menaka."],
            title="Weekly security update",
        )
    )
    [doc], problems = read([path])
    assert problems == []
    assert doc.doc_id == "sitrep"
    assert "An IED struck a convoy near Menaka." in doc.text
    assert doc.title == "Weekly security update"
    assert doc.published == dt.date(2023, 3, 12)


def test_broken_and_textless_pdfs_are_problems(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    blank = tmp_path / "blank.pdf"
    blank.write_bytes(make_pdf([]))
    good = tmp_path / "good.txt"
    good.write_text("still read", encoding="utf-8")
    docs, problems = read([broken, blank, good])
    assert [d.doc_id for d in docs] == ["good"]
    assert [p.path for p in problems] == [str(broken), str(blank)]
    assert problems[0].message.startswith("cannot read PDF")
    assert "no extractable text" in problems[1].message


# --------------------------------------------------------------------------------------
# Feeds
# --------------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Sahel Security Bulletin</title>
<link>https://bulletin.example/</link>
<item>
  <title>Convoy ambushed on the Kayes road</title>
  <link>https://bulletin.example/kayes-convoy</link>
  <guid>bulletin-2025-0914</guid>
  <pubDate>Sun, 14 Sep 2025 18:00:00 +0000</pubDate>
  <description>&lt;p&gt;Fuel tankers were set on fire near &lt;b&gt;Kayes&lt;/b&gt;.&lt;/p&gt;</description>
  <author>desk@bulletin.example (Desk)</author>
</item>
<item>
  <title>Protest in Bamako</title>
  <link>https://bulletin.example/bamako-protest</link>
  <description>Thousands marched in Bamako.</description>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Niger Watch</title>
  <id>urn:niger-watch</id>
  <updated>2019-12-12T00:00:00Z</updated>
  <entry>
    <title>Attack on Inates camp</title>
    <id>urn:niger-watch:inates</id>
    <link href="https://nigerwatch.example/inates"/>
    <published>2019-12-11T08:00:00Z</published>
    <content type="html">&lt;p&gt;Militants attacked the army camp at Inates.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def test_rss_feed_one_document_per_entry(tmp_path):
    path = tmp_path / "bulletin.rss"
    path.write_text(RSS, encoding="utf-8")
    docs, problems = read([path], country="Mali")
    assert problems == []
    assert [d.doc_id for d in docs] == ["bulletin-2025-0914", "https://bulletin.example/bamako-protest"]
    first, second = docs
    assert first.text == "Convoy ambushed on the Kayes road\n\nFuel tankers were set on fire near Kayes."
    assert first.title == "Convoy ambushed on the Kayes road"
    assert first.url == "https://bulletin.example/kayes-convoy"
    assert first.published == dt.date(2025, 9, 14)
    assert first.source == "Sahel Security Bulletin"
    assert first.country == "Mali"
    assert second.published is None  # no date in the entry or its text: never today's
    assert second.text.endswith("Thousands marched in Bamako.")


def test_atom_feed_sniffed_without_feed_extension(tmp_path):
    path = tmp_path / "niger.feed"  # unknown extension, named explicitly: content decides
    path.write_text(ATOM, encoding="utf-8")
    [doc], problems = read([path])
    assert problems == []
    assert doc.doc_id == "urn:niger-watch:inates"
    assert doc.source == "Niger Watch"
    assert doc.published == dt.date(2019, 12, 11)
    assert doc.text == "Attack on Inates camp\n\nMilitants attacked the army camp at Inates."


def test_xml_that_is_not_a_feed_is_a_problem(tmp_path):
    path = tmp_path / "config.xml"
    path.write_text("<?xml version='1.0'?><config><a>1</a></config>", encoding="utf-8")
    docs, problems = read([path])
    assert docs == []
    assert len(problems) == 1 and problems[0].path == str(path)
    assert "not" in problems[0].message and "feed" in problems[0].message


# --------------------------------------------------------------------------------------
# URLs, served from 127.0.0.1
# --------------------------------------------------------------------------------------

ROUTES: dict[str, tuple[str, bytes]] = {
    "/article": ("text/html; charset=utf-8", ARTICLE_HTML.encode("utf-8")),
    "/feed": ("application/rss+xml", RSS.encode("utf-8")),
    "/report.pdf": ("application/pdf", make_pdf(["Kidal retaken", "2023-11-14", "The army entered Kidal."])),
    "/notes.jsonl": ("application/x-ndjson", b'{"id": "n1", "text": "Clash near Gao."}\n{bad\n'),
    "/plain": ("text/plain; charset=utf-8", "Raid à Boni\n\n5 juin 2023\n\nDes hommes armés.".encode()),
    "/binary": ("application/octet-stream", b"\x00\x01\x02"),
}


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's naming)
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        route = ROUTES.get(self.path)
        if route is None:
            self.send_error(404, "Not Found")
            return
        ctype, body = route
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_html_page(server):
    [doc], problems = read([f"{server}/article"])
    assert problems == []
    assert doc.doc_id == doc.url == f"{server}/article"
    assert "gendarmerie school in Bamako" in doc.text
    assert doc.published == dt.date(2024, 9, 18)


def test_url_redirect_is_followed(server):
    [doc], problems = read([f"{server}/moved"])
    assert problems == []
    assert doc.url == f"{server}/article"


def test_url_feed_pdf_jsonl_and_text_by_content_type(server):
    docs, problems = read([f"{server}/feed", f"{server}/report.pdf", f"{server}/notes.jsonl", f"{server}/plain"])
    assert [d.doc_id for d in docs] == [
        "bulletin-2025-0914",
        "https://bulletin.example/bamako-protest",
        f"{server}/report.pdf",
        "n1",
        f"{server}/plain",
    ]
    assert docs[2].published == dt.date(2023, 11, 14)
    assert docs[4].published == dt.date(2023, 6, 5)
    assert [(p.path, p.line) for p in problems] == [(f"{server}/notes.jsonl", 2)]


def test_url_errors_are_problems(server):
    docs, problems = read([f"{server}/missing", f"{server}/binary", "http://127.0.0.1:9/closed"])
    assert docs == []
    assert [p.path for p in problems] == [f"{server}/missing", f"{server}/binary", "http://127.0.0.1:9/closed"]
    assert problems[0].message == "HTTP 404 Not Found"
    assert "unsupported content type 'application/octet-stream'" in problems[1].message
    assert problems[2].message.startswith("cannot fetch")


def test_heavy_dependencies_are_not_imported_for_text(tmp_path):
    # `sahelwatch extract` is benchmarked with start-up included.
    import subprocess
    import sys

    path = tmp_path / "a.txt"
    path.write_text("Clash in Gao.\n", encoding="utf-8")
    code = (
        "import sys; from sahelwatch.ingest.readers import read_documents;"
        f"list(read_documents([{str(path)!r}], print));"
        "print(sorted(m for m in ('trafilatura','pypdf','feedparser','httpx') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_url_timeout_is_a_problem(server, monkeypatch):
    from sahelwatch.ingest import readers

    monkeypatch.setattr(readers, "HTTP_TIMEOUT_S", 0.2)
    docs, problems = read([f"{server}/slow", f"{server}/plain"])
    assert [d.doc_id for d in docs] == [f"{server}/plain"]
    assert [str(p) for p in problems] == [f"{server}/slow: no response within 0.2 s"]
