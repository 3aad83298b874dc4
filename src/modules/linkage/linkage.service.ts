import type { Database } from '../../db/database.js';
import { type ClkRecord, createClkEncoder } from '../../linkage/clk-encoder.js';
import {
  coralPersonSchema,
  type PersonForLinkage,
  personLinkageValues,
} from '../../linkage/coral-person-schema.js';
import { linkSets } from '../../linkage/link-sets.js';
import { type LinkageSchema, parseLinkageSchema } from '../../linkage/linkage-schema.js';
import { clusterParties, greedyAssignment, type PartyPair } from '../../linkage/matching.js';
import { checkLinkageSecret, secretFingerprint } from '../../linkage/secret-fingerprint.js';
import { type FilterSet, packFilters } from '../../linkage/similarity.js';
import { type Actor, actorLabel, type Context } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, type FieldIssue } from '../../platform/errors.js';
import type { Ids } from '../../platform/ids.js';
import type { CoralRecord } from '../../standard/record-path.js';
import { type AuditService, requireActor } from '../audit/audit.service.js';
import type { Organisation } from '../organisations/organisations.repository.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import type { RecordsService } from '../records/records.service.js';
import { can, type LinkageAction } from './linkage.policy.js';
import type {
  Decision,
  EncodingRow,
  GroupRow,
  LinkageKind,
  LinkageRepository,
  NewGroup,
  Project,
} from './linkage.repository.js';

export interface LinkageServiceDeps {
  database: Database;
  linkage: LinkageRepository;
  records: RecordsService;
  organisations: OrganisationsService;
  audit: AuditService;
  clock: Clock;
  ids: Ids;
}

export interface CreateProjectInput {
  name: string;
  kind: LinkageKind;
  threshold: number;
  /** A linkage schema v3; Coral's person schema when absent. */
  schema?: unknown;
  /** The other organisations invited, each of a different country. */
  partners: string[];
}

/** One party's view of a match group: its own records, and of the others only who they are. */
export interface GroupView {
  id: string;
  similarity: number;
  status: Decision;
  matchVersion: number;
  own: Array<{
    recordId: string;
    similarity: number;
    decision: Decision;
    note: string | null;
    decidedAt: Date | null;
  }>;
  others: Array<{ organisation: Pick<Organisation, 'id' | 'name' | 'country'>; decision: Decision }>;
}

/** A project as a party sees it, with what the actor may do. */
export interface ProjectView {
  project: Project;
  organisations: Map<string, Organisation>;
  allowed: Record<LinkageAction, boolean>;
}

/** A confirmed link of one record, for referral. */
export interface RecordLink {
  projectId: string;
  projectName: string;
  groupId: string;
  confirmedAt: Date | null;
  organisations: Array<Pick<Organisation, 'id' | 'name' | 'country'>>;
}

/** The most encodings one party may hold in one project. */
export const maxEncodingsPerParty = 200_000;
const maxParties = 10;

/**
 * Linkage projects: organisations of different countries find records of one person (a victim, a
 * suspect) without any name crossing a border. Each party uploads CLKs of its records whose consent
 * allows record linkage (or has Coral make them from its records with the secret it agreed with the
 * others, which Coral uses in memory and never stores); the hub compares them, keeps match groups and
 * tells each party only its own record ids; each party's case workers confirm or reject their side;
 * a group every party confirmed links the records for referral. Every step is audited.
 */
export class LinkageService {
  constructor(private readonly deps: LinkageServiceDeps) {}

  /** Organisations of other countries that a project could invite (names and countries are public). */
  async partners(ctx: Context, orgId: string): Promise<Organisation[]> {
    const actor = requireActor(ctx);
    await this.deps.audit.enforce(
      ctx,
      can(actor, 'manage', { orgId, kind: 'thbCase', party: true }) ||
        can(actor, 'manage', { orgId, kind: 'offender', party: true }),
      { action: 'linkage.partners', resourceType: 'linkage_project', orgId },
      { message: 'Only administrators and data officers set up linkage projects.' },
    );
    const own = await this.deps.organisations.namesOf([orgId]);
    const country = own.get(orgId)?.country;
    return (await this.deps.organisations.directory()).filter((o) => o.country !== country);
  }

