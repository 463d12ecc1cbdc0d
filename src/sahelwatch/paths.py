"""Where sahelwatch keeps user state (imported gazetteer, registries, keys)."""

from __future__ import annotations

import os
from pathlib import Path


def data_home() -> Path:
    """``$SAHELWATCH_HOME``, else ``$XDG_DATA_HOME/sahelwatch``, else ``~/.local/share/sahelwatch``."""
    explicit = os.environ.get("SAHELWATCH_HOME")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "sahelwatch"


SHIPPED_DATA = Path(__file__).parent / "data"
