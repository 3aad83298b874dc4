/** A record of the standard as JSON: nested objects, arrays, strings, numbers, booleans. */
export type CoralRecord = Record<string, unknown>;

/** The value at a dotted path ("victim.gender", "outgoingReferrals.0.date"), or undefined. */
export function getPath(record: CoralRecord, path: string): unknown {
  let current: unknown = record;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key]; // checked: an object (arrays index by numeric key)
  }
  return current;
}

/** Sets the value at a dotted path, creating objects on the way (and arrays for numeric keys). */
export function setPath(record: CoralRecord, path: string, value: unknown): void {
  const keys = path.split('.');
  let current: Record<string, unknown> = record;
  keys.forEach((key, i) => {
    if (i === keys.length - 1) {
      current[key] = value;
      return;
    }
    const nextIsIndex = /^\d+$/.test(keys[i + 1] ?? '');
    if (typeof current[key] !== 'object' || current[key] === null) current[key] = nextIsIndex ? [] : {};
    current = current[key] as Record<string, unknown>; // checked: just made an object or array
  });
}
