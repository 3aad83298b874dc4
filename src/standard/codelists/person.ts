import { type Codelist, entry, labels } from './codelist.js';

/** Gender: HTCDS 2.0 `prs_Gender`. */
export const genders = {
  id: 'gender',
  labels: labels('Gender', 'Género', 'Genre', 'Gender'),
  source: 'HTCDS 2.0 prs_Gender; CTDC gender',
  entries: [
    entry('Feminine', labels('Female', 'Femenino', 'Féminin', 'Vrouwelijk'), {
      htcds: 'Feminine',
      htcdsLabel: 'Feminine',
      ctdc: 'Female',
    }),
    entry('Masculine', labels('Male', 'Masculino', 'Masculin', 'Mannelijk'), {
      htcds: 'Masculine',
      htcdsLabel: 'Masculine',
      ctdc: 'Male',
    }),
    entry(
      'TransgenderFeminine',
      labels('Transgender female', 'Mujer transgénero', 'Femme transgenre', 'Transgender vrouw'),
      {
        htcds: 'TransgenderFeminine',
        htcdsLabel: 'Transgender Feminine',
        ctdcExport: 'Transgender/NonConforming',
      },
    ),
    entry(
      'TransgenderMasculine',
      labels('Transgender male', 'Hombre transgénero', 'Homme transgenre', 'Transgender man'),
      {
        htcds: 'TransgenderMasculine',
        htcdsLabel: 'Transgender Masculine',
        ctdcExport: 'Transgender/NonConforming',
      },
    ),
    entry(
      'NonConforming',
      labels('Gender non-conforming', 'Género no conforme', 'Non conforme au genre', 'Genderdivers'),
      {
        htcds: 'NonConforming',
        htcdsLabel: 'Non-Conforming',
        ctdc: 'Transgender/NonConforming',
      },
    ),
    entry(
      'NonSpecifiedUnknown',
      labels(
        'Not specified / unknown',
        'No especificado / desconocido',
        'Non précisé / inconnu',
        'Niet opgegeven / onbekend',
      ),
      {
        htcds: 'NonSpecifiedUnknown',
        htcdsLabel: 'Not Specified/Unknown',
      },
    ),
  ],
} as const satisfies Codelist;

/** Adult or minor (under 18) at a given moment. CTDC `majorityStatus`, `majorityStatusAtExploit`, `majorityEntry`. */
export const majorityStatuses = {
  id: 'majority-status',
  labels: labels('Adult or minor', 'Adulto o menor', 'Majeur ou mineur', 'Volwassen of minderjarig'),
  source: 'CTDC majorityStatus',
  entries: [
    entry(
      'Adult',
      labels(
        'Adult (18 or over)',
        'Adulto (18 años o más)',
        'Majeur (18 ans ou plus)',
        'Volwassen (18 of ouder)',
      ),
      { ctdc: 'Adult' },
    ),
    entry(
      'Minor',
      labels(
        'Minor (under 18)',
        'Menor (menos de 18 años)',
        'Mineur (moins de 18 ans)',
        'Minderjarig (jonger dan 18)',
      ),
      { ctdc: 'Minor' },
    ),
  ],
} as const satisfies Codelist;

/** Age bands of the CTDC global dataset; `min` and `max` are whole years, inclusive. */
export const ageBandRanges = {
  '0-8': { min: 0, max: 8 },
  '9-17': { min: 9, max: 17 },
  '18-20': { min: 18, max: 20 },
  '21-23': { min: 21, max: 23 },
  '24-26': { min: 24, max: 26 },
  '27-29': { min: 27, max: 29 },
  '30-38': { min: 30, max: 38 },
  '39-47': { min: 39, max: 47 },
  '48+': { min: 48, max: 150 },
} as const;

export type AgeBand = keyof typeof ageBandRanges;

const years = (text: string) => labels(`${text} years`, `${text} años`, `${text} ans`, `${text} jaar`);

/** Age bands: CTDC `ageBroad` (written there with a double hyphen, "0--8"). */
export const ageBands = {
  id: 'age-band',
  labels: labels('Age band', 'Franja de edad', "Tranche d'âge", 'Leeftijdsgroep'),
  source: 'CTDC ageBroad',
  entries: [
    entry('0-8', years('0–8'), { ctdc: '0--8' }),
    entry('9-17', years('9–17'), { ctdc: '9--17' }),
    entry('18-20', years('18–20'), { ctdc: '18--20' }),
    entry('21-23', years('21–23'), { ctdc: '21--23' }),
    entry('24-26', years('24–26'), { ctdc: '24--26' }),
    entry('27-29', years('27–29'), { ctdc: '27--29' }),
    entry('30-38', years('30–38'), { ctdc: '30--38' }),
    entry('39-47', years('39–47'), { ctdc: '39--47' }),
    entry('48+', labels('48 years or over', '48 años o más', '48 ans ou plus', '48 jaar of ouder'), {
      ctdc: '48+',
    }),
  ],
} as const satisfies Codelist;

