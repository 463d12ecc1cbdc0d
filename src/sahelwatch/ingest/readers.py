"""Read reports into ``Document``s: text, Markdown, HTML, PDF, JSONL, RSS/Atom, URLs.

``read_documents(paths, on_problem, country=None)`` yields one ``Document`` per report
and calls ``on_problem(ReadProblem(...))`` for anything it cannot read; a bad record
or file never stops the rest.

What each kind of path gives:

========================  ===============================================================
``.txt``, ``.md``         one document; ``text`` is the file as-is (Markdown markup is kept
                          so that evidence offsets index into the file itself); title = the
                          first non-blank line without Markdown heading marks.
``.html``, ``.htm``       one document; main text via trafilatura (a plain tag-stripper when
                          trafilatura finds nothing); title/author/date from the page.
``.pdf``                  one document; text of all pages via pypdf.
``.jsonl``, ``-``         one document per line (``-`` reads standard input).
``.xml``/``.rss``/``.atom``  one document per feed entry (feedparser).
``http(s)://...``         fetched with httpx; read as HTML, feed, PDF, JSONL or text by its
                          content type (or, failing that, by sniffing the content).
a directory               its supported files, recursively, sorted by path; hidden files
                          and README/LICENSE files are skipped (they describe a corpus,
                          they are not reports).
========================  ===============================================================

Identifiers: a file's ``doc_id`` is its name without directory and without extension
(``seeds/001_4bfb54fd01c34b2c.txt`` -> ``001_4bfb54fd01c34b2c``), so the same report
keeps its id whether it was saved as .txt, .md or .html; ``source`` is the file name.
A JSONL record's ``doc_id`` is its ``id``, or ``<file stem>-<line number>`` when it
has none (``stdin-<line>`` for ``-``). A feed entry's is its guid, else its link. A
fetched page's is its URL.

Publication dates: a record's ``published`` field; a page's or entry's metadata; else
the date the text states about itself (``published_date_from_text``, see
``sahelwatch.ingest.dates`` for the rule). JSONL records are taken as given: no date is
inferred from their text. Never today's date.

Heavy dependencies (trafilatura, pypdf, feedparser, httpx) are imported inside the
functions that need them: ``sahelwatch extract`` is benchmarked with start-up included.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from sahelwatch.ingest.dates import published_date_from_text
from sahelwatch.schema import Document

__all__ = [
    "ReadProblem",
    "read_documents",
    "published_date_from_text",
    "SUPPORTED_SUFFIXES",
    "HTTP_TIMEOUT_S",
]

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + (".pdf", ".jsonl") + FEED_SUFFIXES

HTTP_TIMEOUT_S = 20.0
USER_AGENT = "sahelwatch/0.1 (+https://github.com/sahelwatch/sahelwatch)"

# Files in a corpus directory that describe the corpus rather than report on events.
_NOT_REPORTS = re.compile(r"^(readme|license|licence|changelog|notice)(\.[a-z]+)?$", re.I)


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """Something that could not be read: where, and what exactly was wrong."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


ProblemHandler = Callable[[ReadProblem], None]


def _print_problem(problem: ReadProblem) -> None:
    print(f"warning: {problem}", file=sys.stderr)


def read_documents(
    paths: Iterable[str | Path],
    on_problem: ProblemHandler | None = None,
    country: str | None = None,
) -> Iterator[Document]:
    """Yield the documents found at ``paths`` (files, directories, URLs, ``-``).

    ``on_problem`` receives a ``ReadProblem`` for every file or record that cannot be
    read (default: printed to stderr); reading goes on with the next one.
    ``country`` is a hint stored on every document that does not name its own.
    """
    report = on_problem or _print_problem
    for raw in paths:
        path = str(raw)
        if path == "-":
            yield from _read_jsonl_stream(_stdin_lines(), "-", "stdin", report, country)
        elif re.match(r"^https?://", path, re.I):
            yield from _read_url(path, report, country)
        else:
            p = Path(path)
            if p.is_dir():
                children = _directory_files(p)
                if not children:
                    report(
                        ReadProblem(
                            path, None, f"directory has no files of a supported type ({', '.join(SUPPORTED_SUFFIXES)})"
                        )
                    )
                for child in children:
                    yield from _read_file(child, report, country, explicit=False)
            else:
                yield from _read_file(p, report, country, explicit=True)


