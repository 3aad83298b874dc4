import fc from 'fast-check';
import { type Codelist, codesOf } from '../standard/codelists/codelist.js';
import { countries } from '../standard/codelists/countries.js';
import { ageBandOf, ageBands, genders, majorityStatuses } from '../standard/codelists/person.js';
import {
  dataSources,
  exploitationForms,
  labourSectors,
  meansOfControl,
  recruiterRelationships,
  sexualExploitationTypes,
} from '../standard/codelists/thb.js';
import { entities } from '../standard/entities/index.js';
import { type EntityId, type FieldDefinition, fieldsOf } from '../standard/field.js';
import { type HtcdsField, htcdsFields } from '../standard/mappings/htcds.js';
import { type CoralRecord, setPath } from '../standard/record-path.js';
import { ageAtIdentification } from '../standard/validation/rules.js';

/**
 * Generators of records of the Coral Data Standard, built from the field definitions themselves: a new
 * field is generated the moment it is defined. `validRecord` repairs what the cross-field rules forbid.
 */

const isoDate = fc
  .integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2030, 11, 31) })
  .map((ms) => new Date(ms).toISOString().slice(0, 10));

function fieldArbitrary(field: FieldDefinition): fc.Arbitrary<unknown> {
  const type = field.type;
  switch (type.kind) {
    case 'text':
      return (
        fc
          .string({ minLength: 1, maxLength: Math.min(type.maxLength, 30), unit: 'grapheme' })
          // The standard counts UTF-16 code units, as zod does; a grapheme may take several.
          .filter((text) => /\S/.test(text) && text.length <= type.maxLength)
      );
    case 'integer':
      return fc.integer({ min: type.min, max: Math.min(type.max, type.min + 500) });
    case 'decimal':
      return fc.integer({ min: 0, max: 10_000_000 }).map((cents) => Math.max(type.min, cents / 100));
    case 'boolean':
      return fc.boolean();
    case 'date':
      return isoDate;
    case 'code':
      return fc.constantFrom(...codesOf(type.codelist));
    case 'codes':
      return fc.uniqueArray(fc.constantFrom(...codesOf(type.codelist)), { maxLength: 3 });
    case 'flags':
      return flagsArbitrary(codesOf(type.codelist));
    case 'reference':
      return fc.uuid();
    case 'references':
      return fc.uniqueArray(fc.uuid(), { maxLength: 3 });
    case 'group':
      return objectArbitrary(type.fields);
    case 'list':
      return fc.array(objectArbitrary(type.fields), { maxLength: 3 });
  }
}

function flagsArbitrary(
  codes: readonly string[],
  minKeys = 0,
): fc.Arbitrary<Record<string, boolean | undefined>> {
  return fc
    .uniqueArray(fc.constantFrom(...codes), { minLength: minKeys, maxLength: Math.min(4, codes.length) })
    .chain((chosen) =>
      fc
        .tuple(...chosen.map(() => fc.boolean()))
        .map((values) => Object.fromEntries(chosen.map((code, i) => [code, values[i]]))),
    );
}

function objectArbitrary(fields: readonly FieldDefinition[]): fc.Arbitrary<CoralRecord> {
  const model = Object.fromEntries(fields.map((field) => [field.id, fieldArbitrary(field)]));
  const requiredKeys = fields.filter((field) => field.required).map((field) => field.id);
  return fc.record(model, { requiredKeys }) as fc.Arbitrary<CoralRecord>;
}

/** A record that passes every field check (types, codelists, limits); cross-field rules may fail. */
export function wellTypedRecord(entityId: EntityId): fc.Arbitrary<CoralRecord> {
  return objectArbitrary(fieldsOf(entities[entityId]));
}

/** A record that passes every check of the standard, cross-field rules included. */
export function validRecord(entityId: EntityId): fc.Arbitrary<CoralRecord> {
  return wellTypedRecord(entityId).map((record) => repair(entityId, structuredClone(record)));
}

/** Changes a generated record just enough to satisfy the cross-field rules. */
function repair(entityId: EntityId, record: CoralRecord): CoralRecord {
  if (entityId === 'thbCase') repairThbCase(record);
  if (entityId === 'somIncident') repairSomIncident(record);
  if (entityId === 'proceeding') repairProceeding(record);
  return record;
}

