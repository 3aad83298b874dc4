import type { Actor } from '../../platform/actor.js';
import { isVerifiedOrgAdmin } from '../../platform/actor.js';

export type TokenAction = 'create' | 'list-all' | 'revoke';

/**
 * API tokens: a signed-in member makes tokens for themselves in the organisation they act for (a token
 * cannot make tokens); they and the organisation's administrators may revoke them.
 */
export function can(actor: Actor, action: TokenAction, token: { userId: string; orgId: string }): boolean {
  if (actor.kind === 'operator') return true;
  if (actor.orgId !== token.orgId || actor.role === null) return false;
  const own = actor.userId === token.userId;
  switch (action) {
    case 'create':
      return own && actor.via.type === 'session';
    case 'list-all':
      return isVerifiedOrgAdmin(actor, token.orgId);
    case 'revoke':
      return own || isVerifiedOrgAdmin(actor, token.orgId);
    default:
      return false;
  }
}