  async create(ctx: Context, orgId: string, input: CreateProjectInput): Promise<ProjectView> {
    const actor = requireActor(ctx);
    const event = { action: 'linkage.create', resourceType: 'linkage_project', orgId };
    await this.deps.audit.enforce(
      ctx,
      can(actor, 'manage', { orgId, kind: input.kind, party: true }),
      event,
      {
        message: 'Only administrators and data officers set up linkage projects.',
      },
    );
    const schema = parseSchema(input.schema ?? coralPersonSchema);
    const { l } = schema.clkConfig;
    if (l < 64 || (l & (l - 1)) !== 0) {
      throw new AppError(
        'validation_failed',
        `Coral compares CLKs whose length is a power of two of at least 64 bits; this schema's l is ${l}.`,
      );
    }
    const partnerIds = [...new Set(input.partners)].filter((id) => id !== orgId);
    if (partnerIds.length === 0)
      throw new AppError('validation_failed', 'Invite at least one organisation of another country.');
    if (partnerIds.length + 1 > maxParties)
      throw new AppError('validation_failed', `A project has at most ${maxParties} parties.`);
    const organisations = await this.deps.organisations.namesOf([orgId, ...partnerIds]);
    const missing = partnerIds.filter((id) => !organisations.has(id));
    if (missing.length > 0)
      throw new AppError('validation_failed', `No such organisation: ${missing.join(', ')}.`);
    const countries = new Map<string, string>();
    for (const id of [orgId, ...partnerIds]) {
      const country = (organisations.get(id) as Organisation).country;
      const other = countries.get(country);
      if (other !== undefined) {
        throw new AppError(
          'validation_failed',
          `${organisations.get(other)?.name} and ${organisations.get(id)?.name} are both in ${country}: a linkage project links records across borders, one organisation per country.`,
        );
      }
      countries.set(country, id);
    }
    const at = this.deps.clock.now();
    const id = this.deps.ids.uuid();
    const project = {
      id,
      name: input.name,
      kind: input.kind,
      schema: schema as unknown as Record<string, unknown>,
      threshold: input.threshold,
      status: 'open' as const,
      ownerOrgId: orgId,
      secretFingerprint: null,
      matchedAt: null,
      matchVersion: 0,
      createdAt: at,
      createdBy: actorLabel(actor),
      updatedAt: at,
    };
    const parties = [orgId, ...partnerIds].map((party) => ({
      orgId: party,
      country: (organisations.get(party) as Organisation).country,
      status: party === orgId ? ('accepted' as const) : ('invited' as const),
      respondedAt: party === orgId ? at : null,
      encodings: 0,
      uploadedAt: null,
    }));
    await this.deps.database.transaction(async () => {
      await this.deps.linkage.insertProject(project, parties);
      await this.deps.audit.record(ctx, {
        ...event,
        resourceId: id,
        details: { kind: input.kind, parties: parties.length, threshold: input.threshold },
      });
    });
    return this.get(ctx, orgId, id);
  }

  async list(ctx: Context, orgId: string): Promise<ProjectView[]> {
    const actor = requireActor(ctx);
    await this.deps.audit.enforce(ctx, can(actor, 'view', { orgId, kind: 'thbCase', party: true }), {
      action: 'linkage.list',
      resourceType: 'linkage_project',
      orgId,
    });
    const projects = await this.deps.linkage.projectsOf(orgId, 200);
    const organisations = await this.deps.organisations.namesOf([
      ...new Set(projects.flatMap((p) => p.parties.map((party) => party.orgId))),
    ]);
    return projects.map((project) => ({ project, organisations, allowed: allowedOf(actor, orgId, project) }));
  }

  async get(ctx: Context, orgId: string, id: string): Promise<ProjectView> {
    const { actor, project } = await this.authorised(ctx, orgId, id, 'view', 'linkage.read');
    const organisations = await this.deps.organisations.namesOf(project.parties.map((p) => p.orgId));
    return { project, organisations, allowed: allowedOf(actor, orgId, project) };
  }

