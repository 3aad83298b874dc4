/**
 * Name particles in the region's languages, left out when names are compared: "María de la Cruz" and
 * "Maria Cruz" should find each other.
 */
export const nameParticles = new Set([
  'de',
  'del',
  'la',
  'las',
  'los',
  'y',
  'e',
  'da',
  'das',
  'do',
  'dos',
  'van',
  'der',
  'den',
  'ter',
  'ten',
  'le',
  'du',
  'des',
  'st',
  'mc',
  'mac',
]);

/**
 * Normalised tokens of a name for comparison: diacritics removed, lower case, letters only, particles
 * dropped, each token once. The same function feeds the blind index and searches.
 *
 * @example
 * nameTokens('José-María de la Cruz'); // ['jose', 'maria', 'cruz']
 */
export function nameTokens(name: string): string[] {
  const plain = name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const tokens = plain.split(/[^\p{L}]+/u).filter((token) => token.length > 1 && !nameParticles.has(token));
  return [...new Set(tokens)];
}
