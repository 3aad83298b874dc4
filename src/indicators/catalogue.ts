import { type Codelist, labels as L } from '../standard/codelists/codelist.js';
import { entities } from '../standard/entities/index.js';
import { type EntityId, type FieldDefinition, fieldAt } from '../standard/field.js';
import type { Labels } from '../standard/languages.js';

/**
 * What Coral counts, and by what. A measure counts records of one kind (victims, incidents,
 * prosecutions) or sums one of their numbers (migrants, deaths); a dimension says how a record falls
 * into a category. Labels and categories come from the standard's fields and codelists, so statistics
 * speak the standard's language and a new code shows up in them without a change here.
 */

/** How a record's category in a dimension is derived from its fields. */
export type Derivation =
  /** The year of the first of these fields that holds a date (YYYY-MM-DD) or a year. */
  | { from: 'year'; paths: readonly string[] }
  /** A single code; missing is "Unknown". */
  | { from: 'code'; path: string }
  /** A list of codes: its code when there is one, "Multiple" when several, "Unknown" when none. */
  | { from: 'codes'; path: string }
  /** Yes/no flags: the flag that is yes, "Multiple" when several, "Unknown" when none. */
  | { from: 'flags'; path: string; codes: readonly string[] }
  /** Origin and intended destination, as "HT→DO". */
  | { from: 'route'; origin: string; destination: string }
  /** The country of the organisation that holds the record. */
  | { from: 'organisationCountry' }
  /** A code of each group of people within the record (the migrants of an incident by sex, say). */
  | { from: 'group'; list: string; field: string };

/** What a measure adds up for each record. */
export type Quantity =
  | { of: 'records' }
  | { of: 'number'; path: string }
  /** The `count` of each group in the record's list (used when a group dimension is asked for). */
  | { of: 'groups'; list: string; count: string };

/** A condition a record must meet to be counted. */
export type Condition =
  | { path: string; notIn: readonly string[] }
  | { path: string; in: readonly string[] }
  | { anyPresent: readonly string[] };

export interface DimensionDefinition {
  id: string;
  label: Labels;
  derivation: Derivation;
}

export interface MeasureDefinition {
  id: string;
  kind: EntityId;
  label: Labels;
  help: Labels;
  quantity: Quantity;
  /** The quantity when a group dimension is asked for. */
  groupQuantity?: Quantity;
  where: readonly Condition[];
  dimensions: readonly DimensionDefinition[];
}

/** Categories every dimension may show besides its codes. */
export const unknownCategory = 'Unknown';
export const multipleCategory = 'Multiple';

const year = (paths: readonly string[]): DimensionDefinition => ({
  id: 'year',
  label: L('Year', 'Año', 'Année', 'Jaar'),
  derivation: { from: 'year', paths },
});

const field = (
  id: string,
  kind: EntityId,
  derivation: { from: 'code' | 'codes' | 'flags'; path: string },
  label?: Labels,
): DimensionDefinition => {
  const definition = fieldOf(kind, derivation.path);
  const type = definition.type;
  return {
    id,
    label: label ?? definition.label,
    // Flags are counted code by code, so the codes come along (from the standard's codelist).
    derivation:
      derivation.from === 'flags'
        ? {
            from: 'flags',
            path: derivation.path,
            codes: type.kind === 'flags' ? type.codelist.entries.map((e) => e.code) : [],
          }
        : { from: derivation.from, path: derivation.path },
  };
};

const somDimensions: DimensionDefinition[] = [
  year(['detectionDate']),
  field(
    'country',
    'somIncident',
    { from: 'code', path: 'detectionCountry' },
    L('Country', 'País', 'Pays', 'Land'),
  ),
  field('origin', 'somIncident', { from: 'code', path: 'originCountry' }),
  field('destination', 'somIncident', { from: 'code', path: 'intendedDestinationCountry' }),
  {
    id: 'route',
    label: L('Route', 'Ruta', 'Itinéraire', 'Route'),
    derivation: { from: 'route', origin: 'originCountry', destination: 'intendedDestinationCountry' },
  },
  field('transportMode', 'somIncident', { from: 'codes', path: 'transportModes' }),
];

const migrantGroupDimensions: DimensionDefinition[] = [
  {
    id: 'migrantSex',
    label: L('Sex of migrants', 'Sexo de los migrantes', 'Sexe des migrants', 'Geslacht van migranten'),
    derivation: { from: 'group', list: 'migrantGroups', field: 'sex' },
  },
  {
    id: 'migrantAge',
    label: L('Age of migrants', 'Edad de los migrantes', 'Âge des migrants', 'Leeftijd van migranten'),
    derivation: { from: 'group', list: 'migrantGroups', field: 'ageGroup' },
  },
  {
    id: 'migrantCitizenship',
    label: L(
      'Citizenship of migrants',
      'Nacionalidad de los migrantes',
      'Nationalité des migrants',
      'Nationaliteit van migranten',
    ),
    derivation: { from: 'group', list: 'migrantGroups', field: 'citizenship' },
  },
];