function repairThbCase(r: CoralRecord): void {
  const [start, end] = [r.exploitationStartDate, r.exploitationEndDate];
  if (typeof start === 'string' && typeof end === 'string' && end < start)
    [r.exploitationStartDate, r.exploitationEndDate] = [end, start];
  if (typeof r.identificationDate === 'string' && r.identificationYear !== undefined)
    r.identificationYear = Number(r.identificationDate.slice(0, 4));
  const victim = r.victim as CoralRecord;
  if (
    typeof victim.birthDate === 'string' &&
    typeof r.identificationDate === 'string' &&
    victim.birthDate > r.identificationDate
  ) {
    const identified: string = victim.birthDate;
    victim.birthDate = r.identificationDate;
    r.identificationDate = identified;
    if (r.identificationYear !== undefined) r.identificationYear = Number(identified.slice(0, 4));
  }
  const age = ageAtIdentification(r);
  if (age !== undefined && victim.ageBand !== undefined) victim.ageBand = ageBandOf(age);
  if (age !== undefined && victim.majorityStatus !== undefined)
    victim.majorityStatus = age < 18 ? 'Minor' : 'Adult';
  if (r.traffickingStatus === 'ActualVictimOfTrafficking') {
    r.formsOfExploitation = {
      ...(r.formsOfExploitation as Record<string, boolean> | undefined),
      ForcedLabour: true,
    };
  }
  if (
    typeof r.recruitmentCountry === 'string' &&
    typeof r.exploitationCountry === 'string' &&
    r.recruitmentCountry !== r.exploitationCountry &&
    r.scope === 'Domestic'
  ) {
    r.scope = 'Transnational';
  }
}

function repairSomIncident(r: CoralRecord): void {
  const groups = Array.isArray(r.migrantGroups) ? (r.migrantGroups as CoralRecord[]) : [];
  if (groups.length > 0 && r.migrantsTotal !== undefined)
    r.migrantsTotal = groups.reduce((sum, g) => sum + Number(g.count), 0);
  if (r.unaccompaniedChildren !== undefined) r.unaccompaniedChildren = 0;
  if (r.vesselType !== undefined && Array.isArray(r.transportModes) && !r.transportModes.includes('Sea'))
    r.transportModes = [...r.transportModes, 'Sea'];
  if (r.feeAmount !== undefined && r.feeCurrency === undefined) r.feeCurrency = 'USD';
}

function repairProceeding(r: CoralRecord): void {
  const dates = ['investigation', 'prosecution', 'decision'].map((key) => r[key] as CoralRecord | undefined);
  const [investigation, prosecution, decision] = dates;
  const keys: Array<[CoralRecord | undefined, string]> = [
    [investigation, 'startDate'],
    [prosecution, 'startDate'],
    [decision, 'date'],
  ];
  const present = keys.filter(([group, key]) => group && typeof group[key] === 'string');
  const sorted = present.map(([group, key]) => (group as CoralRecord)[key] as string).sort();
  present.forEach(([group, key], i) => {
    (group as CoralRecord)[key] = sorted[i];
  });
  if (
    investigation &&
    typeof investigation.startDate === 'string' &&
    typeof investigation.endDate === 'string' &&
    investigation.endDate < investigation.startDate
  ) {
    investigation.endDate = investigation.startDate;
  }
  if (r.sentence !== undefined && (r.decision as CoralRecord | undefined)?.outcome !== 'Conviction') {
    r.decision = { ...(r.decision as CoralRecord | undefined), outcome: 'Conviction' };
    if (decision && typeof decision.date === 'string') (r.decision as CoralRecord).date = decision.date;
  }
  if ((r.stage === 'Decided' || r.stage === 'Appeal') && r.decision === undefined)
    r.decision = { outcome: 'Acquittal' };
  const sentence = r.sentence as CoralRecord | undefined;
  if (sentence && (sentence.fineAmount !== undefined || sentence.compensationAmount !== undefined))
    sentence.currency ??= 'USD';
  const assets = r.assets as CoralRecord | undefined;
  if (assets && (assets.frozenValue !== undefined || assets.confiscatedValue !== undefined))
    assets.currency ??= 'USD';
}

const ctdcCodes = (list: { entries: readonly { code: string; ctdc?: string }[] }) =>
  list.entries.filter((e) => e.ctdc).map((e) => e.code);

