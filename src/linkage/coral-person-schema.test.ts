import { describe, expect, it } from 'vitest';
import { createClkEncoder } from './clk-encoder.js';
import {
  coralPersonSchema,
  foldName,
  type PersonForLinkage,
  personLinkageValues,
} from './coral-person-schema.js';
import { parseLinkageSchema } from './linkage-schema.js';
import { secretFingerprint } from './secret-fingerprint.js';
import { dice } from './similarity.js';

const encoder = createClkEncoder(coralPersonSchema, 'synthetic-secret-for-the-test');
const encode = (person: PersonForLinkage) => encoder.encode(personLinkageValues('x', person));
const similarity = (a: PersonForLinkage, b: PersonForLinkage) => dice(encode(a), encode(b));

describe("Coral's person linkage schema", () => {
  it('is a valid linkage schema v3 of 1024-bit CLKs', () => {
    expect(parseLinkageSchema(coralPersonSchema).clkConfig.l).toBe(1024);
  });

  it('folds spellings of French, Creole, Spanish and Dutch names together', () => {
    expect(foldName('Jozèf')).toBe(foldName('Joseph'));
    expect(foldName('Marie')).toBe(foldName('Mari'));
    expect(foldName('Thomas')).toBe(foldName('Tomas'));
    expect(foldName('Gonçalves')).toBe(foldName('Gonsalves'));
    expect(foldName('Rijkaard')).toBe(foldName('Rykaard'));
    expect(foldName('Ana')).not.toBe(foldName('Eva'));
  });

  it('drops particles and ignores the order of names and of given and family names', () => {
    const a = personLinkageValues('a', { givenNames: 'María José', familyNames: 'de la Cruz Pérez' });
    const b = personLinkageValues('b', { givenNames: 'Cruz Perez', familyNames: 'Maria Jose' });
    expect(a.names).toBe(b.names);
    expect(a.names).toBe('crus jos maria peres');
    expect(personLinkageValues('c', { familyNames: 'van der Berg' }).familyName).toBe('berg');
  });

  it('splits the birth date and leaves out what is missing', () => {
    const values = personLinkageValues('a', {
      birthDate: '1990-04-02',
      gender: 'Feminine',
      citizenships: ['DO', 'HT'],
    });
    expect(values).toMatchObject({
      birthYear: '1990',
      birthMonthDay: '0402',
      sex: 'feminine',
      citizenship: 'DO',
    });
    const empty = personLinkageValues('b', { birthDate: 'unknown', citizenships: ['not a code'] });
    expect(empty).toMatchObject({ names: '', birthYear: '', birthMonthDay: '', sex: '', citizenship: '' });
    expect(encoder.encode(empty).every((byte) => byte === 0)).toBe(true);
  });

  it('scores spellings of one person above 0.8 and different people well below', () => {
    const joseph = {
      givenNames: 'Joseph Pierre',
      familyNames: 'Jean-Baptiste',
      birthDate: '1994-03-12',
      gender: 'Masculine',
      citizenships: ['HT'],
    };
    const jozef = { ...joseph, givenNames: 'Jozèf Pyè', familyNames: 'Jan Batis' };
    const typo = { ...joseph, birthDate: '1994-03-21' };
    const other = {
      givenNames: 'Marie',
      familyNames: 'Louis',
      birthDate: '1990-11-02',
      gender: 'Feminine',
      citizenships: ['HT'],
    };
    expect(similarity(joseph, jozef)).toBeGreaterThan(0.8);
    expect(similarity(joseph, typo)).toBeGreaterThan(0.85);
    expect(similarity(joseph, other)).toBeLessThan(0.6);
  });
});

describe('secret fingerprints', () => {
  it('are the same for one secret, differ between secrets and refuse short ones', () => {
    expect(secretFingerprint('a-long-enough-secret')).toBe(secretFingerprint('a-long-enough-secret'));
    expect(secretFingerprint('a-long-enough-secret')).not.toBe(secretFingerprint('a-long-enough-secreT'));
    expect(secretFingerprint('a-long-enough-secret')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(() => secretFingerprint('short')).toThrow(/too short/);
  });
});
