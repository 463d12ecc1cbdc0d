"""Readers for plain text, Markdown, JSONL and stdin; publication dates stated in text."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path

import pytest

from sahelwatch.ingest.readers import ReadProblem, published_date_from_text, read_documents


def read(paths, country=None):
    problems: list[ReadProblem] = []
    docs = list(read_documents([str(p) for p in paths], problems.append, country=country))
    return docs, problems


# --------------------------------------------------------------------------------------
# Seeds: real reports read from ../shared
# --------------------------------------------------------------------------------------

SEED_PUBLISHED = {
    "000_bd0dae2e29a9f18b": None,
    "001_4bfb54fd01c34b2c": dt.date(2026, 4, 27),  # "April 27, 2026" under the byline
    "002_79dfe5ac091c40e8": None,
    # Its photo caption mentions "Sept. 17, 2024" inside a sentence: an event date.
    "003_e495c97648e838c5": None,
    "004_ec35d9b428a86cfb": None,
}


def test_seed_directory_reads_every_seed_as_is(shared):
    seeds = shared / "seeds"
    docs, problems = read([seeds], country="Mali")
    assert problems == []
    assert [d.doc_id for d in docs] == sorted(SEED_PUBLISHED)
    for doc in docs:
        path = seeds / f"{doc.doc_id}.txt"
        # Evidence offsets index into Document.text, so it must be the file unchanged.
        assert doc.text == path.read_text(encoding="utf-8")
        assert doc.source == path.name
        assert doc.path == str(path)
        assert doc.country == "Mali"
        assert doc.content_hash and len(doc.content_hash) == 64


@pytest.mark.parametrize("doc_id, expected", sorted(SEED_PUBLISHED.items()))
def test_seed_publication_dates(shared, doc_id, expected):
    text = (shared / "seeds" / f"{doc_id}.txt").read_text(encoding="utf-8")
    assert published_date_from_text(text) == expected
    [doc], _ = read([shared / "seeds" / f"{doc_id}.txt"])
    assert doc.published == expected


def test_seed_titles_and_bylines(shared):
    docs, _ = read([shared / "seeds"])
    by_id = {d.doc_id: d for d in docs}
    assert by_id["000_bd0dae2e29a9f18b"].title == "Islamist bid to blockade Bamako goes ignored"
    assert by_id["000_bd0dae2e29a9f18b"].author == "Sharmila Devi"
    assert by_id["001_4bfb54fd01c34b2c"].title == (
        "Attacks in Mali Mark Long Trajectory of Worsening Security"
    )


# --------------------------------------------------------------------------------------
# published_date_from_text
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Headline\n\nApril 27, 2026\n\nBody.", dt.date(2026, 4, 27)),
        ("Headline\n27 April 2026\nBody.", dt.date(2026, 4, 27)),
        ("2024-07-30\nBody.", dt.date(2024, 7, 30)),
        ("Headline\nPublished: 2024-07-30\nBody.", dt.date(2024, 7, 30)),
        ("Titre\nPublié le 3 mars 2025 à 10h30\nCorps.", dt.date(2025, 3, 3)),
        ("Titre\nlundi 1er juin 2020\nCorps.", dt.date(2020, 6, 1)),
        ("Headline\nUpdated April 3, 2025 10:32 AM GMT\nBody.", dt.date(2025, 4, 3)),
        ("Headline\nBy Jane Doe | Monday, Sept. 18, 2024\nBody.", dt.date(2024, 9, 18)),
        ("BAMAKO, 18 September 2024 (AFP) - Gunmen attacked.", dt.date(2024, 9, 18)),
        ("NIAMEY, le 10 décembre 2019 - Des assaillants ont attaqué.", dt.date(2019, 12, 10)),
        # A dateline opening a long first paragraph.
        ("Headline\n\nNIAMEY, 12 December 2019 (Digest) - " + "Soldiers were killed. " * 20, dt.date(2019, 12, 12)),
        ("Headline\nDate : 30/07/2024\nBody.", dt.date(2024, 7, 30)),
        ("2024-07-30T10:00:00Z\nBody.", dt.date(2024, 7, 30)),
        ("Headline\nMon 27 Apr 2026 10.30 BST\nBody.", dt.date(2026, 4, 27)),
        ("Headline\nFriday 5 June 2020 14:02 UTC+1\nBody.", dt.date(2020, 6, 5)),
        # "Published" wins over "Updated", whatever their order.
        ("Headline\nUpdated: 2025-01-02\nPublished: 2024-12-30\nBody.", dt.date(2024, 12, 30)),
        # An explicit label further down (a footer) still counts.
        ("Headline\n" + "A paragraph.\n" * 30 + "Published: 2024-07-30\n", dt.date(2024, 7, 30)),
    ],
)
def test_publication_date_stated(text, expected):
    assert published_date_from_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "No date here at all.",
        # A dateline without a year is ambiguous: never guess the year.
        "BAMAKO, Sept. 18 (Reuters) - Gunmen attacked a school.",
        # Dates inside sentences are event dates, even on the first line.
        "On Sept. 17, 2024, militants attacked a gendarmerie school in Bamako.",
        "Le 3 mars 2025, des hommes armés ont attaqué un convoi.",
        "Date palms were burned on 3 March 2024 near Gao.",
        # Day/month order unknowable.
        "Headline\n03/04/2025\nBody.",
        # A date line far below the top is part of the body (e.g. a timeline entry).
        "Headline\n" + "A paragraph.\n" * 30 + "17 September 2024\n",
        # Impossible dates are not dates.
        "February 30, 2024\nBody.",
    ],
)
def test_no_publication_date_stated(text):
    assert published_date_from_text(text) is None


# --------------------------------------------------------------------------------------
# .txt and .md files
# --------------------------------------------------------------------------------------


def test_markdown_is_kept_as_is_with_heading_as_title(tmp_path):
    text = "# Attack near *Gao*\n\n_Published: 2023-02-10_\n\nGunmen **attacked** a convoy.\n"
    path = tmp_path / "gao-report.md"
    path.write_text(text, encoding="utf-8")
    [doc], problems = read([path])
    assert problems == []
    assert doc.text == text
    assert doc.doc_id == "gao-report"
    assert doc.title == "Attack near Gao"
    assert doc.published == dt.date(2023, 2, 10)


def test_windows_1252_text_is_decoded(tmp_path):
    path = tmp_path / "rapport.txt"
    path.write_bytes("Attaque à Ségou\n\nPublié le 3 août 2023\n".encode("cp1252"))
    [doc], problems = read([path])
    assert problems == []
    assert doc.text.startswith("Attaque à Ségou")
    assert doc.published == dt.date(2023, 8, 3)


def test_missing_and_unsupported_files_are_reported_and_the_rest_read(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Clash in Ménaka.\n", encoding="utf-8")
    other = tmp_path / "data.csv"
    other.write_text("a,b\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    docs, problems = read([missing, other, good])
    assert [d.doc_id for d in docs] == ["good"]
    assert [(p.path, p.line) for p in problems] == [(str(missing), None), (str(other), None)]
    assert "no such file" in problems[0].message
    assert "unsupported file type '.csv'" in problems[1].message
    assert str(problems[0]) == f"{missing}: no such file or directory"


def test_directory_is_read_recursively_sorted_skipping_readme_and_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("two", encoding="utf-8")
    (tmp_path / "a.md").write_text("one", encoding="utf-8")
    (tmp_path / "README.md").write_text("about this corpus", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    docs, problems = read([tmp_path])
    assert problems == []
    assert [d.text for d in docs] == ["one", "two"]


# --------------------------------------------------------------------------------------
# JSONL and stdin
# --------------------------------------------------------------------------------------


def write_jsonl(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_jsonl_bad_records_are_reported_with_line_and_the_rest_read(tmp_path):
    path = tmp_path / "batch.jsonl"
    write_jsonl(
        path,
        [
            json.dumps({"id": "a", "text": "Clash in Kidal.", "published": "2023-11-14",
                        "source": "Wire", "url": "https://example.org/a", "title": "Kidal",
                        "author": "Staff", "country": "Mali"}),
            "{not json",
            json.dumps(["a", "list"]),
            json.dumps({"id": "no-text"}),
            json.dumps({"id": "empty", "text": "   "}),
            json.dumps({"id": "num-text", "text": 42}),
            "",
            json.dumps({"text": "Bad date kept.", "published": "14/11/2023"}),
            json.dumps({"id": 7, "text": "Integer id.", "published": "2023-11-14T08:00:00Z"}),
            json.dumps({"text": "No id.", "source": 3}),
        ],
    )  # fmt: skip
    docs, problems = read([path], country="Burkina Faso")

    assert [d.doc_id for d in docs] == ["a", "batch-8", "7", "batch-10"]
    first = docs[0]
    assert (first.text, first.published, first.source, first.url, first.title, first.author) == (
        "Clash in Kidal.", dt.date(2023, 11, 14), "Wire", "https://example.org/a", "Kidal", "Staff",
    )  # fmt: skip
    assert first.country == "Mali"  # the record's own country wins over the hint
    assert docs[1].country == "Burkina Faso"
    assert docs[1].published is None
    assert docs[2].published == dt.date(2023, 11, 14)
    assert docs[3].source is None

    where = [(p.path, p.line) for p in problems]
    assert where == [(str(path), n) for n in (2, 3, 4, 5, 6, 8, 10)]
    messages = [p.message for p in problems]
    assert messages[0].startswith("invalid JSON")
    assert messages[1] == "expected a JSON object, got list; record skipped"
    assert messages[2] == "missing field 'text'; record skipped"
    assert messages[3] == "field 'text' is empty; record skipped"
    assert messages[4] == "field 'text': expected a string, got int; record skipped"
    assert "field 'published': expected YYYY-MM-DD, got '14/11/2023'" in messages[5]
    assert messages[6] == "field 'source': expected a string, got int; ignored"
    assert str(problems[0]).startswith(f"{path}:2: invalid JSON")


def test_jsonl_derived_ids_are_stable_across_reads(tmp_path):
    path = tmp_path / "notes.jsonl"
    write_jsonl(path, [json.dumps({"text": "one"}), json.dumps({"text": "two"})])
    first, _ = read([path])
    second, _ = read([path])
    assert [d.doc_id for d in first] == [d.doc_id for d in second] == ["notes-1", "notes-2"]


def test_jsonl_from_stdin(monkeypatch):
    lines = json.dumps({"id": "x", "text": "Protest in Bamako."}) + "\nnope\n" + json.dumps(
        {"text": "Second."}
    )
    fake = io.TextIOWrapper(io.BytesIO(lines.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    docs, problems = read(["-"])
    assert [d.doc_id for d in docs] == ["x", "stdin-3"]
    assert [(p.path, p.line) for p in problems] == [("-", 2)]


def test_reading_is_lazy():
    # A generator: nothing is read until iterated (the CLI streams large batches).
    gen = read_documents(["/definitely/not/here.txt"], lambda p: pytest.fail("read eagerly"))
    assert iter(gen) is gen


def test_jsonl_with_bom_crlf_and_a_windows_1252_line(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        b"\xef\xbb\xbf" + json.dumps({"id": "a", "text": "Clash near Gao."}).encode() + b"\r\n"
        + '{"id": "b", "text": "Attaque à Ségou."}'.encode("cp1252") + b"\r\n"
    )  # fmt: skip
    docs, problems = read([path])
    assert problems == []
    assert [(d.doc_id, d.text) for d in docs] == [("a", "Clash near Gao."), ("b", "Attaque à Ségou.")]


def test_directory_without_supported_files_is_a_problem(tmp_path):
    (tmp_path / "README.md").write_text("about", encoding="utf-8")
    (tmp_path / "table.csv").write_text("a,b", encoding="utf-8")
    docs, problems = read([tmp_path])
    assert docs == []
    assert [(p.path, p.line) for p in problems] == [(str(tmp_path), None)]
    assert problems[0].message.startswith("directory has no files of a supported type")


def test_unreadable_file_is_a_problem_and_the_rest_read(tmp_path, monkeypatch):
    # Tests may run as root, for whom chmod 0 changes nothing: simulate the OS refusing.
    locked = tmp_path / "locked.txt"
    locked.write_text("secret", encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("Clash near Gao.", encoding="utf-8")
    real_read_bytes = Path.read_bytes

    def read_bytes(self):
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    docs, problems = read([locked, other])
    assert [d.doc_id for d in docs] == ["other"]
    assert [str(p) for p in problems] == [f"{locked}: cannot read file: Permission denied"]
