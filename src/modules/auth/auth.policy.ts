import type { Actor } from '../../platform/actor.js';

export type AuthAction = 'switch-organisation' | 'manage-own-credentials';

/**
 * Sessions and credentials: only a person signed in with a password (a session, not an API token)
 * switches organisation or changes their own password and second factor.
 */
export function can(actor: Actor, action: AuthAction): boolean {
  if (actor.kind !== 'user' || actor.via.type !== 'session') return false;
  switch (action) {
    case 'switch-organisation':
    case 'manage-own-credentials':
      return true;
    default:
      return false;
  }
}
