import { describe, expect, it } from 'vitest';
import {
  validateOffender,
  validateProceeding,
  validateSomIncident,
  validateThbCase,
} from '../standard/validation/validate.js';
import {
  createRandom,
  syntheticOffender,
  syntheticProceeding,
  syntheticSomIncident,
  syntheticThbCase,
} from './synthetic-records.js';

const errorsOf = (result: { problems: Array<{ severity: string; path: string; code: string }> }) =>
  result.problems.filter((p) => p.severity === 'error').map((p) => `${p.path}:${p.code}`);

describe('synthetic records', () => {
  it('are valid records of the standard, for many seeds', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const random = createRandom(seed);
      for (let i = 0; i < 25; i++) {
        expect(errorsOf(validateThbCase(syntheticThbCase(random, i)))).toEqual([]);
        expect(errorsOf(validateSomIncident(syntheticSomIncident(random, i)))).toEqual([]);
        expect(errorsOf(validateOffender(syntheticOffender(random, i)))).toEqual([]);
        expect(errorsOf(validateProceeding(syntheticProceeding(random, i, [], [])))).toEqual([]);
      }
    }
  });

  it('are the same for the same seed, and differ between seeds', () => {
    expect(syntheticThbCase(createRandom(7), 0)).toEqual(syntheticThbCase(createRandom(7), 0));
    expect(syntheticThbCase(createRandom(7), 0)).not.toEqual(syntheticThbCase(createRandom(8), 0));
  });

  it('follow the region’s patterns: most victims exploited in the Caribbean, sea routes dominate smuggling', () => {
    const random = createRandom(42);
    const cases = Array.from({ length: 400 }, (_, i) => syntheticThbCase(random, i));
    const caribbean = cases.filter((c) =>
      ['TT', 'GY', 'SR', 'DO', 'HT', 'JM', 'BB', 'KN', 'BS'].includes(String(c.exploitationCountry)),
    );
    expect(caribbean.length).toBe(400);
    const incidents = Array.from({ length: 200 }, (_, i) => syntheticSomIncident(random, i));
    const bySea = incidents.filter((c) => (c.transportModes as string[]).includes('Sea')).length;
    expect(bySea).toBeGreaterThan(100);
  });
});
