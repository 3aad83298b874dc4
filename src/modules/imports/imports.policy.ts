import type { Actor } from '../../platform/actor.js';
import type { EntityId } from '../../standard/field.js';
import { can as canRecords } from '../records/records.policy.js';

export type ImportAction = 'import' | 'view-imports' | 'manage-mappings' | 'export' | 'export-identifying';

/**
 * Bulk import and export, within the actor's organisation. Importing writes many records at once, so
 * it is for data officers (who may create, update and delete records of every kind). Exports follow the
 * records' own policy: whoever may list a kind may export it without identifying fields, except viewers
 * and administrators, whose work is not with the data; identifying fields only for roles that may see
 * them, and only when asked for.
 */
export function can(
  actor: Actor,
  action: ImportAction,
  resource: { orgId: string; kind?: EntityId },
): boolean {
  if (actor.kind === 'operator') return true;
  if (actor.orgId !== resource.orgId || actor.role === null) return false;
  switch (action) {
    case 'import':
    case 'view-imports':
    case 'manage-mappings':
      return actor.role === 'data-officer';
    case 'export':
      return (
        resource.kind !== undefined &&
        !['viewer', 'admin'].includes(actor.role) &&
        canRecords(actor, 'list', { kind: resource.kind, orgId: resource.orgId })
      );
    case 'export-identifying':
      return (
        resource.kind !== undefined &&
        can(actor, 'export', resource) &&
        canRecords(actor, 'read-identifying', { kind: resource.kind, orgId: resource.orgId })
      );
    default:
      return false;
  }
}
