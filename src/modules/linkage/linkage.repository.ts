import type { Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { LinkageGroupsTable, LinkageProjectsTable } from '../../db/schema.js';

export type LinkageKind = 'thbCase' | 'offender';
export type PartyStatus = 'invited' | 'accepted' | 'declined';
export type Decision = 'pending' | 'confirmed' | 'rejected';

export interface ProjectRow {
  id: string;
  name: string;
  kind: LinkageKind;
  schema: Record<string, unknown>;
  threshold: number;
  status: 'open' | 'closed';
  ownerOrgId: string;
  secretFingerprint: string | null;
  matchedAt: Date | null;
  matchVersion: number;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
}

export interface PartyRow {
  orgId: string;
  country: string;
  status: PartyStatus;
  respondedAt: Date | null;
  encodings: number;
  uploadedAt: Date | null;
}

export interface Project extends ProjectRow {
  parties: PartyRow[];
}

export interface EncodingRow {
  recordId: string;
  clk: Uint8Array;
}

export interface MemberRow {
  orgId: string;
  recordId: string;
  similarity: number;
  decision: Decision;
  decidedAt: Date | null;
  decidedBy: string | null;
  note: string | null;
}

export interface GroupRow {
  id: string;
  projectId: string;
  matchVersion: number;
  similarity: number;
  status: Decision;
  decidedAt: Date | null;
  members: MemberRow[];
}

export interface NewGroup {
  id: string;
  similarity: number;
  members: Array<{ orgId: string; recordId: string; similarity: number }>;
}

const insertBatch = 1000;

/** Linkage's only door to the database: projects, parties, encodings (CLKs only), groups and reviews. */
export class LinkageRepository {
  constructor(private readonly database: Database) {}

  async insertProject(project: ProjectRow, parties: PartyRow[]): Promise<void> {
    await this.database.executor
      .insertInto('linkage_projects')
      .values({
        id: project.id,
        name: project.name,
        kind: project.kind,
        schema: JSON.stringify(project.schema),
        threshold: project.threshold,
        status: project.status,
        owner_org_id: project.ownerOrgId,
        secret_fingerprint: null,
        matched_at: null,
        match_version: 0,
        created_at: project.createdAt,
        created_by: project.createdBy,
        updated_at: project.updatedAt,
      })
      .execute();
    await this.database.executor
      .insertInto('linkage_parties')
      .values(
        parties.map((party) => ({
          project_id: project.id,
          org_id: party.orgId,
          country: party.country,
          status: party.status,
          responded_at: party.respondedAt,
          responded_by: null,
          encodings: 0,
          uploaded_at: null,
        })),
      )
      .execute();
  }

  async getProject(id: string): Promise<Project | undefined> {
    const row = await this.database.executor
      .selectFrom('linkage_projects')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const parties = await this.partiesOf([id]);
    return { ...toProject(row), parties: parties.get(id) ?? [] };
  }

  /** Projects the organisation takes part in (invited, accepted or declined), newest first. */
  async projectsOf(orgId: string, limit: number): Promise<Project[]> {
    const rows = await this.database.executor
      .selectFrom('linkage_projects as p')
      .innerJoin('linkage_parties as m', 'm.project_id', 'p.id')
      .selectAll('p')
      .where('m.org_id', '=', orgId)
      .orderBy('p.created_at', 'desc')
      .limit(limit)
      .execute();
    const parties = await this.partiesOf(rows.map((row) => row.id));
    return rows.map((row) => ({ ...toProject(row), parties: parties.get(row.id) ?? [] }));
  }

  /** Waits for, and holds until the transaction ends, the project's row: one change of it at a time. */
  async lockProject(id: string): Promise<void> {
    await this.database.executor
      .selectFrom('linkage_projects')
      .select('id')
      .where('id', '=', id)
      .forUpdate()
      .execute();
  }

  async setPartyStatus(projectId: string, orgId: string, status: PartyStatus, at: Date, by: string) {
    await this.database.executor
      .updateTable('linkage_parties')
      .set({ status, responded_at: at, responded_by: by })
      .where('project_id', '=', projectId)
      .where('org_id', '=', orgId)
      .execute();
  }

  async setProjectStatus(id: string, status: 'open' | 'closed', at: Date): Promise<void> {
    await this.database.executor
      .updateTable('linkage_projects')
      .set({ status, updated_at: at })
      .where('id', '=', id)
      .execute();
  }

  async setFingerprint(id: string, fingerprint: string, at: Date): Promise<void> {
    await this.database.executor
      .updateTable('linkage_projects')
      .set({ secret_fingerprint: fingerprint, updated_at: at })
      .where('id', '=', id)
      .execute();
  }

  /** Replaces the party's encodings with these (an upload is whole: never partly the old set). */
  async replaceEncodings(projectId: string, orgId: string, rows: readonly EncodingRow[], at: Date) {
    await this.database.executor
      .deleteFrom('linkage_encodings')
      .where('project_id', '=', projectId)
      .where('org_id', '=', orgId)
      .execute();
    for (let start = 0; start < rows.length; start += insertBatch) {
      await this.database.executor
        .insertInto('linkage_encodings')
        .values(
          rows.slice(start, start + insertBatch).map((row) => ({
            project_id: projectId,
            org_id: orgId,
            record_id: row.recordId,
            clk: Buffer.from(row.clk.buffer, row.clk.byteOffset, row.clk.byteLength),
          })),
        )
        .execute();
    }
    await this.database.executor
      .updateTable('linkage_parties')
      .set({ encodings: rows.length, uploaded_at: at })
      .where('project_id', '=', projectId)
      .where('org_id', '=', orgId)
      .execute();
  }

  /** Every party's encodings, by organisation, in record-id order. */
  async encodings(projectId: string): Promise<Map<string, EncodingRow[]>> {
    const rows = await this.database.executor
      .selectFrom('linkage_encodings')
      .select(['org_id', 'record_id', 'clk'])
      .where('project_id', '=', projectId)
      .orderBy('org_id')
      .orderBy('record_id')
      .execute();
    const byOrg = new Map<string, EncodingRow[]>();
    for (const row of rows) {
      const list = byOrg.get(row.org_id) ?? [];
      list.push({ recordId: row.record_id, clk: new Uint8Array(row.clk) });
      byOrg.set(row.org_id, list);
    }
    return byOrg;
  }

  /**
   * Stores a matching run's groups as version `version`. Groups of earlier runs that nobody has
   * reviewed yet are dropped; reviewed ones stay (their decisions are history).
   */
  async saveGroups(projectId: string, version: number, groups: readonly NewGroup[], at: Date) {
    await this.database.executor
      .deleteFrom('linkage_groups')
      .where('project_id', '=', projectId)
      .where('match_version', '<', version)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('linkage_members as m')
              .select('m.group_id')
              .whereRef('m.group_id', '=', 'linkage_groups.id')
              .where('m.decision', '<>', 'pending'),
          ),
        ),
      )
      .execute();
    for (let start = 0; start < groups.length; start += insertBatch) {
      const batch = groups.slice(start, start + insertBatch);
      await this.database.executor
        .insertInto('linkage_groups')
        .values(
          batch.map((group) => ({
            id: group.id,
            project_id: projectId,
            match_version: version,
            similarity: group.similarity,
            status: 'pending',
            decided_at: null,
          })),
        )
        .execute();
      await this.database.executor
        .insertInto('linkage_members')
        .values(
          batch.flatMap((group) =>
            group.members.map((member) => ({
              group_id: group.id,
              org_id: member.orgId,
              record_id: member.recordId,
              similarity: member.similarity,
              decision: 'pending',
              decided_at: null,
              decided_by: null,
              note: null,
            })),
          ),
        )
        .execute();
    }
    await this.database.executor
      .updateTable('linkage_projects')
      .set({ match_version: version, matched_at: at, updated_at: at })
      .where('id', '=', projectId)
      .execute();
  }

  /** The project's groups that hold a record of `orgId` (all groups when `orgId` is undefined). */
  async groups(projectId: string, orgId?: string): Promise<GroupRow[]> {
    let query = this.database.executor
      .selectFrom('linkage_groups as g')
      .selectAll('g')
      .where('g.project_id', '=', projectId);
    if (orgId !== undefined) {
      query = query.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('linkage_members as m')
            .select('m.group_id')
            .whereRef('m.group_id', '=', 'g.id')
            .where('m.org_id', '=', orgId),
        ),
      );
    }
    const rows = await query.orderBy('g.similarity', 'desc').orderBy('g.id').execute();
    return this.withMembers(rows);
  }

  async group(projectId: string, groupId: string): Promise<GroupRow | undefined> {
    const rows = await this.database.executor
      .selectFrom('linkage_groups')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('id', '=', groupId)
      .execute();
    return (await this.withMembers(rows))[0];
  }

  /** Records one party's decision on its side of a group, then the group's status from all sides. */
  async decide(
    groupId: string,
    orgId: string,
    change: { decision: Decision; note: string | null; at: Date; by: string },
  ): Promise<void> {
    await this.database.executor
      .updateTable('linkage_members')
      .set({ decision: change.decision, note: change.note, decided_at: change.at, decided_by: change.by })
      .where('group_id', '=', groupId)
      .where('org_id', '=', orgId)
      .execute();
    const decisions = await this.database.executor
      .selectFrom('linkage_members')
      .select('decision')
      .where('group_id', '=', groupId)
      .execute();
    const status: Decision = decisions.some((d) => d.decision === 'rejected')
      ? 'rejected'
      : decisions.every((d) => d.decision === 'confirmed')
        ? 'confirmed'
        : 'pending';
    await this.database.executor
      .updateTable('linkage_groups')
      .set({ status, decided_at: status === 'pending' ? null : change.at })
      .where('id', '=', groupId)
      .execute();
  }

  /** Confirmed groups holding the organisation's record: the record's links for referral. */
  async confirmedGroupsOfRecord(orgId: string, recordId: string): Promise<GroupRow[]> {
    const rows = await this.database.executor
      .selectFrom('linkage_groups as g')
      .innerJoin('linkage_members as m', 'm.group_id', 'g.id')
      .selectAll('g')
      .where('m.org_id', '=', orgId)
      .where('m.record_id', '=', recordId)
      .where('g.status', '=', 'confirmed')
      .orderBy('g.decided_at', 'desc')
      .execute();
    return this.withMembers(rows);
  }

  private async withMembers(rows: Array<Selectable<LinkageGroupsTable>>) {
    if (rows.length === 0) return [];
    const members = await this.database.executor
      .selectFrom('linkage_members')
      .selectAll()
      .where(
        'group_id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('org_id')
      .execute();
    const byGroup = new Map<string, MemberRow[]>();
    for (const member of members) {
      const list = byGroup.get(member.group_id) ?? [];
      list.push({
        orgId: member.org_id,
        recordId: member.record_id,
        similarity: Number(member.similarity),
        decision: member.decision as Decision,
        decidedAt: member.decided_at,
        decidedBy: member.decided_by,
        note: member.note,
      });
      byGroup.set(member.group_id, list);
    }
    return rows.map((row) => ({
      id: row.id,
      projectId: row.project_id,
      matchVersion: row.match_version,
      similarity: Number(row.similarity),
      status: row.status as Decision,
      decidedAt: row.decided_at,
      members: byGroup.get(row.id) ?? [],
    }));
  }

  private async partiesOf(projectIds: readonly string[]): Promise<Map<string, PartyRow[]>> {
    const byProject = new Map<string, PartyRow[]>();
    if (projectIds.length === 0) return byProject;
    const rows = await this.database.executor
      .selectFrom('linkage_parties')
      .selectAll()
      .where('project_id', 'in', projectIds)
      .orderBy('country')
      .execute();
    for (const row of rows) {
      const list = byProject.get(row.project_id) ?? [];
      list.push({
        orgId: row.org_id,
        country: row.country,
        status: row.status as PartyStatus,
        respondedAt: row.responded_at,
        encodings: Number(row.encodings),
        uploadedAt: row.uploaded_at,
      });
      byProject.set(row.project_id, list);
    }
    return byProject;
  }
}

function toProject(row: Selectable<LinkageProjectsTable>): ProjectRow {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as LinkageKind,
    schema: row.schema,
    threshold: Number(row.threshold),
    status: row.status as 'open' | 'closed',
    ownerOrgId: row.owner_org_id,
    secretFingerprint: row.secret_fingerprint,
    matchedAt: row.matched_at,
    matchVersion: Number(row.match_version),
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}
