import { entities } from './entities/index.js';
import { type EntityId, type FieldDefinition, fieldsOf, walkFields } from './field.js';

/** How the API and lists present one kind of record. Everything else comes from the standard. */
export interface RecordKind {
  id: EntityId;
  /** URL segment under /api/v1. */
  segment: string;
  /** The field lists show as the record's status, and the date they sort and filter by. */
  statusField: string;
  dateField: string;
  /** Non-identifying fields shown in lists, by path. */
  summaryFields: readonly string[];
  /** Identifying name fields whose tokens go into the blind index. */
  nameFields: readonly string[];
  /** The filters lists offer first (every non-identifying coded field can be filtered through the API). */
  listFilters: readonly string[];
}

export const recordKinds: Readonly<Record<EntityId, RecordKind>> = {
  thbCase: {
    id: 'thbCase',
    segment: 'thb-cases',
    statusField: 'caseStatus',
    dateField: 'identificationDate',
    summaryFields: [
      'caseReference',
      'caseStatus',
      'traffickingStatus',
      'identificationDate',
      'identificationYear',
      'exploitationCountry',
      'formsOfExploitation',
      'victim.gender',
      'victim.ageBand',
      'victim.citizenships',
    ],
    nameFields: ['victim.givenNames', 'victim.familyNames', 'victim.otherNames'],
    listFilters: [
      'caseStatus',
      'traffickingStatus',
      'exploitationCountry',
      'formsOfExploitation',
      'victim.gender',
    ],
  },
  somIncident: {
    id: 'somIncident',
    segment: 'som-incidents',
    statusField: 'detectionLocationType',
    dateField: 'detectionDate',
    summaryFields: [
      'incidentReference',
      'detectionDate',
      'detectionCountry',
      'originCountry',
      'intendedDestinationCountry',
      'transportModes',
      'migrantsTotal',
      'deaths',
    ],
    nameFields: [],
    listFilters: ['detectionCountry', 'originCountry', 'transportModes'],
  },
  offender: {
    id: 'offender',
    segment: 'offenders',
    statusField: 'status',
    dateField: '',
    summaryFields: [
      'offenderReference',
      'status',
      'roles',
      'person.gender',
      'person.citizenships',
      'organisedCriminalGroup',
    ],
    nameFields: ['person.givenNames', 'person.familyNames', 'person.otherNames'],
    listFilters: ['status', 'roles'],
  },
  proceeding: {
    id: 'proceeding',
    segment: 'proceedings',
    statusField: 'stage',
    dateField: '',
    summaryFields: ['proceedingReference', 'stage', 'offences', 'decision.outcome', 'decision.date'],
    nameFields: [],
    listFilters: ['stage', 'offences'],
  },
};

/** Why a record may be deleted (deletion is soft: a record deleted for any reason can be restored). */
export const deleteReasons = [
  'Duplicate',
  'EnteredInError',
  'ConsentWithdrawn',
  'RetentionPeriodEnded',
  'Other',
] as const;
export type DeleteReason = (typeof deleteReasons)[number];

/** A field lists can filter by: a code, codes, flags or yes/no field that identifies no one. */
export interface Filterable {
  path: string;
  field: FieldDefinition;
}

/** The standard is fixed for the life of the process, so each kind's filterable fields are found once. */
const filterable = new Map<EntityId, Filterable[]>();

/** The fields of a kind lists can filter by, from the standard (outside lists, not identifying). */
export function filterableFields(kind: EntityId): readonly Filterable[] {
  let found = filterable.get(kind);
  if (found) return found;
  found = [];
  const visit = (fields: readonly FieldDefinition[], prefix: string) => {
    for (const field of fields) {
      const path = prefix ? `${prefix}.${field.id}` : field.id;
      if (field.type.kind === 'group') visit(field.type.fields, path);
      const kinds = ['code', 'codes', 'flags', 'boolean', 'date'];
      if (kinds.includes(field.type.kind) && field.sensitivity !== 'identifying') found.push({ path, field });
    }
  };
  visit(fieldsOf(entities[kind]), '');
  filterable.set(kind, found);
  return found;
}

/** The text fields that are not identifying: what free-text search looks in. */
export function searchableTextPaths(kind: EntityId): readonly string[] {
  let paths = searchable.get(kind);
  if (!paths) {
    const found: string[] = [];
    walkFields(fieldsOf(entities[kind]), (field, path) => {
      if (field.type.kind === 'text' && field.sensitivity !== 'identifying') found.push(path);
    });
    paths = Object.freeze(found);
    searchable.set(kind, paths);
  }
  return paths;
}

// Asked for on every record stored; the standard does not change while Coral runs.
const searchable = new Map<EntityId, readonly string[]>();
