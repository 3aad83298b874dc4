import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceFile } from '../../testing/reference.js';
import { htcdsRepresentableCase } from '../../testing/standard-arbitraries.js';
import type { Codelist } from '../codelists/codelist.js';
import { organisationTypes } from '../codelists/organisation-types.js';
import { fromHtcdsRow, htcdsAliases, htcdsFields, toHtcdsRow } from './htcds.js';
import { codeOf } from './lookup.js';

interface StandardRow {
  status: string;
  name: string;
  type: string;
  values: string[];
}

function readFieldStandard(): StandardRow[] {
  const rows: string[][] = parse(
    readFileSync(referenceFile('htcds', 'HTCDS Field Standards 2.0.csv'), 'utf8'),
    { relax_column_count: true },
  );
  return rows
    .slice(1)
    .filter((row) => row[6] && /^[a-z]{3}_/.test(row[6]))
    .map((row) => ({
      status: row[1] ?? '',
      name: row[6] ?? '',
      type: row[7] ?? '',
      values: (row[9] ?? '')
        .split('\n')
        .map((v) => v.trim())
        .filter(Boolean),
    }));
}

/** The codelist Coral uses for an HTCDS field. */
function codelistFor(name: string): Codelist | undefined {
  if (name === 'org_Type') return organisationTypes;
  const mapped = [...htcdsFields('thbCase'), ...htcdsFields('offender')].find((f) => f.name === name);
  const type = mapped?.field.type;
  return type && (type.kind === 'code' || type.kind === 'codes' || type.kind === 'flags')
    ? type.codelist
    : undefined;
}

/**
 * HTCDS 2.0 fields Coral does not hold, and why: organisation addresses belong to Coral's organisation
 * records; coordinates and street-level detail of journey stages are more identifying than useful; the
 * deprecated fields are left out as HTCDS itself replaced them.
 */
const notHeld = [
  'org_Name',
  'org_ShippingCity',
  'org_ShippingCountry',
  'org_ShippingState',
  'org_ShippingStreet',
  'org_ShippingPostalCode',
  'org_ShippingLongitude',
  'org_ShippingLatitude',
  'org_Phone',
  'org_Type',
  'prs_MiddleName',
  'prs_MailingLongitude',
  'prs_MailingLatitude',
  'vic_AgreementToManagePersonalData',
  'vic_Vulnerabilities',
  'vic_DetailsOfVulnerabilities',
  'hte_Longitude',
  'hte_Latitude',
  'hte_State',
  'hte_Street',
  'hte_PostalCode',
];

