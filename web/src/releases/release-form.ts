import type { ReleaseInput, ReleaseSpec, ReleaseView } from './api.js';

/** One table as the editor holds it; `key` tells rows apart while they are added and removed. */
export interface TableDraft {
  key: string;
  measure: string;
  by: string[];
  title: string;
  /** Kept as they were (the editor does not change filters). */
  filters?: Record<string, string[]>;
}

/** A draft release as the editor holds it: numbers and texts as typed. */
export interface ReleaseForm {
  title: string;
  method: ReleaseSpec['method'];
  threshold: number | string;
  roundingBase: number | string;
  epsilonPerTable: string;
  epsilonBudget: string;
  periodFrom: number | string;
  periodTo: number | string;
  methodNote: string;
  tables: TableDraft[];
  /** Kept as they were (set from the command line; the editor does not change them). */
  protectionWidth?: number;
  microdata?: ReleaseSpec['microdata'];
}

/** The most tables a release may hold, and dimensions a table may have (as the server allows). */
export const maxTables = 12;
export const maxDimensions = 4;

let nextKey = 0;
/** A fresh key for a table row. */
export const tableKey = () => `table-${nextKey++}`;

/** A new table row: victims by year and sex, the most asked-for table. */
export function newTable(): TableDraft {
  return { key: tableKey(), measure: 'victims', by: ['year', 'sex'], title: '' };
}

/** The editor's state for a release, or for a new one (suppression under 5, victims by year and sex). */
export function formOf(release?: ReleaseView): ReleaseForm {
  const spec = release?.spec;
  return {
    title: release?.title ?? '',
    method: spec?.method ?? 'suppression',
    threshold: spec?.threshold ?? 5,
    roundingBase: spec?.roundingBase ?? 1,
    epsilonPerTable: spec?.epsilonPerTable ?? '',
    epsilonBudget: spec?.epsilonBudget ?? '',
    periodFrom: spec?.period?.from ?? '',
    periodTo: spec?.period?.to ?? '',
    methodNote: spec?.methodNote ?? '',
    tables: spec
      ? spec.tables.map((table) => ({
          key: tableKey(),
          measure: table.measure,
          by: [...table.by],
          title: table.title ?? '',
          ...(table.filters ? { filters: table.filters } : {}),
        }))
      : [newTable()],
    ...(spec?.protectionWidth ? { protectionWidth: spec.protectionWidth } : {}),
    ...(spec?.microdata ? { microdata: spec.microdata } : {}),
  };
}

/** A problem with the form, by field (`tables.0.by` for a table's), as a translation key. */
export type FormProblems = Record<string, string>;

const whole = (value: number | string): number | null =>
  typeof value === 'number' && Number.isInteger(value) ? value : null;

/**
 * What must be put right before saving, checked as the server will check it (the server stays the
 * judge: what it refuses is shown too).
 */
export function formProblems(form: ReleaseForm): FormProblems {
  const problems: FormProblems = {};
  if (!form.title.trim()) problems.title = 'releases.problemTitle';
  if (form.tables.length === 0) problems.tables = 'releases.problemNoTables';
  form.tables.forEach((table, i) => {
    if (!table.measure) problems[`tables.${i}.measure`] = 'releases.problemMeasure';
    if (table.by.length < 1 || table.by.length > maxDimensions)
      problems[`tables.${i}.by`] = 'releases.problemDimensions';
  });
  if (form.method === 'suppression') {
    const threshold = whole(form.threshold);
    if (threshold === null || threshold < 3 || threshold > 100)
      problems.threshold = 'releases.problemThreshold';
  } else {
    if (!/^\d+(\.\d+)?(\/\d+)?$/.test(form.epsilonPerTable.trim()))
      problems.epsilonPerTable = 'releases.problemEpsilon';
    if (!/^\d+(\.\d+)?(\/\d+)?$/.test(form.epsilonBudget.trim()))
      problems.epsilonBudget = 'releases.problemEpsilon';
  }
  const rounding = whole(form.roundingBase);
  if (rounding === null || rounding < 1 || rounding > 100) problems.roundingBase = 'releases.problemRounding';
  const from = whole(form.periodFrom);
  const to = whole(form.periodTo);
  const oneGiven = (form.periodFrom === '') !== (form.periodTo === '');
  if (oneGiven || (from !== null && to !== null && from > to)) problems.period = 'releases.problemPeriod';
  return problems;
}

/** The form as the API takes it; call only when `formProblems` found none. */
export function inputOf(form: ReleaseForm): ReleaseInput {
  const from = whole(form.periodFrom);
  const to = whole(form.periodTo);
  const dp = form.method === 'differential-privacy';
  return {
    title: form.title.trim(),
    spec: {
      tables: form.tables.map((table) => ({
        measure: table.measure,
        by: table.by,
        ...(table.title.trim() ? { title: table.title.trim() } : {}),
        ...(table.filters ? { filters: table.filters } : {}),
      })),
      method: form.method,
      threshold: dp ? 5 : (whole(form.threshold) ?? 5),
      roundingBase: whole(form.roundingBase) ?? 1,
      ...(dp
        ? { epsilonPerTable: form.epsilonPerTable.trim(), epsilonBudget: form.epsilonBudget.trim() }
        : {}),
      ...(from !== null && to !== null ? { period: { from, to } } : {}),
      ...(form.protectionWidth && !dp ? { protectionWidth: form.protectionWidth } : {}),
      ...(form.microdata ? { microdata: form.microdata } : {}),
      methodNote: form.methodNote,
    },
  };
}