  /** An invited party accepts or declines. */
  async respond(ctx: Context, orgId: string, id: string, accept: boolean): Promise<ProjectView> {
    const { actor } = await this.authorised(ctx, orgId, id, 'manage', 'linkage.respond');
    await this.deps.database.transaction(async () => {
      await this.deps.linkage.lockProject(id);
      const project = await this.open(id);
      const party = project.parties.find((p) => p.orgId === orgId);
      if (party?.status !== 'invited')
        throw new AppError('conflict', `Your organisation has already ${party?.status} this project.`);
      const at = this.deps.clock.now();
      await this.deps.linkage.setPartyStatus(
        id,
        orgId,
        accept ? 'accepted' : 'declined',
        at,
        actorLabel(actor),
      );
      await this.deps.audit.record(ctx, {
        action: 'linkage.respond',
        resourceType: 'linkage_project',
        resourceId: id,
        orgId,
        details: { accepted: accept },
      });
    });
    return this.get(ctx, orgId, id);
  }

  /**
   * Stores the party's encodings, replacing any it uploaded before — all of them or, on any problem,
   * none. Every id must be a live record of the party of the project's kind whose consent allows record
   * linkage; every CLK must have the schema's length; the secret's fingerprint must agree with the
   * other parties'.
   */
  async upload(
    ctx: Context,
    orgId: string,
    id: string,
    input: { fingerprint: string; encodings: Array<{ id: string; clk: string }> },
  ): Promise<ProjectView> {
    const { project } = await this.authorised(ctx, orgId, id, 'upload', 'linkage.upload');
    const bytes = (parseSchema(project.schema).clkConfig.l + 7) >> 3;
    const issues: FieldIssue[] = [];
    const rows: EncodingRow[] = [];
    const seen = new Set<string>();
    input.encodings.forEach((encoding, line) => {
      const clk = Buffer.from(encoding.clk, 'base64');
      if (seen.has(encoding.id)) {
        issues.push({
          path: `${line}.id`,
          code: 'duplicate',
          message: `Record ${encoding.id} appears twice.`,
        });
      } else if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoding.clk) || clk.length !== bytes) {
        issues.push({
          path: `${line}.clk`,
          code: 'wrong_length',
          message: `The encoding is not ${bytes} bytes of base64 (the project's schema makes ${bytes * 8}-bit CLKs).`,
        });
      }
      seen.add(encoding.id);
      rows.push({ recordId: encoding.id, clk: new Uint8Array(clk) });
    });
    if (issues.length === 0) issues.push(...(await this.consentProblems(project, orgId, rows)));
    if (issues.length > 0) {
      throw new AppError(
        'validation_failed',
        `Nothing was stored: ${issues.length} encoding${issues.length === 1 ? '' : 's'} cannot be used.`,
        { issues: issues.slice(0, 100) },
      );
    }
    await this.store(ctx, orgId, project, rows, input.fingerprint, 'linkage.upload');
    return this.get(ctx, orgId, id);
  }

  /**
   * Makes the party's encodings from its own records, with the secret agreed with the other parties.
   * The secret is used in memory for this call only and never stored or logged; only its one-way
   * fingerprint is kept. Records without consent to record linkage are left out (and counted).
   */
  async generate(
    ctx: Context,
    orgId: string,
    id: string,
    input: { secret: string },
  ): Promise<ProjectView & { encoded: number; withoutConsent: number; failed: number }> {
    const { project } = await this.authorised(ctx, orgId, id, 'upload', 'linkage.generate');
    checkLinkageSecret(input.secret);
    const schema = parseSchema(project.schema);
    const wanted = schema.features.filter((f) => !f.ignored).map((f) => f.identifier);
    const sample = personLinkageValues('', {});
    const unknown = wanted.filter((feature) => !Object.hasOwn(sample, feature));
    if (unknown.length > 0) {
      throw new AppError(
        'bad_request',
        `Coral can make encodings only for its own person schema; this project's schema also needs ${unknown.join(', ')}. Encode with coral link encode and upload the file.`,
      );
    }
    const encoder = createClkEncoder(schema, input.secret);
    const rows: EncodingRow[] = [];
    let withoutConsent = 0;
    let failed = 0;
    // Consents are open fields: only the records that may be encoded are opened at all.
    const consented = (open: CoralRecord) => consentsToLinkage(project.kind, open);
    for await (const { id: recordId, record } of this.deps.records.exportRecords(
      project.kind,
      orgId,
      { filters: [] },
      consented,
    )) {
      if (!consentsToLinkage(project.kind, record)) {
        withoutConsent++;
        continue;
      }
      const values: ClkRecord = personLinkageValues(recordId, personOf(project.kind, record));
      try {
        rows.push({ recordId, clk: encoder.encode(values) });
      } catch {
        failed++;
      }
      if (rows.length > maxEncodingsPerParty) break;
    }
    if (rows.length > maxEncodingsPerParty)
      throw new AppError('payload_too_large', `More than ${maxEncodingsPerParty} records to encode.`);
    await this.store(ctx, orgId, project, rows, secretFingerprint(input.secret), 'linkage.generate', {
      withoutConsent,
      failed,
    });
    return { ...(await this.get(ctx, orgId, id)), encoded: rows.length, withoutConsent, failed };
  }

  /**
   * Compares every accepted party's encodings: two parties by one-to-one greedy assignment, more by
   * multi-party clustering. Replaces the groups nobody has reviewed yet; reviewed ones stay, and a
   * group found again with the same records is not repeated.
   */
  async match(ctx: Context, orgId: string, id: string): Promise<ProjectView & { groups: number }> {
    await this.authorised(ctx, orgId, id, 'manage', 'linkage.match');
    // Compared outside any transaction (it may take seconds), then stored only if no party uploaded
    // meanwhile: every upload changes its party's upload time in the same transaction as its encodings.
    const before = await this.open(id);
    const encodings = await this.deps.linkage.encodings(id);
    const parties = before.parties.filter(
      (p) => p.status === 'accepted' && (encodings.get(p.orgId)?.length ?? 0) > 0,
    );
    if (parties.length < 2)
      throw new AppError('conflict', 'At least two parties must have uploaded encodings before matching.');
    const lists = parties.map((p) => encodings.get(p.orgId) as EncodingRow[]);
    const bits = parseSchema(before.schema).clkConfig.l;
    const found = await findGroups(lists, bits, before.threshold);
    let fresh: NewGroup[] = [];
    await this.deps.database.transaction(async () => {
      await this.deps.linkage.lockProject(id);
      const current = await this.open(id);
      if (uploadState(current) !== uploadState(before))
        throw new AppError('conflict', 'A party uploaded encodings while matching ran; find matches again.');
      const groups = found.map(
        (group): NewGroup => ({
          id: this.deps.ids.uuid(),
          similarity: group.similarity,
          members: group.members.map((m) => ({
            orgId: (parties[m.party] as { orgId: string }).orgId,
            recordId: ((lists[m.party] as EncodingRow[])[m.index] as EncodingRow).recordId,
            similarity: m.similarity,
          })),
        }),
      );
      const kept = new Set((await this.deps.linkage.groups(id)).filter(reviewed).map(memberKey));
      fresh = groups.filter((group) => !kept.has(memberKey(group)));
      await this.deps.linkage.saveGroups(id, current.matchVersion + 1, fresh, this.deps.clock.now());
      await this.deps.audit.record(ctx, {
        action: 'linkage.match',
        resourceType: 'linkage_project',
        resourceId: id,
        orgId,
        details: {
          parties: parties.length,
          encodings: lists.reduce((n, l) => n + l.length, 0),
          groups: fresh.length,
        },
      });
    });
    return { ...(await this.get(ctx, orgId, id)), groups: fresh.length };
  }

  /** The groups holding the party's records: its own record ids, and of the others who they are. */
  async groups(ctx: Context, orgId: string, id: string): Promise<GroupView[]> {
    await this.authorised(ctx, orgId, id, 'review', 'linkage.matches');
    const groups = await this.deps.linkage.groups(id, orgId);
    const organisations = await this.deps.organisations.namesOf([
      ...new Set(groups.flatMap((g) => g.members.map((m) => m.orgId))),
    ]);
    return groups.map((group) => viewOf(group, orgId, organisations));
  }

  /** A case worker confirms or rejects their organisation's side of a group. */
  async review(
    ctx: Context,
    orgId: string,
    id: string,
    groupId: string,
    input: { decision: 'confirmed' | 'rejected'; note?: string },
  ): Promise<GroupView> {
    const { actor } = await this.authorised(ctx, orgId, id, 'review', 'linkage.review');
    await this.deps.database.transaction(async () => {
      await this.deps.linkage.lockProject(id);
      await this.open(id);
      const group = await this.deps.linkage.group(id, groupId);
      if (!group?.members.some((m) => m.orgId === orgId)) throw new AppError('not_found', 'No such match.');
      await this.deps.linkage.decide(groupId, orgId, {
        decision: input.decision,
        note: input.note?.trim() || null,
        at: this.deps.clock.now(),
        by: actorLabel(actor),
      });
      await this.deps.audit.record(ctx, {
        action: 'linkage.review',
        resourceType: 'linkage_group',
        resourceId: groupId,
        orgId,
        details: { project: id, decision: input.decision },
      });
    });
    const group = (await this.deps.linkage.group(id, groupId)) as GroupRow;
    const organisations = await this.deps.organisations.namesOf(group.members.map((m) => m.orgId));
    return viewOf(group, orgId, organisations);
  }

  /** Ends a project: its encodings are deleted (they are no longer needed); groups and reviews stay. */
  async close(ctx: Context, orgId: string, id: string): Promise<ProjectView> {
    const { project } = await this.authorised(ctx, orgId, id, 'manage', 'linkage.close');
    if (project.ownerOrgId !== orgId)
      throw new AppError('forbidden', 'Only the organisation that set up the project may close it.');
    await this.deps.database.transaction(async () => {
      await this.deps.linkage.lockProject(id);
      await this.open(id);
      const at = this.deps.clock.now();
      for (const party of project.parties) await this.deps.linkage.replaceEncodings(id, party.orgId, [], at);
      await this.deps.linkage.setProjectStatus(id, 'closed', at);
      await this.deps.audit.record(ctx, {
        action: 'linkage.close',
        resourceType: 'linkage_project',
        resourceId: id,
        orgId,
      });
    });
    return this.get(ctx, orgId, id);
  }

  /** Confirmed links of one of the organisation's records, for referral: who else holds the person. */
  async linksOfRecord(
    ctx: Context,
    orgId: string,
    kind: LinkageKind,
    recordId: string,
  ): Promise<RecordLink[]> {
    const actor = requireActor(ctx);
    await this.deps.audit.enforce(
      ctx,
      can(actor, 'review', { orgId, kind, party: true }),
      { action: 'linkage.links', resourceType: kind, resourceId: recordId, orgId },
      { hide: true },
    );
    const groups = await this.deps.linkage.confirmedGroupsOfRecord(orgId, recordId);
    const links: RecordLink[] = [];
    for (const group of groups) {
      const project = await this.deps.linkage.getProject(group.projectId);
      if (!project || project.kind !== kind) continue;
      const organisations = await this.deps.organisations.namesOf(group.members.map((m) => m.orgId));
      links.push({
        projectId: project.id,
        projectName: project.name,
        groupId: group.id,
        confirmedAt: group.decidedAt,
        organisations: group.members
          .filter((m) => m.orgId !== orgId)
          .map((m) => pickOrganisation(organisations, m.orgId)),
      });
    }
    await this.deps.audit.record(ctx, {
      action: 'linkage.links',
      resourceType: kind,
      resourceId: recordId,
      orgId,
      details: { links: links.length },
    });
    return links;
  }

  /**
   * The actor and project after the policy check. A project the organisation takes no part in looks
   * like one that does not exist (404), and the refusal is audited.
   */
  private async authorised(
    ctx: Context,
    orgId: string,
    id: string,
    action: LinkageAction,
    audit: string,
  ): Promise<{ actor: Actor; project: Project }> {
    const actor = requireActor(ctx);
    const project = await this.deps.linkage.getProject(id);
    const party = project?.parties.find((p) => p.orgId === orgId);
    const event = { action: audit, resourceType: 'linkage_project', resourceId: id, orgId };
    const kind = project?.kind ?? 'thbCase';
    await this.deps.audit.enforce(
      ctx,
      can(actor, 'view', { orgId, kind, party: party !== undefined }),
      event,
      {
        hide: true,
        message: 'No such linkage project.',
      },
    );
    await this.deps.audit.enforce(ctx, can(actor, action, { orgId, kind, party: true }), event, {
      message: deniedMessage[action],
    });
    return { actor, project: project as Project };
  }

  /** The project, refusing a closed one. */
  private async open(id: string): Promise<Project> {
    const project = await this.deps.linkage.getProject(id);
    if (!project) throw new AppError('not_found', 'No such linkage project.');
    if (project.status !== 'open') throw new AppError('conflict', 'This linkage project is closed.');
    return project;
  }

  /** Ids that are not live records of the party's kind, or whose consent does not allow linkage. */
  private async consentProblems(
    project: Project,
    orgId: string,
    rows: readonly EncodingRow[],
  ): Promise<FieldIssue[]> {
    const wanted = new Map(rows.map((row, line) => [row.recordId, line]));
    const consented = new Set<string>();
    const refused = new Set<string>();
    for await (const { id, record } of this.deps.records.exportRecords(
      project.kind,
      orgId,
      { filters: [] },
      false,
    )) {
      if (!wanted.has(id)) continue;
      (consentsToLinkage(project.kind, record) ? consented : refused).add(id);
    }
    const issues: FieldIssue[] = [];
    for (const [recordId, line] of wanted) {
      if (consented.has(recordId)) continue;
      issues.push(
        refused.has(recordId)
          ? {
              path: `${line}.id`,
              code: 'no_consent',
              message: `Record ${recordId} has no consent to record linkage (its latest RecordLinkage consent is not Given).`,
            }
          : {
              path: `${line}.id`,
              code: 'unknown_record',
              message: `${recordId} is not one of your organisation's ${project.kind === 'thbCase' ? 'THB cases' : 'offender records'}.`,
            },
      );
    }
    return issues;
  }

  private async store(
    ctx: Context,
    orgId: string,
    project: Project,
    rows: readonly EncodingRow[],
    fingerprint: string,
    action: string,
    extra: Record<string, number> = {},
  ): Promise<void> {
    if (rows.length > maxEncodingsPerParty)
      throw new AppError('payload_too_large', `At most ${maxEncodingsPerParty} encodings per party.`);
    await this.deps.database.transaction(async () => {
      await this.deps.linkage.lockProject(project.id);
      const current = await this.open(project.id);
      const party = current.parties.find((p) => p.orgId === orgId);
      if (party?.status !== 'accepted')
        throw new AppError('conflict', 'Accept the invitation to this project before uploading encodings.');
      if (current.secretFingerprint !== null && current.secretFingerprint !== fingerprint) {
        throw new AppError(
          'conflict',
          'These encodings were made with a different secret from the other parties’: they could never match. Agree the secret again and re-encode.',
        );
      }
      const at = this.deps.clock.now();
      if (current.secretFingerprint === null)
        await this.deps.linkage.setFingerprint(project.id, fingerprint, at);
      await this.deps.linkage.replaceEncodings(project.id, orgId, rows, at);
      await this.deps.audit.record(ctx, {
        action,
        resourceType: 'linkage_project',
        resourceId: project.id,
        orgId,
        details: { encodings: rows.length, ...extra },
      });
    });
  }
}

