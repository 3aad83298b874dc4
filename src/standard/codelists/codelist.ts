import type { Labels } from '../languages.js';

/** One value of a codelist: a stable code that never changes meaning, and its labels. */
export interface CodelistEntry<C extends string = string> {
  code: C;
  labels: Labels;
  /** The HTCDS 2.0 picklist value this code stands for, where there is one. */
  htcds?: string;
}

/** A closed list of values for a field, with labels in every language. */
export interface Codelist<C extends string = string> {
  id: string;
  entries: readonly CodelistEntry<C>[];
}

/** The codes of a codelist, as a tuple zod's `z.enum` accepts. */
export function codesOf<C extends string>(list: Codelist<C>): [C, ...C[]] {
  const codes = list.entries.map((entry) => entry.code);
  if (codes.length === 0) throw new Error(`Codelist ${list.id} is empty.`);
  return codes as [C, ...C[]]; // checked: non-empty just above
}
