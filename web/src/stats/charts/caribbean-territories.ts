import territories from './caribbean-territories.json' with { type: 'json' };

/** A territory of Coral's Caribbean list. */
export interface CaribbeanTerritory {
  /** ISO 3166-1 alpha-2, e.g. "JM". */
  code: string;
  /** ISO 3166-1 numeric, three digits as world-atlas spells it, e.g. "388". */
  numeric: string;
  /** English short name; pages show their own translation where they have one. */
  name: string;
  /**
   * [longitude, latitude] of the capital (the seat of government for Montserrat, Brades), rounded to
   * 0.01°. Hand-written approximate capital coordinates: they only place a clickable symbol for a
   * territory the geometry lacks, so a few kilometres either way do not matter.
   */
  capital: [number, number];
}

/**
 * Coral's Caribbean territories, also read by scripts/build-caribbean-geometry.mjs to pick and name the
 * geometry: AG AI AW BB BL BM BQ BS BZ CU CW DM DO GD GF GP GY HT JM KN KY LC MF MQ MS PR SR SX TC TT VC VG VI.
 */
export const caribbeanTerritories: readonly CaribbeanTerritory[] = territories.map((t) => ({
  ...t,
  capital: [t.capital[0] ?? 0, t.capital[1] ?? 0],
}));

const byNumeric = new Map(caribbeanTerritories.map((t) => [t.numeric, t.code]));

/**
 * The alpha-2 code of a Caribbean territory from its ISO 3166-1 numeric id, the id world-atlas gives
 * countries; undefined outside Coral's list.
 *
 * @example alpha2FromNumeric('388') // 'JM'
 * @example alpha2FromNumeric(28) // 'AG'
 */
export function alpha2FromNumeric(numeric: string | number): string | undefined {
  return byNumeric.get(String(numeric).padStart(3, '0'));
}
