import type { Actor } from '../../platform/actor.js';
import { isVerifiedOrgAdmin, isVerifiedPlatformAdmin } from '../../platform/actor.js';

export type UserAction =
  | 'add-member'
  | 'list-members'
  | 'read-member'
  | 'change-role'
  | 'remove-member'
  | 'grant-platform-admin';

/**
 * People and their roles: an organisation's administrators manage its members; platform administrators
 * manage every organisation's members and grant the platform role. Administrators need a TOTP-verified
 * session. Operators at the command line may do all.
 */
export function can(actor: Actor, action: UserAction, resource: { orgId: string | null }): boolean {
  if (actor.kind === 'operator' || isVerifiedPlatformAdmin(actor)) return true;
  if (action === 'grant-platform-admin' || resource.orgId === null) return false;
  return isVerifiedOrgAdmin(actor, resource.orgId);
}
