import type { Codelist } from '../codelists/codelist.js';
import { countries } from '../codelists/countries.js';
import { ageBandOf, ageBands, genders, majorityStatuses } from '../codelists/person.js';
import {
  dataSources,
  exploitationForms,
  labourSectors,
  meansOfControl,
  recruiterRelationships,
  sexualExploitationTypes,
} from '../codelists/thb.js';
import { type CoralRecord, getPath, setPath } from '../record-path.js';
import { ageAtIdentification } from '../validation/rules.js';
import { codeOf, entryOf, type Mapped, type MappingProblem } from './lookup.js';

/** The notice CTDC puts in its first header cell; its column is empty in every row. */
export const ctdcNotice =
  'By using this data you agree to the Terms of Use: https://www.ctdatacollaborative.org/terms-use';

/** A flag family: a Coral flags field, its codelist (whose entries name their CTDC columns), and the derived text column. */
interface FlagFamily {
  path: string;
  codelist: Codelist;
  concatenated: string;
}

const flagFamilies = {
  meansOfControl: {
    path: 'meansOfControl',
    codelist: meansOfControl,
    concatenated: 'meansOfControlConcatenated',
  },
  forms: {
    path: 'formsOfExploitation',
    codelist: exploitationForms,
    concatenated: 'typeOfExploitConcatenated',
  },
  labour: { path: 'labourSectors', codelist: labourSectors, concatenated: 'typeOfLabourConcatenated' },
  sex: {
    path: 'sexualExploitationTypes',
    codelist: sexualExploitationTypes,
    concatenated: 'typeOfSexConcatenated',
  },
  recruiter: {
    path: 'recruiterRelationship',
    codelist: recruiterRelationships,
    concatenated: 'RecruiterRelationship',
  },
} satisfies Record<string, FlagFamily>;

const columnsOf = (family: FlagFamily) => family.codelist.entries.flatMap((e) => (e.ctdc ? [e.ctdc] : []));

/** Exploitation columns in CTDC's order (not the codelist's), with the derived "combined" flag in place. */
const exploitColumns = [
  'isForcedLabour',
  'isSexualExploit',
  'isOtherExploit',
  'isSexAndLabour',
  'isForcedMarriage',
  'isForcedMilitary',
  'isOrganRemoval',
  'isSlaveryAndPractices',
];

/**
 * The CTDC global k-anonymised dataset layout: 64 columns, the first a notice, semicolon-separated.
 * This is the outside format; what each column means in Coral comes from the codelists' `ctdc` notes.
 */
export const ctdcColumns: readonly string[] = [
  ctdcNotice,
  'yearOfRegistration',
  'Datasource',
  'gender',
  'ageBroad',
  'majorityStatus',
  'majorityStatusAtExploit',
  'majorityEntry',
  'citizenship',
  ...columnsOf(flagFamilies.meansOfControl),
  'meansOfControlConcatenated',
  ...exploitColumns,
  'typeOfExploitConcatenated',
  ...columnsOf(flagFamilies.labour),
  'typeOfLabourConcatenated',
  ...columnsOf(flagFamilies.sex),
  'typeOfSexConcatenated',
  'isAbduction',
  'RecruiterRelationship',
  'CountryOfExploitation',
  ...columnsOf(flagFamilies.recruiter),
];

/** A CTDC row: column name → cell text. */
export type CtdcRow = Record<string, string>;

/** Coded columns: CTDC column, Coral path, codelist. */
const codedColumns: ReadonlyArray<{ column: string; path: string; codelist: Codelist }> = [
  { column: 'Datasource', path: 'dataSource', codelist: dataSources },
  { column: 'gender', path: 'victim.gender', codelist: genders },
  { column: 'ageBroad', path: 'victim.ageBand', codelist: ageBands },
  { column: 'majorityStatus', path: 'victim.majorityStatus', codelist: majorityStatuses },
  { column: 'majorityStatusAtExploit', path: 'majorityStatusAtExploitation', codelist: majorityStatuses },
  { column: 'majorityEntry', path: 'majorityStatusAtEntry', codelist: majorityStatuses },
  { column: 'CountryOfExploitation', path: 'exploitationCountry', codelist: countries },
];

/**
 * Maps a CTDC row into a Coral trafficking case. CTDC publishes victims of trafficking, so the case's
 * trafficking status is "identified victim" (and the person is there, even with nothing known of them). Flags keep CTDC's three states: 1 is true, 0 is false, an
 * empty cell is not recorded. The concatenated text columns and `isSexAndLabour` repeat what the flags
 * hold and are derived again on export. Never throws: what is not understood is a problem, per column.
 *
 * @example
 * const { record, problems } = fromCtdcRow(row);
 */
export function fromCtdcRow(row: CtdcRow): Mapped {
  const record: CoralRecord = { traffickingStatus: 'ActualVictimOfTrafficking', victim: {} };
  const problems: MappingProblem[] = [];
  const cell = (column: string) => (row[column] ?? '').trim();

  const year = cell('yearOfRegistration');
  if (year) {
    if (/^\d{4}$/.test(year)) record.identificationYear = Number(year);
    else
      problems.push({
        column: 'yearOfRegistration',
        code: 'invalid_number',
        message: 'Expected a four-digit year.',
      });
  }
  for (const { column, path, codelist } of codedColumns) {
    const value = cell(column);
    if (!value) continue;
    const code = codeOf(codelist, value, ['ctdc', 'code']);
    if (code) setPath(record, path, code);
    else problems.push(unknownValue(column, value));
  }
  const citizenship = cell('citizenship');
  if (citizenship) {
    const code = codeOf(countries, citizenship, ['code']);
    if (code) setPath(record, 'victim.citizenships', [code]);
    else problems.push(unknownValue('citizenship', citizenship));
  }
  const abduction = readFlag(cell('isAbduction'), 'isAbduction', problems);
  if (abduction !== undefined) record.abducted = abduction;
  for (const family of Object.values(flagFamilies)) readFamily(family, row, record, problems);
  // "Combined sexual and labour exploitation" implies both.
  if (cell('isSexAndLabour') === '1') {
    setPath(record, 'formsOfExploitation.ForcedLabour', true);
    setPath(record, 'formsOfExploitation.SexualExploitation', true);
  }
  return { record, problems };
}

