import { type Actor, type OrganisationRole, organisationRoles } from '../../platform/actor.js';
import type { EntityId } from '../../standard/field.js';

export type RecordAction =
  | 'list'
  | 'read'
  | 'read-identifying'
  | 'create'
  | 'update'
  | 'delete'
  | 'restore'
  | 'history';

const all: readonly OrganisationRole[] = organisationRoles;

/**
 * Who may do what with case records, within their own organisation only. Everyone in the organisation
 * may list and read records without identifying fields. Writing and seeing identifying fields follow
 * the work: case workers the victims' cases, investigators incidents, offenders and proceedings (and the
 * victims' cases they prosecute), data officers everything. Only data officers delete and restore.
 */
const matrix: Record<
  EntityId,
  Record<Exclude<RecordAction, 'list' | 'read' | 'history'>, readonly OrganisationRole[]>
> = {
  thbCase: {
    'read-identifying': ['data-officer', 'case-worker', 'investigator'],
    create: ['data-officer', 'case-worker'],
    update: ['data-officer', 'case-worker'],
    delete: ['data-officer'],
    restore: ['data-officer'],
  },
  somIncident: {
    'read-identifying': ['data-officer', 'investigator', 'case-worker'],
    create: ['data-officer', 'investigator'],
    update: ['data-officer', 'investigator'],
    delete: ['data-officer'],
    restore: ['data-officer'],
  },
  offender: {
    'read-identifying': ['data-officer', 'investigator'],
    create: ['data-officer', 'investigator'],
    update: ['data-officer', 'investigator'],
    delete: ['data-officer'],
    restore: ['data-officer'],
  },
  proceeding: {
    'read-identifying': ['data-officer', 'investigator'],
    create: ['data-officer', 'investigator'],
    update: ['data-officer', 'investigator'],
    delete: ['data-officer'],
    restore: ['data-officer'],
  },
};

/** The one policy of case records. Default deny; operators at the command line may do all. */
export function can(
  actor: Actor,
  action: RecordAction,
  resource: { kind: EntityId; orgId: string },
): boolean {
  if (actor.kind === 'operator') return true;
  if (actor.orgId !== resource.orgId || actor.role === null) return false;
  const allowed =
    action === 'list' || action === 'read' || action === 'history' ? all : matrix[resource.kind][action];
  return allowed.includes(actor.role);
}
