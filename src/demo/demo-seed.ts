import type { Services } from '../app.js';
import type { Database } from '../db/database.js';
import { type Context, operatorContext, type RoleId } from '../platform/actor.js';
import type { CountryCode } from '../standard/codelists/countries.js';
import type { OrganisationType } from '../standard/codelists/organisation-types.js';
import {
  createRandom,
  syntheticOffender,
  syntheticProceeding,
  syntheticSomIncident,
  syntheticThbCase,
} from './synthetic-records.js';

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
    const cases = await seedDemoRecords(services, ctx, ids);
    await seedDemoLinkage(services, ctx, ids, cases.get('tip') ?? []);
    await seedDemoReleases(services, ctx, ids);
  });
  return { seeded: true, signIns };
}

/**
 * A few hundred synthetic records across the demo organisations: trafficking cases where the unit,
 * the shelter and the police work, smuggling incidents, suspects and offenders, and proceedings that
 * link them.
 */
async function seedDemoRecords(
  services: Services,
  ctx: Context,
  orgs: Map<string, string>,
): Promise<Map<string, string[]>> {
  const random = createRandom(2026);
  const org = (key: string) => orgs.get(key) ?? '';
  const homeOf = (country: unknown) =>
    country === 'JM' ? 'shelter' : country === 'GY' || country === 'SR' ? 'police' : 'tip';
  const casesByOrg = new Map<string, string[]>();
  for (let i = 0; i < 240; i++) {
    const record = syntheticThbCase(random, i);
    const home = homeOf(record.exploitationCountry);
    const created = await services.records.create(ctx, 'thbCase', org(home), record);
    casesByOrg.set(home, [...(casesByOrg.get(home) ?? []), created.stored.id]);
  }
  for (let i = 0; i < 80; i++) {
    const record = syntheticSomIncident(random, i);
    await services.records.create(
      ctx,
      'somIncident',
      org(record.detectionCountry === 'GY' || record.detectionCountry === 'SR' ? 'police' : 'tip'),
      record,
    );
  }
  for (const home of ['police', 'tip'] as const) {
    const offenders: string[] = [];
    for (let i = 0; i < 25; i++)
      offenders.push(
        (await services.records.create(ctx, 'offender', org(home), syntheticOffender(random, i))).stored.id,
      );
    const cases = casesByOrg.get(home) ?? [];
    for (let i = 0; i < 12; i++) {
      const accused = [offenders[i * 2], offenders[i * 2 + 1]].filter((id): id is string => Boolean(id));
      const linked = cases.slice(i * 2, i * 2 + 2);
      await services.records.create(
        ctx,
        'proceeding',
        org(home),
        syntheticProceeding(random, i, accused, linked),
      );
    }
  }
  return casesByOrg;
}

/** The demo's linkage secret: synthetic, published here, for the demo only. Real parties agree their own. */
export const demoLinkageSecret = 'coral-demo-linkage-secret-not-for-real-use';

/**
 * A linkage project between the unit (Trinidad and Tobago) and the shelter (Jamaica): the shelter
 * assisted five of the unit's victims later, recorded with the spellings and slips of another office
 * (accents dropped, a second given name left out, surnames in the other order). Both sides' encodings
 * are made and matched, so the review has possible matches on first start.
 */
async function seedDemoLinkage(
  services: Services,
  ctx: Context,
  orgs: Map<string, string>,
  tipCases: readonly string[],
): Promise<void> {
  const [tip, shelter] = [orgs.get('tip') ?? '', orgs.get('shelter') ?? ''];
  let n = 0;
  for (const id of tipCases) {
    if (n === 5) break;
    const { record } = await services.records.get(ctx, 'thbCase', tip, id);
    const consents = Array.isArray(record.consents) ? (record.consents as Array<{ purpose?: unknown }>) : [];
    if (!consents.some((c) => c.purpose === 'RecordLinkage')) continue;
    const victim = { ...(record.victim as Record<string, unknown>) };
    // Minor or adult is as at identification, which is later here: the shelter's form leaves it out.
    delete victim.majorityStatus;
    const plain = (text: unknown) =>
      String(text ?? '')
        .normalize('NFD')
        .replace(/\p{M}/gu, '');
    if (n % 2 === 0) victim.givenNames = plain(victim.givenNames).split(' ')[0];
    else victim.familyNames = plain(victim.familyNames).split(' ').reverse().join(' ');
    await services.records.create(ctx, 'thbCase', shelter, {
      caseReference: `SH-2025-${String(n + 1).padStart(3, '0')}`,
      traffickingStatus: record.traffickingStatus,
      identificationDate: `2025-06-0${n + 1}`,
      identificationCountry: 'JM',
      caseStatus: 'Active',
      victim,
      consents: [
        { purpose: 'Assistance', status: 'Given', date: '2025-06-01' },
        { purpose: 'RecordLinkage', status: 'Given', date: '2025-06-01' },
      ],
    });
    n++;
  }
  const { project } = await services.linkage.create(ctx, tip, {
    name: 'Victims identified in Trinidad and Tobago and assisted in Jamaica (demo)',
    kind: 'thbCase',
    threshold: 0.8,
    partners: [shelter],
  });
  await services.linkage.respond(ctx, shelter, project.id, true);
  await services.linkage.generate(ctx, tip, project.id, { secret: demoLinkageSecret });
  await services.linkage.generate(ctx, shelter, project.id, { secret: demoLinkageSecret });
  await services.linkage.match(ctx, tip, project.id);
}

/**
 * A published release per national demo organisation, so the dashboards, the map and the public
 * statistics page show figures on first start. Computed from the synthetic records like any release.
 */
async function seedDemoReleases(services: Services, ctx: Context, orgs: Map<string, string>): Promise<void> {
  const note =
    'Demo figures from synthetic records. Counts under 5 are suppressed, with complementary suppression audited by linear programming so that no hidden count can be worked out from the others.';
  for (const key of ['tip', 'police', 'shelter']) {
    const orgId = orgs.get(key) ?? '';
    const tables = [
      { measure: 'victims', by: ['year', 'sex'], title: 'Victims identified, by year and sex' },
      {
        measure: 'victims',
        by: ['year', 'country'],
        title: 'Victims identified, by year and country of identification',
      },
      {
        measure: 'victims',
        by: ['year', 'exploitation'],
        title: 'Victims identified, by year and form of exploitation',
      },
      ...(key === 'shelter'
        ? []
        : [
            {
              measure: 'smuggledMigrants',
              by: ['year', 'route'],
              title: 'Smuggled migrants, by year and route',
            },
            { measure: 'migrantDeaths', by: ['year'], title: 'Deaths of smuggled migrants, by year' },
          ]),
    ];
    const draft = await services.statistics.createRelease(ctx, orgId, {
      title: `Trafficking and smuggling statistics — ${nameOf(key)}`,
      spec: { tables, method: 'suppression', threshold: 5, roundingBase: 1, methodNote: note },
    });
    await services.statistics.publishRelease(ctx, orgId, draft.id);
  }
}

function nameOf(key: string): string {
  return demoOrganisations.find((o) => o.key === key)?.name ?? key;
}
