"""Text search in the notes: one meaning, however a store answers it.

DuckDB answers word queries from a word index of the table it reads (the fused layer's
table copy, or the events table with ``fused=false``) while that index is current, and
by scanning the notes otherwise; PostgreSQL through a trigram index over the folded
notes where pg_trgm is available, else by scanning. Every way must give the same pages
and totals as a plain-Python reference, and PostgreSQL the same as DuckDB.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sahelwatch.schema import Document, Event
from sahelwatch.store import EventFilter, open_store
from sahelwatch.store.duckdb import FUSED_TABLE, DuckDBStore

NOTES = [
    "Convoy ambushed near Ménaka; 3 soldiers killed.",
    "JNIM militants attacked a convoy of fuel tankers on the Kayes-Bamako road.",
    "Clashes at the Boni checkpoint (Douentza). Convoys re-routed.",
    "Les FAMa ont repoussé une attaque à Tombouctou, l'armée dit 12 morts.",
    "Drone strike on a wedding in Tin Zaouatène: civilians among the dead.",
    "ÉCOLE brûlée à Djibo; the school was empty.",
    "Protesters in Niamey demand the 'departure' of foreign forces",
    "Abductions (5) on the N16 near Gao; no claim.",
    "",
    None,
    "Ansaroul Islam fighters looted the market at Arbinda - 2nd time this month",
    "Gao: mine (IED) hit a MINUSMA convoy… no casualties",
    "Attaque près de Me\u0301naka (accent written as a combining mark); a_convoy tag",
]

QUERIES = [
    "convoy", "Convoy", "CONVOYS", "conv", "onvoy", "menaka", "Ménaka", "MENAKA", "tombouctou", "armee",
    "l armee", "ecole djibo", "djibo ecole", "gao convoy", "gao mine", "n16", "12", "12 morts", "2nd",
    "tin zaouatene", "kayes bamako", "kayes-bamako", "l'armée", "(5)", "ied", "school was", "was school",
    "zzz", "a", "é", "  convoy  ", "%", "_", "convoy%", "checkpoint (Douentza)", "…", "a_convoy", "ÉCOLE brûlée",
]

# Things to do with one filter: text with other filters, other orders, other pages.
VARIANTS = ({}, {"admin1": "Gao"}, {"order_by": "fatalities"}, {"limit": 2, "offset": 1},
            {"order_by": "location", "descending": False, "limit": 3}, {"date_from": dt.date(2024, 1, 3)})


def _normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _reference(notes: str | None, query: str) -> bool:
    """What a text filter means, in plain Python (see docs/WEB.md)."""
    query = query.strip()
    if re.fullmatch(r"[^\W_]+(?:\s+[^\W_]+)*", query):
        words = re.findall(r"[^\W_]+", _normalise(notes or ""))
        return all(any(w.startswith(q) for w in words) for q in re.findall(r"[^\W_]+", _normalise(query)))
    return query.lower() in (notes or "").lower()


def _events(notes: list[str | None]) -> list[Event]:
    return [
        Event(event_date=dt.date(2024, 1, 1 + i % 28), event_type="Battles", sub_event_type="Armed clash",
              country="Mali", admin1="Gao" if i % 2 else "Mopti", location=f"Place {i}", notes=n, fatalities=i)
        for i, n in enumerate(notes)
    ]


def _fill(store, notes: list[str | None], indexed: bool = True):
    """The notes as one document's events; DuckDB's derived tables built (as `serve` and `fuse` do) if ``indexed``."""
    store.add_document(Document(doc_id="d", text="notes"), _events(notes))
    if indexed:
        store.refresh_fused_table()
    return store


def _answer(store, **kw) -> tuple[list[str], int]:
    f = EventFilter(**kw)
    return [r["event_uid"] for r in store.query(f)], store.count(EventFilter(**kw))


def _reads_index(store: DuckDBStore, fused: bool) -> bool:
    f = EventFilter(text="convoy", fused=fused)
    return store._uses_text_index(f, store.event_source(f))


@pytest.fixture
def store(store_target):
    """A store holding NOTES, on each backend (DuckDB: with its word indexes built)."""
    with open_store(store_target) as s:
        yield _fill(s, NOTES)


@pytest.fixture
def duckdb_pair(tmp_path):
    """Two DuckDB files holding NOTES: one reads its word indexes, the other scans."""
    with _fill(DuckDBStore(tmp_path / "indexed.duckdb"), NOTES) as indexed, \
            _fill(DuckDBStore(tmp_path / "scanned.duckdb"), NOTES, indexed=False) as scanned:
        assert _reads_index(indexed, True) and _reads_index(indexed, False)
        assert indexed.event_source(EventFilter()) == FUSED_TABLE
        assert not _reads_index(scanned, True) and not _reads_index(scanned, False)
        yield indexed, scanned


@pytest.mark.parametrize("query", QUERIES)
def test_every_way_gives_the_reference_answer(store, query):
    expected = {r["event_uid"] for r in store.query(EventFilter(fused=False)) if _reference(r["notes"], query)}
    for fused in (True, False):
        uids, total = _answer(store, text=query, fused=fused)
        assert set(uids) == expected and total == len(uids)


@pytest.mark.parametrize("query", QUERIES)
def test_duckdb_index_equals_scan(duckdb_pair, query):
    indexed, scanned = duckdb_pair
    for fused in (True, False):
        for kw in VARIANTS:
            assert _answer(indexed, text=query, fused=fused, **kw) == _answer(scanned, text=query, fused=fused, **kw)


@pytest.mark.parametrize("query", QUERIES)
def test_postgres_trigram_index_equals_scan(postgres_url, query):
    with _fill(open_store(postgres_url), NOTES) as s:
        scanned = {fused: _answer(s, text=query, fused=fused) for fused in (True, False)}
        s.execute("SET enable_seqscan = off")  # the trigram index wherever the planner can use it
        for fused in (True, False):
            assert _answer(s, text=query, fused=fused) == scanned[fused]


@pytest.mark.parametrize(
    "query, locations",
    [
        ("convoy", {"Place 0", "Place 1", "Place 2", "Place 11", "Place 12"}),  # "Convoys" too: words are prefixes
        ("onvoy", set()),  # ... of words, not any substring
        ("menaka", {"Place 0", "Place 12"}),  # accents (composed or not) and case do not matter
        ("djibo ecole", {"Place 5"}),  # every word, in any order
        ("gao convoy", {"Place 11"}),
        ("kayes-bamako", {"Place 1"}),  # punctuation: a literal substring
        ("%", set()),
        ("\x00", set()),
    ],
)
def test_what_matches(store, query, locations):
    for fused in (True, False):
        assert {r["location"] for r in store.query(EventFilter(text=query, fused=fused))} == locations


def test_postgres_uses_the_trigram_index(postgres_url):
    with _fill(open_store(postgres_url), NOTES) as s:
        s.execute("SET enable_seqscan = off")
        for text in ("convoy gao", "kayes-bamako"):
            for fused in (True, False):
                f = EventFilter(text=text, fused=fused)
                where, params = s.where(f)
                plan = "\n".join(r[0] for r in s.execute(f"EXPLAIN SELECT * FROM {s.event_source(f)}{where}", params).fetchall())
                assert "events_notes_folded_v1_idx" in plan or "fused_events_notes_folded_v1_idx" in plan


def test_postgres_without_pg_trgm_scans_and_says_so(postgres_url, monkeypatch, caplog):
    monkeypatch.setattr("sahelwatch.store.postgres._TRIGRAM_EXTENSION", "sahelwatch_no_such_extension")
    with caplog.at_level(logging.WARNING, logger="sahelwatch.store.postgres"), open_store(postgres_url) as s:
        _fill(s, NOTES)
        indexes = {name for (name,) in s.execute("SELECT indexname FROM pg_indexes WHERE indexname ~ 'notes_folded'").fetchall()}
        assert indexes == set()
        assert {r["location"] for r in s.query(EventFilter(text="menaka"))} == {"Place 0", "Place 12"}
    assert "sahelwatch_no_such_extension is not available" in caplog.text and "scans every row" in caplog.text


def test_index_follows_ingests(duckdb_pair):
    store, _ = duckdb_pair
    store.add_document(Document(doc_id="e", text="more"), [Event(event_date=dt.date(2024, 3, 1), notes="A convoy at Kidal.")])
    # Until the copy and the indexes are rebuilt, reads scan (the view, or the events table).
    assert store.event_source(EventFilter()) == "events_fused"
    assert not _reads_index(store, True) and not _reads_index(store, False)
    assert store.count(EventFilter(text="kidal")) == store.count(EventFilter(text="kidal", fused=False)) == 1
    store.refresh_fused_table()
    assert _reads_index(store, True) and _reads_index(store, False)
    for fused in (True, False):
        assert [r["notes"] for r in store.query(EventFilter(text="convoy kid", fused=fused))] == ["A convoy at Kidal."]


def _dataset(notes: list[str]) -> list[Event]:
    return [Event(event_uid=f"acled:t:{i}", dataset="acled:t", origin="acled", event_date=dt.date(2024, 2, 1 + i % 28),
                  location=f"Row {i}", notes=n, fatalities=0) for i, n in enumerate(notes)]


def test_index_follows_imports_and_keeps_its_rowids(tmp_path):
    """A re-import replaces changed rows (delete + insert): the index must never point at the wrong row."""
    path = tmp_path / "imports.duckdb"
    first = [f"Convoy {i} ambushed near Gao." if i % 3 else f"Market {i} attacked in Ménaka." for i in range(300)]
    second = [n.replace("Convoy", "Patrol") if i % 2 else n for i, n in enumerate(first)]
    with DuckDBStore(path) as s:
        s.import_events("acled:t", _dataset(first))
        s.refresh_fused_table()
        assert _reads_index(s, False)
        assert s.import_events("acled:t", _dataset(second))["changed"] == 100
        # stale: the scan answers, with the new notes
        assert not _reads_index(s, False)
        expected = {f"acled:t:{i}" for i, n in enumerate(second) if n.startswith("Convoy")}
        assert set(_answer(s, text="convoy", fused=False)[0]) == expected
        s.refresh_fused_table()
        assert _reads_index(s, False) and set(_answer(s, text="convoy", fused=False)[0]) == expected
    with DuckDBStore(path) as s:  # reopened, after the checkpoint: the rows still have the rowids the index holds
        assert _reads_index(s, True) and _reads_index(s, False)
        for query in ("convoy", "patrol gao", "menaka", "market 1"):
            wanted = {f"acled:t:{i}" for i, n in enumerate(second) if _reference(n, query)}
            for fused in (True, False):
                uids, total = _answer(s, text=query, fused=fused)
                assert set(uids) == wanted and total == len(wanted)


def _report(doc_id: str, day: int, notes: str) -> tuple[Document, list[Event]]:
    event = Event(event_date=dt.date(2024, 9, day), time_precision=1, event_type="Battles", sub_event_type="Armed clash",
                  actor1="JNIM: Group for Support of Islam and Muslims", inter1=2, actor2="Military Forces of Mali (2021-)",
                  inter2=1, country="Mali", admin1="Bamako", location="Bamako", latitude=12.6392, longitude=-8.0029,
                  geo_precision=1, fatalities=70 + day, notes=notes, sources=[doc_id])
    return Document(doc_id=doc_id, text=f"{doc_id}: {notes}", source=doc_id), [event]


def test_index_follows_fusion_and_unlink(tmp_path):
    from sahelwatch.fuse import fuse_store, unlink

    with DuckDBStore(tmp_path / "fuse.duckdb") as s:
        for doc_id, day, notes in (("a", 17, "Convoy attacked at Bamako."), ("b", 17, "Attaque d'un convoi à Bamako."),
                                   ("c", 18, "A convoy was attacked in Bamako.")):
            s.add_document(*_report(doc_id, day, notes))
        assert fuse_store(s)["fused_events"] == 1  # fuse rebuilds the copy and both indexes
        assert _reads_index(s, True) and _reads_index(s, False)
        assert [r["member_count"] for r in s.query(EventFilter(text="bamako conv"))] == [3]
        assert _answer(s, text="bamako conv", fused=False)[1] == 3
        assert _answer(s, text="convoy", fused=False)[1] == 2
        member = s.query(EventFilter(text="convoi", fused=False))[0]["event_uid"]
        unlink(s, member)  # a write: both indexes stale, the scan answers
        assert not _reads_index(s, True) and not _reads_index(s, False)
        scanned = {fused: _answer(s, text="bamako conv", fused=fused) for fused in (True, False)}
        assert sorted(len(s.get_event(uid).get("members") or [uid]) for uid in scanned[True][0]) == [1, 2]
        s.refresh_fused_table()
        assert {fused: _answer(s, text="bamako conv", fused=fused) for fused in (True, False)} == scanned


_WORD = st.sampled_from(["convoy", "Convoys", "ménaka", "MENAKA", "gao", "Gaó", "école", "n16", "12", "l'armée",
                         "kidal-gao", "été", "Straße", "naïve", "x", "a_b", "Me\u0301naka"])
_NOTE = st.lists(_WORD, max_size=6).map(" ".join) | st.text(max_size=30)
_QUERY = (st.lists(_WORD, min_size=1, max_size=3).map(" ".join) | _WORD.map(lambda w: w[: max(1, len(w) // 2)])
          | st.text(min_size=1, max_size=6))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(notes=st.lists(_NOTE, min_size=1, max_size=8), query=_QUERY)
def test_duckdb_index_equals_scan_on_generated_notes(tmp_path_factory, notes, query):
    tmp = tmp_path_factory.mktemp("text")
    with _fill(DuckDBStore(tmp / "i.duckdb"), notes) as indexed, _fill(DuckDBStore(tmp / "s.duckdb"), notes, False) as scanned:
        for fused in (True, False):
            assert _answer(indexed, text=query, fused=fused) == _answer(scanned, text=query, fused=fused)


# Text as the Sahel's reports are written (Latin with accents, Arabic, N'Ko, punctuation),
# where PostgreSQL's folding is meant to equal DuckDB's (see store/postgres.py).
_LETTERS = st.sampled_from(list("abcdeéèêëçàâîïôöûüñgkmnoprstuxyzAEÉÈÇÔMNK0123456789") + ["\u0301", "\u0300", "ß",
                           "ك", "ت", "ب", "\u064e", "ߞ", "\u07eb", "ߊ"])
_PUNCT = st.sampled_from(list(" -'.,;:()%_!?…«»\n"))
_SAHEL_TEXT = st.text(alphabet=_LETTERS | _PUNCT, max_size=30)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(notes=st.lists(st.lists(_WORD, max_size=6).map(" ".join) | _SAHEL_TEXT, min_size=1, max_size=8),
       query=st.lists(_WORD, min_size=1, max_size=3).map(" ".join) | _WORD.map(lambda w: w[: max(1, len(w) // 2)])
       | _SAHEL_TEXT.filter(str.strip))
def test_postgres_equals_duckdb_on_generated_notes(postgres_url, tmp_path_factory, notes, query):
    with open_store(postgres_url) as pg, \
            _fill(DuckDBStore(tmp_path_factory.mktemp("text") / "d.duckdb"), notes) as duck:
        pg.execute("DELETE FROM events")
        pg.execute("DELETE FROM documents")
        _fill(pg, notes)
        for fused in (True, False):
            pg_uids, pg_total = _answer(pg, text=query, fused=fused)
            duck_uids, duck_total = _answer(duck, text=query, fused=fused)
            assert sorted(pg_uids) == sorted(duck_uids) and pg_total == duck_total