const deniedMessage: Record<LinkageAction, string> = {
  view: 'No such linkage project.',
  manage: 'Only administrators and data officers manage linkage projects.',
  upload: 'Only those who work on these records may upload or make their encodings.',
  review: 'Only those who work on these records may review matches.',
};

function allowedOf(actor: Actor, orgId: string, project: Project): Record<LinkageAction, boolean> {
  const resource = { orgId, kind: project.kind, party: project.parties.some((p) => p.orgId === orgId) };
  return {
    view: can(actor, 'view', resource),
    manage: can(actor, 'manage', resource),
    upload: can(actor, 'upload', resource),
    review: can(actor, 'review', resource),
  };
}

function parseSchema(input: unknown): LinkageSchema {
  try {
    return parseLinkageSchema(input);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('validation_failed', `Not a linkage schema v3: ${(error as Error).message}`);
  }
}

/**
 * Whether a record may be encoded for linkage. Victims' cases follow the person's consent: the latest
 * RecordLinkage consent (by date, then by its place in the list) must be Given. Suspects' records carry
 * no consent: their linkage rests on the law-enforcement purpose, and only investigators and data
 * officers work on them (see the policy).
 */
export function consentsToLinkage(kind: LinkageKind, record: CoralRecord): boolean {
  if (kind === 'offender') return true;
  const consents = Array.isArray(record.consents) ? record.consents : [];
  let latest: { status: unknown; date: string; index: number } | undefined;
  consents.forEach((consent, index) => {
    if (typeof consent !== 'object' || consent === null) return;
    const entry = consent as Record<string, unknown>;
    if (entry.purpose !== 'RecordLinkage') return;
    const date = typeof entry.date === 'string' ? entry.date : '';
    if (!latest || date >= latest.date) latest = { status: entry.status, date, index };
  });
  return latest?.status === 'Given';
}

