// Copies the dashboard's (and the API docs') browser libraries into src/sahelwatch/web/static/vendor/ and
// converts Natural Earth country boundaries (world-atlas TopoJSON, public domain) to
// GeoJSON, so the dashboard needs no CDN and draws borders with no network at all.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { feature } from "topojson-client";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const vendor = join(here, "..", "src", "sahelwatch", "web", "static", "vendor");
mkdirSync(vendor, { recursive: true });

const copies = [
  ["maplibre-gl/dist/maplibre-gl.js", "maplibre-gl.js"],
  ["maplibre-gl/dist/maplibre-gl.css", "maplibre-gl.css"],
  ["maplibre-gl/LICENSE.txt", "maplibre-gl.LICENSE.txt"],
  ["world-atlas/LICENSE", "world-atlas.LICENSE.txt"],
  // The API's interactive docs (/docs), served locally instead of FastAPI's CDN default.
  ["swagger-ui-dist/swagger-ui-bundle.js", "swagger-ui-bundle.js"],
  ["swagger-ui-dist/swagger-ui.css", "swagger-ui.css"],
  ["swagger-ui-dist/LICENSE", "swagger-ui.LICENSE.txt"],
];
for (const [from, to] of copies) copyFileSync(join(modules, from), join(vendor, to));

// 50m: detailed enough for Sahel borders at regional zoom, small enough to ship (~1 MB).
const topology = JSON.parse(readFileSync(join(modules, "world-atlas/countries-50m.json"), "utf8"));
const countries = feature(topology, topology.objects.countries);
// Round coordinates to ~100 m: halves the file with no visible change at country zoom.
const round = (c) => (typeof c[0] === "number" ? [Math.round(c[0] * 1e3) / 1e3, Math.round(c[1] * 1e3) / 1e3] : c.map(round));
for (const f of countries.features) {
  f.geometry.coordinates = round(f.geometry.coordinates);
  f.properties = { name: f.properties.name, id: f.id, level: "country" };
}
countries.source = "Natural Earth 1:50m admin-0 via world-atlas (public domain)";
writeFileSync(join(vendor, "countries.geojson"), JSON.stringify(countries));

const versions = {};
for (const name of ["maplibre-gl", "world-atlas", "topojson-client", "swagger-ui-dist"]) {
  versions[name] = JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8")).version;
}
writeFileSync(join(vendor, "VERSIONS.json"), JSON.stringify(versions, null, 2) + "\n");
console.log(`web assets -> ${vendor}: ${JSON.stringify(versions)}`);
