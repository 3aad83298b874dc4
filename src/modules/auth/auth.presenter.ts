import { isOrganisationRole } from '../../platform/actor.js';
import { entityIds } from '../../standard/field.js';
import { can as canTransfer } from '../imports/imports.policy.js';
import { presentOrganisation } from '../organisations/organisations.presenter.js';
import { can as canRecord } from '../records/records.policy.js';
import type { SessionView } from './auth.schema.js';
import type { SessionDescription } from './auth.service.js';

/** What the signed-in user learns about their own session. */
export function presentSession(description: SessionDescription): SessionView {
  const { user, actor, session, memberships } = description;
  const current = memberships.find((m) => m.organisation.id === actor.orgId);
  const administers = user.isPlatformAdmin || memberships.some((m) => m.membership.role === 'admin');
  return {
    user: {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      preferredLanguage: user.preferredLanguage,
      platformAdmin: user.isPlatformAdmin,
      totpEnabled: user.totpEnabledAt !== null,
    },
    organisation: current ? presentOrganisation(current.organisation) : null,
    role: actor.role && isOrganisationRole(actor.role) ? actor.role : null,
    memberships: memberships.map((m) => ({
      organisation: presentOrganisation(m.organisation),
      role: m.membership.role,
    })),
    mfa: actor.mfa,
    mfaEnrolmentRequired: administers && user.totpEnabledAt === null,
    csrfToken: session.csrfToken,
    permissions: Object.fromEntries(
      entityIds.map((kind) => {
        const resource = { kind, orgId: actor.orgId ?? '' };
        const allowed = (action: 'create' | 'delete' | 'read-identifying') =>
          actor.orgId !== null && canRecord(actor, action, resource);
        const transfer = (action: 'import' | 'export' | 'export-identifying') =>
          actor.orgId !== null && canTransfer(actor, action, resource);
        return [
          kind,
          {
            write: allowed('create'),
            delete: allowed('delete'),
            identifying: allowed('read-identifying'),
            import: transfer('import'),
            export: transfer('export'),
            exportIdentifying: transfer('export-identifying'),
          },
        ];
      }),
    ),
  };
}