describe('HTCDS 2.0 mapping', () => {
  const standard = readFieldStandard();

  it('maps every picklist value of every current HTCDS 2.0 field to a Coral code', () => {
    const picklists = standard.filter(
      (row) =>
        row.status !== 'DEPRECATED' &&
        /Picklist/.test(row.type) &&
        row.values.length > 0 &&
        !row.values[0]?.startsWith('Use ISO'),
    );
    expect(picklists.length).toBeGreaterThan(15);
    for (const row of picklists) {
      const list = codelistFor(row.name);
      expect({ field: row.name, hasCodelist: list !== undefined }).toEqual({
        field: row.name,
        hasCodelist: true,
      });
      for (const value of row.values) {
        expect({
          field: row.name,
          value,
          code: list && codeOf(list, value, ['htcds']) !== undefined,
        }).toEqual({ field: row.name, value, code: true });
      }
    }
  });

  it('holds every HTCDS field but the ones listed as not held, with reasons', () => {
    const held = new Set([...htcdsFields('thbCase'), ...htcdsFields('offender')].map((f) => f.name));
    const missing = standard.map((row) => row.name).filter((name) => !held.has(name) && name !== 'N/A');
    expect(missing.sort()).toEqual([...notHeld].sort());
  });

  it("reads the official Excel template's header row and its validation lists", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(
      referenceFile('htcds', 'HTCDS Excel Spreadsheet single select with validation v2.0.xlsx'),
    );
    const sheet = workbook.getWorksheet('Case Sheet');
    if (!sheet) throw new Error('the template has no Case Sheet');
    const header = (sheet.getRow(1).values as unknown[]).filter((v): v is string => typeof v === 'string');
    const known = new Set(htcdsFields('thbCase').map((f) => f.name));
    for (const name of header)
      expect({ name, known: known.has(htcdsAliases[name] ?? name) }).toEqual({ name, known: true });
    const validation = workbook.getWorksheet('validation');
    const lists = new Map<string, string[]>();
    validation?.eachRow((row, number) => {
      if (number < 3) return;
      (row.values as unknown[]).forEach((value, column) => {
        if (typeof value === 'string')
          lists.set(String(column), [...(lists.get(String(column)) ?? []), value]);
      });
    });
    const fieldOfList: Record<string, string> = {
      'Method of Recruitment': 'vic_MethodOfRecruitment',
      'Methods of Control': 'vic_MethodsOfControl',
      'Type of Exploitation': 'vic_TypeOfExploitation',
      'Forced Labour Industry': 'vic_ForcedLabourIndustry',
      'Type of Sex Exploitation': 'vic_TypeOfSexExploitation',
      Status: 'cas_Status',
      'Reason for Incoming Referral': 'cas_ReasonForIncomingReferral',
      'Reason for Outgoing Referral': 'cas_ReasonForOutgoingReferral',
      'Trafficking Status': 'vic_TraffickingStatus',
      'Trafficking Status Decision Making Organization': 'vic_TraffickingStatusDecisionMakingOrg',
      Gender: 'prs_Gender',
    };
    let checked = 0;
    for (const [title, ...labels] of lists.values()) {
      const field = title ? fieldOfList[title] : undefined;
      if (!field) continue;
      for (const label of labels) {
        const row = fromHtcdsRow({ [field]: label });
        expect({ field, label, problems: row.problems }).toEqual({ field, label, problems: [] });
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(80);
  });

  it('reads value names, labels, XLSForm space-separated lists and misspelt headers alike', () => {
    const names = fromHtcdsRow({
      vic_TypeOfExploitation: 'ForcedLabour;SexualExploitation',
      vic_TraffickinStatusDecisionMakingOrg: 'Police',
    });
    const labels = fromHtcdsRow({
      vic_TypeOfExploitation: 'Forced labour; Sexual exploitation',
      vic_TraffickingStatusDecisionMakingOrg: 'police',
    });
    const xlsform = fromHtcdsRow({
      vic_TypeOfExploitation: 'ForcedLabour SexualExploitation',
      vic_TraffickingStatusDecisionMakingOrg: 'Police',
    });
    expect(names.record).toEqual(labels.record);
    expect(xlsform.record).toEqual(names.record);
    expect(names.record).toMatchObject({
      formsOfExploitation: { ForcedLabour: true, SexualExploitation: true },
      statusDecidedBy: 'Police',
    });
  });

  it('reports unknown picklist values, bad numbers, dates and checkboxes per column, and keeps going', () => {
    const { record, problems } = fromHtcdsRow({
      prs_Gender: 'Martian',
      prs_Birthdate: '31/12/1999',
      con_Consent: 'perhaps',
      prs_NumberOfChildren: 'two',
      prs_FirstName: 'Ana',
    });
    expect(problems.map((p) => [p.column, p.code])).toEqual([
      ['prs_Gender', 'unknown_value'],
      ['prs_Birthdate', 'invalid_date'],
      ['con_Consent', 'invalid_boolean'],
      ['prs_NumberOfChildren', 'invalid_number'],
    ]);
    expect(record).toEqual({ victim: { givenNames: 'Ana' } });
    expect(JSON.stringify(problems)).not.toContain('Ana');
  });

  it('round-trips any case HTCDS can hold, writing value names or template labels', () => {
    fc.assert(
      fc.property(
        htcdsRepresentableCase(),
        fc.constantFrom('names' as const, 'labels' as const),
        (record, values) => {
          expect(fromHtcdsRow(toHtcdsRow(record, 'thbCase', { values })).record).toEqual(record);
        },
      ),
      { numRuns: 300 },
    );
  });
});
