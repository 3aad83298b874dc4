/**
 * Generalisation hierarchies for k-anonymous microdata: how each quasi-identifier is coarsened, level by
 * level, up to full suppression ('*').
 */

/** What a generalised or suppressed value reads. */
export const suppressed = '*';

/**
 * How one quasi-identifier is coarsened. Level 0 is the value as given; level `levels` is full suppression
 * ('*'). Each level recodes the original value; a level need not nest in the one below (5-year age bands
 * do not nest in the CTDC bands), which is why the search evaluates whole nodes rather than relying on
 * monotonicity.
 */
export interface Hierarchy {
  /** Shown in the information-loss report, e.g. 'age (years)'. */
  readonly name: string;
  /** Number of generalisation steps, at least 1; the last one is '*'. */
  readonly levels: number;
  /** The value at `level`, an integer from 0 to `levels`. */
  generalise(value: string | null, level: number): string | null;
}

/**
 * Whether a value is missing: null, empty, or 'Unknown'. Missing values are a category of their own: they
 * are kept as they are below the top level (a row with a missing age is still counted in its class, so
 * this is safe) and become '*' at the top level with every other value.
 *
 * @example
 * isMissing('Unknown'); // true
 * isMissing('0'); // false
 */
export function isMissing(value: string | null | undefined): boolean {
  return (
    value === null || value === undefined || value.trim() === '' || value.trim().toLowerCase() === 'unknown'
  );
}

/**
 * A hierarchy from its steps: step i gives the value at level i + 1 from the original value (returning
 * '*' for a value it cannot place); one more level, '*', is added on top.
 *
 * @example
 * const sex = defineHierarchy('sex', [(v) => (v === 'F' || v === 'M' ? 'F or M' : '*')]);
 * sex.generalise('F', 1); // 'F or M'
 * sex.generalise('F', 2); // '*'
 */
export function defineHierarchy(name: string, steps: ReadonlyArray<(value: string) => string>): Hierarchy {
  const levels = steps.length + 1;
  return {
    name,
    levels,
    generalise(value, level) {
      if (!Number.isInteger(level) || level < 0 || level > levels) {
        throw new RangeError(`Hierarchy "${name}" has levels 0 to ${levels}; level ${level} does not exist.`);
      }
      if (level === levels) return suppressed;
      if (level === 0 || value === null || isMissing(value)) return value;
      const step = steps[level - 1];
      return step ? step(value.trim()) : suppressed;
    },
  };
}

/**
 * A category kept as it is, or suppressed: value → '*'.
 *
 * @example
 * categoricalHierarchy('gender').generalise('Female', 1); // '*'
 */
export function categoricalHierarchy(name: string): Hierarchy {
  return defineHierarchy(name, []);
}

const ctdcAgeBands: ReadonlyArray<readonly [label: string, min: number, max: number]> = [
  ['0-8', 0, 8],
  ['9-17', 9, 17],
  ['18-20', 18, 20],
  ['21-23', 21, 23],
  ['24-26', 24, 26],
  ['27-29', 27, 29],
  ['30-38', 30, 38],
  ['39-47', 39, 47],
  ['48+', 48, Number.POSITIVE_INFINITY],
];

function parseAge(value: string): number | undefined {
  const age = /^\d{1,3}$/.test(value) ? Number(value) : Number.NaN;
  return age <= 120 ? age : undefined;
}

function ageStep(recode: (age: number) => string): (value: string) => string {
  return (value) => {
    const age = parseAge(value);
    return age === undefined ? suppressed : recode(age);
  };
}

function ctdcBandOf(age: number): string {
  return ctdcAgeBands.find(([, min, max]) => age >= min && age <= max)?.[0] ?? suppressed;
}

const minorOrAdult = (age: number): string => (age < 18 ? '0-17' : '18+');

/**
 * Age in whole years ("0" to "120") → 5-year band ("15-19") → CTDC `ageBroad` band ("9-17") → minor or
 * adult ("0-17" / "18+") → '*'. Values that are not an age become '*' from level 1.
 *
 * @example
 * ageHierarchy().generalise('16', 1); // '15-19'
 * ageHierarchy().generalise('16', 2); // '9-17'
 * ageHierarchy().generalise('16', 3); // '0-17'
 */