const justiceDimensions = (datePath: string): DimensionDefinition[] => [
  year([datePath]),
  {
    id: 'country',
    label: L('Country', 'País', 'Pays', 'Land'),
    derivation: { from: 'organisationCountry' },
  },
  field('offence', 'proceeding', { from: 'codes', path: 'offences' }),
];

/** Every measure Coral computes. */
export const measures: readonly MeasureDefinition[] = [
  {
    id: 'victims',
    kind: 'thbCase',
    label: L(
      'Victims of trafficking identified',
      'Víctimas de trata identificadas',
      'Victimes de la traite identifiées',
      'Geïdentificeerde slachtoffers van mensenhandel',
    ),
    help: L(
      'Case records of presumed and confirmed victims (not those found not to be victims), by year of identification.',
      'Casos de víctimas presuntas y confirmadas (no las que resultaron no serlo), por año de identificación.',
      'Dossiers de victimes présumées et confirmées (pas celles qui se sont révélées ne pas l’être), par année d’identification.',
      'Dossiers van vermoedelijke en bevestigde slachtoffers (niet wie geen slachtoffer bleek), per jaar van identificatie.',
    ),
    quantity: { of: 'records' },
    where: [{ path: 'traffickingStatus', notIn: ['NotAVictimOfTrafficking'] }],
    dimensions: [
      year(['identificationDate', 'identificationYear']),
      field(
        'country',
        'thbCase',
        { from: 'code', path: 'identificationCountry' },
        L('Country', 'País', 'Pays', 'Land'),
      ),
      field('exploitationCountry', 'thbCase', { from: 'code', path: 'exploitationCountry' }),
      field('citizenship', 'thbCase', { from: 'codes', path: 'victim.citizenships' }),
      field('sex', 'thbCase', { from: 'code', path: 'victim.gender' }),
      field('ageBand', 'thbCase', { from: 'code', path: 'victim.ageBand' }),
      field('majority', 'thbCase', { from: 'code', path: 'victim.majorityStatus' }),
      field('exploitation', 'thbCase', { from: 'flags', path: 'formsOfExploitation' }),
      field('labourIndustry', 'thbCase', { from: 'code', path: 'labourIndustry' }),
      field('meansOfControl', 'thbCase', { from: 'flags', path: 'meansOfControl' }),
      field('recruiterRelationship', 'thbCase', { from: 'flags', path: 'recruiterRelationship' }),
      field('traffickingStatus', 'thbCase', { from: 'code', path: 'traffickingStatus' }),
    ],
  },
  {
    id: 'smugglingIncidents',
    kind: 'somIncident',
    label: L(
      'Migrant smuggling incidents',
      'Incidentes de tráfico ilícito de migrantes',
      'Incidents de trafic illicite de migrants',
      'Incidenten van migrantensmokkel',
    ),
    help: L(
      'Incidents detected, by year of detection.',
      'Incidentes detectados, por año de detección.',
      'Incidents détectés, par année de détection.',
      'Gedetecteerde incidenten, per jaar van detectie.',
    ),
    quantity: { of: 'records' },
    where: [],
    dimensions: somDimensions,
  },
  {
    id: 'smuggledMigrants',
    kind: 'somIncident',
    label: L(
      'Smuggled migrants',
      'Migrantes objeto de tráfico',
      'Migrants objet de trafic',
      'Gesmokkelde migranten',
    ),
    help: L(
      'Migrants in detected incidents. By sex, age or citizenship, only the migrants recorded in groups are counted.',
      'Migrantes en incidentes detectados. Por sexo, edad o nacionalidad, solo cuentan los registrados en grupos.',
      'Migrants des incidents détectés. Par sexe, âge ou nationalité, seuls ceux enregistrés en groupes comptent.',
      'Migranten bij gedetecteerde incidenten. Per geslacht, leeftijd of nationaliteit tellen alleen wie in groepen is vastgelegd.',
    ),
    quantity: { of: 'number', path: 'migrantsTotal' },
    groupQuantity: { of: 'groups', list: 'migrantGroups', count: 'count' },
    where: [],
    dimensions: [...somDimensions, ...migrantGroupDimensions],
  },
  {
    id: 'migrantDeaths',
    kind: 'somIncident',
    label: L(
      'Deaths of smuggled migrants',
      'Muertes de migrantes objeto de tráfico',
      'Décès de migrants objet de trafic',
      'Overleden gesmokkelde migranten',
    ),
    help: L(
      'Deaths recorded in detected incidents (GCM objective 8 and 9).',
      'Muertes registradas en incidentes detectados (objetivos 8 y 9 del PMM).',
      'Décès enregistrés lors des incidents détectés (objectifs 8 et 9 du PMM).',
      'Sterfgevallen bij gedetecteerde incidenten (GCM-doelstellingen 8 en 9).',
    ),
    quantity: { of: 'number', path: 'deaths' },
    where: [],
    dimensions: somDimensions,
  },
  {
    id: 'prosecutions',
    kind: 'proceeding',
    label: L('Prosecutions', 'Procesamientos', 'Poursuites', 'Vervolgingen'),
    help: L(
      'Proceedings that reached prosecution, by year prosecution started and the country of the recording organisation.',
      'Procedimientos que llegaron a la acusación, por año de inicio y país de la organización que los registra.',
      'Procédures ayant abouti à des poursuites, par année de début et pays de l’organisation qui les enregistre.',
      'Procedures die tot vervolging kwamen, per beginjaar en land van de registrerende organisatie.',
    ),
    quantity: { of: 'records' },
    where: [{ anyPresent: ['prosecution.startDate', 'decision.date'] }],
    dimensions: justiceDimensions('prosecution.startDate'),
  },
  {
    id: 'convictions',
    kind: 'proceeding',
    label: L('Convictions', 'Condenas', 'Condamnations', 'Veroordelingen'),
    help: L(
      'Proceedings decided with a conviction, by year of the decision.',
      'Procedimientos resueltos con condena, por año de la decisión.',
      'Procédures conclues par une condamnation, par année de la décision.',
      'Procedures beslist met een veroordeling, per jaar van de beslissing.',
    ),
    quantity: { of: 'records' },
    where: [{ path: 'decision.outcome', in: ['Conviction', 'ConvictionLesserOffence'] }],
    dimensions: justiceDimensions('decision.date'),
  },
];

