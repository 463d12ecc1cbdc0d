"""Boundary layers for the offline map: shipped, imported, or given on the command line.

- shipped: ``static/vendor/countries.geojson``, Natural Earth 1:50m countries (public
  domain) converted from npm ``world-atlas`` by ``scripts/build_web_assets.sh``;
- imported: GeoJSON files copied into ``<data home>/boundaries/`` by
  ``sahelwatch boundaries import`` (e.g. admin-1 regions, which no registry package
  ships in the public domain);
- given: ``sahelwatch serve --boundaries FILE`` (not copied).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from sahelwatch.paths import data_home

SHIPPED_COUNTRIES = Path(__file__).parent / "static" / "vendor" / "countries.geojson"


def boundaries_dir() -> Path:
    return data_home() / "boundaries"


def layer_name(path: Path) -> str:
    stem = path.name
    for suffix in (".geojson", ".json"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    return re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-") or "boundaries"


def boundary_layers(extra: list[Path] | tuple[Path, ...] = ()) -> dict[str, tuple[Path, str]]:
    """name -> (file, origin) for every layer the map draws, shipped first."""
    layers: dict[str, tuple[Path, str]] = {}
    if SHIPPED_COUNTRIES.is_file():
        layers["countries"] = (SHIPPED_COUNTRIES, "Natural Earth 1:50m countries (public domain), shipped")
    folder = boundaries_dir()
    if folder.is_dir():
        for path in sorted(folder.glob("*.geojson")):
            layers[layer_name(path)] = (path, "imported")
    for path in extra:
        path = Path(path)
        layers[layer_name(path)] = (path, "command line")
    return layers


def check_geojson(path: Path) -> int:
    """The number of polygon/line features in a boundary file; ValueError if it is not one."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: not a readable GeoJSON file ({exc})") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        raise ValueError(f"{path}: expected a GeoJSON FeatureCollection")
    shapes = sum(
        1 for f in data["features"]
        if isinstance(f, dict) and isinstance(f.get("geometry"), dict)
        and f["geometry"].get("type") in ("Polygon", "MultiPolygon", "LineString", "MultiLineString")
    )
    if not shapes:
        raise ValueError(f"{path}: no Polygon/MultiPolygon/LineString features to draw")
    return shapes


def import_boundaries(path: Path, name: str | None = None) -> tuple[str, Path, int]:
    """Copy a checked GeoJSON file into the boundaries folder; returns (layer name, copy, features)."""
    count = check_geojson(path)
    layer = layer_name(Path(name + ".geojson")) if name else layer_name(Path(path))
    target = boundaries_dir() / f"{layer}.geojson"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target)
    return layer, target, count


def remove_boundaries(name: str) -> bool:
    target = boundaries_dir() / f"{layer_name(Path(name + '.geojson'))}.geojson"
    if target.is_file():
        target.unlink()
        return True
    return False