function personOf(kind: LinkageKind, record: CoralRecord): PersonForLinkage {
  const person = kind === 'thbCase' ? record.victim : record.person;
  return typeof person === 'object' && person !== null ? (person as PersonForLinkage) : {};
}

interface FoundGroup {
  similarity: number;
  members: Array<{ party: number; index: number; similarity: number }>;
}

/**
 * Match groups among the parties' encodings: for two, greedy one-to-one assignment of all pairs at or
 * above the threshold; for more, multi-party clustering of them. A member's similarity is its best
 * link inside the group; the group's is its weakest member's.
 */
export async function findGroups(
  lists: readonly EncodingRow[][],
  bits: number,
  threshold: number,
): Promise<FoundGroup[]> {
  const sets = lists.map((list) =>
    packFilters(
      list.map((row) => row.clk),
      bits,
    ),
  );
  const pairs: PartyPair[] = [];
  for (let p = 0; p < sets.length; p++) {
    for (let q = p + 1; q < sets.length; q++) {
      const scored = await linkSets(sets[p] as FilterSet, sets[q] as FilterSet, threshold);
      const kept = sets.length === 2 ? greedyAssignment(scored) : scored;
      for (const { a, b, score } of kept)
        pairs.push({ a: { party: p, index: a }, b: { party: q, index: b }, score });
    }
  }
  return clusterParties(pairs).map((group) => {
    const best = new Map<string, number>();
    for (const link of group.links) {
      for (const ref of [link.a, link.b]) {
        const key = `${ref.party}:${ref.index}`;
        best.set(key, Math.max(best.get(key) ?? 0, link.score));
      }
    }
    const members = group.members.map((m) => ({
      party: m.party,
      index: m.index,
      similarity: best.get(`${m.party}:${m.index}`) ?? 0,
    }));
    return { similarity: Math.min(...members.map((m) => m.similarity)), members };
  });
}

