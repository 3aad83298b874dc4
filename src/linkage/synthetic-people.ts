import type { ClkRecord } from './clk-encoder.js';
import { seededRandom } from './seeded-random.js';

/**
 * Synthetic people for linkage tests and benchmarks, in the FEBRL schema's fields (`rec_id`,
 * `given_name`, `surname`, `street_number`, `address_1`, `address_2`, `suburb`, `postcode`, `state`,
 * `date_of_birth`, `soc_sec_id`), each with a corrupted duplicate, as FEBRL's generator makes them.
 * Names and places are assembled from small invented syllable lists: no real person's data. The same
 * seed always gives the same people.
 */

/** Originals (`a`), their duplicates (`b`, shuffled) and which duplicate belongs to which original. */
export interface SyntheticPeople {
  readonly a: ClkRecord[];
  readonly b: ClkRecord[];
  /** `truth[i]` is the index in `b` of the duplicate of `a[i]`. */
  readonly truth: Uint32Array;
}

export interface SyntheticPeopleOptions {
  /** Seed of the random source (default 1). */
  readonly seed?: number;
  /** Corruptions applied to each duplicate: at least 1, at most this many (default 2). */
  readonly maxCorruptions?: number;
}

const starts = [
  'ka',
  'ma',
  'jo',
  'li',
  'so',
  'ta',
  'ne',
  'ro',
  'da',
  'vi',
  'el',
  'an',
  'mi',
  'sa',
  'be',
  'lu',
];
const middles = ['ri', 'na', 'le', 'to', 'si', 'ra', 'mo', 'de', 'li', 'ka', 'ne', 'va', '', '', ''];
const ends = ['a', 'o', 'n', 'el', 'ia', 'on', 'ette', 'son', 'ley', 'ton', 'er', 'is', 'an', 'ine'];
const streetKinds = ['street', 'road', 'avenue', 'crescent', 'place', 'close', 'drive', 'lane'];
const buildings = ['', '', '', 'unit', 'flat', 'villa', 'the lodge', 'rose court', 'palm house'];
const states = ['nsw', 'vic', 'qld', 'wa', 'sa', 'tas', 'act', 'nt'];
const letters = 'abcdefghijklmnopqrstuvwxyz';

type Random = () => number;

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const integer = (random: Random, low: number, high: number) => low + Math.floor(random() * (high - low + 1));

function word(random: Random, syllables: number): string {
  let text = pick(random, starts);
  for (let s = 1; s < syllables; s++) text += pick(random, middles);
  return text + pick(random, ends);
}

function birthDate(random: Random): string {
  const [year, month, day] = [integer(random, 1920, 2010), integer(random, 1, 12), integer(random, 1, 28)];
  return `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
}

function person(random: Random, index: number): Record<string, string> {
  return {
    rec_id: `rec-${index}-org`,
    given_name: word(random, integer(random, 1, 3)),
    surname: word(random, integer(random, 2, 3)),
    street_number: String(integer(random, 1, 300)),
    address_1: `${word(random, 2)} ${pick(random, streetKinds)}`,
    address_2: pick(random, buildings),
    suburb: word(random, 2),
    postcode: String(integer(random, 1000, 9999)),
    state: pick(random, states),
    date_of_birth: birthDate(random),
    soc_sec_id: String(integer(random, 1_000_000, 9_999_999)),
  };
}

/** One typo, as FEBRL makes them: a substituted, inserted, deleted or transposed character. */
export function typo(random: Random, text: string): string {
  if (text.length < 2) return text + pick(random, [...letters]);
  const at = Math.floor(random() * text.length);
  const letter = pick(random, [...letters]);
  switch (Math.floor(random() * 4)) {
    case 0:
      return text.slice(0, at) + letter + text.slice(at + 1);
    case 1:
      return text.slice(0, at) + letter + text.slice(at);
    case 2:
      return text.slice(0, at) + text.slice(at + 1);
    default: {
      const i = Math.min(at, text.length - 2);
      return text.slice(0, i) + text.charAt(i + 1) + text.charAt(i) + text.slice(i + 2);
    }
  }
}

/** A digit other than the first changed, so the value keeps its length and stays in range. */
function changeDigit(random: Random, digits: string): string {
  const at = integer(random, 1, digits.length - 1);
  const old = Number(digits.charAt(at));
  const replacement = (old + integer(random, 1, 9)) % 10;
  return digits.slice(0, at) + String(replacement) + digits.slice(at + 1);
}

const textFields = ['given_name', 'surname', 'address_1', 'suburb'] as const;
/** Fields the FEBRL schema lets be blank (a missing-value sentinel, or a free string). */
const blankable = ['given_name', 'street_number', 'address_2', 'state', 'date_of_birth'] as const;

function corrupt(random: Random, record: Record<string, string>): void {
  const kind = random();
  if (kind < 0.55) {
    const field = pick(random, textFields);
    record[field] = typo(random, record[field] ?? '');
  } else if (kind < 0.65) {
    [record.given_name, record.surname] = [record.surname ?? '', record.given_name ?? ''];
  } else if (kind < 0.85) {
    const field = random() < 0.5 ? 'postcode' : 'date_of_birth';
    const value = record[field] ?? '';
    if (value.length > 1) record[field] = changeDigit(random, value);
  } else {
    record[pick(random, blankable)] = '';
  }
}

/**
 * `count` synthetic people and a corrupted duplicate of each (1 to `maxCorruptions` of: a typo in a
 * name, street or suburb; given name and surname swapped; a digit changed in the postcode or birth
 * date; a blank field), the duplicates shuffled, with the truth.
 *
 * @example
 * const { a, b, truth } = syntheticPeople(1000, { seed: 7 });
 * b[truth[0]].rec_id; // 'rec-0-dup-0', the corrupted duplicate of a[0] ('rec-0-org')
 */
export function syntheticPeople(count: number, options: SyntheticPeopleOptions = {}): SyntheticPeople {
  const random = seededRandom(options.seed ?? 1);
  const maxCorruptions = Math.max(1, options.maxCorruptions ?? 2);
  const a = Array.from({ length: count }, (_, i) => person(random, i));
  const duplicates = a.map((original, i) => {
    const copy = { ...original, rec_id: `rec-${i}-dup-0` };
    const times = integer(random, 1, maxCorruptions);
    for (let c = 0; c < times; c++) corrupt(random, copy);
    return copy;
  });
  // Fisher–Yates over positions: order[k] is the original whose duplicate sits at k in b.
  const order = Uint32Array.from({ length: count }, (_, i) => i);
  for (let k = count - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [order[k], order[j]] = [order[j] as number, order[k] as number];
  }
  const truth = new Uint32Array(count);
  const b = Array.from(order, (original, k) => {
    truth[original] = k;
    return duplicates[original] as Record<string, string>;
  });
  return { a, b, truth };
}
