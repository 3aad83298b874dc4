import type { Services } from '../app.js';
import type { Database } from '../db/database.js';
import { type Context, operatorContext, type RoleId } from '../platform/actor.js';
import type { CountryCode } from '../standard/codelists/countries.js';
import type { OrganisationType } from '../standard/codelists/organisation-types.js';

/** The password of every demo account. Demo data is synthetic and for trying Coral out only. */
export const demoPassword = 'coral-demo-pass';

interface DemoOrganisation {
  key: string;
  name: string;
  type: OrganisationType;
  country: CountryCode;
}

interface DemoUser {
  email: string;
  displayName: string;
  language: 'en' | 'es' | 'fr' | 'nl';
  roles: Array<{ org: string | null; role: RoleId }>;
}

/** Fictional organisations in three Caribbean countries and a regional body. */
export const demoOrganisations: readonly DemoOrganisation[] = [
  {
    key: 'tip',
    name: 'Counter-Trafficking Unit (demo)',
    type: 'CentralGovernmentOrganisation',
    country: 'TT',
  },
  { key: 'police', name: 'Police Anti-Trafficking Unit (demo)', type: 'LawEnforcement', country: 'GY' },
  { key: 'shelter', name: 'Safe Harbour Shelter (demo)', type: 'NGO', country: 'JM' },
  { key: 'hub', name: 'Caribbean Regional Hub (demo)', type: 'RegionalBody', country: 'BB' },
];

/** One account per role; the administrator belongs to every organisation to show switching. */
export const demoUsers: readonly DemoUser[] = [
  {
    email: 'admin@coral-demo.example',
    displayName: 'Demo Administrator',
    language: 'en',
    roles: [
      { org: 'tip', role: 'admin' },
      { org: 'police', role: 'admin' },
      { org: 'shelter', role: 'admin' },
      { org: 'hub', role: 'admin' },
    ],
  },
  {
    email: 'officer@coral-demo.example',
    displayName: 'Demo Data Officer',
    language: 'en',
    roles: [{ org: 'tip', role: 'data-officer' }],
  },
  {
    email: 'caseworker@coral-demo.example',
    displayName: 'Demo Case Worker',
    language: 'en',
    roles: [{ org: 'shelter', role: 'case-worker' }],
  },
  {
    email: 'investigator@coral-demo.example',
    displayName: 'Demo Investigator',
    language: 'en',
    roles: [{ org: 'police', role: 'investigator' }],
  },
  {
    email: 'analyst@coral-demo.example',
    displayName: 'Demo Analyst',
    language: 'es',
    roles: [{ org: 'hub', role: 'analyst' }],
  },
  {
    email: 'viewer@coral-demo.example',
    displayName: 'Demo Viewer',
    language: 'nl',
    roles: [{ org: 'tip', role: 'viewer' }],
  },
  {
    email: 'platform@coral-demo.example',
    displayName: 'Demo Platform Administrator',
    language: 'fr',
    roles: [{ org: null, role: 'platform-admin' }],
  },
];

export interface DemoSeedResult {
  /** False when the demo was seeded before and nothing was added. */
  seeded: boolean;
  signIns: Array<{ email: string; roles: string }>;
}

/**
 * Adds the demo organisations and accounts, all in one transaction, once: a second run finds them and
 * adds nothing; an interrupted run leaves nothing behind.
 *
 * @example
 * const { signIns } = await seedDemo(runtime);
 */
export async function seedDemo(
  runtime: { services: Services; database: Database },
  ctx: Context = operatorContext('demo-seed'),
): Promise<DemoSeedResult> {
  const { services, database } = runtime;
  const signIns = demoUsers.map((user) => ({
    email: user.email,
    roles: user.roles.map((r) => (r.org ? `${r.role} (${nameOf(r.org)})` : r.role)).join(', '),
  }));
  const existing = new Set((await services.organisations.list(ctx)).map((o) => o.name));
  if (demoOrganisations.some((o) => existing.has(o.name))) return { seeded: false, signIns };
  await database.transaction(async () => {
    const ids = new Map<string, string>();
    for (const org of demoOrganisations) {
      const created = await services.organisations.create(ctx, {
        name: org.name,
        type: org.type,
        country: org.country,
      });
      ids.set(org.key, created.id);
    }
    for (const user of demoUsers) {
      for (const { org, role } of user.roles) {
        await services.users.addMember(ctx, {
          orgId: org ? (ids.get(org) ?? null) : null,
          email: user.email,
          displayName: user.displayName,
          preferredLanguage: user.language,
          role,
          password: demoPassword,
        });
      }
    }
  });
  return { seeded: true, signIns };
}

function nameOf(key: string): string {
  return demoOrganisations.find((o) => o.key === key)?.name ?? key;
}
