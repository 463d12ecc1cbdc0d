"""The shipped sample corpus: every report is readable, dated, short, and the project's own words."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

import sahelwatch
from sahelwatch.ingest.readers import ReadProblem, read_documents

CORPUS = Path(sahelwatch.__file__).parent / "data" / "sample_corpus"
REPORTS = sorted(CORPUS.glob("*.txt"))
SHINGLE = 8  # words: a run this long shared with a source means copied text


def words(text: str) -> list[str]:
    return re.findall(r"\w+(?:'\w+)*", text.replace("\u2019", "'").casefold())


def shingles(text: str, n: int = SHINGLE) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def test_corpus_has_twelve_to_fourteen_reports():
    assert 12 <= len(REPORTS) <= 14
    assert (CORPUS / "README.md").is_file()


def test_every_report_is_read_with_its_publication_date():
    problems: list[ReadProblem] = []
    docs = list(read_documents([str(CORPUS)], problems.append))
    assert problems == []
    # The directory read gives exactly the reports (the README is not a report).
    assert [d.doc_id for d in docs] == [p.stem for p in REPORTS]
    for doc in docs:
        assert doc.published is not None, f"{doc.doc_id}: no publication date found"
        # File names start with the publication date: the two must agree.
        assert doc.published.isoformat() == doc.doc_id[:10], doc.doc_id
        assert doc.title, doc.doc_id
        assert 120 <= len(words(doc.text)) <= 300, f"{doc.doc_id}: {len(words(doc.text))} words"


def test_corpus_spans_countries_languages_and_years():
    texts = {p.stem: p.read_text(encoding="utf-8") for p in REPORTS}
    everything = "\n".join(texts.values())
    for place in ("Bamako", "Kidal", "Gao", "Kati", "Solhan", "Barsalogho", "Inates", "Kayes"):
        assert place in everything, place
    french = [k for k, t in texts.items() if re.search(r"\b(?:le|la|les|des)\b.*\bont\b", t)]
    assert 2 <= len(french) <= 4, french
    years = {k[:4] for k in texts}
    assert len(years) >= 6


def test_no_text_copied_from_the_seeds(shared):
    seed_shingles: set[tuple[str, ...]] = set()
    seeds = sorted((shared / "seeds").glob("*.txt"))
    assert seeds, "no seeds found"
    for seed in seeds:
        seed_shingles |= shingles(seed.read_text(encoding="utf-8"))
    for report in REPORTS:
        shared_runs = shingles(report.read_text(encoding="utf-8")) & seed_shingles
        assert not shared_runs, f"{report.name} repeats seed text: {[' '.join(s) for s in shared_runs]}"


def test_no_text_copied_from_acled_notes(shared):
    note_shingles: set[tuple[str, ...]] = set()
    files = sorted((shared / "data" / "acled").glob("*.csv"))
    if not files:
        pytest.skip("no ACLED samples in ../shared/data/acled")
    for path in files:
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                note_shingles |= shingles(row.get("notes") or "")
    for report in REPORTS:
        shared_runs = shingles(report.read_text(encoding="utf-8")) & note_shingles
        assert not shared_runs, f"{report.name} repeats ACLED notes: {[' '.join(s) for s in shared_runs]}"


def test_the_shingle_check_detects_copying(shared):
    # The check above must be able to fail: a sentence lifted from a seed is caught.
    seed = sorted((shared / "seeds").glob("*.txt"))[3].read_text(encoding="utf-8")
    sentence = next(s for s in re.split(r"(?<=[.!?])\s+", seed) if len(words(s)) >= 12)
    assert shingles("An original opening. " + sentence) & shingles(seed)
