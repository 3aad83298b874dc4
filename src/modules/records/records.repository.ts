import { type Expression, type SqlBool, sql } from 'kysely';
import { arrayLiteral, copyLine, type Database } from '../../db/database.js';
import type { EntityId } from '../../standard/field.js';

/** A record as stored: open fields as JSON, identifying fields sealed. */
export interface StoredRecord {
  id: string;
  orgId: string;
  kind: EntityId;
  version: number;
  data: Record<string, unknown>;
  sealed: string | null;
  nameIndex: string[];
  searchText: string;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  updatedBy: string;
  deletedAt: Date | null;
  deletedBy: string | null;
  deleteReason: string | null;
}

/**
 * A record in a list: only the asked-for open fields (picked out by the database, so lists move and
 * parse a fraction of each record) and the value it was sorted by, for the next page's cursor.
 */
export interface ListedRecord {
  id: string;
  version: number;
  /** ISO 8601 in UTC, formatted by the database (lists skip parsing and re-formatting dates). */
  createdAt: string;
  updatedAt: string;
  /** Dotted path → value, for the paths in the query's `fields` that the record has. */
  fields: Record<string, unknown>;
  sortValue: string;
  /** Set only in lists of deleted records. */
  deleted?: { at: string; reason: string };
}

/** A record an import matched, with where it came from. */
export type ImportedRecord = StoredRecord & { source: string | null; externalId: string | null };

const recordCopyColumns = [
  'id',
  'org_id',
  'kind',
  'version',
  'data',
  'sealed',
  'name_index',
  'search_text',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
  'source',
  'external_id',
  'import_id',
] as const;

const historyCopyColumns = [
  'org_id',
  'record_id',
  'kind',
  'version',
  'action',
  'changed_fields',
  'changed_at',
  'changed_by',
  'import_id',
] as const;

/** One condition on the open JSON of records. Paths come from the standard, values from the caller. */
export type RecordFilter =
  | { op: 'equals'; path: string[]; value: string }
  | { op: 'includes'; path: string[]; value: string }
  | { op: 'flag'; path: string[]; value: string }
  | { op: 'from' | 'to'; path: string[]; value: string };

export interface RecordListQuery {
  orgId: string;
  kind: EntityId;
  filters: readonly RecordFilter[];
  /** Lower-case text searched in the non-identifying text of records. */
  text?: string;
  /** Blind-index tokens that must all be present. */
  nameTokens?: readonly string[];
  /** The open fields to return, as dotted paths. Never identifying ones: those are sealed. */
  fields: readonly string[];
  /** Deleted records instead of live ones. */
  deleted?: boolean;
  /** `updatedAt`, `createdAt`, or the path of a date field. */
  sort: { by: 'updatedAt' | 'createdAt' | string[]; order: 'asc' | 'desc' };
  /** Keyset cursor: the sort value and id of the last record of the previous page. */
  after?: { value: string; id: string };
  limit: number;
}

export interface HistoryEntry {
  version: number;
  action: 'create' | 'update' | 'delete' | 'restore';
  changedFields: string[];
  changedAt: Date;
  changedBy: string;
}

/** `toISOString`, remembered for the last date: a batch's rows share their timestamps. */
function lastIso(): (date: Date) => string {
  let last: Date | undefined;
  let text = '';
  return (date) => {
    if (date !== last) {
      text = date.toISOString();
      last = date;
    }
    return text;
  };
}

const pathText = (path: readonly string[]) => `{${path.join(',')}}`;

/** Case records' only door to the database. Every query names the organisation. */
export class RecordsRepository {
  constructor(private readonly database: Database) {}

  async insert(record: StoredRecord): Promise<void> {
    await this.database.executor
      .insertInto('records')
      .values({
        id: record.id,
        org_id: record.orgId,
        kind: record.kind,
        version: record.version,
        data: JSON.stringify(record.data),
        sealed: record.sealed,
        name_index: record.nameIndex,
        search_text: record.searchText,
        created_at: record.createdAt,
        created_by: record.createdBy,
        updated_at: record.updatedAt,
        updated_by: record.updatedBy,
      })
      .execute();
  }

