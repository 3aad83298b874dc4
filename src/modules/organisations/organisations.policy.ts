import type { Actor } from '../../platform/actor.js';
import { isVerifiedOrgAdmin, isVerifiedPlatformAdmin } from '../../platform/actor.js';

export type OrganisationAction = 'create' | 'read' | 'update' | 'list-all';

/**
 * Organisations: platform administrators create and manage them; members read the one they act for;
 * an organisation's own administrators may correct its details.
 */
export function can(actor: Actor, action: OrganisationAction, organisation?: { id: string }): boolean {
  if (actor.kind === 'operator' || isVerifiedPlatformAdmin(actor)) return true;
  switch (action) {
    case 'read':
      return organisation !== undefined && actor.orgId === organisation.id;
    case 'update':
      return organisation !== undefined && isVerifiedOrgAdmin(actor, organisation.id);
    default:
      return false;
  }
}
