import type { Codelist } from './codelist.js';

/**
 * Kinds of organisation: the HTCDS 2.0 `org_Type` picklist, plus the two kinds a regional hub needs.
 * Codes are HTCDS's own value names, so HTCDS files map without a table.
 */
export const organisationTypes = {
  id: 'organisation-type',
  entries: [
    {
      code: 'NGO',
      htcds: 'NGO',
      labels: { en: 'NGO', es: 'ONG', fr: 'ONG', nl: 'Ngo' },
    },
    {
      code: 'LawEnforcement',
      htcds: 'LawEnforcement',
      labels: {
        en: 'Law enforcement',
        es: 'Fuerzas del orden',
        fr: "Forces de l'ordre",
        nl: 'Rechtshandhaving',
      },
    },
    {
      code: 'HealthServiceOrganisation',
      htcds: 'HealthServiceOrganisation',
      labels: {
        en: 'Health service organisation',
        es: 'Organización de servicios de salud',
        fr: 'Organisation de services de santé',
        nl: 'Zorgorganisatie',
      },
    },
    {
      code: 'CentralGovernmentOrganisation',
      htcds: 'CentralGovernmentOrganisation',
      labels: {
        en: 'Central government organisation',
        es: 'Organismo del gobierno central',
        fr: "Organisme de l'administration centrale",
        nl: 'Organisatie van de centrale overheid',
      },
    },
    {
      code: 'LocalGovernmentOrganisation',
      htcds: 'LocalGovernmentOrganisation',
      labels: {
        en: 'Local government organisation',
        es: 'Organismo del gobierno local',
        fr: 'Collectivité locale',
        nl: 'Organisatie van de lokale overheid',
      },
    },
    {
      code: 'ImmigrationService',
      htcds: 'ImmigrationService',
      labels: {
        en: 'Immigration service',
        es: 'Servicio de inmigración',
        fr: "Service de l'immigration",
        nl: 'Immigratiedienst',
      },
    },
    {
      code: 'LegalService',
      htcds: 'LegalService',
      labels: {
        en: 'Legal service',
        es: 'Servicio jurídico',
        fr: 'Service juridique',
        nl: 'Juridische dienst',
      },
    },
    {
      code: 'CorporateBusiness',
      htcds: 'CorporateBusiness',
      labels: { en: 'Corporate business', es: 'Empresa', fr: 'Entreprise', nl: 'Bedrijf' },
    },
    {
      code: 'SchoolOrCollege',
      htcds: 'SchoolOrCollege',
      labels: {
        en: 'School or college',
        es: 'Escuela o instituto',
        fr: 'École ou établissement d’enseignement',
        nl: 'School of hogeschool',
      },
    },
    {
      code: 'RegionalBody',
      labels: {
        en: 'Regional body',
        es: 'Organismo regional',
        fr: 'Organisme régional',
        nl: 'Regionaal orgaan',
      },
    },
    {
      code: 'InternationalOrganisation',
      labels: {
        en: 'International organisation',
        es: 'Organización internacional',
        fr: 'Organisation internationale',
        nl: 'Internationale organisatie',
      },
    },
  ],
} as const satisfies Codelist;

export type OrganisationType = (typeof organisationTypes.entries)[number]['code'];
