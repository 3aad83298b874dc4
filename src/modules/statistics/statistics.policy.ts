import type { Actor } from '../../platform/actor.js';

export type StatisticsAction =
  | 'view'
  | 'view-exact'
  | 'view-gaps'
  | 'compose-release'
  | 'publish-release'
  | 'set-population';

/**
 * Statistics within an organisation. Anyone of the organisation may see its tables with small cells
 * suppressed; data officers and analysts may also see exact small counts (their work needs them, and
 * they may see the records anyway); they and administrators see the data-gap assessment; data officers
 * and analysts compose and publish releases — the only statistics that leave the organisation.
 * Population figures are reference data for every organisation: platform administrators set them.
 */
export function can(actor: Actor, action: StatisticsAction, resource: { orgId: string | null }): boolean {
  if (actor.kind === 'operator') return true;
  if (action === 'set-population') return actor.platformAdmin && actor.mfa;
  if (resource.orgId === null || actor.orgId !== resource.orgId || actor.role === null) return false;
  switch (action) {
    case 'view':
      return true;
    case 'view-exact':
    case 'compose-release':
    case 'publish-release':
      return actor.role === 'data-officer' || actor.role === 'analyst';
    case 'view-gaps':
      return actor.role === 'data-officer' || actor.role === 'analyst' || actor.role === 'admin';
    default:
      return false;
  }
}