/** The band an age in whole years falls in. */
export function ageBandOf(age: number): AgeBand {
  for (const [band, range] of Object.entries(ageBandRanges)) {
    if (age >= range.min && age <= range.max) return band as AgeBand; // checked: a key of ageBandRanges
  }
  return '48+';
}

/** Marital status: HTCDS 2.0 `prs_MaritalStatus`. */
export const maritalStatuses = {
  id: 'marital-status',
  labels: labels('Marital status', 'Estado civil', 'Situation matrimoniale', 'Burgerlijke staat'),
  source: 'HTCDS 2.0 prs_MaritalStatus',
  entries: [
    entry('Single', labels('Single', 'Soltero/a', 'Célibataire', 'Ongehuwd'), { htcds: 'Single' }),
    entry('Married', labels('Married', 'Casado/a', 'Marié(e)', 'Gehuwd'), { htcds: 'Married' }),
    entry('Widowed', labels('Widowed', 'Viudo/a', 'Veuf/veuve', 'Weduwe/weduwnaar'), { htcds: 'Widowed' }),
    entry('Divorced', labels('Divorced', 'Divorciado/a', 'Divorcé(e)', 'Gescheiden'), { htcds: 'Divorced' }),
    entry('Separated', labels('Separated', 'Separado/a', 'Séparé(e)', 'Uit elkaar'), { htcds: 'Separated' }),
    entry(
      'RegisteredPartnership',
      labels(
        'Registered partnership',
        'Unión registrada',
        'Partenariat enregistré',
        'Geregistreerd partnerschap',
      ),
      { htcds: 'RegisteredPartnership' },
    ),
  ],
} as const satisfies Codelist;

/** Highest level of education: HTCDS 2.0 `prs_HighestLevelOfEducation` (ISCED 2011 levels 0–8). */
export const educationLevels = {
  id: 'education-level',
  labels: labels(
    'Highest level of education',
    'Nivel educativo más alto',
    "Plus haut niveau d'études",
    'Hoogst genoten opleiding',
  ),
  source: 'HTCDS 2.0 prs_HighestLevelOfEducation (ISCED 2011)',
  entries: [
    entry(
      'EarlyChildhoodEducation',
      labels(
        'Early childhood education',
        'Educación de la primera infancia',
        'Éducation de la petite enfance',
        'Voorschoolse educatie',
      ),
      {
        htcds: 'EarlyChildhoodEducation',
      },
    ),
    entry(
      'PrimaryEducation',
      labels('Primary education', 'Educación primaria', 'Enseignement primaire', 'Basisonderwijs'),
      {
        htcds: 'PrimaryEducation',
      },
    ),
    entry(
      'LowerSecondaryEducation',
      labels(
        'Lower secondary education',
        'Educación secundaria baja',
        'Premier cycle du secondaire',
        'Lager secundair onderwijs',
      ),
      {
        htcds: 'LowerSecondaryEducation',
      },
    ),
    entry(
      'UpperSecondaryEducation',
      labels(
        'Upper secondary education',
        'Educación secundaria alta',
        'Deuxième cycle du secondaire',
        'Hoger secundair onderwijs',
      ),
      {
        htcds: 'UpperSecondaryEducation',
      },
    ),
    entry(
      'PostSecondaryNonTertiaryEducation',
      labels(
        'Post-secondary non-tertiary education',
        'Educación postsecundaria no terciaria',
        'Post-secondaire non supérieur',
        'Postsecundair niet-tertiair onderwijs',
      ),
      { htcds: 'PostSecondaryNonTertiaryEducation' },
    ),
    entry(
      'ShortCycleTertiaryEducation',
      labels(
        'Short-cycle tertiary education',
        'Educación terciaria de ciclo corto',
        'Enseignement supérieur de cycle court',
        'Kort tertiair onderwijs',
      ),
      {
        htcds: 'ShortCycleTertiaryEducation',
      },
    ),
    entry(
      'BachelorsOrEquivalentLevel',
      labels(
        "Bachelor's or equivalent",
        'Grado o equivalente',
        'Licence ou équivalent',
        'Bachelor of gelijkwaardig',
      ),
      {
        htcds: 'BachelorsOrEquivalentLevel',
      },
    ),
    entry(
      'MastersOrEquivalentLevel',
      labels(
        "Master's or equivalent",
        'Máster o equivalente',
        'Master ou équivalent',
        'Master of gelijkwaardig',
      ),
      {
        htcds: 'MastersOrEquivalentLevel',
      },
    ),
    entry(
      'DoctoralOrEquivalentLevel',
      labels(
        'Doctoral or equivalent',
        'Doctorado o equivalente',
        'Doctorat ou équivalent',
        'Doctoraat of gelijkwaardig',
      ),
      {
        htcds: 'DoctoralOrEquivalentLevel',
      },
    ),
  ],
} as const satisfies Codelist;

