import type { Actor, OrganisationRole } from '../../platform/actor.js';
import type { LinkageKind } from './linkage.repository.js';

export type LinkageAction = 'view' | 'manage' | 'upload' | 'review';

/**
 * Who works on the records a project links: case workers on victims' cases, investigators on
 * suspects, data officers on both — the roles that may read those records' identifying fields.
 */
const workers: Record<LinkageKind, readonly OrganisationRole[]> = {
  thbCase: ['data-officer', 'case-worker'],
  offender: ['data-officer', 'investigator'],
};

/**
 * The one policy of linkage projects. Only organisations taking part see a project at all. Within a
 * party organisation:
 * - everyone may see the project (its name, the parties, counts — never records);
 * - administrators and data officers manage it: create, invite, answer an invitation, run matching,
 *   close;
 * - those who work on the records it links upload or generate encodings and review matches.
 * Operators at the command line may do all.
 */
export function can(
  actor: Actor,
  action: LinkageAction,
  resource: { orgId: string | null; kind: LinkageKind; party: boolean },
): boolean {
  if (actor.kind === 'operator') return true;
  if (!resource.party || resource.orgId === null || actor.orgId !== resource.orgId || actor.role === null)
    return false;
  switch (action) {
    case 'view':
      return true;
    case 'manage':
      return actor.role === 'admin' || actor.role === 'data-officer';
    case 'upload':
    case 'review':
      return workers[resource.kind].includes(actor.role);
    default:
      return false;
  }
}