  /** A record of the organisation, deleted or not; undefined when it is not theirs or does not exist. */
  async getById(orgId: string, kind: EntityId, id: string): Promise<StoredRecord | undefined> {
    const row = await this.database.executor
      .selectFrom('records')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('kind', '=', kind)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toStored(row);
  }

  /**
   * Writes a new version if, and only if, the stored version is still `expectedVersion` (no lost
   * updates). Returns whether it was written.
   */
  async update(
    orgId: string,
    id: string,
    expectedVersion: number,
    next: Omit<
      StoredRecord,
      'id' | 'orgId' | 'kind' | 'createdAt' | 'createdBy' | 'deletedAt' | 'deletedBy' | 'deleteReason'
    >,
  ): Promise<boolean> {
    const result = await this.database.executor
      .updateTable('records')
      .set({
        version: next.version,
        data: JSON.stringify(next.data),
        sealed: next.sealed,
        name_index: next.nameIndex,
        search_text: next.searchText,
        updated_at: next.updatedAt,
        updated_by: next.updatedBy,
      })
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Marks a record deleted (or restores it with `deleted: null`), version-checked. */
  async setDeleted(
    orgId: string,
    id: string,
    expectedVersion: number,
    change: { deleted: { at: Date; by: string; reason: string } | null; at: Date; by: string },
  ): Promise<boolean> {
    const result = await this.database.executor
      .updateTable('records')
      .set({
        version: expectedVersion + 1,
        deleted_at: change.deleted?.at ?? null,
        deleted_by: change.deleted?.by ?? null,
        delete_reason: change.deleted?.reason ?? null,
        updated_at: change.at,
        updated_by: change.by,
      })
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** A page of live records, newest first by default. */
  async list(query: RecordListQuery): Promise<ListedRecord[]> {
    const sortExpression = this.sortExpression(query.sort.by);
    let select = this.database.executor
      .selectFrom('records')
      .select(['id', 'version'])
      .select(isoText(sql.ref('created_at')).as('created_iso'))
      .select(isoText(sql.ref('updated_at')).as('updated_iso'))
      .select(sql<Record<string, unknown>>`${pickFields(query.fields)}`.as('fields'))
      .select(
        Array.isArray(query.sort.by)
          ? sql<string>`${sortExpression}`.as('sort_value')
          : isoText(sortExpression, 'microseconds').as('sort_value'),
      )
      .select(isoText(sql.ref('deleted_at')).as('deleted_iso'))
      .select('delete_reason')
      .where((eb) => eb.and(matching(query)));
    if (query.after) {
      const value = Array.isArray(query.sort.by)
        ? sql`${query.after.value}`
        : sql`${query.after.value}::timestamptz`;
      const comparison = query.sort.order === 'desc' ? sql.raw('<') : sql.raw('>');
      select = select.where(
        sql<SqlBool>`(${sortExpression}, id) ${comparison} (${value}, ${query.after.id}::uuid)`,
      );
    }
    const rows = await select
      .orderBy(sortExpression, query.sort.order)
      .orderBy('id', query.sort.order)
      .limit(query.limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      version: row.version,
      createdAt: row.created_iso,
      updatedAt: row.updated_iso,
      fields:
        typeof row.fields === 'string' ? (JSON.parse(row.fields) as Record<string, unknown>) : row.fields,
      sortValue: row.sort_value,
      ...(query.deleted && row.deleted_iso !== null
        ? { deleted: { at: row.deleted_iso, reason: row.delete_reason ?? '' } }
        : {}),
    }));
  }

  /**
   * Whole records matching a list's filters, by id, for an export: `limit` after `afterId`. Sealed
   * fields come sealed; the service opens them only when the export may carry them.
   */
  async exportPage(
    query: Pick<RecordListQuery, 'orgId' | 'kind' | 'filters' | 'text' | 'nameTokens'>,
    afterId: string | undefined,
    limit: number,
  ): Promise<ImportedRecord[]> {
    let select = this.database.executor
      .selectFrom('records')
      .selectAll()
      .where((eb) => eb.and(matching(query)));
    if (afterId) select = select.where('id', '>', afterId);
    const rows = await select.orderBy('id').limit(limit).execute();
    return rows.map((row) => ({ ...toStored(row), source: row.source, externalId: row.external_id }));
  }