# --------------------------------------------------------------------------------------
# Dispatch
# --------------------------------------------------------------------------------------


def _directory_files(directory: Path) -> list[Path]:
    files = []
    for child in directory.rglob("*"):
        rel = child.relative_to(directory)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if not child.is_file() or _NOT_REPORTS.match(child.name):
            continue
        if child.suffix.lower() in SUPPORTED_SUFFIXES:
            files.append(child)
    return sorted(files)


def _sniff(head: bytes) -> str | None:
    """The kind of content from its first bytes: "pdf", "feed", "html", or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    lowered = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<rss" in lowered or b"<feed" in lowered or b"<rdf:rdf" in lowered:
        return "feed"
    if lowered.startswith(b"<!doctype html") or b"<html" in lowered:
        return "html"
    return None


def _read_file(
    path: Path, report: ProblemHandler, country: str | None, *, explicit: bool
) -> Iterator[Document]:
    name = str(path)
    if not path.exists():
        report(ReadProblem(name, None, "no such file or directory"))
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        # Streamed line by line: a backfill batch can be larger than memory.
        yield from _read_jsonl_file(path, report, country)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        report(ReadProblem(name, None, f"cannot read file: {exc.strerror or exc}"))
        return
    kind = {
        **dict.fromkeys(TEXT_SUFFIXES, "text"),
        **dict.fromkeys(HTML_SUFFIXES, "html"),
        **dict.fromkeys(FEED_SUFFIXES, "feed"),
        ".pdf": "pdf",
    }.get(suffix) or (_sniff(data) if explicit else None)
    if kind is None:
        report(
            ReadProblem(
                name,
                None,
                f"unsupported file type {suffix or '(no extension)'!r}: expected one of "
                f"{', '.join(SUPPORTED_SUFFIXES)}, a directory, a URL or '-'",
            )
        )
        return
    stem = path.stem
    if kind == "text":
        yield _text_document(_decode(data), stem, path.name, name, None, country, suffix)
    elif kind == "html":
        doc = _html_document(data, stem, path.name, name, None, country, report)
        if doc is not None:
            yield doc
    elif kind == "pdf":
        doc = _pdf_document(data, stem, path.name, name, None, country, report)
        if doc is not None:
            yield doc
    else:
        yield from _feed_documents(data, stem, name, None, country, report)


def _decode(data: bytes) -> str:
    """UTF-8 (a BOM is dropped); else Windows-1252, common in French newsroom files."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


# --------------------------------------------------------------------------------------
# Plain text and Markdown
# --------------------------------------------------------------------------------------


_BYLINE = re.compile(r"^\s*(?:by|par)\s*:?\s*\**\s*([^*|\n]{3,80}?)\s*\**\s*$", re.I)


def _first_line_title(text: str) -> str | None:
    """The first non-blank line that is not a byline, if it is short enough to be a headline."""
    for line in text.splitlines():
        if _BYLINE.match(line):
            continue
        line = re.sub(r"^\s*#+\s*|[*_`]+", "", line).strip()
        if line:
            return line if len(line) <= 200 else None
    return None


def _text_document(
    text: str,
    doc_id: str,
    source: str,
    path: str,
    url: str | None,
    country: str | None,
    suffix: str = ".txt",
) -> Document:
    title = _first_line_title(text)
    author = None
    for line in text.splitlines()[:15]:
        m = _BYLINE.match(line)
        if m:
            author = m.group(1).strip()
            break
    return Document(
        doc_id=doc_id,
        text=text,
        published=published_date_from_text(text),
        source=source,
        url=url,
        title=title,
        author=author,
        country=country,
        path=path,
    )


