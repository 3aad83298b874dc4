import type { Labels } from '../languages.js';

/** One value of a codelist: a stable code that never changes meaning, and its labels. */
export interface CodelistEntry<C extends string = string> {
  code: C;
  labels: Labels;
  /** The HTCDS 2.0 picklist value name this code stands for, where there is one. */
  htcds?: string;
  /** The HTCDS 2.0 picklist label (as the official Excel templates write it), where it differs from `labels.en`. */
  htcdsLabel?: string;
  /** The CTDC global-dataset column or value this code stands for, where there is one. */
  ctdc?: string;
  /** The words CTDC writes for this code in its concatenated columns, where they differ from `labels.en`. */
  ctdcLabel?: string;
  /** The CTDC value this code is exported as when CTDC has no value of its own (several codes to one). */
  ctdcExport?: string;
  /** Longer explanation, in English, where the label alone could be misread. */
  definition?: string;
}

/** A closed list of values for a field, with labels in every language. */
export interface Codelist<C extends string = string> {
  id: string;
  /** What the list is, in every language. */
  labels: Labels;
  /** Where the list comes from (HTCDS 2.0, CTDC, ISIC, UNODC, ISO ...). */
  source: string;
  /** True for ISO lists (countries, languages) whose codes HTCDS uses as they are. */
  htcdsUsesCodes?: boolean;
  entries: readonly CodelistEntry<C>[];
}

/** The codes of a codelist, as a tuple zod's `z.enum` accepts. */
export function codesOf<C extends string>(list: Codelist<C>): [C, ...C[]] {
  const codes = list.entries.map((entry) => entry.code);
  if (codes.length === 0) throw new Error(`Codelist ${list.id} is empty.`);
  return codes as [C, ...C[]]; // checked: non-empty just above
}

/** Labels in the four languages, in the order en, es, fr, nl. */
export function labels(en: string, es: string, fr: string, nl: string): Labels {
  return { en, es, fr, nl };
}

/**
 * Shorthand for a codelist entry.
 *
 * @example
 * entry('Female', labels('Female', 'Mujer', 'Femme', 'Vrouw'), { htcds: 'Feminine' })
 */
export function entry<C extends string>(
  code: C,
  names: Labels,
  extra: Omit<CodelistEntry<C>, 'code' | 'labels'> = {},
): CodelistEntry<C> {
  return { code, labels: names, ...extra };
}
