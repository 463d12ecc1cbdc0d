"""Property-based run of the whole API from its own OpenAPI schema (schemathesis):
whatever the generated input, the server answers 2xx/4xx, never 5xx. Bounded so the
suite stays fast."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from sahelwatch.web.testing import cli, running_server, store_acled_as_documents


@pytest.fixture(scope="module")
def served(tmp_path_factory, shared):
    tmp = tmp_path_factory.mktemp("schema")
    env = {"SAHELWATCH_HOME": str(tmp / "home")}
    db = tmp / "events.duckdb"
    from sahelwatch.store import open_store

    with open_store(str(db)) as store:
        store_acled_as_documents(store, shared / "data" / "acled" / "mali_2017.csv", limit=120)
    key = cli("keys", "create", "--db", str(db), env=env).stdout.strip()
    with running_server(db, env=env) as base:
        yield base, key


def _operations(base: str):
    schema = schemathesis.openapi.from_url(base + "/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 9
    return operations


def _fuzz(operation, max_examples: int, headers: dict | None = None) -> int:
    """Hypothesis-generated cases of one operation; fails on any 5xx. Returns cases sent."""
    sent = 0

    @given(case=operation.as_strategy())
    @settings(max_examples=max_examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def run(case):
        nonlocal sent
        sent += 1
        case.call_and_validate(headers=headers, checks=[not_a_server_error])

    run()
    return sent


# schemathesis' own pytest plugin does not work with this pytest, so the operations are
# driven with hypothesis directly (the same strategies and checks).
def test_no_server_errors(served):
    base, _key = served
    for operation in _operations(base):
        # Without a key POST /api/documents answers 401 whatever the body; the keyed run
        # below sends it a bounded number of generated reports.
        assert _fuzz(operation, max_examples=25) > 0, operation.label


def test_no_server_errors_with_a_key(served):
    base, key = served
    (post,) = [op for op in _operations(base) if op.method.upper() == "POST" and op.path == "/api/documents"]
    assert _fuzz(post, max_examples=20, headers={"X-API-Key": key}) > 0
