import { nameTokens } from '../standard/names.js';
import type { ClkRecord } from './clk-encoder.js';
import type { LinkageSchemaInput } from './linkage-schema.js';

/**
 * Coral's default linkage schema for persons, and the normalisation that turns a person of the standard
 * (a victim of a THB case, a suspect) into the values it encodes. Both sides of a linkage must prepare
 * values the same way, so the normalisation lives here beside the schema and the CLI, the service and
 * the web use only this.
 *
 * Why these features (docs/standard.md, "Record linkage"):
 * - Names are written differently across the region's languages for the same person: diacritics
 *   (José / Jose), particles (María de la Cruz / Maria Cruz, Van der Berg / Berg), order (Spanish
 *   double surnames; given and family names swapped between systems) and spelling between French and
 *   Haitian Creole (Joseph / Jozèf, Marie / Mari, Pierre / Pyè) or Dutch and Papiamento (ij / y).
 *   So names are folded (see {@link foldName}) and encoded three ways: every name token in alphabetical
 *   order (robust to order and to given/family swaps), the first given name, and the family names.
 * - The birth date is split into year and month-and-day with positional digits, so one wrong digit,
 *   or a day and month swapped, still shares most tokens.
 * - Sex and the first citizenship are encoded exactly: they rarely differ between records of one person
 *   and cheaply separate people with similar names.
 * - Keyed BLAKE2b (clkhash's default) and 1024-bit filters, so encodings are interoperable with clkhash
 *   0.18 and anonlink given this schema and the same secret.
 */

/** A feature hashed with keyed BLAKE2b, `bits` insertions, a missing value ('') inserting nothing. */
function feature(
  identifier: string,
  format: Record<string, unknown>,
  comparison: Record<string, unknown>,
  bits: number,
) {
  return {
    identifier,
    format,
    hashing: {
      comparison,
      strategy: { bitsPerFeature: bits },
      hash: { type: 'blakeHash' },
      missingValue: { sentinel: '' },
    },
  };
}

const text = (maxLength: number) => ({ type: 'string', encoding: 'utf-8', maxLength });
const ascii = (pattern: string) => ({ type: 'string', encoding: 'ascii', pattern });
const bigrams = { type: 'ngram', n: 2 };
const positionalDigits = { type: 'ngram', n: 1, positional: true };
const exact = { type: 'exact' };

/** Inserted bits per feature: names carry most of the identity, then the birth date. */
export const coralPersonSchema = {
  version: 3,
  clkConfig: {
    l: 1024,
    kdf: {
      type: 'HKDF',
      hash: 'SHA256',
      // Public and fixed: the parties' shared secret is the key; the salt only separates Coral's use.
      salt: Buffer.from('coral person linkage schema v1').toString('base64'),
      info: Buffer.from('coral-person').toString('base64'),
      keySize: 64,
    },
  },
  features: [
    { identifier: 'id', ignored: true },
    feature('names', text(256), bigrams, 170),
    feature('givenName', text(64), bigrams, 80),
    feature('familyName', text(128), bigrams, 100),
    feature('birthYear', ascii('(\\d{4})?'), positionalDigits, 60),
    feature('birthMonthDay', ascii('(\\d{4})?'), positionalDigits, 60),
    feature('sex', ascii('[a-z]*'), exact, 20),
    feature('citizenship', ascii('([A-Z]{2})?'), exact, 25),
  ],
} as LinkageSchemaInput;

/** Spellings folded together, applied in order after diacritics are gone and case is lowered. */
const foldings: ReadonlyArray<readonly [RegExp, string]> = [
  [/ph/g, 'f'], // Joseph / Jozèf, Philippe / Filip
  [/ij/g, 'y'], // Dutch ij, written y in Papiamento and by many clerks
  [/y/g, 'i'], // Pyè / Pierre, Yvonne / Ivonne
  [/z/g, 's'], // Jozèf / Joseph, Gonzalez / Gonsalez
  [/k/g, 'c'], // Kreyòl k for French c and qu
  [/qu/g, 'c'],
  [/w/g, 'v'], // Dutch w / v in clerks' spellings; Creole w for French ou is left to the bigrams
  [/h/g, ''], // silent in French, Spanish and Creole: Hélène / Elèn, Thomas / Tomas
  [/(.)\1+/g, '$1'], // double letters: Pierre / Pyè → pier / pie
  [/(..)e$/g, '$1'], // a silent final e: Marie / Mari, Anne / An, José / Jose
];

/**
 * A name token as Coral compares it across languages: diacritics removed, lower case, and spellings
 * that differ between French, Spanish, Dutch and their Creoles folded together. The folding is applied
 * to both sides, so it can only make records of one person closer; it costs a little discrimination
 * between different people, which the birth date and other features make up.
 *
 * @example
 * foldName('Jozèf'); // 'josef'
 * foldName('Joseph'); // 'josef'
 * foldName('Marie'); // 'mari'
 */
export function foldName(token: string): string {
  let folded = token
    .replace(/[çÇ]/g, 's') // Gonçalves / Gonsalves: a soft c, before the cedilla goes
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/[^a-z]/g, '');
  for (const [pattern, replacement] of foldings) folded = folded.replace(pattern, replacement);
  return folded;
}

/** The folded tokens of a name, particles and one-letter initials left out (see `nameTokens`). */
function foldedTokens(name: unknown): string[] {
  if (typeof name !== 'string') return [];
  return nameTokens(name.replace(/[-'’]/g, ' '))
    .map(foldName)
    .filter((token) => token.length > 0);
}

/** What the schema encodes for one person: the standard's person fields, as stored in a record. */
export interface PersonForLinkage {
  givenNames?: unknown;
  familyNames?: unknown;
  birthDate?: unknown;
  gender?: unknown;
  citizenships?: unknown;
}

/**
 * The values {@link coralPersonSchema} encodes for a person of the standard, keyed by its feature
 * identifiers (`id` is the record's id, which is not encoded). Missing fields become '' (hashed as
 * nothing).
 *
 * @example
 * personLinkageValues('r1', { givenNames: 'José María', familyNames: 'de la Cruz Pérez', birthDate: '1990-04-02', gender: 'Female', citizenships: ['DO'] });
 * // { id: 'r1', names: 'crus jos maria peres', givenName: 'jos', familyName: 'crus peres',
 * //   birthYear: '1990', birthMonthDay: '0402', sex: 'female', citizenship: 'DO' }
 */
export function personLinkageValues(id: string, person: PersonForLinkage): ClkRecord {
  const given = foldedTokens(person.givenNames);
  const family = foldedTokens(person.familyNames);
  const all = [...new Set([...given, ...family])].sort();
  const birth =
    typeof person.birthDate === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(person.birthDate) : null;
  const citizenship = Array.isArray(person.citizenships) ? person.citizenships[0] : undefined;
  return {
    id,
    names: all.join(' ').slice(0, 256),
    givenName: (given[0] ?? '').slice(0, 64),
    familyName: [...family].sort().join(' ').slice(0, 128),
    birthYear: birth ? (birth[1] as string) : '',
    birthMonthDay: birth ? `${birth[2]}${birth[3]}` : '',
    sex: typeof person.gender === 'string' ? person.gender.toLowerCase().replace(/[^a-z]/g, '') : '',
    citizenship: typeof citizenship === 'string' && /^[A-Z]{2}$/.test(citizenship) ? citizenship : '',
  };
}
