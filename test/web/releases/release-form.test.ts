import { describe, expect, it } from 'vitest';
import type { ReleaseView } from '../../../web/src/releases/api.js';
import { formOf, formProblems, inputOf, newTable } from '../../../web/src/releases/release-form.js';

describe('the release editor form', () => {
  it('starts a new release with suppression under 5, no rounding, and victims by year and sex', () => {
    const form = formOf();
    expect(form.method).toBe('suppression');
    expect(form.threshold).toBe(5);
    expect(form.roundingBase).toBe(1);
    expect(form.tables.map((t) => [t.measure, t.by])).toEqual([['victims', ['year', 'sex']]]);
    expect(formProblems(form)).toEqual({ title: 'releases.problemTitle' });
  });

  it('refuses what the server would: a threshold under 3, a bad ε, half a period, a table without dimensions', () => {
    const form = {
      ...formOf(),
      title: 'T',
      threshold: 2,
      periodFrom: 2020,
      tables: [{ ...newTable(), by: [] }],
    };
    expect(formProblems(form)).toEqual({
      threshold: 'releases.problemThreshold',
      period: 'releases.problemPeriod',
      'tables.0.by': 'releases.problemDimensions',
    });
    const dp = { ...formOf(), title: 'T', method: 'differential-privacy' as const, epsilonPerTable: 'half' };
    expect(formProblems(dp)).toMatchObject({
      epsilonPerTable: 'releases.problemEpsilon',
      epsilonBudget: 'releases.problemEpsilon',
    });
    expect(formProblems({ ...dp, epsilonPerTable: '1/3', epsilonBudget: '2' })).toEqual({});
  });

  it('sends what was typed, trimmed, and keeps what the editor does not show (filters, microdata)', () => {
    const release = {
      id: 'r',
      title: 'Victims',
      spec: {
        tables: [{ measure: 'victims', by: ['year'], filters: { sex: ['Feminine'] } }],
        method: 'suppression',
        threshold: 7,
        roundingBase: 5,
        period: { from: 2020, to: 2024 },
        methodNote: 'Note',
        microdata: {
          measure: 'victims',
          quasiIdentifiers: ['sex'],
          columns: [],
          k: 11,
          maxSuppression: 0.05,
        },
      },
    } as unknown as ReleaseView;
    const form = formOf(release);
    const input = inputOf({ ...form, title: '  Victims 2020–2024  ' });
    expect(input.title).toBe('Victims 2020–2024');
    expect(input.spec).toMatchObject({
      threshold: 7,
      roundingBase: 5,
      period: { from: 2020, to: 2024 },
      tables: [{ measure: 'victims', by: ['year'], filters: { sex: ['Feminine'] } }],
      microdata: { k: 11 },
    });
    expect(input.spec.tables[0]).not.toHaveProperty('title');
    expect(input.spec).not.toHaveProperty('epsilonPerTable');
  });
});
