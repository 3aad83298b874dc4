import { labelsFromCldr } from './cldr.js';
import { type Codelist, entry, labels } from './codelist.js';

/**
 * ISO 3166-1 alpha-2: the 249 officially assigned country codes. Labels come from the runtime's CLDR data
 * (`Intl.DisplayNames`) in each language, so there is no second copy of country names to keep current.
 */
// biome-ignore format: a table of codes reads better in rows
export const countryCodes = [
  'AD', 'AE', 'AF', 'AG', 'AI', 'AL', 'AM', 'AO', 'AQ', 'AR', 'AS', 'AT', 'AU', 'AW', 'AX', 'AZ',
  'BA', 'BB', 'BD', 'BE', 'BF', 'BG', 'BH', 'BI', 'BJ', 'BL', 'BM', 'BN', 'BO', 'BQ', 'BR', 'BS',
  'BT', 'BV', 'BW', 'BY', 'BZ', 'CA', 'CC', 'CD', 'CF', 'CG', 'CH', 'CI', 'CK', 'CL', 'CM', 'CN',
  'CO', 'CR', 'CU', 'CV', 'CW', 'CX', 'CY', 'CZ', 'DE', 'DJ', 'DK', 'DM', 'DO', 'DZ', 'EC', 'EE',
  'EG', 'EH', 'ER', 'ES', 'ET', 'FI', 'FJ', 'FK', 'FM', 'FO', 'FR', 'GA', 'GB', 'GD', 'GE', 'GF',
  'GG', 'GH', 'GI', 'GL', 'GM', 'GN', 'GP', 'GQ', 'GR', 'GS', 'GT', 'GU', 'GW', 'GY', 'HK', 'HM',
  'HN', 'HR', 'HT', 'HU', 'ID', 'IE', 'IL', 'IM', 'IN', 'IO', 'IQ', 'IR', 'IS', 'IT', 'JE', 'JM',
  'JO', 'JP', 'KE', 'KG', 'KH', 'KI', 'KM', 'KN', 'KP', 'KR', 'KW', 'KY', 'KZ', 'LA', 'LB', 'LC',
  'LI', 'LK', 'LR', 'LS', 'LT', 'LU', 'LV', 'LY', 'MA', 'MC', 'MD', 'ME', 'MF', 'MG', 'MH', 'MK',
  'ML', 'MM', 'MN', 'MO', 'MP', 'MQ', 'MR', 'MS', 'MT', 'MU', 'MV', 'MW', 'MX', 'MY', 'MZ', 'NA',
  'NC', 'NE', 'NF', 'NG', 'NI', 'NL', 'NO', 'NP', 'NR', 'NU', 'NZ', 'OM', 'PA', 'PE', 'PF', 'PG',
  'PH', 'PK', 'PL', 'PM', 'PN', 'PR', 'PS', 'PT', 'PW', 'PY', 'QA', 'RE', 'RO', 'RS', 'RU', 'RW',
  'SA', 'SB', 'SC', 'SD', 'SE', 'SG', 'SH', 'SI', 'SJ', 'SK', 'SL', 'SM', 'SN', 'SO', 'SR', 'SS',
  'ST', 'SV', 'SX', 'SY', 'SZ', 'TC', 'TD', 'TF', 'TG', 'TH', 'TJ', 'TK', 'TL', 'TM', 'TN', 'TO',
  'TR', 'TT', 'TV', 'TW', 'TZ', 'UA', 'UG', 'UM', 'US', 'UY', 'UZ', 'VA', 'VC', 'VE', 'VG', 'VI',
  'VN', 'VU', 'WF', 'WS', 'YE', 'YT', 'ZA', 'ZM', 'ZW',
] as const;

export type CountryCode = (typeof countryCodes)[number];

const known = new Set<string>(countryCodes);

/** CARICOM's fifteen member states. */
export const caricomMembers = [
  'AG',
  'BS',
  'BB',
  'BZ',
  'DM',
  'GD',
  'GY',
  'HT',
  'JM',
  'MS',
  'KN',
  'LC',
  'VC',
  'SR',
  'TT',
] as const;

/** CARICOM's associate members (British Overseas Territories). */
export const caricomAssociateMembers = ['AI', 'BM', 'VG', 'KY', 'TC'] as const;

/** The Caribbean parts of the Kingdom of the Netherlands. */
export const dutchCaribbean = ['AW', 'CW', 'SX', 'BQ'] as const;

/** French departments and collectivities in the Caribbean and on its rim. */
export const frenchCaribbean = ['GP', 'MQ', 'BL', 'MF', 'GF'] as const;

/** British Overseas Territories in the Caribbean (Montserrat is also a CARICOM member). */
export const britishCaribbean = ['AI', 'BM', 'VG', 'KY', 'MS', 'TC'] as const;

/** United States territories in the Caribbean. */
export const usCaribbean = ['PR', 'VI'] as const;

/** Independent Caribbean states outside CARICOM that take part in the Caribbean Migration Consultations. */
export const otherCaribbeanStates = ['CU', 'DO'] as const;

/**
 * The Caribbean region as Coral reports it: CARICOM members and associates, the states and territories
 * of the Caribbean Migration Consultations, Cuba, the Dominican Republic, Haiti, and the Dutch, French,
 * British and US Caribbean territories. Sorted, without repeats.
 */
export const caribbeanRegion: readonly CountryCode[] = [
  ...new Set<CountryCode>([
    ...caricomMembers,
    ...caricomAssociateMembers,
    ...dutchCaribbean,
    ...frenchCaribbean,
    ...britishCaribbean,
    ...usCaribbean,
    ...otherCaribbeanStates,
  ]),
].sort();

/** Named country sets, for filters and regional figures. */
export const countrySets = {
  caribbean: caribbeanRegion,
  caricom: caricomMembers,
  caricomAssociates: caricomAssociateMembers,
  dutchCaribbean,
  frenchCaribbean,
  britishCaribbean,
  usCaribbean,
} as const;

export function isCountryCode(value: string): value is CountryCode {
  return known.has(value);
}

/** ISO 3166-1 alpha-2 countries as a codelist, with CLDR names in every language. */
export const countries: Codelist<CountryCode> = {
  id: 'country',
  labels: labels('Country', 'País', 'Pays', 'Land'),
  source: 'ISO 3166-1 alpha-2 (names from CLDR)',
  htcdsUsesCodes: true,
  entries: countryCodes.map((code) => entry(code, labelsFromCldr('region', code))),
};

/**
 * The country's name in a language, from CLDR.
 *
 * @example
 * countryName('TT', 'es'); // 'Trinidad y Tobago'
 */
export function countryName(code: CountryCode, language: string): string {
  return new Intl.DisplayNames([language], { type: 'region', fallback: 'code' }).of(code) ?? code;
}
