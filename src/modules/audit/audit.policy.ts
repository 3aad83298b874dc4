import type { Actor } from '../../platform/actor.js';
import { isVerifiedOrgAdmin, isVerifiedPlatformAdmin } from '../../platform/actor.js';

export type AuditAction = 'list';

/** `orgId: null` asks for every organisation's entries. */
export interface AuditResource {
  orgId: string | null;
}

/**
 * Who may read the audit log: an organisation's administrators read their organisation's entries;
 * platform administrators and operators read all. Administrators need a TOTP-verified session.
 */
export function can(actor: Actor, action: AuditAction, resource: AuditResource): boolean {
  if (action !== 'list') return false;
  if (actor.kind === 'operator') return true;
  if (isVerifiedPlatformAdmin(actor)) return true;
  return resource.orgId !== null && isVerifiedOrgAdmin(actor, resource.orgId);
}
