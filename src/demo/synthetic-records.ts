import type { CoralRecord } from '../standard/record-path.js';
import { yearsBetween } from '../standard/validation/rules.js';

/**
 * Synthetic case records with plausible Caribbean patterns (routes, nationalities, forms of
 * exploitation, years), for the demo, tests and benchmarks. Every person is invented: names are drawn
 * from common given names and surnames and combined at random. Deterministic for a seed.
 */

/** A small, fast, seedable random source (mulberry32). */
export interface Random {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    chance: (probability) => next() < probability,
  };
}

const names = {
  es: {
    female: [
      'María',
      'Yulimar',
      'Daniela',
      'Andreína',
      'Carolina',
      'Génesis',
      'Valentina',
      'Yesenia',
      'Rosa',
      'Luisa',
    ],
    male: ['José', 'Luis', 'Carlos', 'Jesús', 'Miguel', 'Ángel', 'Rafael', 'Wilmer', 'Yohan', 'Pedro'],
    family: [
      'González',
      'Rodríguez',
      'Pérez',
      'Hernández',
      'García',
      'Martínez',
      'Ramírez',
      'Rojas',
      'Díaz',
      'Moreno',
    ],
  },
  fr: {
    female: ['Marie', 'Nadège', 'Roseline', 'Widline', 'Mirlande', 'Fabienne', 'Guerline', 'Nathalie'],
    male: ['Jean', 'Pierre', 'Wilson', 'Jean-Baptiste', 'Frantz', 'Ricardo', 'Emmanuel', 'Jacques'],
    family: ['Joseph', 'Jean-Louis', 'Pierre', 'Charles', 'Louis', 'Étienne', 'Saint-Fleur', 'Désir'],
  },
  en: {
    female: ['Keisha', 'Tanisha', 'Shanice', 'Latoya', 'Kimberly', 'Aaliyah', 'Simone', 'Renee'],
    male: ['Andre', 'Marlon', 'Kevon', 'Jason', 'Shane', 'Dwayne', 'Curtis', 'Ricardo'],
    family: [
      'Williams',
      'Thomas',
      'Campbell',
      'Brown',
      'Ali',
      'Persaud',
      'Singh',
      'Baptiste',
      'Charles',
      'Mohammed',
    ],
  },
  zh: { female: ['Li', 'Mei', 'Xiu'], male: ['Wei', 'Jun', 'Hao'], family: ['Wang', 'Chen', 'Zhang', 'Liu'] },
} as const;

type NameSet = keyof typeof names;

interface Pattern {
  weight: number;
  citizenships: readonly { country: string; names: NameSet; language: string }[];
  exploitation: readonly string[];
  recruitment: readonly string[];
  transit?: readonly string[];
  forms: readonly string[];
  sectors?: readonly string[];
  sexTypes?: readonly string[];
  means: readonly string[];
  femaleShare: number;
  ages: readonly [number, number];
  methods: readonly string[];
}

