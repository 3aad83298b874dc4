import { describe, expect, it } from 'vitest';
import { validateProceeding, validateSomIncident, validateThbCase } from './validate.js';

const base = { traffickingStatus: 'PossibleVictimOfTrafficking', victim: {} };
const codesOf = (result: { problems: Array<{ path: string; code: string; severity: string }> }) =>
  result.problems.map((p) => `${p.severity}:${p.path}:${p.code}`);

describe('cross-field rules: trafficking cases', () => {
  it('refuses exploitation that ends before it starts', () => {
    const result = validateThbCase({
      ...base,
      exploitationStartDate: '2024-05-01',
      exploitationEndDate: '2024-04-30',
    });
    expect(codesOf(result)).toEqual(['error:exploitationEndDate:end_before_start']);
    expect(result.ok).toBe(false);
  });

  it('checks the age band and adult/minor against the birth date, and flags minors', () => {
    const result = validateThbCase({
      ...base,
      identificationDate: '2024-03-01',
      victim: { birthDate: '2008-06-01', ageBand: '18-20', majorityStatus: 'Adult' },
    });
    expect(codesOf(result)).toEqual([
      'error:victim.ageBand:age_band_mismatch',
      'error:victim.majorityStatus:majority_mismatch',
      'warning:victim:minor',
    ]);
  });

  it('accepts a consistent child case, with the minor warning only', () => {
    const result = validateThbCase({
      ...base,
      identificationDate: '2024-03-01',
      victim: { birthDate: '2010-06-01', ageBand: '9-17', majorityStatus: 'Minor' },
    });
    expect(result.ok).toBe(true);
    expect(codesOf(result)).toEqual(['warning:victim:minor']);
  });

  it('asks for a form of exploitation for an identified victim', () => {
    const none = validateThbCase({ ...base, traffickingStatus: 'ActualVictimOfTrafficking' });
    expect(codesOf(none)).toEqual(['warning:formsOfExploitation:exploitation_required']);
    const given = validateThbCase({
      ...base,
      traffickingStatus: 'ActualVictimOfTrafficking',
      formsOfExploitation: { ForcedLabour: true },
    });
    expect(codesOf(given)).toEqual([]);
  });

  it('catches a year that disagrees with the date, a birth after identification, a domestic case across borders', () => {
    const result = validateThbCase({
      ...base,
      identificationDate: '2023-12-31',
      identificationYear: 2024,
      victim: { birthDate: '2024-01-02' },
      recruitmentCountry: 'VE',
      exploitationCountry: 'TT',
      scope: 'Domestic',
    });
    expect(codesOf(result)).toEqual([
      'error:identificationYear:year_mismatch',
      'error:victim.birthDate:birth_after_event',
      'error:scope:scope_mismatch',
    ]);
  });

  it('speaks the reader’s language', () => {
    const result = validateThbCase(
      { ...base, exploitationStartDate: '2024-05-01', exploitationEndDate: '2024-04-30' },
      { language: 'nl' },
    );
    expect(result.problems[0]?.message).toBe('Einde van de uitbuiting: eindigt vóór het begint.');
  });
});

describe('cross-field rules: smuggling incidents and proceedings', () => {
  it('adds up the migrants, bounds unaccompanied children, and ties vessels to the sea', () => {
    const result = validateSomIncident({
      detectionDate: '2025-01-10',
      detectionCountry: 'TT',
      migrantsTotal: 30,
      migrantGroups: [
        { sex: 'Female', ageGroup: 'Adult', count: 10 },
        { sex: 'Male', ageGroup: 'Child', count: 4 },
      ],
      unaccompaniedChildren: 5,
      transportModes: ['Land'],
      vesselType: 'SmallOpenBoat',
      feeAmount: 1500,
    });
    expect(codesOf(result)).toEqual([
      'error:migrantGroups:groups_total_mismatch',
      'error:unaccompaniedChildren:exceeds_children',
      'error:vesselType:vessel_without_sea',
      'error:feeCurrency:currency_required',
    ]);
    expect(result.problems[0]?.message).toBe(
      'Migrants by sex, age and citizenship: the groups add up to 14, not the total of 30.',
    );
  });

  it('keeps a proceeding’s stages in order and sentences for convictions only', () => {
    const result = validateProceeding({
      offences: ['TraffickingInPersons'],
      stage: 'Decided',
      investigation: { startDate: '2024-02-01' },
      prosecution: { startDate: '2024-01-01' },
      sentence: { types: ['Imprisonment'], imprisonmentMonths: 60 },
    });
    expect(codesOf(result)).toEqual([
      'error:prosecution.startDate:date_order',
      'error:sentence:sentence_without_conviction',
      'error:decision:decision_required',
    ]);
  });
});
