"""The installed ``sahelwatch`` command, end to end, as a user runs it."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from sahelwatch.schema import ACLED_COLUMNS, EVENT_TYPES, SUB_EVENT_TO_TYPE

SAHELWATCH = shutil.which("sahelwatch") or str(Path(sys.executable).parent / "sahelwatch")


def run(*args: str, input: str | None = None, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [SAHELWATCH, *args], input=input, capture_output=True, text=True, cwd=cwd, timeout=600, env=os.environ.copy()
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"sahelwatch {' '.join(args)} exited {proc.returncode}\n{proc.stderr}")
    return proc


def acled_notes_jsonl(shared: Path, path: Path, limit: int | None = None) -> int:
    """Write ACLED notes as a JSONL batch the way a user would feed them to sahelwatch."""
    with open(shared / "data/acled/burkina_faso_sample.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))[:limit]
    with open(path, "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps({"id": row["event_id_cnty"], "text": row["notes"], "country": row["country"]}) + "\n")
    return len(rows)


def test_extract_seed_report_writes_acled_records(shared):
    seed = shared / "seeds/003_e495c97648e838c5.txt"
    proc = run("extract", str(seed))
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert records, "a report on the September 2024 Bamako attack yields events"
    text = seed.read_text(encoding="utf-8")
    for rec in records:
        assert set(ACLED_COLUMNS) - {"event_id_cnty", "tags", "timestamp", "source_scale", "admin3"} <= set(rec)
        assert rec["doc_id"] == "003_e495c97648e838c5"
        assert rec["event_type"] in EVENT_TYPES
        assert SUB_EVENT_TO_TYPE[rec["sub_event_type"]] == rec["event_type"]
        assert 0.0 <= rec["confidence"] <= 1.0
        for ev in rec["evidence"]:
            assert text[ev["start"] : ev["end"]] == ev["text"]
    confidences = [r["confidence"] for r in records]
    assert confidences == sorted(confidences, reverse=True)
    bamako = [r for r in records if r["location"] == "Bamako" and (r["fatalities"] or 0) >= 70]
    assert bamako and bamako[0]["fatalities"] == 70


def test_extract_formats_and_stdin(shared, tmp_path):
    batch = tmp_path / "notes.jsonl"
    acled_notes_jsonl(shared, batch, limit=20)
    as_jsonl = run("extract", "-", input=batch.read_text()).stdout.splitlines()
    assert len({json.loads(line)["doc_id"] for line in as_jsonl}) >= 18

    as_csv = run("extract", str(batch), "--format", "csv").stdout
    rows = list(csv.reader(as_csv.splitlines()))
    assert tuple(rows[0][: len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    assert len(rows) - 1 == len(as_jsonl)

    geo = json.loads(run("extract", str(batch), "--format", "geojson").stdout)
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == len(as_jsonl)

    bad = run("extract", str(batch), "--format", "xml", check=False)
    assert bad.returncode != 0 and "--format" in bad.stderr


def test_extract_reports_bad_records_and_keeps_the_rest(tmp_path):
    batch = tmp_path / "mixed.jsonl"
    batch.write_text(
        "\n".join(
            [
                json.dumps({"id": "ok1", "text": "On 3 March 2021, gunmen killed two farmers in Djibo.", "country": "Burkina Faso"}),
                "{not json",
                json.dumps({"id": "notext", "title": "no text here"}),
                json.dumps({"id": "ok2", "text": "On 4 March 2021, soldiers clashed with JNIM militants near Gao, Mali."}),
            ]
        )
        + "\n"
    )
    missing = tmp_path / "missing.txt"
    proc = run("extract", str(batch), str(missing))
    assert proc.returncode == 0
    ids = {json.loads(line)["doc_id"] for line in proc.stdout.splitlines()}
    assert ids == {"ok1", "ok2"}
    assert f"{batch}:2" in proc.stderr and f"{batch}:3" in proc.stderr
    assert str(missing) in proc.stderr

    strict = run("extract", "--strict", str(batch), check=False)
    assert strict.returncode != 0
    assert {json.loads(line)["doc_id"] for line in strict.stdout.splitlines()} == {"ok1", "ok2"}


def test_ingest_is_idempotent_and_queryable(shared, tmp_path):
    db = tmp_path / "store.duckdb"
    run("ingest", str(shared / "seeds"), "--db", str(db), "--country", "Mali")
    first = _snapshot(db)
    assert first["documents"] == 5 and first["events"] > 0
    run("ingest", str(shared / "seeds"), "--db", str(db), "--country", "Mali")
    assert _snapshot(db) == first

    table = run("events", "--db", str(db), "--country", "Mali", "--limit", "5").stdout
    assert "event(s)" in table
    near_bamako = run("events", "--db", str(db), "--near", "12.64,-8.0", "--radius", "30", "--format", "jsonl").stdout
    locations = {json.loads(line)["admin1"] for line in near_bamako.splitlines()}
    assert locations and locations <= {"Bamako", "Koulikoro"}
    bad = run("events", "--db", str(db), "--near", "12.6", "--radius", "30", check=False)
    assert bad.returncode != 0 and "LAT,LON" in bad.stderr


def test_export_writes_every_format(shared, tmp_path):
    db = tmp_path / "store.duckdb"
    run("ingest", str(shared / "seeds"), "--db", str(db), "--country", "Mali")
    total = _snapshot(db)["events"]
    for fmt in ("csv", "jsonl", "geojson", "parquet"):
        out = tmp_path / f"events.{fmt}"
        run("export", "--db", str(db), "--format", fmt, "--output", str(out), "--members")
        assert out.stat().st_size > 0
    with open(tmp_path / "events.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == total and list(rows[0])[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "events.parquet").num_rows == total
    missing = run("export", "--db", str(tmp_path / "nope.duckdb"), check=False)
    assert missing.returncode != 0 and "no database" in missing.stderr


def test_interrupted_ingest_rerun_ends_in_the_same_state(shared, tmp_path):
    batch = tmp_path / "notes.jsonl"
    acled_notes_jsonl(shared, batch)
    clean_db = tmp_path / "clean.duckdb"
    run("ingest", str(batch), "--db", str(clean_db), "--quiet")
    expected = _snapshot(clean_db)

    db = tmp_path / "interrupted.duckdb"
    proc = subprocess.Popen([SAHELWATCH, "ingest", str(batch), "--db", str(db), "--quiet"], stderr=subprocess.PIPE)
    wal = Path(str(db) + ".wal")
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None and not (wal.exists() and wal.stat().st_size > 0):
        time.sleep(0.01)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)  # no clean shutdown: as if the machine died
    proc.wait()
    run("ingest", str(batch), "--db", str(db), "--quiet")
    assert _snapshot(db) == expected


def test_demo_ingests_the_sample_corpus_and_summarises(tmp_path):
    proc = run("demo", "--db", str(tmp_path / "demo.duckdb"), "--no-serve", cwd=tmp_path)
    assert "Events per type" in proc.stdout and "Top actors" in proc.stdout
    snap = _snapshot(tmp_path / "demo.duckdb")
    assert snap["documents"] >= 12 and snap["events"] >= 12


def _snapshot(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        docs = con.execute("SELECT content_hash, doc_id, event_count FROM documents ORDER BY content_hash").fetchall()
        events = con.execute(
            "SELECT event_uid, event_date, event_type, sub_event_type, actor1, actor2, location, fatalities "
            "FROM events ORDER BY event_uid"
        ).fetchall()
    finally:
        con.close()
    return {"documents": len(docs), "events": len(events), "doc_rows": docs, "event_rows": events}


def test_two_reports_of_one_attack_export_as_one_fused_event(tmp_path):
    batch = tmp_path / "two.jsonl"
    batch.write_text(
        json.dumps({"id": "a", "text": "On 17 September 2024, JNIM militants attacked a gendarmerie school in Bamako, killing 77 people.",
                    "published": "2024-09-18", "source": "Wire A"}) + "\n"
        + json.dumps({"id": "b", "text": "Gunmen from JNIM struck the gendarmerie school in Bamako on 17 September 2024; more than 70 people were killed.",
                      "published": "2024-09-19", "source": "Wire B"}) + "\n"
    )
    db = tmp_path / "store.duckdb"
    run("ingest", str(batch), "--db", str(db))
    run("fuse", "--db", str(db))
    fused = list(csv.DictReader(run("export", "--db", str(db), "--format", "csv").stdout.splitlines()))
    assert len(fused) == 1
    assert fused[0]["source_count"] == "2" and json.loads(fused[0]["sources"]) == ["Wire A", "Wire B"]
    assert (fused[0]["fatalities_min"], fused[0]["fatalities_max"]) == ("70", "77")
    assert fused[0]["fatalities"] == "70"  # ACLED's conservative figure
    members = list(csv.DictReader(run("export", "--db", str(db), "--format", "csv", "--members").stdout.splitlines()))
    assert sorted(m["doc_id"] for m in members) == ["a", "b"]
