/** A record of the standard as JSON: nested objects, arrays, strings, numbers, booleans. */
export type CoralRecord = Record<string, unknown>;

/** The value at a dotted path ("victim.gender", "outgoingReferrals.0.date"), or undefined. */
export function getPath(record: CoralRecord, path: string): unknown {
  let current: unknown = record;
  for (const key of keysOf(path).keys) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key]; // checked: an object (arrays index by numeric key)
  }
  return current;
}

/** Sets the value at a dotted path, creating objects on the way (and arrays for numeric keys). */
export function setPath(record: CoralRecord, path: string, value: unknown): void {
  const { keys, indexes } = keysOf(path);
  let current: Record<string, unknown> = record;
  const last = keys.length - 1;
  for (let i = 0; i < last; i++) {
    const key = keys[i] as string;
    if (typeof current[key] !== 'object' || current[key] === null) current[key] = indexes[i + 1] ? [] : {};
    current = current[key] as Record<string, unknown>; // checked: just made an object or array
  }
  current[keys[last] as string] = value;
}

/**
 * A path's keys, and which are list indexes. Paths come from the standard and repeat on every row of
 * an import, so they are split once (up to a bound, as some come from files).
 */
function keysOf(path: string): { keys: string[]; indexes: boolean[] } {
  let split = splitPaths.get(path);
  if (!split) {
    const keys = path.split('.');
    split = { keys, indexes: keys.map((key) => /^\d+$/.test(key)) };
    if (splitPaths.size < 10_000) splitPaths.set(path, split);
  }
  return split;
}

const splitPaths = new Map<string, { keys: string[]; indexes: boolean[] }>();