export function ageHierarchy(): Hierarchy {
  return defineHierarchy('age (years)', [
    ageStep((age) => `${age - (age % 5)}-${age - (age % 5) + 4}`),
    ageStep(ctdcBandOf),
    ageStep(minorOrAdult),
  ]);
}

/**
 * CTDC `ageBroad` bands, written "0-8" or as CTDC writes them, "0--8" → minor or adult ("0-17" / "18+")
 * → '*'. "0-17" and "18+" themselves are recognised too; other values become '*' from level 1.
 *
 * @example
 * ageBandHierarchy().generalise('9--17', 1); // '0-17'
 * ageBandHierarchy().generalise('48+', 1); // '18+'
 */
export function ageBandHierarchy(): Hierarchy {
  return defineHierarchy('age band (CTDC ageBroad)', [
    (value) => {
      const band = value.replace(/\s+/g, '').replace(/[-–]+/g, '-');
      if (band === '0-17' || band === '18+') return band;
      const known = ctdcAgeBands.find(([label]) => label === band);
      return known ? minorOrAdult(known[1]) : suppressed;
    },
  ]);
}

/**
 * Year → 3-year period → decade → '*'. Periods are aligned on 2000 (2015-2017, 2018-2020, 2021-2023), so
 * a period is the same whichever data it is applied to; decades run from a year ending in 0 ("2010-2019").
 * Values that are not a 4-digit year become '*' from level 1.
 *
 * @example
 * yearHierarchy().generalise('2019', 1); // '2018-2020'
 * yearHierarchy().generalise('2019', 2); // '2010-2019'
 */
export function yearHierarchy(): Hierarchy {
  const yearStep = (recode: (year: number) => string) => (value: string) =>
    /^\d{4}$/.test(value) ? recode(Number(value)) : suppressed;
  return defineHierarchy('year', [
    yearStep((year) => {
      const start = 2000 + 3 * Math.floor((year - 2000) / 3);
      return `${start}-${start + 2}`;
    }),
    yearStep((year) => `${year - (year % 10)}-${year - (year % 10) + 9}`),
  ]);
}

/**
 * UN M49 geographic subregions (intermediate regions where M49 has them, as for the Caribbean), each
 * with its region and its countries as pairs of ISO 3166-1 alpha-2 and alpha-3 codes. XK (Kosovo) is a
 * user-assigned code CTDC and others use; Taiwan is placed in Eastern Asia.
 */