/** A trafficking case holding only what the CTDC layout can hold, each in the form CTDC holds it. */
export function ctdcRepresentableCase(): fc.Arbitrary<CoralRecord> {
  const optionalFlags = (codes: string[]) => fc.option(flagsArbitrary(codes, 1), { nil: undefined });
  const victim = fc.record(
    {
      gender: fc.constantFrom(...ctdcCodes(genders)),
      ageBand: fc.constantFrom(...codesOf(ageBands)),
      majorityStatus: fc.constantFrom(...codesOf(majorityStatuses)),
      citizenships: fc.constantFrom(...codesOf(countries)).map((code) => [code]),
    },
    { requiredKeys: [] },
  );
  return fc
    .record(
      {
        identificationYear: fc.integer({ min: 2000, max: 2030 }),
        dataSource: fc.constantFrom(...ctdcCodes(dataSources)),
        victim,
        majorityStatusAtExploitation: fc.constantFrom(...codesOf(majorityStatuses)),
        majorityStatusAtEntry: fc.constantFrom(...codesOf(majorityStatuses)),
        exploitationCountry: fc.constantFrom(...codesOf(countries)),
        abducted: fc.boolean(),
        meansOfControl: optionalFlags(ctdcCodes(meansOfControl)),
        formsOfExploitation: optionalFlags(ctdcCodes(exploitationForms)),
        labourSectors: optionalFlags(ctdcCodes(labourSectors)),
        sexualExploitationTypes: optionalFlags(ctdcCodes(sexualExploitationTypes)),
        recruiterRelationship: optionalFlags(ctdcCodes(recruiterRelationships)),
      },
      { requiredKeys: [] },
    )
    .map((record) => {
      const clean = Object.fromEntries(
        Object.entries(record).filter(([, value]) => value !== undefined),
      ) as CoralRecord;
      return { traffickingStatus: 'ActualVictimOfTrafficking', victim: {}, ...clean };
    });
}

/** A value of a field that HTCDS can hold exactly (codes it has a value for, only "yes" flags, trimmed text). */
function htcdsValue(mapped: HtcdsField): fc.Arbitrary<unknown> | undefined {
  const type = mapped.field.type;
  const htcdsCodes = (list: Codelist) =>
    list.entries.filter((e) => e.htcds || list.htcdsUsesCodes).map((e) => e.code);
  switch (type.kind) {
    case 'text':
      return fc
        .string({ minLength: 1, maxLength: 30 })
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
    case 'integer':
      return fc.integer({ min: type.min, max: Math.min(type.max, type.min + 500) });
    case 'decimal':
      return fc.integer({ min: 0, max: 1_000_000 }).map((cents) => cents / 100);
    case 'boolean':
      return fc.boolean();
    case 'date':
      return isoDate;
    case 'code':
      return fc.constantFrom(...htcdsCodes(type.codelist));
    case 'codes':
      return fc.uniqueArray(fc.constantFrom(...htcdsCodes(type.codelist)), { minLength: 1, maxLength: 3 });
    case 'flags': {
      const codes = htcdsCodes(type.codelist);
      const most = mapped.name === 'vic_RelationshipToTrafficker' ? 1 : 3;
      return fc
        .uniqueArray(fc.constantFrom(...codes), { minLength: 1, maxLength: most })
        .map((chosen) => Object.fromEntries(chosen.map((c) => [c, true])));
    }
    case 'list':
      return mapped.name === 'con_Consent'
        ? fc.constantFrom('Given', 'Refused').map((status) => [{ purpose: 'Assistance', status }])
        : undefined;
    default:
      return undefined;
  }
}

/** A trafficking case holding only what an HTCDS row can hold, each in the form HTCDS holds it. */
export function htcdsRepresentableCase(): fc.Arbitrary<CoralRecord> {
  const mapped = htcdsFields('thbCase');
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const field of mapped) {
    const value = htcdsValue(field);
    if (value) model[field.path] = value;
  }
  return fc.record(model, { requiredKeys: [] }).map((values) => {
    const record: CoralRecord = { victim: {} };
    for (const [path, value] of Object.entries(values)) {
      if (value === undefined) continue;
      setPath(record, path, value);
      if (path.endsWith('identityDocuments.0.documentNumber'))
        setPath(record, path.replace(/documentNumber$/, 'documentType'), 'Other');
    }
    return record;
  });
}
