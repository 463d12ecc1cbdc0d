#!/usr/bin/env bash
# Build the dashboard's vendored front-end assets (MapLibre GL JS, Natural Earth country
# boundaries, Swagger UI for /docs) into src/sahelwatch/web/static/vendor/ from the npm registry.
# Run by setup and .ci/run; idempotent, and a no-op when the assets are up to date.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
web="$repo/web"
vendor="$repo/src/sahelwatch/web/static/vendor"
if ! command -v npm >/dev/null 2>&1; then
  echo "build_web_assets: npm not found; install Node.js (Debian: apt-get install -y nodejs npm)" >&2
  exit 1
fi
stamp="$vendor/.built-from"
want="$(sha256sum "$web/package.json" "$web/package-lock.json" "$web/build.mjs" | sha256sum | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -f "$vendor/maplibre-gl.js" && -f "$vendor/countries.geojson" && -f "$vendor/swagger-ui-bundle.js" ]]; then
  echo "build_web_assets: up to date ($vendor)"
  exit 0
fi
cd "$web"
npm ci --no-audit --no-fund --loglevel=error
node build.mjs
echo "$want" > "$stamp"