/** Kinds of identity document. */
export const identityDocumentTypes = {
  id: 'identity-document-type',
  labels: labels(
    'Identity document type',
    'Tipo de documento de identidad',
    "Type de pièce d'identité",
    'Soort identiteitsdocument',
  ),
  source: 'Coral',
  entries: [
    entry('Passport', labels('Passport', 'Pasaporte', 'Passeport', 'Paspoort')),
    entry(
      'NationalIdentityCard',
      labels(
        'National identity card',
        'Documento nacional de identidad',
        "Carte nationale d'identité",
        'Nationale identiteitskaart',
      ),
    ),
    entry(
      'ResidencePermit',
      labels('Residence permit', 'Permiso de residencia', 'Titre de séjour', 'Verblijfsvergunning'),
    ),
    entry('WorkPermit', labels('Work permit', 'Permiso de trabajo', 'Permis de travail', 'Werkvergunning')),
    entry(
      'BirthCertificate',
      labels('Birth certificate', 'Partida de nacimiento', 'Acte de naissance', 'Geboorteakte'),
    ),
    entry(
      'TravelDocument',
      labels(
        'Other travel document',
        'Otro documento de viaje',
        'Autre document de voyage',
        'Ander reisdocument',
      ),
    ),
    entry(
      'SeafarerIdentityDocument',
      labels(
        "Seafarer's identity document",
        'Documento de identidad de la gente de mar',
        "Pièce d'identité des gens de mer",
        'Zeemansboekje',
      ),
    ),
    entry(
      'DriversLicence',
      labels("Driver's licence", 'Licencia de conducir', 'Permis de conduire', 'Rijbewijs'),
    ),
    entry('Other', labels('Other', 'Otro', 'Autre', 'Anders')),
  ],
} as const satisfies Codelist;

/** Migration and international-protection status, after HTCDS's guidance on migration and protection. */
export const migrationStatuses = {
  id: 'migration-status',
  labels: labels('Migration status', 'Situación migratoria', 'Statut migratoire', 'Migratiestatus'),
  source: 'HTCDS 2.0 guidance: Migration and International Protection',
  entries: [
    entry(
      'National',
      labels(
        'National of the country',
        'Nacional del país',
        'Ressortissant du pays',
        'Onderdaan van het land',
      ),
      {
        definition: 'A citizen of the country where the case is recorded (not a migrant there).',
      },
    ),
    entry(
      'LabourMigrant',
      labels('Labour migrant', 'Migrante laboral', 'Travailleur migrant', 'Arbeidsmigrant'),
    ),
    entry(
      'FamilyMigrant',
      labels('Family migrant', 'Migrante por reunificación familiar', 'Migrant familial', 'Gezinsmigrant'),
    ),
    entry(
      'StudentMigrant',
      labels('Student migrant', 'Migrante estudiante', 'Étudiant migrant', 'Studentmigrant'),
    ),
    entry(
      'VisitorOrTourist',
      labels('Visitor or tourist', 'Visitante o turista', 'Visiteur ou touriste', 'Bezoeker of toerist'),
    ),
    entry(
      'IrregularMigrant',
      labels(
        'Irregular migrant',
        'Migrante en situación irregular',
        'Migrant en situation irrégulière',
        'Irreguliere migrant',
      ),
    ),
    entry(
      'AsylumSeeker',
      labels('Asylum seeker', 'Solicitante de asilo', "Demandeur d'asile", 'Asielzoeker'),
    ),
    entry('Refugee', labels('Refugee', 'Refugiado/a', 'Réfugié(e)', 'Vluchteling')),
    entry(
      'ComplementaryProtection',
      labels(
        'Recipient of complementary protection',
        'Beneficiario de protección complementaria',
        'Bénéficiaire de la protection complémentaire',
        'Ontvanger van aanvullende bescherming',
      ),
    ),
    entry('StatelessPerson', labels('Stateless person', 'Apátrida', 'Apatride', 'Staatloze')),
    entry(
      'InternallyDisplacedPerson',
      labels(
        'Internally displaced person',
        'Desplazado interno',
        'Personne déplacée interne',
        'Ontheemde in eigen land',
      ),
    ),
    entry('Returnee', labels('Returnee', 'Retornado/a', 'Rapatrié(e)', 'Teruggekeerde')),
    entry('Deportee', labels('Deportee', 'Deportado/a', 'Expulsé(e)', 'Uitgezette')),
    entry('Unknown', labels('Unknown', 'Desconocido', 'Inconnu', 'Onbekend')),
  ],
} as const satisfies Codelist;