  /** The ids among `ids` that are live records of the organisation of one kind. */
  async existingIds(orgId: string, kind: EntityId, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.database.executor
      .selectFrom('records')
      .select('id')
      .where('org_id', '=', orgId)
      .where('kind', '=', kind)
      .where('id', 'in', ids)
      .where('deleted_at', 'is', null)
      .execute();
    return new Set(rows.map((row) => row.id));
  }

  /**
   * The records an import's rows may be: those with one of `ids`, and those from `source` with one of
   * `externalIds`, deleted or not.
   */
  async findForImport(
    orgId: string,
    kind: EntityId,
    ids: readonly string[],
    source: string,
    externalIds: readonly string[],
  ): Promise<ImportedRecord[]> {
    if (ids.length === 0 && externalIds.length === 0) return [];
    const rows = await this.database.executor
      .selectFrom('records')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('kind', '=', kind)
      .where((eb) =>
        eb.or([
          ...(ids.length ? [eb('id', 'in', ids)] : []),
          ...(externalIds.length
            ? [eb.and([eb('source', '=', source), eb('external_id', 'in', externalIds)])]
            : []),
        ]),
      )
      .execute();
    return rows.map((row) => ({ ...toStored(row), source: row.source, externalId: row.external_id }));
  }

  /** Writes new records with COPY, in the open transaction (an import's). */
  async copyRecords(
    records: readonly (StoredRecord & {
      source: string | null;
      externalId: string | null;
      importId: string;
    })[],
  ): Promise<void> {
    const time = lastIso();
    let text = '';
    for (const r of records) {
      text += copyLine([
        r.id,
        r.orgId,
        r.kind,
        r.version,
        JSON.stringify(r.data),
        r.sealed,
        arrayLiteral(r.nameIndex),
        r.searchText,
        time(r.createdAt),
        r.createdBy,
        time(r.updatedAt),
        r.updatedBy,
        r.source,
        r.externalId,
        r.importId,
      ]);
    }
    await this.database.copyInto('records', recordCopyColumns, text);
  }

  /** Writes history entries with COPY, in the open transaction (an import's). */
  async copyHistory(
    entries: readonly (HistoryEntry & {
      orgId: string;
      recordId: string;
      kind: EntityId;
      importId: string;
    })[],
  ): Promise<void> {
    const time = lastIso();
    let text = '';
    for (const e of entries) {
      text += copyLine([
        e.orgId,
        e.recordId,
        e.kind,
        e.version,
        e.action,
        arrayLiteral(e.changedFields),
        time(e.changedAt),
        e.changedBy,
        e.importId,
      ]);
    }
    await this.database.copyInto('record_history', historyCopyColumns, text);
  }

  async insertHistory(
    entry: HistoryEntry & { orgId: string; recordId: string; kind: EntityId },
  ): Promise<void> {
    await this.database.executor
      .insertInto('record_history')
      .values({
        org_id: entry.orgId,
        record_id: entry.recordId,
        kind: entry.kind,
        version: entry.version,
        action: entry.action,
        changed_fields: entry.changedFields,
        changed_at: entry.changedAt,
        changed_by: entry.changedBy,
      })
      .execute();
  }

  async listHistory(orgId: string, recordId: string): Promise<HistoryEntry[]> {
    const rows = await this.database.executor
      .selectFrom('record_history')
      .select(['version', 'action', 'changed_fields', 'changed_at', 'changed_by'])
      .where('org_id', '=', orgId)
      .where('record_id', '=', recordId)
      .orderBy('id', 'desc')
      .execute();
    return rows.map((row) => ({
      version: row.version,
      action: row.action as HistoryEntry['action'], // checked: the table's CHECK constraint
      changedFields: row.changed_fields,
      changedAt: new Date(row.changed_at),
      changedBy: row.changed_by,
    }));
  }