/** The parties' upload times and counts: changes whenever any party uploads. */
function uploadState(project: Project): string {
  return project.parties
    .map((p) => `${p.orgId}:${p.encodings}:${p.uploadedAt?.toISOString() ?? ''}`)
    .join('|');
}

function reviewed(group: GroupRow): boolean {
  return group.members.some((m) => m.decision !== 'pending');
}

function memberKey(group: { members: ReadonlyArray<{ orgId: string; recordId: string }> }): string {
  return group.members
    .map((m) => `${m.orgId}:${m.recordId}`)
    .sort()
    .join('|');
}

function pickOrganisation(organisations: Map<string, Organisation>, id: string) {
  const organisation = organisations.get(id);
  return { id, name: organisation?.name ?? id, country: organisation?.country ?? '' };
}

function viewOf(group: GroupRow, orgId: string, organisations: Map<string, Organisation>): GroupView {
  return {
    id: group.id,
    similarity: group.similarity,
    status: group.status,
    matchVersion: group.matchVersion,
    own: group.members
      .filter((m) => m.orgId === orgId)
      .map((m) => ({
        recordId: m.recordId,
        similarity: m.similarity,
        decision: m.decision,
        note: m.note,
        decidedAt: m.decidedAt,
      })),
    others: group.members
      .filter((m) => m.orgId !== orgId)
      .map((m) => ({ organisation: pickOrganisation(organisations, m.orgId), decision: m.decision })),
  };
}
