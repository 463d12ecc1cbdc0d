"""PostgreSQL bulk paths on a real server: index rebuild around large imports, the fused page per branch.

No timings here (benchmarks/postgres_import.py measures them): these check that the fast
paths are taken and give the same answers as the plain ones.
"""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest

from sahelwatch.store import EventFilter, open_store
from sahelwatch.store.postgres import _REBUILD_MIN_ROWS
from sahelwatch.web.testing import synthetic_import_table

pytestmark = pytest.mark.postgres

LARGE = _REBUILD_MIN_ROWS + 500  # a first import this large takes the drop/recreate path


def _indexes(store) -> dict[str, tuple[int, bool]]:
    """The secondary indexes of ``events``: name -> (oid, valid)."""
    rows = store.execute(
        "SELECT c.relname, c.oid, i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "WHERE i.indrelid = 'events'::regclass AND NOT i.indisprimary"
    ).fetchall()
    return {name: (oid, valid) for name, oid, valid in rows}


def _count(store, where: str, params: list, scan: bool) -> int:
    """count(*) over events, through the indexes or (``scan``) with index paths switched off."""
    with store.con.transaction():
        for setting in ("enable_indexscan", "enable_bitmapscan", "enable_indexonlyscan"):
            store.execute(f"SET LOCAL {setting} = {'off' if scan else 'on'}")
        return store.execute(f"SELECT count(*) FROM events{where}", params).fetchone()[0]


def test_a_large_import_rebuilds_the_indexes_and_they_answer_as_a_scan(postgres_url):
    with open_store(postgres_url) as s:
        before = _indexes(s)
        assert "events_notes_folded_v1_idx" in before and "events_page_idx" in before
        report = s.import_events("syn", synthetic_import_table(LARGE, "syn"))
        assert report["new"] == LARGE and s.count(EventFilter(fused=False)) == LARGE
        after = _indexes(s)
        # the same indexes, valid, but each one new: dropped and created again
        assert set(after) == set(before) and all(valid for _, valid in after.values())
        assert all(after[name][0] != before[name][0] for name in before)
        s.execute("ANALYZE events")
        for text in ("convoy", "synthetic event 1234", "mopti"):
            where, params = s.where(EventFilter(text=text, fused=False))
            assert _count(s, where, params, scan=False) == _count(s, where, params, scan=True) > 0
        plan = "\n".join(r[0] for r in s.execute(
            "EXPLAIN SELECT count(*) FROM events" + where, params).fetchall())
        assert "events_notes_folded_v1_idx" in plan

        # a small import beside the large table keeps the indexes as they are
        small = s.import_events("small", synthetic_import_table(100, "small", seed=3))
        assert small["new"] == 100 and _indexes(s) == after
        # re-importing the large dataset unchanged writes nothing, so rebuilds nothing
        again = s.import_events("syn", synthetic_import_table(LARGE, "syn"))
        assert (again["new"], again["changed"], again["unchanged"], again["missing"]) == (0, 0, LARGE, 0)
        assert _indexes(s) == after


def test_a_large_import_that_changes_rows_rebuilds_and_reports_them(postgres_url):
    with open_store(postgres_url) as s:
        older = synthetic_import_table(LARGE, "syn")
        s.import_events("syn", older)
        first = _indexes(s)
        newer = synthetic_import_table(LARGE * 2, "syn", seed=5)  # every stored row changes, as many again are new
        report = s.import_events("syn", newer)
        assert (report["new"], report["changed"], report["missing"]) == (LARGE, LARGE, 0)
        old_notes, new_notes = older.column("notes").to_pylist(), newer.column("notes").to_pylist()
        assert report["fields_changed"]["notes"] == sum(a != b for a, b in zip(old_notes, new_notes)) > 0
        after = _indexes(s)
        assert set(after) == set(first) and all(after[n][0] != first[n][0] for n in first)
        uid = "syn:7"
        row = s.get_event(uid)
        assert row["notes"] == newer.column("notes")[7].as_py()
        where, params = s.where(EventFilter(text=row["notes"].split(":")[0], fused=False))
        assert _count(s, where, params, scan=False) == _count(s, where, params, scan=True) >= 1


def test_a_failed_large_import_leaves_neither_rows_nor_a_missing_index(postgres_url):
    import pyarrow as pa

    with open_store(postgres_url) as s:
        before = _indexes(s)
        table = synthetic_import_table(LARGE, "syn")
        uids = table.column("event_uid").to_pylist()
        uids[-1] = uids[0]  # a uid twice: the primary key refuses the insert, after the indexes were dropped
        table = table.set_column(table.schema.get_field_index("event_uid"), "event_uid", pa.array(uids))
        with pytest.raises(psycopg.errors.UniqueViolation):
            s.import_events("syn", table)
        assert s.count(EventFilter(fused=False)) == 0
        assert _indexes(s) == before  # the very same indexes: the drop was rolled back
    with open_store(postgres_url) as s:  # and another client sees them so
        assert _indexes(s) == before


@pytest.mark.parametrize("f", [
    EventFilter(limit=50),
    EventFilter(limit=20, offset=35),
    EventFilter(limit=30, admin1="Mopti"),
    EventFilter(limit=25, text="convoy"),
    EventFilter(limit=15, order_by="fatalities"),
    EventFilter(limit=10, offset=3, descending=False),
    EventFilter(limit=40, date_from=dt.date(2020, 1, 1), date_to=dt.date(2021, 12, 31)),
], ids=repr)
def test_a_fused_page_per_branch_equals_the_view(postgres_url, f):
    with open_store(postgres_url) as s:
        s.import_events("syn", synthetic_import_table(3000, "syn"))
        # fused events by hand: every fifth event's fused twin, members attached; some dates unknown
        s.execute("INSERT INTO fused_events (event_uid, event_date, admin1, notes, fatalities, member_count, source_count) "
                  "SELECT 'fused-' || event_uid, event_date, admin1, notes, fatalities + 1, 2, 2 FROM events "
                  "WHERE right(event_uid, 1) IN ('0', '5')")
        s.execute("UPDATE events SET fused_id = 'fused-' || event_uid WHERE right(event_uid, 1) IN ('0', '5')")
        s.execute("UPDATE events SET event_date = NULL WHERE right(event_uid, 2) = '17'")
        s.execute("UPDATE fused_events SET event_date = NULL WHERE right(event_uid, 2) = '50'")
        s.refresh_fused_table()
        where, params = s.where(f)
        tail = f" ORDER BY {f.order_by} {'DESC' if f.descending else 'ASC'} NULLS LAST, event_uid LIMIT %s OFFSET %s"
        expected = [r[0] for r in s.execute(f"SELECT event_uid FROM events_fused{where}{tail}",
                                            [*params, f.limit, f.offset]).fetchall()]
        got = [r["event_uid"] for r in s.query(f)]
        assert got == expected and len(got) == f.limit
        if f == EventFilter(limit=50):
            assert any(uid.startswith("fused-") for uid in got) and not all(uid.startswith("fused-") for uid in got)


def test_the_first_fused_page_reads_the_page_indexes(postgres_url):
    with open_store(postgres_url) as s:
        s.import_events("syn", synthetic_import_table(LARGE, "syn"))
        s.refresh_fused_table()
        sql, params = s.select_sql(EventFilter(limit=50))
        plan = "\n".join(r[0] for r in s.execute("EXPLAIN " + sql, params).fetchall())
        assert "events_page_idx" in plan and "Sort Key: events" not in plan
