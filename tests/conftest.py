"""Shared fixtures. Tests read the shared data from ../shared (never copied here)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SAHELWATCH_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"../shared not found at {SHARED}; CI puts it beside the repository")
    return SHARED


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """Every test gets its own SAHELWATCH_HOME so no user state leaks in or out."""
    home = tmp_path_factory.mktemp("sahelwatch_home")
    monkeypatch.setenv("SAHELWATCH_HOME", str(home))
    return home
