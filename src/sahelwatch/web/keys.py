"""API keys for writing through the web API: created and revoked with ``sahelwatch keys``.

Keys live in the store's own database, in an ``api_keys`` table this module creates.
Only a SHA-256 digest of each key is stored. A key is 32 random bytes, so a fast hash is
enough (there is nothing to brute-force as with a password); the token shown once at
creation is ``swk_<key_id>_<secret>``, and ``key_id`` finds the row without a scan.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

TOKEN_PREFIX = "swk_"

_TABLE = """CREATE TABLE IF NOT EXISTS api_keys (
  key_id TEXT PRIMARY KEY,
  name TEXT,
  key_sha256 TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  revoked_at TIMESTAMP,
  last_used_at TIMESTAMP
)"""


@dataclass(slots=True)
class ApiKey:
    key_id: str
    name: str | None
    created_at: dt.datetime
    revoked_at: dt.datetime | None
    last_used_at: dt.datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _ph(store) -> str:
    return getattr(store, "placeholder", "?")


def ensure_table(store) -> None:
    store.execute(_TABLE)


def create_key(store, name: str | None = None) -> tuple[ApiKey, str]:
    """A new key: its record and the token (shown once; only its digest is stored)."""
    ensure_table(store)
    key_id = secrets.token_hex(4)
    token = f"{TOKEN_PREFIX}{key_id}_{secrets.token_urlsafe(32)}"
    created = _now()
    p = _ph(store)
    store.execute(
        f"INSERT INTO api_keys (key_id, name, key_sha256, created_at) VALUES ({p}, {p}, {p}, {p})",
        [key_id, name, _digest(token), created],
    )
    return ApiKey(key_id, name, created, None, None), token


def revoke_key(store, key_id: str) -> bool:
    """Revoke a key by id (or by its full token). False if no active key has that id."""
    ensure_table(store)
    if key_id.startswith(TOKEN_PREFIX):
        key_id = _split(key_id)[0] or key_id
    p = _ph(store)
    found = store.execute(
        f"SELECT 1 FROM api_keys WHERE key_id = {p} AND revoked_at IS NULL", [key_id]
    ).fetchone()
    if not found:
        return False
    store.execute(f"UPDATE api_keys SET revoked_at = {p} WHERE key_id = {p}", [_now(), key_id])
    return True


def list_keys(store) -> list[ApiKey]:
    ensure_table(store)
    rows = store.execute(
        "SELECT key_id, name, created_at, revoked_at, last_used_at FROM api_keys ORDER BY created_at"
    ).fetchall()
    return [ApiKey(*row) for row in rows]


def _split(token: str) -> tuple[str | None, str]:
    if not token.startswith(TOKEN_PREFIX):
        return None, token
    key_id, _, _secret = token[len(TOKEN_PREFIX):].partition("_")
    return (key_id or None), token


def verify_key(store, token: str | None) -> str | None:
    """The key_id of an active key matching ``token``, else None."""
    if not token:
        return None
    key_id, token = _split(token.strip())
    if key_id is None:
        return None
    p = _ph(store)
    row = store.execute(
        f"SELECT key_sha256 FROM api_keys WHERE key_id = {p} AND revoked_at IS NULL", [key_id]
    ).fetchone()
    if row is None or not hmac.compare_digest(row[0], _digest(token)):
        return None
    return key_id


def touch_key(store, key_id: str) -> None:
    p = _ph(store)
    store.execute(f"UPDATE api_keys SET last_used_at = {p} WHERE key_id = {p}", [_now(), key_id])