const m49Subregions: ReadonlyArray<readonly [subregion: string, region: string, codes: string]> = [
  [
    'Caribbean',
    'Americas',
    'AI AIA AG ATG AW ABW BS BHS BB BRB BQ BES VG VGB KY CYM CU CUB CW CUW DM DMA DO DOM GD GRD GP GLP ' +
      'HT HTI JM JAM MQ MTQ MS MSR PR PRI BL BLM KN KNA LC LCA MF MAF VC VCT SX SXM TT TTO TC TCA VI VIR',
  ],
  ['Central America', 'Americas', 'BZ BLZ CR CRI SV SLV GT GTM HN HND MX MEX NI NIC PA PAN'],
  [
    'South America',
    'Americas',
    'AR ARG BO BOL BV BVT BR BRA CL CHL CO COL EC ECU FK FLK GF GUF GY GUY PY PRY PE PER GS SGS SR SUR ' +
      'UY URY VE VEN',
  ],
  ['Northern America', 'Americas', 'BM BMU CA CAN GL GRL PM SPM US USA'],
  ['Northern Africa', 'Africa', 'DZ DZA EG EGY LY LBY MA MAR SD SDN TN TUN EH ESH'],
  [
    'Eastern Africa',
    'Africa',
    'IO IOT BI BDI KM COM DJ DJI ER ERI ET ETH TF ATF KE KEN MG MDG MW MWI MU MUS YT MYT MZ MOZ RE REU ' +
      'RW RWA SC SYC SO SOM SS SSD UG UGA TZ TZA ZM ZMB ZW ZWE',
  ],
  ['Middle Africa', 'Africa', 'AO AGO CM CMR CF CAF TD TCD CG COG CD COD GQ GNQ GA GAB ST STP'],
  ['Southern Africa', 'Africa', 'BW BWA SZ SWZ LS LSO NA NAM ZA ZAF'],
  [
    'Western Africa',
    'Africa',
    'BJ BEN BF BFA CV CPV CI CIV GM GMB GH GHA GN GIN GW GNB LR LBR ML MLI MR MRT NE NER NG NGA SH SHN ' +
      'SN SEN SL SLE TG TGO',
  ],
  ['Central Asia', 'Asia', 'KZ KAZ KG KGZ TJ TJK TM TKM UZ UZB'],
  ['Eastern Asia', 'Asia', 'CN CHN HK HKG MO MAC KP PRK JP JPN MN MNG KR KOR TW TWN'],
  [
    'South-eastern Asia',
    'Asia',
    'BN BRN KH KHM ID IDN LA LAO MY MYS MM MMR PH PHL SG SGP TH THA TL TLS VN VNM',
  ],
  ['Southern Asia', 'Asia', 'AF AFG BD BGD BT BTN IN IND IR IRN MV MDV NP NPL PK PAK LK LKA'],
  [
    'Western Asia',
    'Asia',
    'AM ARM AZ AZE BH BHR CY CYP GE GEO IQ IRQ IL ISR JO JOR KW KWT LB LBN OM OMN QA QAT SA SAU PS PSE ' +
      'SY SYR TR TUR AE ARE YE YEM',
  ],
  ['Eastern Europe', 'Europe', 'BY BLR BG BGR CZ CZE HU HUN PL POL MD MDA RO ROU RU RUS SK SVK UA UKR'],
  [
    'Northern Europe',
    'Europe',
    'AX ALA DK DNK EE EST FO FRO FI FIN GG GGY IS ISL IE IRL IM IMN JE JEY LV LVA LT LTU NO NOR SJ SJM ' +
      'SE SWE GB GBR',
  ],
  [
    'Southern Europe',
    'Europe',
    'AL ALB AD AND BA BIH HR HRV GI GIB GR GRC VA VAT IT ITA MT MLT ME MNE MK MKD PT PRT SM SMR RS SRB ' +
      'SI SVN ES ESP XK XKX',
  ],
  ['Western Europe', 'Europe', 'AT AUT BE BEL FR FRA DE DEU LI LIE LU LUX MC MCO NL NLD CH CHE'],
  ['Australia and New Zealand', 'Oceania', 'AU AUS CX CXR CC CCK HM HMD NZ NZL NF NFK'],
  ['Melanesia', 'Oceania', 'FJ FJI NC NCL PG PNG SB SLB VU VUT'],
  ['Micronesia', 'Oceania', 'GU GUM KI KIR MH MHL FM FSM NR NRU MP MNP PW PLW UM UMI'],
  ['Polynesia', 'Oceania', 'AS ASM CK COK PF PYF NU NIU PN PCN WS WSM TK TKL TO TON TV TUV WF WLF'],
];

const otherPlace = 'Other';

/** Country code (alpha-2 or alpha-3, any case) → [subregion, region]. */
const placeOfCountry: ReadonlyMap<string, readonly [string, string]> = new Map(
  m49Subregions.flatMap(([subregion, region, codes]) =>
    codes.split(' ').map((code) => [code, [subregion, region]] as const),
  ),
);

/**
 * ISO 3166-1 alpha-2 or alpha-3 country code → UN M49 subregion ("Caribbean", "Western Africa") → UN
 * region ("Americas", "Africa", "Asia", "Europe", "Oceania") → '*'. Codes not in the table (and
 * Antarctica, which M49 places in no region) map to 'Other' at both levels.
 *
 * @example
 * countryHierarchy().generalise('JM', 1); // 'Caribbean'
 * countryHierarchy().generalise('MDA', 2); // 'Europe'
 */
export function countryHierarchy(): Hierarchy {
  const place = (value: string) => placeOfCountry.get(value.toUpperCase());
  return defineHierarchy('country (UN M49)', [
    (value) => place(value)?.[0] ?? otherPlace,
    (value) => place(value)?.[1] ?? otherPlace,
  ]);
}
