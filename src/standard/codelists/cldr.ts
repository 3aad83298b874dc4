import { type Labels, languages } from '../languages.js';

/**
 * Names of regions, languages and currencies in every Coral language, from the runtime's CLDR data
 * (`Intl.DisplayNames`, in Node.js and every current browser), capitalised for use as labels.
 * `overrides` supplies names CLDR lacks.
 */
export function labelsFromCldr(
  type: 'region' | 'language' | 'currency',
  code: string,
  overrides: Partial<Labels> = {},
): Labels {
  const result = {} as Labels; // filled for every language just below
  for (const language of languages) {
    const name =
      overrides[language] ?? new Intl.DisplayNames([language], { type, fallback: 'code' }).of(code) ?? code;
    result[language] = name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
  }
  return result;
}
