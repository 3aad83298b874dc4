import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../../src/platform/paths.js';
import {
  alpha2FromNumeric,
  caribbeanTerritories,
} from '../../../../web/src/stats/charts/caribbean-territories.js';
import { readCaribbeanGeometry } from './helpers.js';

const geometryPath = join(packageRoot(), 'web', 'src', 'stats', 'charts', 'caribbean.geo.json');

const coral =
  'AG AI AW BB BL BM BQ BS BZ CU CW DM DO GD GF GP GY HT JM KN KY LC MF MQ MS PR SR SX TC TT VC VG VI';

describe('Caribbean territories', () => {
  it("are Coral's list, each with a distinct three-digit numeric id", () => {
    expect(caribbeanTerritories.map((t) => t.code).join(' ')).toBe(coral);
    const numerics = caribbeanTerritories.map((t) => t.numeric);
    expect(new Set(numerics).size).toBe(numerics.length);
    expect(numerics.every((n) => /^\d{3}$/.test(n))).toBe(true);
  });

  it('map world-atlas numeric ids to alpha-2 codes', () => {
    expect(alpha2FromNumeric('388')).toBe('JM');
    expect(alpha2FromNumeric('028')).toBe('AG');
    expect(alpha2FromNumeric(28)).toBe('AG');
    expect(alpha2FromNumeric('535')).toBe('BQ');
    expect(alpha2FromNumeric('250')).toBeUndefined(); // France: its Caribbean parts have their own codes
  });

  it('have capitals inside the Caribbean box (Bermuda and the Guianas included)', () => {
    for (const { capital } of caribbeanTerritories) {
      expect(capital[0]).toBeGreaterThan(-92);
      expect(capital[0]).toBeLessThan(-50);
      expect(capital[1]).toBeGreaterThan(2);
      expect(capital[1]).toBeLessThan(33);
    }
  });
});

describe('Caribbean geometry', () => {
  const geometry = readCaribbeanGeometry();
  const byCode = new Map(geometry.features.map((f) => [f.properties.code, f]));

  it('has one feature per territory, named as in the list', () => {
    expect([...byCode.keys()].sort().join(' ')).toBe(coral);
    for (const territory of caribbeanTerritories) {
      expect(byCode.get(territory.code)?.properties.name).toBe(territory.name);
    }
  });

  it('stays commit-sized with coordinates rounded to 3 decimals', () => {
    expect(statSync(geometryPath).size).toBeLessThan(300 * 1024);
    const text = readFileSync(geometryPath, 'utf8');
    expect(text).not.toMatch(/\d\.\d{4,}/);
  });

  it('flags the small islands, which the map gives a symbol, and not the large countries', () => {
    const tiny = 'KN AG DM LC VC GD BB MS AI VG BL MF SX BQ AW CW'.split(' ');
    for (const code of tiny) expect(byCode.get(code)?.properties.small, code).toBe(true);
    for (const code of ['CU', 'DO', 'HT', 'JM', 'GY', 'SR', 'GF', 'BZ', 'BS', 'PR', 'TT']) {
      expect(byCode.get(code)?.properties.small, code).toBe(false);
    }
  });

  it('puts each label point near the territory', () => {
    for (const territory of caribbeanTerritories) {
      const [lon, lat] = byCode.get(territory.code)?.properties.cp ?? [0, 0];
      // Within ~4° of the capital: the largest island or the mainland, not somewhere else.
      expect(Math.hypot(lon - territory.capital[0], lat - territory.capital[1]), territory.code).toBeLessThan(
        4,
      );
    }
  });
});
