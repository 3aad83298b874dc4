import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../src/platform/paths.js';

type Tree = { [key: string]: string | Tree };

const read = (language: string): Tree =>
  JSON.parse(readFileSync(join(packageRoot(), 'web', 'src', 'i18n', 'locales', `${language}.json`), 'utf8'));

/** Every message as key → text, keys dotted. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(`${prefix}${key}`, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('web app translations', () => {
  const english = flatten(read('en'));
  it.each(['es', 'fr', 'nl'])(
    '%s has every English message, with the same placeholders, none empty',
    (language) => {
      const other = flatten(read(language));
      expect([...other.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, text] of english) {
        const translated = other.get(key) ?? '';
        expect(translated.trim(), key).not.toBe('');
        expect(variables(translated), key).toEqual(variables(text));
      }
    },
  );
});