  private sortExpression(by: RecordListQuery['sort']['by']): Expression<unknown> {
    if (by === 'updatedAt') return sql.ref('updated_at');
    if (by === 'createdAt') return sql.ref('created_at');
    return sql`coalesce(data #>> ${pathText(by)}::text[], '')`;
  }
}

/**
 * A timestamp in ISO 8601, UTC, whatever the session's TimeZone and DateStyle: to the millisecond as
 * JavaScript's `toISOString()` writes it, or to the microsecond (what PostgreSQL keeps) for cursors.
 */
function isoText(column: Expression<unknown>, precision: 'milliseconds' | 'microseconds' = 'milliseconds') {
  const format =
    precision === 'milliseconds' ? 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"' : 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"';
  return sql<string>`to_char(${column} AT TIME ZONE 'UTC', ${sql.lit(format)})`;
}

/** The conditions of a list: the organisation and kind, live or deleted, filters, text, names. */
function matching(
  query: Pick<RecordListQuery, 'orgId' | 'kind' | 'filters' | 'text' | 'nameTokens' | 'deleted'>,
): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [
    sql<SqlBool>`org_id = ${query.orgId}`,
    sql<SqlBool>`kind = ${query.kind}`,
    query.deleted ? sql<SqlBool>`deleted_at IS NOT NULL` : sql<SqlBool>`deleted_at IS NULL`,
    ...query.filters.map(filterExpression),
  ];
  if (query.text) conditions.push(sql<SqlBool>`search_text LIKE ${`%${escapeLike(query.text)}%`}`);
  if (query.nameTokens?.length) conditions.push(sql<SqlBool>`name_index @> ${[...query.nameTokens]}::text[]`);
  return conditions;
}

/** A JSON object of the given paths' values, absent ones left out; `{}` for no paths. */
function pickFields(paths: readonly string[]): Expression<unknown> {
  if (paths.length === 0) return sql`'{}'::jsonb`;
  const pairs = paths.map((path) => sql`${path}::text, data #> ${pathText(path.split('.'))}::text[]`);
  return sql`jsonb_strip_nulls(jsonb_build_object(${sql.join(pairs)}))`;
}

function filterExpression(filter: RecordFilter): Expression<SqlBool> {
  const path = pathText(filter.path);
  switch (filter.op) {
    case 'equals':
      return sql<SqlBool>`(data #>> ${path}::text[]) = ${filter.value}`;
    case 'includes':
      return sql<SqlBool>`(data #> ${path}::text[]) @> jsonb_build_array(${filter.value}::text)`;
    case 'flag':
      return sql<SqlBool>`(data #> ${path}::text[]) ->> ${filter.value}::text = 'true'`;
    case 'from':
      return sql<SqlBool>`(data #>> ${path}::text[]) >= ${filter.value}`;
    case 'to':
      return sql<SqlBool>`(data #>> ${path}::text[]) <= ${filter.value}`;
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

type RecordRow = {
  id: string;
  org_id: string;
  kind: string;
  version: number;
  data: Record<string, unknown> | string;
  sealed: string | null;
  name_index: string[];
  search_text: string;
  created_at: Date | string;
  created_by: string;
  updated_at: Date | string;
  updated_by: string;
  deleted_at: Date | string | null;
  deleted_by: string | null;
  delete_reason: string | null;
  source?: string | null;
  external_id?: string | null;
};

function toStored(row: RecordRow): StoredRecord {
  return {
    id: row.id,
    orgId: row.org_id,
    kind: row.kind as EntityId, // checked: the table's CHECK constraint
    version: row.version,
    data: parseData(row.data),
    sealed: row.sealed,
    nameIndex: row.name_index,
    searchText: row.search_text,
    createdAt: new Date(row.created_at),
    createdBy: row.created_by,
    updatedAt: new Date(row.updated_at),
    updatedBy: row.updated_by,
    deletedAt: row.deleted_at === null ? null : new Date(row.deleted_at),
    deletedBy: row.deleted_by,
    deleteReason: row.delete_reason,
  };
}

/** PGlite and node-postgres both parse jsonb; a string means a driver that did not. */
function parseData(data: RecordRow['data']): Record<string, unknown> {
  return typeof data === 'string' ? (JSON.parse(data) as Record<string, unknown>) : data;
}