export type MeasureId = string;

/**
 * The measure with this id, or undefined.
 *
 * @example
 * measureById('victims')?.kind; // → 'thbCase'
 */
export function measureById(id: string): MeasureDefinition | undefined {
  return measures.find((measure) => measure.id === id);
}

/**
 * The categories of a dimension in the order they are shown, with labels: the codelist's codes, then
 * "Multiple" and "Unknown". Years and routes have no fixed list: they are the values met, sorted.
 *
 * @example
 * categoriesOf(measureById('victims')!, 'sex').map((c) => c.code); // → ['Feminine', ..., 'Unknown']
 */
export function categoriesOf(
  measure: MeasureDefinition,
  dimensionId: string,
): Array<{ code: string; label: Labels }> {
  const dimension = measure.dimensions.find((d) => d.id === dimensionId);
  if (!dimension) return [];
  const derivation = dimension.derivation;
  const codelist = derivation.from === 'route' ? undefined : codelistOf(measure, dimensionId);
  const codes = codelist
    ? codelist.entries.map((entry) => ({ code: entry.code as string, label: entry.labels }))
    : [];
  const extra = [];
  if (derivation.from === 'codes' || derivation.from === 'flags')
    extra.push({ code: multipleCategory, label: multipleLabel });
  if (!codes.some((c) => c.code === unknownCategory))
    extra.push({ code: unknownCategory, label: unknownLabel });
  return [...codes, ...extra];
}

/**
 * The codelist a dimension's categories come from, or undefined (years). A route's ends are countries.
 *
 * @example
 * codelistOf(measureById('victims')!, 'citizenship')?.id; // → 'country'
 */
export function codelistOf(measure: MeasureDefinition, dimensionId: string): Codelist | undefined {
  const derivation = measure.dimensions.find((d) => d.id === dimensionId)?.derivation;
  if (!derivation) return undefined;
  const definition =
    derivation.from === 'code' || derivation.from === 'codes' || derivation.from === 'flags'
      ? fieldOf(measure.kind, derivation.path)
      : derivation.from === 'group'
        ? fieldOf(measure.kind, `${derivation.list}.${derivation.field}`)
        : derivation.from === 'organisationCountry' || derivation.from === 'route'
          ? fieldOf('thbCase', 'identificationCountry')
          : undefined;
  const type = definition?.type;
  return type && (type.kind === 'code' || type.kind === 'codes' || type.kind === 'flags')
    ? type.codelist
    : undefined;
}

/** Labels for a category code of a dimension (routes are two country names). */
export function categoryLabel(measure: MeasureDefinition, dimensionId: string, code: string): Labels {
  const found = categoriesOf(measure, dimensionId).find((c) => c.code === code);
  if (found) return found.label;
  const dimension = measure.dimensions.find((d) => d.id === dimensionId);
  if (dimension?.derivation.from === 'route') {
    const [origin = '', destination = ''] = code.split('→');
    const countries = categoriesOf(measure, 'origin');
    const name = (c: string) => countries.find((entry) => entry.code === c)?.label;
    const a = name(origin);
    const b = name(destination);
    if (a && b) return L(`${a.en} → ${b.en}`, `${a.es} → ${b.es}`, `${a.fr} → ${b.fr}`, `${a.nl} → ${b.nl}`);
  }
  return L(code, code, code, code);
}

const multipleLabel = L('Several', 'Varios', 'Plusieurs', 'Meerdere');
const unknownLabel = L('Unknown', 'Desconocido', 'Inconnu', 'Onbekend');

function fieldOf(kind: EntityId, path: string): FieldDefinition {
  const found = fieldAt(entities[kind], path.split('.'));
  if (!found) throw new Error(`The standard has no field ${kind}.${path}.`);
  return found;
}