/** Patterns reported for the region (IOM, UNODC and national reports), simplified. */
const patterns: readonly Pattern[] = [
  {
    weight: 30,
    citizenships: [{ country: 'VE', names: 'es', language: 'es' }],
    exploitation: ['TT'],
    recruitment: ['VE'],
    forms: ['SexualExploitation'],
    sexTypes: ['Prostitution', 'PrivateSexualServices'],
    means: ['DebtBondage', 'WithholdsDocuments', 'Threats', 'RestrictsMovement', 'TakesEarnings'],
    femaleShare: 0.95,
    ages: [15, 32],
    methods: ['ThroughOnlineSocialNetworks', 'ThroughFriendsOrSocialEvents', 'ThroughAnOnlineAdvertisement'],
  },
  {
    weight: 15,
    citizenships: [
      { country: 'VE', names: 'es', language: 'es' },
      { country: 'DO', names: 'es', language: 'es' },
      { country: 'CO', names: 'es', language: 'es' },
    ],
    exploitation: ['GY', 'SR'],
    recruitment: ['VE', 'DO', 'CO'],
    transit: ['TT', 'BR'],
    forms: ['SexualExploitation', 'ForcedLabour'],
    sectors: ['MiningOrDrilling', 'Hospitality'],
    sexTypes: ['Prostitution'],
    means: ['DebtBondage', 'FalsePromises', 'ExcessiveWorkingHours', 'WithholdsDocuments'],
    femaleShare: 0.7,
    ages: [16, 40],
    methods: ['AtAPlaceOfBusiness', 'ThroughFriendsOrSocialEvents', 'AtWork'],
  },
  {
    weight: 15,
    citizenships: [{ country: 'HT', names: 'fr', language: 'ht' }],
    exploitation: ['DO'],
    recruitment: ['HT'],
    forms: ['ForcedLabour', 'ForcedBegging'],
    sectors: ['Agriculture', 'Construction', 'Begging'],
    means: ['TakesEarnings', 'ExcessiveWorkingHours', 'WithholdsNecessities', 'ThreatOfLawEnforcement'],
    femaleShare: 0.35,
    ages: [8, 45],
    methods: ['ThroughFamilyOrFamilyEvents', 'AtWork', 'ThroughFriendsOrSocialEvents'],
  },
  {
    weight: 10,
    citizenships: [{ country: 'HT', names: 'fr', language: 'ht' }],
    exploitation: ['HT'],
    recruitment: ['HT'],
    forms: ['Servitude', 'ForcedLabour'],
    sectors: ['DomesticWork'],
    means: ['PhysicalAbuse', 'PsychologicalAbuse', 'WithholdsNecessities', 'RestrictsMovement'],
    femaleShare: 0.75,
    ages: [6, 17],
    methods: ['ThroughFamilyOrFamilyEvents'],
  },
  {
    weight: 12,
    citizenships: [{ country: 'JM', names: 'en', language: 'jam' }],
    exploitation: ['JM'],
    recruitment: ['JM'],
    forms: ['SexualExploitation'],
    sexTypes: ['Prostitution', 'Pornography', 'RemoteInteractiveServices'],
    means: ['PsychoactiveSubstances', 'Threats', 'SexualAbuse', 'FalsePromises'],
    femaleShare: 0.85,
    ages: [12, 24],
    methods: ['ThroughOnlineSocialNetworks', 'ThroughFriendsOrSocialEvents', 'ThroughFamilyOrFamilyEvents'],
  },
  {
    weight: 10,
    citizenships: [
      { country: 'GY', names: 'en', language: 'en' },
      { country: 'JM', names: 'en', language: 'en' },
    ],
    exploitation: ['TT', 'BB', 'KN'],
    recruitment: ['GY', 'JM'],
    forms: ['ForcedLabour'],
    sectors: ['Construction', 'Agriculture', 'Hospitality'],
    means: ['WithholdsDocuments', 'TakesEarnings', 'DebtBondage', 'ExcessiveWorkingHours'],
    femaleShare: 0.3,
    ages: [19, 50],
    methods: ['ThroughAnOnlineAdvertisement', 'ThroughANewspaperAdvert', 'AtWork'],
  },
  {
    weight: 8,
    citizenships: [
      { country: 'CN', names: 'zh', language: 'zh' },
      { country: 'IN', names: 'en', language: 'hi' },
      { country: 'BD', names: 'en', language: 'bn' },
    ],
    exploitation: ['GY', 'SR', 'BS'],
    recruitment: ['CN', 'IN', 'BD'],
    transit: ['PA', 'TT'],
    forms: ['ForcedLabour'],
    sectors: ['Construction', 'Aquafarming', 'Manufacturing'],
    means: ['DebtBondage', 'WithholdsDocuments', 'RestrictsMovement', 'FalsePromises'],
    femaleShare: 0.1,
    ages: [20, 48],
    methods: ['AtAPlaceOfBusiness', 'ThroughAnOnlineAdvertisement'],
  },
];

