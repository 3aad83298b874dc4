import { type Codelist, entry, labels } from './codelist.js';

/**
 * Kinds of organisation: the HTCDS 2.0 `org_Type` picklist, plus the two kinds a regional hub needs.
 * Codes are HTCDS's own value names, so HTCDS files map without a table.
 */
export const organisationTypes = {
  id: 'organisation-type',
  labels: labels('Organisation type', 'Tipo de organización', "Type d'organisation", 'Soort organisatie'),
  source: 'HTCDS 2.0 org_Type, plus RegionalBody and InternationalOrganisation',
  entries: [
    entry('NGO', labels('NGO', 'ONG', 'ONG', 'Ngo'), { htcds: 'NGO' }),
    entry(
      'LawEnforcement',
      labels('Law enforcement', 'Fuerzas del orden', "Forces de l'ordre", 'Rechtshandhaving'),
      {
        htcds: 'LawEnforcement',
      },
    ),
    entry(
      'HealthServiceOrganisation',
      labels(
        'Health service organisation',
        'Organización de servicios de salud',
        'Organisation de services de santé',
        'Zorgorganisatie',
      ),
      { htcds: 'HealthServiceOrganisation' },
    ),
    entry(
      'CentralGovernmentOrganisation',
      labels(
        'Central government organisation',
        'Organismo del gobierno central',
        "Organisme de l'administration centrale",
        'Organisatie van de centrale overheid',
      ),
      { htcds: 'CentralGovernmentOrganisation' },
    ),
    entry(
      'LocalGovernmentOrganisation',
      labels(
        'Local government organisation',
        'Organismo del gobierno local',
        'Collectivité locale',
        'Organisatie van de lokale overheid',
      ),
      { htcds: 'LocalGovernmentOrganisation' },
    ),
    entry(
      'ImmigrationService',
      labels(
        'Immigration service',
        'Servicio de inmigración',
        "Service de l'immigration",
        'Immigratiedienst',
      ),
      {
        htcds: 'ImmigrationService',
      },
    ),
    entry(
      'LegalService',
      labels('Legal service', 'Servicio jurídico', 'Service juridique', 'Juridische dienst'),
      { htcds: 'LegalService' },
    ),
    entry('CorporateBusiness', labels('Corporate business', 'Empresa', 'Entreprise', 'Bedrijf'), {
      htcds: 'CorporateBusiness',
    }),
    entry(
      'SchoolOrCollege',
      labels(
        'School or college',
        'Escuela o instituto',
        'École ou établissement d’enseignement',
        'School of hogeschool',
      ),
      { htcds: 'SchoolOrCollege' },
    ),
    entry(
      'RegionalBody',
      labels('Regional body', 'Organismo regional', 'Organisme régional', 'Regionaal orgaan'),
    ),
    entry(
      'InternationalOrganisation',
      labels(
        'International organisation',
        'Organización internacional',
        'Organisation internationale',
        'Internationale organisatie',
      ),
    ),
  ],
} as const satisfies Codelist;

export type OrganisationType = (typeof organisationTypes.entries)[number]['code'];
