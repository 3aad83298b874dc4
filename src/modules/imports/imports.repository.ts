import type { Database } from '../../db/database.js';
import { isUuid } from '../../platform/ids.js';
import type { EntityId } from '../../standard/field.js';

export type ImportStatus =
  | 'validating'
  | 'validated'
  | 'rejected'
  | 'committing'
  | 'committed'
  | 'failed'
  | 'cancelled';

/** An import as stored: never the file's contents, only its size, hash and (while staged) its wrapped key. */
export interface ImportRecord {
  id: string;
  orgId: string;
  kind: EntityId;
  format: string;
  source: string;
  fileName: string;
  fileSize: number;
  contentHash: string;
  stagedKey: string | null;
  options: Record<string, unknown>;
  status: ImportStatus;
  summary: Record<string, unknown>;
  failure: string | null;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  committedAt: Date | null;
  committedBy: string | null;
}

/** A problem with a row of an imported file, as stored (never the cell's value). */
export interface StoredProblem {
  seq: number;
  row: number;
  column: string;
  path: string | null;
  code: string;
  severity: 'error' | 'warning';
  message: string;
}

export interface SavedMapping {
  id: string;
  orgId: string;
  name: string;
  mapping: Record<string, unknown>;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  updatedBy: string;
}

/** Imports' and saved mappings' only door to the database. Every query names the organisation. */
export class ImportsRepository {
  constructor(private readonly database: Database) {}

  async insert(record: ImportRecord): Promise<void> {
    await this.database.executor
      .insertInto('imports')
      .values({
        id: record.id,
        org_id: record.orgId,
        kind: record.kind,
        format: record.format,
        source: record.source,
        file_name: record.fileName,
        file_size: record.fileSize,
        content_hash: record.contentHash,
        staged_key: record.stagedKey,
        options: JSON.stringify(record.options),
        status: record.status,
        summary: JSON.stringify(record.summary),
        failure: record.failure,
        created_at: record.createdAt,
        created_by: record.createdBy,
        updated_at: record.updatedAt,
        committed_at: record.committedAt,
        committed_by: record.committedBy,
      })
      .execute();
  }

  async get(orgId: string, id: string): Promise<ImportRecord | undefined> {
    const row = await this.database.executor
      .selectFrom('imports')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toImport(row);
  }

  /** An organisation's imports, newest first. */
  async list(orgId: string, limit: number): Promise<ImportRecord[]> {
    const rows = await this.database.executor
      .selectFrom('imports')
      .selectAll()
      .where('org_id', '=', orgId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toImport);
  }

  /** Display names of the people who uploaded or committed imports (operators are `cli:name`). */
  async displayNames(userIds: readonly string[]): Promise<Map<string, string>> {
    const uuids = [...new Set(userIds)].filter((id) => isUuid(id));
    if (uuids.length === 0) return new Map();
    const rows = await this.database.executor
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('id', 'in', uuids)
      .execute();
    return new Map(rows.map((row) => [row.id, row.display_name]));
  }

  /** The latest committed import of the same file content, if any. */
  async findCommittedByHash(
    orgId: string,
    kind: EntityId,
    contentHash: string,
  ): Promise<ImportRecord | undefined> {
    const row = await this.database.executor
      .selectFrom('imports')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('kind', '=', kind)
      .where('content_hash', '=', contentHash)
      .where('status', '=', 'committed')
      .orderBy('committed_at', 'desc')
      .executeTakeFirst();
    return row && toImport(row);
  }

