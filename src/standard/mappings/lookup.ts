import type { Codelist, CodelistEntry } from '../codelists/codelist.js';

/** Ways an outside source may write a code. */
export type Spelling = 'code' | 'htcds' | 'htcdsLabel' | 'label' | 'ctdc';

const normalise = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Finds the code an outside value stands for, comparing without regard to case or spacing, trying
 * the given spellings in order. Undefined when nothing matches.
 *
 * @example
 * codeOf(genders, 'Transgender Feminine', ['htcds', 'htcdsLabel', 'label']); // 'TransgenderFeminine'
 */
export function codeOf(list: Codelist, value: string, spellings: readonly Spelling[]): string | undefined {
  const wanted = normalise(value);
  if (!wanted) return undefined;
  return spellingIndex(list, spellings).get(wanted);
}

/** Per codelist and spelling order: every normalised spelling → its code (the first spelling wins). */
const indexes = new WeakMap<Codelist, Map<string, Map<string, string>>>();

function spellingIndex(list: Codelist, spellings: readonly Spelling[]): Map<string, string> {
  let byOrder = indexes.get(list);
  if (!byOrder) {
    byOrder = new Map();
    indexes.set(list, byOrder);
  }
  const key = spellings.join(',');
  let index = byOrder.get(key);
  if (!index) {
    index = new Map();
    for (const spelling of spellings) {
      for (const entry of list.entries) {
        for (const text of spellingsOf(entry, spelling)) {
          const normalised = normalise(text);
          if (normalised && !index.has(normalised)) index.set(normalised, entry.code);
        }
      }
    }
    byOrder.set(key, index);
  }
  return index;
}

/** The entry of a code, or undefined. */
export function entryOf(list: Codelist, code: string): CodelistEntry | undefined {
  return list.entries.find((entry) => entry.code === code);
}

function spellingsOf(entry: CodelistEntry, spelling: Spelling): string[] {
  switch (spelling) {
    case 'code':
      return [entry.code];
    case 'htcds':
      return entry.htcds ? [entry.htcds] : [];
    case 'htcdsLabel':
      return [entry.htcdsLabel ?? entry.labels.en];
    case 'label':
      return Object.values(entry.labels);
    case 'ctdc':
      return entry.ctdc ? [entry.ctdc] : [];
  }
}

/** A problem met while mapping an outside row: which column, what, and (for coded columns only) the value. */
export interface MappingProblem {
  column: string;
  code: 'unknown_value' | 'invalid_number' | 'invalid_date' | 'invalid_flag' | 'invalid_boolean';
  message: string;
  /** The value that was not understood; given only for coded columns, never for free text. */
  value?: string;
}

/** A row mapped into a Coral record, with what could not be understood. */
export interface Mapped {
  record: Record<string, unknown>;
  problems: MappingProblem[];
}
