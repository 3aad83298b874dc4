import type { CountryCode } from '../codelists/countries.js';
import type { exploitationForms } from '../codelists/thb.js';

type ExploitationForm = (typeof exploitationForms.entries)[number]['code'];

/** Indicators Coral reports in the shape of UNODC's Global Report on Trafficking in Persons (GLOTIP). */
export const glotipIndicators = {
  detectedVictims: 'Detected trafficking victims',
  suspects: 'Persons brought into formal contact with the police and/or criminal justice system',
  prosecuted: 'Persons prosecuted',
  convicted: 'Persons convicted',
} as const;

export type GlotipIndicator = keyof typeof glotipIndicators;

/** GLOTIP's categories of the form of exploitation, for every Coral form. */
export const glotipFormCategories: Readonly<Record<ExploitationForm, string>> = {
  SexualExploitation: 'Sexual exploitation',
  ForcedLabour: 'Forced labour',
  ForcedMarriage: 'Forced marriage',
  ForcedCriminality: 'Forced criminal activity',
  ForcedBegging: 'Begging',
  OrganRemoval: 'Organ removal',
  MilitaryUse: 'Child soldiers and other military use',
  SlaveryAndSimilarPractices: 'Other forms of exploitation',
  Servitude: 'Other forms of exploitation',
  ChildLabour: 'Other forms of exploitation',
  ForcedAdoption: 'Illegal adoption',
  Surrogacy: 'Other forms of exploitation',
  Other: 'Other forms of exploitation',
};

/** One cell of a Coral aggregate table, already through disclosure control (`value` null = suppressed). */
export interface AggregateCell {
  year: number;
  sex?: 'Female' | 'Male' | 'Unknown';
  age?: 'Adult' | 'Child' | 'Unknown';
  formOfExploitation?: ExploitationForm;
  citizenship?: CountryCode;
  value: number | null;
}

/** A Coral aggregate table for one indicator and one country. */
export interface CoralAggregate {
  indicator: GlotipIndicator;
  country: CountryCode;
  cells: readonly AggregateCell[];
}

/** A row shaped as UNODC's GLOTIP data: one value for an indicator, dimension, category, sex, age and year. */
export interface GlotipRow {
  Country: string;
  Indicator: string;
  Dimension: string;
  Category: string;
  Sex: string;
  Age: string;
  Year: number;
  /** The count, or null where disclosure control suppressed it (published as "<5" or blank). */
  value: number | null;
}

/**
 * Turns a Coral aggregate into GLOTIP-shaped rows. Several Coral forms that GLOTIP groups together
 * ("Other forms of exploitation") are summed; a group holding any suppressed cell is suppressed whole,
 * so no suppressed value can be recovered from a GLOTIP row.
 *
 * @example
 * toGlotipRows({ indicator: 'detectedVictims', country: 'TT', cells: [{ year: 2024, sex: 'Female', value: 12 }] });
 */
export function toGlotipRows(aggregate: CoralAggregate): GlotipRow[] {
  const grouped = new Map<string, GlotipRow>();
  for (const cell of aggregate.cells) {
    const { dimension, category } = dimensionOf(cell);
    const row: GlotipRow = {
      Country: aggregate.country,
      Indicator: glotipIndicators[aggregate.indicator],
      Dimension: dimension,
      Category: category,
      Sex: cell.sex ?? 'Total',
      Age: cell.age === 'Child' ? 'Minor' : (cell.age ?? 'Total'),
      Year: cell.year,
      value: cell.value,
    };
    const key = [row.Dimension, row.Category, row.Sex, row.Age, row.Year].join('|');
    const existing = grouped.get(key);
    if (!existing) grouped.set(key, row);
    else existing.value = existing.value === null || row.value === null ? null : existing.value + row.value;
  }
  return [...grouped.values()];
}

function dimensionOf(cell: AggregateCell): { dimension: string; category: string } {
  if (cell.formOfExploitation)
    return { dimension: 'by form of exploitation', category: glotipFormCategories[cell.formOfExploitation] };
  if (cell.citizenship) return { dimension: 'by citizenship', category: cell.citizenship };
  return { dimension: cell.sex || cell.age ? 'by sex and age' : 'Total', category: 'Total' };
}