# --------------------------------------------------------------------------------------
# JSONL
# --------------------------------------------------------------------------------------


def _read_jsonl_file(path: Path, report: ProblemHandler, country: str | None) -> Iterator[Document]:
    name = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        report(ReadProblem(name, None, f"cannot read file: {exc.strerror or exc}"))
        return
    with handle:
        lines = ((number, _decode(raw)) for number, raw in enumerate(handle, start=1))
        try:
            yield from _read_jsonl_stream(lines, name, path.stem, report, country)
        except OSError as exc:  # e.g. a file on a network share going away mid-read
            report(ReadProblem(name, None, f"reading stopped: {exc.strerror or exc}"))


def _stdin_lines() -> Iterator[tuple[int, str]]:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a test may replace stdin with a StringIO
        yield from enumerate(sys.stdin, start=1)
        return
    for number, raw in enumerate(stream, start=1):
        yield number, _decode(raw)


_JSONL_STRING_FIELDS = ("source", "url", "title", "country", "author")


def _parse_published(value: Any) -> dt.date:
    """YYYY-MM-DD, or the date part of an ISO 8601 timestamp; ValueError otherwise."""
    if not isinstance(value, str):
        raise ValueError(f"expected a YYYY-MM-DD string, got {type(value).__name__}")
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    if re.match(r"\d{4}-\d{2}-\d{2}[T ]", value):
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    raise ValueError(f"expected YYYY-MM-DD, got {value!r}")


def _read_jsonl_stream(
    lines: Iterable[tuple[int, str]],
    path: str,
    stem: str,
    report: ProblemHandler,
    country: str | None,
) -> Iterator[Document]:
    for number, line in lines:
        if not line.strip():
            continue
        doc = _jsonl_record(line, number, path, stem, report, country)
        if doc is not None:
            yield doc


def _jsonl_record(
    line: str,
    number: int,
    path: str,
    stem: str,
    report: ProblemHandler,
    country: str | None,
) -> Document | None:
    def problem(message: str) -> None:
        report(ReadProblem(path, number, message))

    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        problem(f"invalid JSON: {exc.msg} at column {exc.colno}; record skipped")
        return None
    if not isinstance(record, dict):
        problem(f"expected a JSON object, got {type(record).__name__}; record skipped")
        return None
    text = record.get("text")
    if text is None:
        problem("missing field 'text'; record skipped")
        return None
    if not isinstance(text, str):
        problem(f"field 'text': expected a string, got {type(text).__name__}; record skipped")
        return None
    if not text.strip():
        problem("field 'text' is empty; record skipped")
        return None

    published = None
    if record.get("published") not in (None, ""):
        try:
            published = _parse_published(record["published"])
        except ValueError as exc:
            # The text is still worth extracting; only relative dates stay unresolved.
            problem(f"field 'published': {exc}; record kept without a publication date")

    fields: dict[str, str | None] = {}
    for name in _JSONL_STRING_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            problem(f"field {name!r}: expected a string, got {type(value).__name__}; ignored")
            value = None
        fields[name] = value or None

    raw_id = record.get("id")
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        doc_id = f"{stem}-{number}"
    elif isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool):
        doc_id = str(raw_id)
    else:
        doc_id = f"{stem}-{number}"
        problem(
            f"field 'id': expected a string or integer, got {type(raw_id).__name__}; "
            f"using {doc_id!r}"
        )

    return Document(
        doc_id=doc_id,
        text=text,
        published=published,
        source=fields["source"],
        url=fields["url"],
        title=fields["title"],
        author=fields["author"],
        country=fields["country"] or country,
        path=path,
    )


# --------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------

_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
    "table", "section", "article", "header", "footer", "blockquote", "pre", "hr",
    "figcaption", "figure", "dd", "dt", "main",
}  # fmt: skip
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head"}
_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publish-date",
    "publish_date",
    "publication_date",
    "pubdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "sailthru.date",
)
_AUTHOR_META = ("author", "article:author", "dc.creator", "sailthru.author")