function pickPattern(random: Random): Pattern {
  const total = patterns.reduce((sum, p) => sum + p.weight, 0);
  let roll = random.next() * total;
  for (const pattern of patterns) {
    roll -= pattern.weight;
    if (roll <= 0) return pattern;
  }
  return patterns[0] as Pattern;
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

function flagsOf(random: Random, codes: readonly string[], min = 1, max = 3): Record<string, boolean> {
  const count = random.int(min, Math.min(max, codes.length));
  const chosen = new Set<string>();
  while (chosen.size < count) chosen.add(random.pick(codes));
  return Object.fromEntries([...chosen].map((code) => [code, true]));
}

/** A person with invented names. */
function person(random: Random, set: NameSet, female: boolean): CoralRecord {
  const pool = names[set];
  const given = random.pick(female ? pool.female : pool.male);
  const family =
    set === 'es' ? `${random.pick(pool.family)} ${random.pick(pool.family)}` : random.pick(pool.family);
  return { givenNames: given, familyNames: family, gender: female ? 'Feminine' : 'Masculine' };
}

export interface GenerateOptions {
  /** Years the records fall in. */
  fromYear?: number;
  toYear?: number;
}

/** A synthetic trafficking case. */
export function syntheticThbCase(random: Random, index: number, options: GenerateOptions = {}): CoralRecord {
  const pattern = pickPattern(random);
  const origin = random.pick(pattern.citizenships);
  const female = random.chance(pattern.femaleShare);
  const year = random.int(options.fromYear ?? 2019, options.toYear ?? 2025);
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  const age = random.int(pattern.ages[0], pattern.ages[1]);
  const identified = isoDate(year, month, day);
  const birthDate = isoDate(year - age - 1, random.int(1, 12), random.int(1, 28));
  const exploitationCountry = random.pick(pattern.exploitation);
  const recruitmentCountry = random.pick(pattern.recruitment);
  const actual = random.chance(0.7);
  const forms = flagsOf(random, pattern.forms, 1, 2);
  const status = random.pick(['Active', 'Active', 'FollowUp', 'Closed', 'ClosedReferred'] as const);
  const startYear = Math.max(year - random.int(0, 2), 2015);
  const record: CoralRecord = {
    caseReference: `${exploitationCountry}-${year}-${String(index + 1).padStart(4, '0')}`,
    caseStatus: status,
    traffickingStatus: actual ? 'ActualVictimOfTrafficking' : 'PossibleVictimOfTrafficking',
    ...(actual
      ? {
          statusDecidedBy: random.pick(['Police', 'NonPoliceGovernmentalOrganization', 'CourtOrProsecution']),
        }
      : {}),
    identificationDate: identified,
    identificationCountry: exploitationCountry,
    identifyingAgencyType: random.pick([
      'LawEnforcement',
      'NGO',
      'ImmigrationService',
      'CentralGovernmentOrganisation',
    ]),
    dataSource: random.pick(['CaseManagement', 'CaseManagement', 'Hotline', 'LawEnforcement']),
    victim: {
      ...person(random, origin.names, female),
      birthDate,
      majorityStatus: yearsBetween(birthDate, identified) < 18 ? 'Minor' : 'Adult',
      citizenships: [origin.country],
      primaryLanguage: origin.language,
      migrationStatus:
        origin.country === exploitationCountry
          ? 'National'
          : random.pick(['IrregularMigrant', 'LabourMigrant', 'VisitorOrTourist']),
    },
    recruitmentMethods: [random.pick(pattern.methods)],
    recruitmentCountry,
    recruiterRelationship: {
      [random.pick(['FriendOrAcquaintance', 'Stranger', 'Family', 'IntimatePartner'])]: true,
    },
    formsOfExploitation: forms,
    ...(forms.ForcedLabour || forms.ForcedBegging
      ? { labourSectors: flagsOf(random, pattern.sectors ?? ['Other'], 1, 1) }
      : {}),
    ...(forms.SexualExploitation && pattern.sexTypes
      ? { sexualExploitationTypes: flagsOf(random, pattern.sexTypes, 1, 2) }
      : {}),
    meansOfControl: flagsOf(random, pattern.means, 1, 3),
    exploitationCountry,
    ...(pattern.transit && random.chance(0.4) ? { transitCountries: [random.pick(pattern.transit)] } : {}),
    scope: recruitmentCountry === exploitationCountry ? 'Domestic' : 'Transnational',
    exploitationStartDate: isoDate(startYear, random.int(1, 12), random.int(1, 28)),
    consents: [
      { purpose: 'Assistance', status: 'Given', date: identified },
      ...(random.chance(0.6) ? [{ purpose: 'Statistics', status: 'Given', date: identified }] : []),
      // Seven in ten agree to cross-border matching; by index, so the random sequence stays as it was.
      ...(index % 10 < 7 ? [{ purpose: 'RecordLinkage', status: 'Given', date: identified }] : []),
    ],
  };
  const start = record.exploitationStartDate as string;
  if (start > identified) record.exploitationStartDate = identified;
  if (status === 'Closed' || status === 'ClosedReferred') {
    record.closureReason =
      status === 'ClosedReferred'
        ? 'Referred'
        : random.pick([
            'AssistanceCompleted',
            'ReturnedToCountryOfOrigin',
            'DeclinedAssistance',
            'LostContact',
          ]);
  }
  if (random.chance(0.8)) record.exploitationEndDate = identified;
  return record;
}

interface Route {
  origin: string;
  destination: string;
  detection: readonly string[];
  transit?: readonly string[];
  mode: 'Sea' | 'Land' | 'Air';
  vessels?: readonly string[];
  citizenships: readonly string[];
  fee: readonly [number, number];
}

const routes: readonly Route[] = [
  {
    origin: 'VE',
    destination: 'TT',
    detection: ['TT'],
    mode: 'Sea',
    vessels: ['SmallOpenBoat', 'FishingVessel'],
    citizenships: ['VE', 'CO'],
    fee: [150, 600],
  },
  {
    origin: 'HT',
    destination: 'TC',
    detection: ['TC', 'BS'],
    mode: 'Sea',
    vessels: ['SailingBoat', 'SmallOpenBoat'],
    citizenships: ['HT'],
    fee: [500, 1500],
  },
  {
    origin: 'HT',
    destination: 'BS',
    detection: ['BS'],
    mode: 'Sea',
    vessels: ['SailingBoat'],
    citizenships: ['HT'],
    fee: [800, 2500],
  },
  {
    origin: 'DO',
    destination: 'PR',
    detection: ['DO', 'PR'],
    mode: 'Sea',
    vessels: ['SmallOpenBoat', 'Speedboat'],
    citizenships: ['DO', 'HT'],
    fee: [1500, 4000],
  },
  {
    origin: 'CU',
    destination: 'US',
    detection: ['BS', 'KY', 'JM'],
    mode: 'Sea',
    vessels: ['Raft', 'Speedboat'],
    citizenships: ['CU'],
    fee: [3000, 10000],
  },
  { origin: 'HT', destination: 'DO', detection: ['DO'], mode: 'Land', citizenships: ['HT'], fee: [50, 300] },
  { origin: 'VE', destination: 'GY', detection: ['GY'], mode: 'Land', citizenships: ['VE'], fee: [100, 400] },
  {
    origin: 'GY',
    destination: 'BR',
    detection: ['GY', 'SR'],
    transit: ['SR'],
    mode: 'Air',
    citizenships: ['CU', 'HT', 'IN'],
    fee: [2000, 6000],
  },
];

/** A synthetic smuggling incident. */
export function syntheticSomIncident(
  random: Random,
  index: number,
  options: GenerateOptions = {},
): CoralRecord {
  const route = random.pick(routes);
  const year = random.int(options.fromYear ?? 2019, options.toYear ?? 2025);
  const detectionCountry = random.pick(route.detection);
  const groups: CoralRecord[] = [];
  let total = 0;
  for (const sex of ['Female', 'Male'] as const) {
    for (const ageGroup of ['Adult', 'Child'] as const) {
      const count = ageGroup === 'Child' ? random.int(0, 4) : random.int(1, route.mode === 'Sea' ? 25 : 8);
      if (count === 0) continue;
      total += count;
      groups.push({ sex, ageGroup, citizenship: random.pick(route.citizenships), count });
    }
  }
  const children = groups.filter((g) => g.ageGroup === 'Child').reduce((sum, g) => sum + Number(g.count), 0);
  const deaths =
    route.mode === 'Sea' && random.chance(0.08) ? random.int(1, Math.max(1, Math.floor(total / 4))) : 0;
  const record: CoralRecord = {
    incidentReference: `SOM-${detectionCountry}-${year}-${String(index + 1).padStart(4, '0')}`,
    detectionDate: isoDate(year, random.int(1, 12), random.int(1, 28)),
    detectionCountry,
    detectionLocationType:
      route.mode === 'Sea'
        ? random.pick(['AtSea', 'CoastOrBeach', 'Seaport'])
        : route.mode === 'Air'
          ? 'Airport'
          : random.pick(['LandBorderCrossing', 'GreenBorder', 'Inland']),
    detectingAgency:
      route.mode === 'Sea'
        ? random.pick(['CoastGuard', 'Police', 'Military'])
        : random.pick(['ImmigrationOrBorderAgency', 'Police']),
    originCountry: route.origin,
    intendedDestinationCountry: route.destination,
    ...(route.transit ? { transitCountries: [...route.transit] } : {}),
    transportModes: [route.mode],
    ...(route.vessels ? { vesselType: random.pick(route.vessels) } : {}),
    migrantsTotal: total,
    migrantGroups: groups,
    unaccompaniedChildren: children > 0 && random.chance(0.3) ? random.int(1, children) : 0,
    deaths,
    ...(deaths > 0 ? { missing: random.int(0, 3) } : {}),
    feeAmount: random.int(route.fee[0], route.fee[1]),
    feeCurrency: 'USD',
    feeBasis: 'PerPerson',
    documentsUsed: [
      route.mode === 'Air' ? random.pick(['Fraudulent', 'GenuineObtainedFraudulently']) : 'None',
    ],
    smugglersDetected: random.int(0, 3),
    ...(deaths > 0 ? { aggravatingCircumstances: ['LivesEndangered'] } : {}),
  };
  if (random.chance(0.1))
    record.traffickingIndicators = [
      random.pick(['DebtToSmugglers', 'DocumentsConfiscated', 'DeceptionAboutWorkOrConditions']),
    ];
  return record;
}

/** A synthetic suspect or offender. */
export function syntheticOffender(random: Random, index: number): CoralRecord {
  const set = random.pick(['es', 'en', 'fr'] as const);
  const citizenship =
    set === 'es' ? random.pick(['VE', 'DO', 'CO']) : set === 'fr' ? 'HT' : random.pick(['TT', 'GY', 'JM']);
  return {
    offenderReference: `OFF-${String(index + 1).padStart(4, '0')}`,
    person: { ...person(random, set, random.chance(0.3)), citizenships: [citizenship] },
    roles: [random.pick(['Recruiter', 'Exploiter', 'Transporter', 'Smuggler', 'Facilitator'])],
    status: random.pick(['Suspected', 'Arrested', 'Prosecuted', 'Convicted', 'Acquitted', 'AtLarge']),
    organisedCriminalGroup: random.chance(0.4),
  };
}

/** A synthetic proceeding against the given offenders. */
export function syntheticProceeding(
  random: Random,
  index: number,
  offenders: readonly string[],
  cases: readonly string[],
): CoralRecord {
  const year = random.int(2019, 2025);
  const stage = random.pick([
    'Investigation',
    'Prosecution',
    'Trial',
    'Decided',
    'Decided',
    'Appeal',
    'Closed',
  ] as const);
  const record: CoralRecord = {
    proceedingReference: `CR-${year}-${String(index + 1).padStart(3, '0')}`,
    offences: [random.pick(['TraffickingInPersons', 'TraffickingInPersons', 'SmugglingOfMigrants'])],
    stage,
    offenders: [...offenders],
    ...(cases.length ? { relatedCases: [...cases] } : {}),
    investigation: {
      startDate: isoDate(year, random.int(1, 6), random.int(1, 28)),
      agency: 'Police',
      outcome: stage === 'Investigation' ? 'Ongoing' : 'ReferredForProsecution',
    },
  };
  if (stage !== 'Investigation')
    record.prosecution = {
      startDate: isoDate(year, random.int(7, 12), random.int(1, 28)),
      charges: record.offences,
    };
  if (stage === 'Decided' || stage === 'Appeal' || (stage === 'Closed' && random.chance(0.5))) {
    const convicted = random.chance(0.6);
    record.decision = {
      date: isoDate(year + 1, random.int(1, 10), random.int(1, 28)),
      outcome: convicted ? 'Conviction' : 'Acquittal',
      appealed: stage === 'Appeal',
    };
    if (convicted) record.sentence = { types: ['Imprisonment'], imprisonmentMonths: random.int(12, 180) };
    if (convicted && random.chance(0.3))
      record.assets = { confiscatedValue: random.int(5000, 250000), currency: 'USD' };
  }
  return record;
}
