import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../platform/paths.js';
import { wellTypedRecord } from '../../testing/standard-arbitraries.js';
import { entityIds } from '../field.js';
import { ruleProblems } from '../validation/rules.js';
import { validateRecord } from '../validation/validate.js';
import { csvCell, renderStandardCsv } from './csv.js';
import { renderStandardMarkdown } from './markdown.js';

describe('publication of the standard', () => {
  it('keeps docs/standard.md current (regenerate with npm run docs:standard)', () => {
    const committed = readFileSync(join(packageRoot(), 'docs', 'standard.md'), 'utf8');
    expect(committed).toBe(renderStandardMarkdown());
  });

  it('writes one CSV row per field, parseable, formula cells neutralised', () => {
    const rows: string[][] = parse(renderStandardCsv(['somIncident']), { relax_quotes: false });
    expect(rows[0]?.slice(0, 3)).toEqual(['entity', 'path', 'type']);
    expect(rows.slice(1).map((row) => row[1])).toContain('migrantGroups.count');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-5')).toBe("'-5");
  });

  it('documents every cross-field problem with the severity validation gives it', () => {
    for (const entityId of entityIds) {
      const documented = new Map(ruleProblems[entityId].map((rule) => [rule.code, rule.severity]));
      fc.assert(
        fc.property(wellTypedRecord(entityId), (record) => {
          const fromRules = validateRecord(entityId, record).problems.filter(
            (p) => documented.has(p.code) || p.path === 'victim',
          );
          for (const problem of fromRules)
            expect([problem.code, documented.get(problem.code)]).toEqual([problem.code, problem.severity]);
        }),
        { numRuns: 100 },
      );
    }
  });
});