class _TagStripper(HTMLParser):
    """Plain text of an HTML page plus its <title> and <meta> name/property values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self.meta: dict[str, str] = {}
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            a = {k.lower(): (v or "") for k, v in attrs}
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content") and key not in self.meta:
                self.meta[key] = a["content"].strip()
        elif tag == "time" and self._skip == 0:
            a = {k.lower(): (v or "") for k, v in attrs}
            if a.get("datetime") and "pubdate" in a:
                self.meta.setdefault("pubdate", a["datetime"])
        if tag == "title":
            self._in_title = True
        elif tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif self._skip == 0:
            self.parts.append(data)

    def text(self) -> str:
        joined = "".join(self.parts)
        lines = [" ".join(line.split()) for line in joined.splitlines()]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()

    def title(self) -> str | None:
        title = " ".join("".join(self.title_parts).split())
        return title or None


def _strip_tags(html: str) -> _TagStripper:
    stripper = _TagStripper()
    try:
        stripper.feed(html)
        stripper.close()
    except Exception:  # HTMLParser is lenient; a truly broken page keeps what was parsed
        pass
    return stripper


def _date_from_metadata(value: str | None) -> dt.date | None:
    if not value:
        return None
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    return published_date_from_text(value)


def _html_document(
    data: bytes,
    doc_id: str,
    source: str,
    path: str,
    url: str | None,
    country: str | None,
    report: ProblemHandler,
    encoding: str | None = None,
) -> Document | None:
    html = data.decode(encoding, errors="replace") if encoding else _decode(data)
    page = _strip_tags(html)
    text = None
    title = author = None
    published = _date_from_metadata(
        next((page.meta[k] for k in _PUBLISHED_META if k in page.meta), None)
    )
    try:
        import trafilatura

        extracted = trafilatura.extract(
            html,
            url=url,
            output_format="json",
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            # Only dates stated in the page's markup, not guessed from its body text.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # trafilatura/lxml can fail on odd markup: the stripper below reads it
        extracted = None
    if extracted:
        meta = json.loads(extracted)
        text = (meta.get("text") or "").strip() or None
        title = meta.get("title") or None
        author = meta.get("author") or None
        if published is None:
            published = _date_from_metadata(meta.get("date"))
    if not text:
        text = page.text()
    if not text:
        report(ReadProblem(path, None, "HTML page has no readable text"))
        return None
    title = title or page.title()
    author = author or next((page.meta[k] for k in _AUTHOR_META if k in page.meta), None)
    if published is None:
        published = published_date_from_text(text)
    return Document(
        doc_id=doc_id,
        text=text,
        published=published,
        source=page.meta.get("og:site_name") or source,
        url=url or page.meta.get("og:url"),
        title=title,
        author=author,
        country=country,
        path=path,
    )


# --------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------


def _pdf_document(
    data: bytes,
    doc_id: str,
    source: str,
    path: str,
    url: str | None,
    country: str | None,
    report: ProblemHandler,
) -> Document | None:
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                report(ReadProblem(path, None, "PDF is encrypted and needs a password"))
                return None
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
        info = reader.metadata
    except Exception as exc:
        report(ReadProblem(path, None, f"cannot read PDF: {exc}"))
        return None
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        report(
            ReadProblem(path, None, "PDF has no extractable text (a scanned image? OCR is not supported)")
        )
        return None
    title = (info.title if info else None) or _first_line_title(text)
    author = info.author if info else None
    return Document(
        doc_id=doc_id,
        text=text,
        published=published_date_from_text(text),
        source=source,
        url=url,
        title=title or None,
        author=author or None,
        country=country,
        path=path,
    )


# --------------------------------------------------------------------------------------
# RSS / Atom
# --------------------------------------------------------------------------------------


def _feed_documents(
    data: bytes,
    stem: str,
    path: str,
    url: str | None,
    country: str | None,
    report: ProblemHandler,
) -> Iterator[Document]:
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo") and not parsed.get("version"):
            reason = parsed.get("bozo_exception")
            report(ReadProblem(path, None, f"not a readable RSS/Atom feed: {reason}"))
        elif not parsed.get("version"):
            report(ReadProblem(path, None, "not an RSS/Atom feed (no <rss>, <feed> or <rdf:RDF>)"))
        return
    feed_title = (parsed.get("feed") or {}).get("title") or None
    for index, entry in enumerate(entries, start=1):
        title = (entry.get("title") or "").strip() or None
        body_html = ""
        if entry.get("content"):
            body_html = "\n".join(c.get("value", "") for c in entry["content"])
        body_html = body_html or entry.get("summary") or entry.get("description") or ""
        body = _strip_tags(body_html).text() if "<" in body_html else body_html.strip()
        # The headline is often the most event-dense sentence; keep it as the first line,
        # as it is in a .txt report.
        text = "\n\n".join(part for part in (title, body) if part)
        if not text:
            report(ReadProblem(path, None, f"feed entry {index} has neither title nor text; skipped"))
            continue
        link = entry.get("link") or None
        published = None
        for key in ("published_parsed", "updated_parsed", "created_parsed"):
            stamp = entry.get(key)
            if stamp:
                published = dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
                break
        if published is None:
            published = published_date_from_text(text)
        yield Document(
            doc_id=entry.get("id") or link or f"{stem}-{index}",
            text=text,
            published=published,
            source=feed_title or stem,
            url=link,
            title=title,
            author=entry.get("author") or None,
            country=country,
            path=url or path,
        )


# --------------------------------------------------------------------------------------
# URLs
# --------------------------------------------------------------------------------------


def _read_url(url: str, report: ProblemHandler, country: str | None) -> Iterator[Document]:
    import httpx

    try:
        response = httpx.get(
            url,
            timeout=HTTP_TIMEOUT_S,
            follow_redirects=True,
            headers={"User-Agent": USER_AGENT},
        )
    except httpx.TimeoutException:
        report(ReadProblem(url, None, f"no response within {HTTP_TIMEOUT_S:g} s"))
        return
    except httpx.HTTPError as exc:
        report(ReadProblem(url, None, f"cannot fetch: {exc}"))
        return
    if response.status_code >= 400:
        report(ReadProblem(url, None, f"HTTP {response.status_code} {response.reason_phrase}"))
        return
    final_url = str(response.url)
    data = response.content
    ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
    url_path = httpx.URL(final_url).path
    stem = Path(url_path).stem or httpx.URL(final_url).host
    if "html" in ctype:
        kind = "html"
    elif any(k in ctype for k in ("rss", "atom", "xml")):
        kind = "feed"
    elif "pdf" in ctype:
        kind = "pdf"
    elif "ndjson" in ctype or "jsonl" in ctype or url_path.lower().endswith(".jsonl"):
        kind = "jsonl"
    elif ctype == "text/plain" or url_path.lower().endswith(TEXT_SUFFIXES):
        kind = "text"
    else:
        kind = _sniff(data)
    if kind is None:
        report(ReadProblem(url, None, f"unsupported content type {ctype or '(none)'!r}"))
    elif kind == "html":
        doc = _html_document(
            data, final_url, httpx.URL(final_url).host, url, final_url, country, report,
            encoding=response.encoding,
        )  # fmt: skip
        if doc is not None:
            yield doc
    elif kind == "feed":
        yield from _feed_documents(data, stem, url, final_url, country, report)
    elif kind == "pdf":
        doc = _pdf_document(data, final_url, httpx.URL(final_url).host, url, final_url, country, report)
        if doc is not None:
            yield doc
    elif kind == "jsonl":
        yield from _read_jsonl_stream(
            enumerate(response.text.splitlines(), start=1), url, stem, report, country
        )
    else:
        yield _text_document(response.text, final_url, httpx.URL(final_url).host, url, final_url, country)