/**
 * Maps a Coral trafficking case onto a CTDC row (every column present, empty where not recorded).
 * Age band and adult/minor are derived from the birth date or age when not given directly.
 */
export function toCtdcRow(record: CoralRecord): CtdcRow {
  const row: CtdcRow = Object.fromEntries(ctdcColumns.map((column) => [column, '']));
  const year =
    record.identificationYear ??
    (typeof record.identificationDate === 'string'
      ? Number(record.identificationDate.slice(0, 4))
      : undefined);
  if (typeof year === 'number') row.yearOfRegistration = String(year);
  const age = ageAtIdentification(record);
  for (const { column, path, codelist } of codedColumns) {
    let code = getPath(record, path);
    if (code === undefined && age !== undefined && column === 'ageBroad') code = ageBandOf(age);
    if (code === undefined && age !== undefined && column === 'majorityStatus')
      code = age < 18 ? 'Minor' : 'Adult';
    const entry = typeof code === 'string' ? entryOf(codelist, code) : undefined;
    if (entry) row[column] = entry.ctdc ?? entry.ctdcExport ?? entry.code;
  }
  const citizenships = getPath(record, 'victim.citizenships');
  if (Array.isArray(citizenships) && typeof citizenships[0] === 'string') row.citizenship = citizenships[0];
  if (typeof record.abducted === 'boolean') row.isAbduction = record.abducted ? '1' : '0';
  for (const family of Object.values(flagFamilies)) writeFamily(family, record, row);
  const forms = getPath(record, 'formsOfExploitation') as Record<string, boolean> | undefined;
  if (typeof forms?.ForcedLabour === 'boolean' && typeof forms.SexualExploitation === 'boolean') {
    const both = forms.ForcedLabour && forms.SexualExploitation;
    row.isSexAndLabour = both ? '1' : '0';
    if (both)
      row.typeOfExploitConcatenated = [
        row.typeOfExploitConcatenated,
        'Combined sexual and labour exploitation',
      ]
        .filter(Boolean)
        .join(';');
  }
  return row;
}

function readFamily(family: FlagFamily, row: CtdcRow, record: CoralRecord, problems: MappingProblem[]): void {
  for (const { column, path } of familyColumns(family)) {
    const flag = readFlag((row[column] ?? '').trim(), column, problems);
    if (flag !== undefined) setPath(record, path, flag);
  }
}

/** A family's CTDC columns and the flag paths they fill, worked out once (read for every row). */
function familyColumns(family: FlagFamily): ReadonlyArray<{ column: string; path: string }> {
  let columns = familyColumnCache.get(family);
  if (!columns) {
    columns = family.codelist.entries.flatMap((entry) =>
      entry.ctdc ? [{ column: entry.ctdc, path: `${family.path}.${entry.code}` }] : [],
    );
    familyColumnCache.set(family, columns);
  }
  return columns;
}

const familyColumnCache = new WeakMap<FlagFamily, ReadonlyArray<{ column: string; path: string }>>();

function writeFamily(family: FlagFamily, record: CoralRecord, row: CtdcRow): void {
  const flags = getPath(record, family.path);
  if (typeof flags !== 'object' || flags === null) return;
  const named: string[] = [];
  for (const [code, value] of Object.entries(flags as Record<string, unknown>)) {
    const entry = entryOf(family.codelist, code);
    const column = entry?.ctdc ?? entry?.ctdcExport;
    if (!entry || !column || typeof value !== 'boolean') continue;
    // A code that only shares a CTDC column (ctdcExport) can say "yes" there, never "no"; and any
    // "yes" wins over a "no".
    if (value) row[column] = '1';
    else if (entry.ctdc && row[column] !== '1') row[column] = '0';
    if (value) named.push(ctdcWords(family, column));
  }
  row[family.concatenated] = [...new Set(named)].join(
    family.concatenated === 'RecruiterRelationship' ? '; ' : ';',
  );
}

/** The words CTDC uses for a column in its concatenated text. */
function ctdcWords(family: FlagFamily, column: string): string {
  const entry = family.codelist.entries.find((e) => e.ctdc === column);
  return entry?.ctdcLabel ?? entry?.labels.en ?? column;
}

function readFlag(value: string, column: string, problems: MappingProblem[]): boolean | undefined {
  if (value === '') return undefined;
  if (value === '1') return true;
  if (value === '0') return false;
  problems.push({
    column,
    code: 'invalid_flag',
    message: 'Expected 1, 0 or an empty cell.',
    value: value.slice(0, 50),
  });
  return undefined;
}

function unknownValue(column: string, value: string): MappingProblem {
  return {
    column,
    code: 'unknown_value',
    message: `Not a value Coral knows for ${column}.`,
    value: value.slice(0, 50),
  };
}
