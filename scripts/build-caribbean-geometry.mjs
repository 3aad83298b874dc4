#!/usr/bin/env node
/**
 * Writes web/src/stats/charts/caribbean.geo.json: the outlines of Coral's Caribbean territories as
 * GeoJSON, for the statistics map. The geometry is Natural Earth's, as shipped (TopoJSON) in the
 * world-atlas package, so the map needs no tile server and works offline; only the Caribbean is kept,
 * so the web app never loads the whole world.
 *
 * Usage: node scripts/build-caribbean-geometry.mjs
 *
 * For each territory in web/src/stats/charts/caribbean-territories.json (alpha-2 code, ISO 3166-1
 * numeric id, English name) the script takes, in order: the country with that numeric id at 1:50m; the
 * same at 1:10m (small islands that 50m leaves out); the polygons of its parent country that lie in the
 * territory's box (Natural Earth draws French Guiana, Guadeloupe and Martinique as parts of France, and
 * Bonaire, Sint Eustatius and Saba as parts of the Netherlands). A territory found in none of them gets no
 * feature; the map then places its symbol at the approximate capital given in the territories file.
 *
 * Coordinates are rounded to 3 decimals (about 100 m), which keeps the file commit-sized. Each feature's
 * properties: `code` (alpha-2), `name` (English), `cp` (label point: the centroid of its largest polygon,
 * ECharts' convention for where a region's label goes) and `small` (true when the territory is too small
 * on the map to click, so the map adds a symbol for it).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { feature } from 'topojson-client';
import territories from '../web/src/stats/charts/caribbean-territories.json' with { type: 'json' };

const atlas = (scale) =>
  fileURLToPath(new URL(`../node_modules/world-atlas/countries-${scale}.json`, import.meta.url));
const output = fileURLToPath(new URL('../web/src/stats/charts/caribbean.geo.json', import.meta.url));
const biome = fileURLToPath(new URL('../node_modules/@biomejs/biome/bin/biome', import.meta.url));

/** Overseas parts drawn inside a parent country: the parent's numeric id and a [west, south, east, north] box. */
const overseasParts = {
  GF: { parent: '250', box: [-55, 2, -51, 6] },
  GP: { parent: '250', box: [-62, 15.8, -60.9, 16.6] },
  MQ: { parent: '250', box: [-61.3, 14.3, -60.7, 15] },
  BQ: { parent: '528', box: [-68.5, 11.9, -62.8, 17.8] },
};

/** Land area (km²) under which a territory gets a clickable symbol besides its outline. */
const smallAreaKm2 = 3500;

const round = (n) => Math.round(n * 1000) / 1000;

/** The polygons (arrays of rings) of a GeoJSON Polygon or MultiPolygon; none for anything else. */
function polygonsOf(geometry) {
  if (geometry?.type === 'Polygon') return [geometry.coordinates];
  if (geometry?.type === 'MultiPolygon') return geometry.coordinates;
  return [];
}

/** A ring rounded to 3 decimals without repeated points; null when too little is left of it. */
function roundRing(ring) {
  const out = [];
  for (const [lon, lat] of ring) {
    const point = [round(lon), round(lat)];
    const last = out[out.length - 1];
    if (!last || last[0] !== point[0] || last[1] !== point[1]) out.push(point);
  }
  if (out.length < 4) return null;
  const [first, last] = [out[0], out[out.length - 1]];
  if (first[0] !== last[0] || first[1] !== last[1]) out.push([...first]);
  return out;
}

/** A polygon rounded; null when its outer ring vanishes. Holes that vanish are dropped. */
function roundPolygon(polygon) {
  const [outer, ...holes] = polygon.map(roundRing);
  if (!outer) return null;
  return [outer, ...holes.filter(Boolean)];
}

/** Signed area (degrees²) and centroid of a ring, by the shoelace formula. */
function ringMeasure(ring) {
  let area = 0;
  let x = 0;
  let y = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[i + 1];
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    x += (x0 + x1) * cross;
    y += (y0 + y1) * cross;
  }
  area /= 2;
  if (area === 0) return { area: 0, centroid: ring[0] };
  return { area, centroid: [x / (6 * area), y / (6 * area)] };
}

/** Approximate land area in km² of polygons in degrees (outer rings only; fine at these latitudes). */
function areaKm2(polygons) {
  let total = 0;
  for (const [outer] of polygons) {
    const { area, centroid } = ringMeasure(outer);
    total += Math.abs(area) * 111.32 ** 2 * Math.cos((centroid[1] * Math.PI) / 180);
  }
  return total;
}

/** The centroid of the largest polygon: a label point on land for all but odd shapes. */
function labelPoint(polygons) {
  let best = { area: -1, centroid: [0, 0] };
  for (const [outer] of polygons) {
    const measure = ringMeasure(outer);
    if (Math.abs(measure.area) > best.area)
      best = { area: Math.abs(measure.area), centroid: measure.centroid };
  }
  return best.centroid.map(round);
}

function inBox(polygon, [west, south, east, north]) {
  return polygon[0].every(([lon, lat]) => lon >= west && lon <= east && lat >= south && lat <= north);
}

/** The countries of a world-atlas file as GeoJSON features, by ISO 3166-1 numeric id ("388"). */
function countriesById(scale) {
  const topology = JSON.parse(readFileSync(atlas(scale), 'utf8'));
  const { features } = feature(topology, topology.objects.countries);
  return new Map(features.filter((f) => f.id !== undefined).map((f) => [String(f.id), f]));
}

/** A territory's polygons from the first source that has them, and which source that was. */
function polygonsFor(territory, atlases) {
  for (const [scale, byId] of atlases) {
    const own = polygonsOf(byId.get(territory.numeric)?.geometry);
    if (own.length > 0) return { polygons: own, source: `${scale} ${territory.numeric}` };
  }
  const part = overseasParts[territory.code];
  if (!part) return { polygons: [], source: 'none' };
  for (const [scale, byId] of atlases) {
    const inside = polygonsOf(byId.get(part.parent)?.geometry).filter((p) => inBox(p, part.box));
    if (inside.length > 0) return { polygons: inside, source: `${scale} part of ${part.parent}` };
  }
  return { polygons: [], source: 'none' };
}

function main() {
  const atlases = [
    ['50m', countriesById('50m')],
    ['10m', countriesById('10m')],
  ];
  const features = [];
  for (const territory of [...territories].sort((a, b) => a.code.localeCompare(b.code))) {
    const { polygons: raw, source } = polygonsFor(territory, atlases);
    const polygons = raw.map(roundPolygon).filter(Boolean);
    if (polygons.length === 0) {
      console.log(`${territory.code} ${territory.name}: no geometry; the map uses its approximate capital`);
      continue;
    }
    const small = areaKm2(polygons) < smallAreaKm2;
    console.log(`${territory.code} ${territory.name}: ${source}, ${Math.round(areaKm2(polygons))} km²`);
    features.push({
      type: 'Feature',
      properties: { code: territory.code, name: territory.name, cp: labelPoint(polygons), small },
      geometry:
        polygons.length === 1
          ? { type: 'Polygon', coordinates: polygons[0] }
          : { type: 'MultiPolygon', coordinates: polygons },
    });
  }
  writeFileSync(output, `${JSON.stringify({ type: 'FeatureCollection', features })}\n`);
  // Formatted as the repository's formatter would, so that `biome check` passes on the committed file.
  execFileSync(process.execPath, [biome, 'format', '--write', output], { stdio: 'ignore' });
  console.log(
    `wrote ${features.length} features, ${Math.round(statSync(output).size / 1024)} KB, to ${output}`,
  );
}

main();
