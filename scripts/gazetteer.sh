#!/usr/bin/env bash
# Import the GeoNames dumps of Mali and its neighbours into the user's gazetteer
# index, once. Tries a download first; offline, imports local dumps from
# $GEONAMES_DIR (e.g. a folder holding ML.txt BF.txt NE.txt ...).
set -u
BIN="$(dirname "$0")/../.venv/bin"
COUNTRIES="${GEONAMES_COUNTRIES:-ML BF NE MR SN GN CI}"
if "$BIN/python" -c "import sys; from sahelwatch.paths import data_home; sys.exit(0 if (data_home() / 'gazetteer.sqlite').exists() else 1)"; then
  echo "gazetteer: GeoNames index already imported" >&2
  exit 0
fi
if "$BIN/sahelwatch" gazetteer download $COUNTRIES 2>/dev/null; then
  exit 0
fi
dir="${GEONAMES_DIR:-}"
if [ -z "$dir" ] && [ -d "$(dirname "$0")/../../shared/data/geonames" ]; then
  dir="$(dirname "$0")/../../shared/data/geonames"
fi
if [ -n "$dir" ]; then
  files=()
  for cc in $COUNTRIES; do [ -f "$dir/$cc.txt" ] && files+=("$dir/$cc.txt"); done
  if [ ${#files[@]} -gt 0 ]; then
    "$BIN/sahelwatch" gazetteer import "${files[@]}" && exit 0
  fi
fi
echo "note: no network and no GeoNames dumps found; using the built-in gazetteer (towns and cities only)." >&2
echo "      set GEONAMES_DIR=/path/to/dumps and run 'make gazetteer' for village-level geocoding." >&2
exit 0
