"""Settings of the web application (from CLI options or environment variables)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

TILES_ENV = "SAHELWATCH_TILES"
REQUIRE_KEY_ENV = "SAHELWATCH_REQUIRE_KEY_FOR_READS"


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


@dataclass(slots=True)
class WebConfig:
    """What the server exposes and how.

    ``tiles``: a raster tile URL template ({z}/{x}/{y}) used as the map background when
    set; the default (None) is the offline map: a plain background with boundaries.
    ``boundaries``: extra GeoJSON boundary files drawn on the map (country, admin1...).
    ``require_key_for_reads``: read endpoints need an API key too (writes always do).
    """

    tiles: str | None = None
    tiles_attribution: str | None = None
    boundaries: list[Path] = field(default_factory=list)
    require_key_for_reads: bool = False
    max_upload_bytes: int = 20 * 1024 * 1024
    max_geojson_features: int = 100_000

    @classmethod
    def from_env(cls, **overrides) -> "WebConfig":
        """Defaults from the environment; explicit (non-None) overrides win."""
        config = cls(
            tiles=os.environ.get(TILES_ENV) or None,
            require_key_for_reads=_env_flag(REQUIRE_KEY_ENV),
        )
        for name, value in overrides.items():
            if value is not None:
                setattr(config, name, value)
        return config