  async update(
    orgId: string,
    id: string,
    changes: Partial<
      Pick<
        ImportRecord,
        | 'status'
        | 'summary'
        | 'failure'
        | 'format'
        | 'kind'
        | 'options'
        | 'stagedKey'
        | 'committedAt'
        | 'committedBy'
      >
    >,
    at: Date,
    /** Change it only while it is in one of these states (a claim two requests cannot both win). */
    onlyIf?: readonly ImportStatus[],
  ): Promise<boolean> {
    let query = this.database.executor
      .updateTable('imports')
      .set({
        ...(changes.status ? { status: changes.status } : {}),
        ...(changes.summary ? { summary: JSON.stringify(changes.summary) } : {}),
        ...(changes.failure !== undefined ? { failure: changes.failure } : {}),
        ...(changes.format ? { format: changes.format } : {}),
        ...(changes.kind ? { kind: changes.kind } : {}),
        ...(changes.options ? { options: JSON.stringify(changes.options) } : {}),
        ...(changes.stagedKey !== undefined ? { staged_key: changes.stagedKey } : {}),
        ...(changes.committedAt !== undefined ? { committed_at: changes.committedAt } : {}),
        ...(changes.committedBy !== undefined ? { committed_by: changes.committedBy } : {}),
        updated_at: at,
      })
      .where('org_id', '=', orgId)
      .where('id', '=', id);
    if (onlyIf) query = query.where('status', 'in', onlyIf);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Marks imports left "validating" or "committing" (since before `before`, or any) by a process that
   * stopped as failed (their work was rolled back with it). Returns how many.
   */
  async failInterrupted(before: Date | null, at: Date, failure: string): Promise<number> {
    let query = this.database.executor
      .updateTable('imports')
      .set({ status: 'failed', failure, updated_at: at })
      .where('status', 'in', ['validating', 'committing']);
    if (before) query = query.where('updated_at', '<', before);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Imports whose staged file may be removed (ended, or waiting since before `before`). */
  async listStaged(
    before: Date,
  ): Promise<Array<{ id: string; orgId: string; status: string; updatedAt: Date }>> {
    const rows = await this.database.executor
      .selectFrom('imports')
      .select(['id', 'org_id', 'status', 'updated_at'])
      .where('staged_key', 'is not', null)
      .where((eb) =>
        eb.or([
          eb('status', 'in', ['committed', 'cancelled', 'failed']),
          // Waiting for a decision (or another reading, for a file that could not be read): a day.
          eb.and([eb('status', 'in', ['validated', 'rejected']), eb('updated_at', '<', before)]),
        ]),
      )
      .execute();
    return rows.map((row) => ({
      id: row.id,
      orgId: row.org_id,
      status: row.status,
      updatedAt: new Date(row.updated_at),
    }));
  }

  /** Which of these imports still keep a staged file (for removing files no import owns). */
  async withStagedFile(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.database.executor
      .selectFrom('imports')
      .select('id')
      .where('id', 'in', ids)
      .where('staged_key', 'is not', null)
      .execute();
    return new Set(rows.map((row) => row.id));
  }

  /** Replaces an import's problems (the import must be the organisation's). */
  async replaceProblems(orgId: string, importId: string, problems: readonly StoredProblem[]): Promise<void> {
    const owned = await this.get(orgId, importId);
    if (!owned) return;
    await this.database.executor.deleteFrom('import_problems').where('import_id', '=', importId).execute();
    for (let i = 0; i < problems.length; i += 1000) {
      await this.database.executor
        .insertInto('import_problems')
        .values(
          problems.slice(i, i + 1000).map((p) => ({
            import_id: importId,
            seq: p.seq,
            row_number: p.row,
            column_name: p.column,
            path: p.path,
            code: p.code,
            severity: p.severity,
            message: p.message,
          })),
        )
        .execute();
    }
  }

  /** Problems of an organisation's import in file order, after `afterSeq`. */
  async listProblems(
    orgId: string,
    importId: string,
    afterSeq: number,
    limit: number,
  ): Promise<StoredProblem[]> {
    const rows = await this.database.executor
      .selectFrom('import_problems')
      .innerJoin('imports', 'imports.id', 'import_problems.import_id')
      .selectAll('import_problems')
      .where('imports.org_id', '=', orgId)
      .where('import_problems.import_id', '=', importId)
      .where('import_problems.seq', '>', afterSeq)
      .orderBy('import_problems.seq')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      seq: row.seq,
      row: row.row_number,
      column: row.column_name,
      path: row.path,
      code: row.code,
      severity: row.severity === 'warning' ? 'warning' : 'error',
      message: row.message,
    }));
  }

  async insertMapping(mapping: SavedMapping): Promise<void> {
    await this.database.executor
      .insertInto('import_mappings')
      .values({
        id: mapping.id,
        org_id: mapping.orgId,
        name: mapping.name,
        mapping: JSON.stringify(mapping.mapping),
        created_at: mapping.createdAt,
        created_by: mapping.createdBy,
        updated_at: mapping.updatedAt,
        updated_by: mapping.updatedBy,
      })
      .execute();
  }

  async updateMapping(
    orgId: string,
    id: string,
    mapping: Record<string, unknown>,
    at: Date,
    by: string,
  ): Promise<boolean> {
    const result = await this.database.executor
      .updateTable('import_mappings')
      .set({ mapping: JSON.stringify(mapping), updated_at: at, updated_by: by })
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async listMappings(orgId: string): Promise<SavedMapping[]> {
    const rows = await this.database.executor
      .selectFrom('import_mappings')
      .selectAll()
      .where('org_id', '=', orgId)
      .orderBy('name')
      .execute();
    return rows.map(toMapping);
  }

  async getMapping(orgId: string, idOrName: string): Promise<SavedMapping | undefined> {
    const byId = isUuid(idOrName);
    const row = await this.database.executor
      .selectFrom('import_mappings')
      .selectAll()
      .where('org_id', '=', orgId)
      .where((eb) =>
        byId ? eb('id', '=', idOrName) : eb(eb.fn('lower', ['name']), '=', idOrName.toLowerCase()),
      )
      .executeTakeFirst();
    return row && toMapping(row);
  }

  async deleteMapping(orgId: string, id: string): Promise<boolean> {
    const result = await this.database.executor
      .deleteFrom('import_mappings')
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}

const parseJson = (value: unknown): Record<string, unknown> =>
  typeof value === 'string'
    ? (JSON.parse(value) as Record<string, unknown>)
    : (value as Record<string, unknown>);

function toImport(row: {
  id: string;
  org_id: string;
  kind: string;
  format: string;
  source: string;
  file_name: string;
  file_size: string | number;
  content_hash: string;
  staged_key: string | null;
  options: unknown;
  status: string;
  summary: unknown;
  failure: string | null;
  created_at: Date | string;
  created_by: string;
  updated_at: Date | string;
  committed_at: Date | string | null;
  committed_by: string | null;
}): ImportRecord {
  return {
    id: row.id,
    orgId: row.org_id,
    kind: row.kind as EntityId, // checked: the table's CHECK constraint
    format: row.format,
    source: row.source,
    fileName: row.file_name,
    fileSize: Number(row.file_size),
    contentHash: row.content_hash,
    stagedKey: row.staged_key,
    options: parseJson(row.options),
    status: row.status as ImportStatus, // checked: the table's CHECK constraint
    summary: parseJson(row.summary),
    failure: row.failure,
    createdAt: new Date(row.created_at),
    createdBy: row.created_by,
    updatedAt: new Date(row.updated_at),
    committedAt: row.committed_at === null ? null : new Date(row.committed_at),
    committedBy: row.committed_by,
  };
}

function toMapping(row: {
  id: string;
  org_id: string;
  name: string;
  mapping: unknown;
  created_at: Date | string;
  created_by: string;
  updated_at: Date | string;
  updated_by: string;
}): SavedMapping {
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    mapping: parseJson(row.mapping),
    createdAt: new Date(row.created_at),
    createdBy: row.created_by,
    updatedAt: new Date(row.updated_at),
    updatedBy: row.updated_by,
  };
}
