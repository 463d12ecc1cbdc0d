"""Text search in the notes (DuckDB): the word index answers exactly as a scan does.

The index is read only from the fused layer's table copy; ``fused=false`` reads the
events table with the scan that defines the meaning. With no fusion the two hold the
same events, so every query must give the same page and the same total both ways.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sahelwatch.schema import Document, Event
from sahelwatch.store import EventFilter
from sahelwatch.store.duckdb import DuckDBStore

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
]

QUERIES = [
    "convoy", "Convoy", "CONVOYS", "conv", "onvoy", "menaka", "Ménaka", "MENAKA", "tombouctou", "armee",
    "l armee", "ecole djibo", "djibo ecole", "gao convoy", "gao mine", "n16", "12", "12 morts", "2nd",
    "tin zaouatene", "kayes bamako", "kayes-bamako", "l'armée", "(5)", "ied", "school was", "was school",
    "zzz", "a", "é", "  convoy  ", "%", "_", "convoy%", "checkpoint (Douentza)", "…",
]


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


def _store(tmp_path, notes: list[str | None]) -> DuckDBStore:
    store = DuckDBStore(tmp_path / "text.duckdb")
    events = [
        Event(event_date=dt.date(2024, 1, 1 + i % 28), event_type="Battles", sub_event_type="Armed clash",
              country="Mali", admin1="Gao" if i % 2 else "Mopti", location=f"Place {i}", notes=n, fatalities=i)
        for i, n in enumerate(notes)
    ]
    store.add_document(Document(doc_id="d", text="notes"), events)
    store.refresh_fused_table()
    return store


def _both_ways(store: DuckDBStore, **kw) -> tuple[list[str], list[str], int, int]:
    indexed, scanned = EventFilter(fused=True, **kw), EventFilter(fused=False, **kw)
    assert store.event_source(indexed) == "events_fused_table"
    return ([r["event_uid"] for r in store.query(indexed)], [r["event_uid"] for r in store.query(scanned)],
            store.count(indexed), store.count(scanned))


@pytest.fixture
def store(tmp_path):
    with _store(tmp_path, NOTES) as s:
        yield s


@pytest.mark.parametrize("query", QUERIES)
def test_index_matches_scan_and_reference(store, query):
    by_index, by_scan, n_index, n_scan = _both_ways(store, text=query)
    assert by_index == by_scan
    assert n_index == n_scan == len(by_index)
    expected = {r["event_uid"] for r in store.query(EventFilter(fused=False)) if _reference(r["notes"], query)}
    assert set(by_index) == expected


@pytest.mark.parametrize(
    "query, locations",
    [
        ("convoy", {"Place 0", "Place 1", "Place 2", "Place 11"}),  # "Convoys" too: words are prefixes
        ("onvoy", set()),  # ... of words, not any substring
        ("menaka", {"Place 0"}),  # accents and case do not matter
        ("djibo ecole", {"Place 5"}),  # every word, in any order
        ("gao convoy", {"Place 11"}),
        ("kayes-bamako", {"Place 1"}),  # punctuation: a literal substring
        ("%", set()),
    ],
)
def test_what_matches(store, query, locations):
    assert {r["location"] for r in store.query(EventFilter(text=query))} == locations


def test_with_other_filters_sorting_and_pages(store):
    for kw in ({"admin1": "Gao"}, {"order_by": "fatalities"}, {"limit": 2, "offset": 1},
               {"order_by": "location", "descending": False, "limit": 3}, {"date_from": dt.date(2024, 1, 3)}):
        by_index, by_scan, n_index, n_scan = _both_ways(store, text="convoy", **kw)
        assert by_index == by_scan and n_index == n_scan


def test_index_follows_writes(store):
    store.add_document(Document(doc_id="e", text="more"), [Event(event_date=dt.date(2024, 3, 1), notes="A convoy at Kidal.")])
    # Until the copy and its index are rebuilt, reads go to the view, with the same meaning.
    assert store.event_source(EventFilter()) == "events_fused"
    assert store.count(EventFilter(text="kidal")) == 1
    store.refresh_fused_table()
    assert store.event_source(EventFilter()) == "events_fused_table"
    assert [r["notes"] for r in store.query(EventFilter(text="convoy kid"))] == ["A convoy at Kidal."]


_WORD = st.sampled_from(["convoy", "Convoys", "ménaka", "MENAKA", "gao", "Gaó", "école", "n16", "12", "l'armée",
                         "kidal-gao", "été", "Straße", "naïve", "x"])
_NOTE = st.lists(_WORD, max_size=6).map(" ".join) | st.text(max_size=30)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(notes=st.lists(_NOTE, min_size=1, max_size=8),
       query=st.lists(_WORD, min_size=1, max_size=3).map(" ".join) | _WORD.map(lambda w: w[: max(1, len(w) // 2)]) | st.text(min_size=1, max_size=6))
def test_index_equals_scan_on_generated_notes(tmp_path_factory, notes, query):
    with _store(tmp_path_factory.mktemp("text"), notes) as s:
        by_index, by_scan, n_index, n_scan = _both_ways(s, text=query)
        assert by_index == by_scan
        assert n_index == n_scan
