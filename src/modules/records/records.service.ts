import type { Database } from '../../db/database.js';
import { type Actor, actorLabel, type Context } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, type FieldIssue } from '../../platform/errors.js';
import type { Ids } from '../../platform/ids.js';
import { entities } from '../../standard/entities/index.js';
import { type EntityId, type FieldDefinition, fieldsOf, type Sensitivity } from '../../standard/field.js';
import { nameTokens } from '../../standard/names.js';
import { type CoralRecord, getPath } from '../../standard/record-path.js';
import { type DeleteReason, recordKinds, searchableTextPaths } from '../../standard/record-views.js';
import {
  applyMergePatch,
  changedPaths,
  mergeIdentifying,
  projectRecord,
  splitBySensitivity,
} from '../../standard/sensitivity.js';
import { formatMessage } from '../../standard/validation/messages.js';
import { labelOf, type Problem, validateRecord } from '../../standard/validation/validate.js';
import { type AuditEvent, type AuditService, requireActor } from '../audit/audit.service.js';
import type { KeysService } from '../keys/keys.service.js';
import { can } from './records.policy.js';
import type {
  HistoryEntry,
  ImportedRecord,
  ListedRecord,
  RecordFilter,
  RecordsRepository,
  StoredRecord,
} from './records.repository.js';

export interface RecordsServiceDeps {
  database: Database;
  records: RecordsRepository;
  keys: KeysService;
  audit: AuditService;
  clock: Clock;
  ids: Ids;
}

/** A record as read: stored facts, the record itself (identifying fields only when allowed), warnings. */
export interface RecordRead {
  stored: StoredRecord;
  record: CoralRecord;
  identifyingShown: boolean;
  warnings: Problem[];
}

export interface ListRequest {
  filters: RecordFilter[];
  text?: string;
  /** A name to find through the blind index. */
  name?: string;
  sort: { by: 'updatedAt' | 'createdAt' | string[]; order: 'asc' | 'desc' };
  after?: { value: string; id: string };
  limit: number;
  /** The deleted records, for those who may restore them. */
  deleted?: boolean;
}

const open: ReadonlySet<Sensitivity> = new Set(['plain', 'quasi-identifying']);
const everything: ReadonlySet<Sensitivity> = new Set(['plain', 'quasi-identifying', 'identifying']);

/** How an import treats rows that match records already in Coral. */
export const importStrategies = ['upsert', 'create', 'update'] as const;
export type ImportStrategy = (typeof importStrategies)[number];

/** A valid row of an import, ready to become a record. */
export interface ImportCandidate {
  /** The row's place in the batch, to report back. */
  index: number;
  record: CoralRecord;
  id?: string;
  externalId?: string;
  /** The row's number in the file, to name it when a later row matches the same record. */
  row?: number;
}

/** What an import did, or would do, with a row. */
export interface ImportOutcome {
  index: number;
  action: 'create' | 'update' | 'unchanged' | 'skip';
  reason?: 'exists' | 'missing' | 'deleted' | 'invalid';
  recordId?: string;
  problems: Problem[];
}

/**
 * Case records of every kind of the standard: validated against it, identifying fields sealed with the
 * organisation's data key, every version checked (no lost update), every change in the history, every
 * read and write in the audit log.
 */
export class RecordsService {
  constructor(private readonly deps: RecordsServiceDeps) {}

  async create(ctx: Context, kind: EntityId, orgId: string, input: unknown): Promise<RecordRead> {
    const actor = requireActor(ctx);
    const event = { action: `${kind}.create`, resourceType: kind, orgId };
    await this.deps.audit.enforce(ctx, can(actor, 'create', { kind, orgId }), event, {
      message: writeDenied,
    });
    const record = await this.validated(ctx, kind, orgId, input);
    const id = this.deps.ids.uuid();
    const now = this.deps.clock.now();
    const by = actorLabel(actor);
    const stored: StoredRecord = {
      id,
      orgId,
      kind,
      version: 1,
      ...(await this.seal(kind, orgId, id, record.value)),
      createdAt: now,
      createdBy: by,
      updatedAt: now,
      updatedBy: by,
      deletedAt: null,
      deletedBy: null,
      deleteReason: null,
    };
    await this.deps.database.transaction(async () => {
      await this.deps.records.insert(stored);
      await this.deps.records.insertHistory({
        orgId,
        recordId: id,
        kind,
        version: 1,
        action: 'create',
        changedFields: changedPaths({}, record.value),
        changedAt: now,
        changedBy: by,
      });
      await this.deps.audit.record(ctx, { ...event, resourceId: id, details: { version: 1 } });
    });
    return this.view(actor, stored, record.value, record.warnings);
  }

  /** Reads a record; identifying fields only for roles that need them, and every read is audited. */
  async get(ctx: Context, kind: EntityId, orgId: string, id: string): Promise<RecordRead> {
    const actor = requireActor(ctx);
    const event = { action: `${kind}.read`, resourceType: kind, resourceId: id, orgId };
    await this.deps.audit.enforce(ctx, can(actor, 'read', { kind, orgId }), event, { hide: true });
    const stored = await this.live(ctx, event, kind, orgId, id);
    const identifying = can(actor, 'read-identifying', { kind, orgId });
    const record = identifying ? await this.unseal(stored) : stored.data;
    await this.deps.audit.record(ctx, { ...event, details: { version: stored.version, identifying } });
    return this.view(actor, stored, record, []);
  }

  /**
   * Applies a JSON merge patch to the version the client last saw. Another save since then answers 412
   * (the client shows both and lets the person choose); nothing is lost.
   */
  async update(
    ctx: Context,
    kind: EntityId,
    orgId: string,
    id: string,
    expectedVersion: number,
    patch: unknown,
  ): Promise<RecordRead> {
    const actor = requireActor(ctx);
    const event = { action: `${kind}.update`, resourceType: kind, resourceId: id, orgId };
    await this.deps.audit.enforce(ctx, can(actor, 'read', { kind, orgId }), event, { hide: true });
    await this.deps.audit.enforce(ctx, can(actor, 'update', { kind, orgId }), event, {
      message: writeDenied,
    });
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
      throw new AppError('bad_request', 'Send the changes as a JSON object (a JSON merge patch).');
    }
    const stored = await this.live(ctx, event, kind, orgId, id);
    if (stored.version !== expectedVersion) throw stale(stored.version);
    const before = await this.unseal(stored);
    const record = await this.validated(ctx, kind, orgId, applyMergePatch(before, patch as CoralRecord));
    const fields = changedPaths(before, record.value);
    if (fields.length === 0) return this.view(actor, stored, record.value, record.warnings);
    const now = this.deps.clock.now();
    const by = actorLabel(actor);
    const next = {
      ...stored,
      version: stored.version + 1,
      ...(await this.seal(kind, orgId, id, record.value)),
      updatedAt: now,
      updatedBy: by,
    };
    await this.deps.database.transaction(async () => {
      if (!(await this.deps.records.update(orgId, id, expectedVersion, next))) throw stale(undefined);
      await this.deps.records.insertHistory({
        orgId,
        recordId: id,
        kind,
        version: next.version,
        action: 'update',
        changedFields: fields,
        changedAt: now,
        changedBy: by,
      });
      await this.deps.audit.record(ctx, { ...event, details: { version: next.version, fields } });
    });
    return this.view(actor, next, record.value, record.warnings);
  }

  /** Deletes softly: the record leaves lists and reads, and a data officer can restore it. */
  async remove(
    ctx: Context,
    kind: EntityId,
    orgId: string,
    id: string,
    reason: DeleteReason,
    expectedVersion?: number,
  ): Promise<void> {
    await this.setDeleted(ctx, kind, orgId, id, { reason, expectedVersion });
  }

  /** Undoes a deletion. */
  async restore(ctx: Context, kind: EntityId, orgId: string, id: string): Promise<RecordRead> {
    await this.setDeleted(ctx, kind, orgId, id, null);
    return this.get(ctx, kind, orgId, id);
  }

  /**
   * A page of records as summaries: only non-identifying fields, so lists need no decryption and carry
   * no identifying data. A name search goes through the blind index. With `deleted`, the deleted
   * records (with when and why), for those who may restore them.
   */
  async list(ctx: Context, kind: EntityId, orgId: string, request: ListRequest): Promise<ListedRecord[]> {
    const actor = requireActor(ctx);
    await this.deps.audit.enforce(ctx, can(actor, 'list', { kind, orgId }), {
      action: `${kind}.list`,
      resourceType: kind,
      orgId,
    });
    const deletedEvent = { action: `${kind}.list-deleted`, resourceType: kind, orgId };
    if (request.deleted) {
      // Deleted records are for those who may bring them back; who looked at them is kept.
      await this.deps.audit.enforce(ctx, can(actor, 'restore', { kind, orgId }), deletedEvent, {
        message: 'Only data officers see deleted records.',
      });
    }
    const tokens = request.name ? nameTokens(request.name) : [];
    if (request.name !== undefined && tokens.length === 0) return [];
    const listed = await this.deps.records.list({
      orgId,
      kind,
      fields: recordKinds[kind].summaryFields,
      filters: request.filters,
      ...(request.text ? { text: request.text.toLowerCase() } : {}),
      ...(tokens.length ? { nameTokens: await this.deps.keys.blindTokens(orgId, tokens) } : {}),
      sort: request.sort,
      ...(request.after ? { after: request.after } : {}),
      limit: request.limit,
      ...(request.deleted ? { deleted: true } : {}),
    });
    if (request.deleted)
      await this.deps.audit.record(ctx, { ...deletedEvent, details: { shown: listed.length } });
    return listed;
  }

  /** Who changed which fields and when, newest first; never the values. */
  async history(ctx: Context, kind: EntityId, orgId: string, id: string): Promise<HistoryEntry[]> {
    const actor = requireActor(ctx);
    const event = { action: `${kind}.history`, resourceType: kind, resourceId: id, orgId };
    await this.deps.audit.enforce(ctx, can(actor, 'history', { kind, orgId }), event, { hide: true });
    await this.live(ctx, event, kind, orgId, id);
    return this.deps.records.listHistory(orgId, id);
  }

  /**
   * Decides, and with `write` makes, what an import does with a batch of valid rows: each becomes a new
   * record, updates the record it matches (by Coral id in this organisation, else by source and external
   * id: the file's values merged over the stored ones), or is skipped (already there for `create`, not
   * there for `update`, deleted in Coral, or unchanged). Writes go in the caller's transaction: new
   * records by COPY, updates version-checked; history notes the import. No audit entry: the import writes
   * one for the whole file. Not an entry point: ImportsService authorises.
   */
  async importBatch(
    ctx: Context,
    kind: EntityId,
    orgId: string,
    rows: readonly ImportCandidate[],
    options: {
      strategy: ImportStrategy;
      source: string;
      importId: string;
      write: boolean;
      /** Records already matched by earlier rows of the file (record id → row), across batches. */
      matched?: Map<string, number>;
    },
  ): Promise<ImportOutcome[]> {
    const actor = requireActor(ctx);
    const language = ctx.language ?? 'en';
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const ids = [...new Set(rows.flatMap((r) => (r.id && uuid.test(r.id) ? [r.id] : [])))];
    const externalIds = [
      ...new Set(
        rows.flatMap((r) => {
          const e = r.externalId ?? r.id;
          return e ? [e] : [];
        }),
      ),
    ];
    const existing = await this.deps.records.findForImport(orgId, kind, ids, options.source, externalIds);
    const byId = new Map(existing.map((r) => [r.id, r]));
    const byExternal = new Map(
      existing.flatMap((r) =>
        r.source === options.source && r.externalId ? [[r.externalId, r] as const] : [],
      ),
    );
    // First decide every row, then check links, then write: nothing is written for a row that fails.
    const plans: Array<{
      outcome: ImportOutcome;
      row: ImportCandidate;
      match?: ImportedRecord;
      before?: CoralRecord;
      after: CoralRecord;
      fields?: string[];
    }> = [];
    for (const row of rows) {
      const externalId = row.externalId ?? row.id;
      const match =
        (row.id ? byId.get(row.id) : undefined) ?? (externalId ? byExternal.get(externalId) : undefined);
      const skip = (reason: ImportOutcome['reason']) =>
        plans.push({
          outcome: { index: row.index, action: 'skip', ...(reason ? { reason } : {}), problems: [] },
          row,
          after: row.record,
        });
      const firstRow = match ? options.matched?.get(match.id) : undefined;
      if (match && firstRow !== undefined) {
        // One by its Coral id, another by its external id: two rows of the file for one record.
        plans.push({
          outcome: {
            index: row.index,
            action: 'skip',
            reason: 'invalid',
            problems: [
              {
                path: 'id',
                code: 'duplicate_in_file',
                severity: 'error',
                message: formatMessage('duplicate_in_file', language, { field: 'id', row: firstRow }),
              },
            ],
          },
          row,
          after: row.record,
        });
        continue;
      }
      if (match) options.matched?.set(match.id, row.row ?? 0);
      if (match?.deletedAt) skip('deleted');
      else if (match && options.strategy === 'create') skip('exists');
      else if (!match && options.strategy === 'update') skip('missing');
      else if (!match)
        plans.push({ outcome: { index: row.index, action: 'create', problems: [] }, row, after: row.record });
      else {
        const before = await this.unseal(match);
        const merged = applyMergePatch(before, row.record);
        const checked = validateRecord(kind, merged, { language });
        const errors = checked.problems.filter((p) => p.severity === 'error');
        const fields = changedPaths(before, merged);
        const outcome: ImportOutcome =
          errors.length > 0
            ? { index: row.index, action: 'skip', reason: 'invalid', problems: errors }
            : fields.length === 0
              ? { index: row.index, action: 'unchanged', recordId: match.id, problems: [] }
              : { index: row.index, action: 'update', recordId: match.id, problems: [] };
        plans.push({ outcome, row, match, before, after: merged, fields });
      }
    }
    const links = referenceFields(kind);
    for (const plan of plans) {
      if (plan.outcome.action !== 'create' && plan.outcome.action !== 'update') continue;
      // Most rows link to nothing: no lookup to wait for.
      if (!links.some((field) => plan.after[field.id] !== undefined)) continue;
      const problems = await this.linkProblems(kind, orgId, plan.after, language);
      if (problems.length > 0)
        plan.outcome = { index: plan.row.index, action: 'skip', reason: 'invalid', problems };
    }
    if (options.write) await this.writeImported(actor, kind, orgId, plans, options);
    return plans.map((plan) => plan.outcome);
  }

  private async writeImported(
    actor: Actor,
    kind: EntityId,
    orgId: string,
    plans: ReadonlyArray<{
      outcome: ImportOutcome;
      row: ImportCandidate;
      match?: ImportedRecord;
      after: CoralRecord;
      fields?: string[];
    }>,
    options: { source: string; importId: string },
  ): Promise<void> {
    const now = this.deps.clock.now();
    const by = actorLabel(actor);
    const creates: Array<
      StoredRecord & { source: string | null; externalId: string | null; importId: string }
    > = [];
    const history: Array<
      HistoryEntry & { orgId: string; recordId: string; kind: EntityId; importId: string }
    > = [];
    for (const plan of plans) {
      if (plan.outcome.action === 'create') {
        const id = this.deps.ids.uuid();
        const externalId = plan.row.externalId ?? plan.row.id ?? null;
        const soon = this.sealSoon(kind, orgId, id, plan.after);
        const sealed = soon instanceof Promise ? await soon : soon;
        creates.push({
          id,
          orgId,
          kind,
          version: 1,
          data: sealed.data,
          sealed: sealed.sealed,
          nameIndex: sealed.nameIndex,
          searchText: sealed.searchText,
          createdAt: now,
          createdBy: by,
          updatedAt: now,
          updatedBy: by,
          deletedAt: null,
          deletedBy: null,
          deleteReason: null,
          source: externalId ? options.source : null,
          externalId,
          importId: options.importId,
        });
        plan.outcome.recordId = id;
        history.push({
          orgId,
          recordId: id,
          kind,
          version: 1,
          action: 'create',
          changedFields: changedPaths({}, plan.after),
          changedAt: now,
          changedBy: by,
          importId: options.importId,
        });
      } else if (plan.outcome.action === 'update' && plan.match) {
        const match = plan.match;
        const next = {
          ...match,
          version: match.version + 1,
          ...(await this.seal(kind, orgId, match.id, plan.after)),
          updatedAt: now,
          updatedBy: by,
        };
        if (!(await this.deps.records.update(orgId, match.id, match.version, next))) throw stale(undefined);
        history.push({
          orgId,
          recordId: match.id,
          kind,
          version: next.version,
          action: 'update',
          changedFields: plan.fields ?? [],
          changedAt: now,
          changedBy: by,
          importId: options.importId,
        });
      }
    }
    if (creates.length) await this.deps.records.copyRecords(creates);
    if (history.length) await this.deps.records.copyHistory(history);
  }

  /**
   * Every live record matching a list's filters, oldest id first, for an export: with identifying fields
   * only when `identifying` says so — for every record, or for those whose open fields pass it (they are
   * opened one record at a time; the others come without). Not an entry point: callers authorise and
   * audit.
   */
  async *exportRecords(
    kind: EntityId,
    orgId: string,
    request: Pick<ListRequest, 'filters' | 'text' | 'name'>,
    identifying: boolean | ((open: CoralRecord) => boolean),
  ): AsyncIterable<{ id: string; externalId: string | null; record: CoralRecord }> {
    const tokens = request.name ? nameTokens(request.name) : [];
    if (request.name !== undefined && tokens.length === 0) return;
    const query = {
      orgId,
      kind,
      filters: request.filters,
      ...(request.text ? { text: request.text.toLowerCase() } : {}),
      ...(tokens.length ? { nameTokens: await this.deps.keys.blindTokens(orgId, tokens) } : {}),
    };
    let after: string | undefined;
    for (;;) {
      const page = await this.deps.records.exportPage(query, after, 500);
      for (const stored of page) {
        const open = typeof identifying === 'function' ? identifying(stored.data) : identifying;
        const record = open ? await this.unseal(stored) : structuredClone(stored.data);
        yield { id: stored.id, externalId: stored.externalId, record };
      }
      if (page.length < 500) return;
      after = page.at(-1)?.id;
    }
  }

  /** Summaries of live records by id (for linked records). Not an entry point: callers authorise. */
  existingIds(orgId: string, kind: EntityId, ids: readonly string[]): Promise<Set<string>> {
    return this.deps.records.existingIds(orgId, kind, ids);
  }

  private async setDeleted(
    ctx: Context,
    kind: EntityId,
    orgId: string,
    id: string,
    deletion: { reason: DeleteReason; expectedVersion: number | undefined } | null,
  ): Promise<void> {
    const actor = requireActor(ctx);
    const verb = deletion ? 'delete' : 'restore';
    const event = { action: `${kind}.${verb}`, resourceType: kind, resourceId: id, orgId };
    await this.deps.audit.enforce(ctx, can(actor, 'read', { kind, orgId }), event, { hide: true });
    await this.deps.audit.enforce(ctx, can(actor, verb, { kind, orgId }), event, {
      message: 'Only data officers may delete or restore records.',
    });
    const stored = await this.deps.records.getById(orgId, kind, id);
    if (!stored || (deletion ? stored.deletedAt : !stored.deletedAt))
      throw new AppError('not_found', deletion ? 'No such record.' : 'No such deleted record.');
    const expected = deletion?.expectedVersion ?? stored.version;
    if (stored.version !== expected) throw stale(stored.version);
    const now = this.deps.clock.now();
    const by = actorLabel(actor);
    await this.deps.database.transaction(async () => {
      const change = { deleted: deletion ? { at: now, by, reason: deletion.reason } : null, at: now, by };
      if (!(await this.deps.records.setDeleted(orgId, id, expected, change))) throw stale(undefined);
      await this.deps.records.insertHistory({
        orgId,
        recordId: id,
        kind,
        version: expected + 1,
        action: verb,
        changedFields: [],
        changedAt: now,
        changedBy: by,
      });
      await this.deps.audit.record(ctx, {
        ...event,
        details: { version: expected + 1, ...(deletion ? { reason: deletion.reason } : {}) },
      });
    });
  }

  /**
   * The live record, or a 404 that is audited as a refusal: from the caller's side another
   * organisation's record and a record that does not exist look the same, and probing shows in the log.
   */
  private async live(
    ctx: Context,
    event: AuditEvent,
    kind: EntityId,
    orgId: string,
    id: string,
  ): Promise<StoredRecord> {
    const stored = await this.deps.records.getById(orgId, kind, id);
    if (stored && !stored.deletedAt) return stored;
    await this.deps.audit.recordOutside(ctx, event, 'denied', 'not_found');
    throw new AppError('not_found', 'No such record.');
  }

  /** Validates against the standard and checks links; problems come back in the actor's language. */
  private async validated(
    ctx: Context,
    kind: EntityId,
    orgId: string,
    input: unknown,
  ): Promise<{ value: CoralRecord; warnings: Problem[] }> {
    const language = ctx.language ?? 'en';
    const result = validateRecord(kind, input, { language });
    const problems = [...result.problems];
    if (result.ok && result.value)
      problems.push(...(await this.linkProblems(kind, orgId, result.value, language)));
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length > 0 || !result.value) {
      const issues: FieldIssue[] = errors.map(({ path, code, message }) => ({ path, code, message }));
      throw new AppError('validation_failed', 'Some fields are not valid.', { issues });
    }
    return { value: result.value, warnings: problems.filter((p) => p.severity === 'warning') };
  }

  private async linkProblems(
    kind: EntityId,
    orgId: string,
    record: CoralRecord,
    language: 'en' | 'es' | 'fr' | 'nl',
  ): Promise<Problem[]> {
    const problems: Problem[] = [];
    for (const field of referenceFields(kind)) {
      const value = record[field.id];
      const ids = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
      // No ids, nothing to look up (and no query: imports check every row).
      if (ids.length === 0) continue;
      const found = await this.deps.records.existingIds(orgId, field.type.entity, ids);
      ids.forEach((linked, i) => {
        if (found.has(linked)) return;
        const path = field.type.kind === 'references' ? `${field.id}.${i}` : field.id;
        problems.push({
          path,
          code: 'unknown_link',
          severity: 'error',
          message: formatMessage('unknown_link', language, { field: labelOf(kind, path, language) }),
        });
      });
    }
    return problems;
  }

  /** Splits off and seals the identifying fields; derives the blind index and the search text. */
  private async seal(kind: EntityId, orgId: string, id: string, record: CoralRecord): Promise<Sealed> {
    return this.sealSoon(kind, orgId, id, record);
  }

  /**
   * `seal`, answered at once for a record with nothing to seal: only records with identifying fields
   * wait for the keys (imports seal records by the million).
   */
  private sealSoon(kind: EntityId, orgId: string, id: string, record: CoralRecord): Sealed | Promise<Sealed> {
    const parts = openParts(kind, record);
    if (!parts.identifying)
      return { data: parts.data, sealed: null, nameIndex: [], searchText: parts.searchText };
    return this.sealParts(orgId, kind, id, parts);
  }

  private async sealParts(orgId: string, kind: EntityId, id: string, parts: OpenParts): Promise<Sealed> {
    const { data, searchText, identifying } = parts;
    const sealed = identifying
      ? await this.deps.keys.seal(
          { orgId },
          Buffer.from(JSON.stringify(identifying)),
          sealContext(orgId, kind, id),
        )
      : null;
    const tokens = recordKinds[kind].nameFields.flatMap((path) => {
      const value = identifying?.[path];
      return typeof value === 'string' ? nameTokens(value) : [];
    });
    const nameIndex = tokens.length ? await this.deps.keys.blindTokens(orgId, tokens) : [];
    return { data, sealed, nameIndex, searchText };
  }

  private async unseal(stored: StoredRecord): Promise<CoralRecord> {
    if (!stored.sealed) return structuredClone(stored.data);
    const identifying = JSON.parse(
      (
        await this.deps.keys.open(
          { orgId: stored.orgId },
          stored.sealed,
          sealContext(stored.orgId, stored.kind, stored.id),
        )
      ).toString('utf8'),
    ) as Record<string, unknown>;
    return mergeIdentifying(stored.data, identifying);
  }

  private view(actor: Actor, stored: StoredRecord, record: CoralRecord, warnings: Problem[]): RecordRead {
    const identifyingShown = can(actor, 'read-identifying', { kind: stored.kind, orgId: stored.orgId });
    const fields = fieldsOf(entities[stored.kind]);
    return {
      stored,
      record: projectRecord(fields, record, identifyingShown ? everything : open),
      identifyingShown,
      warnings,
    };
  }
}

const writeDenied = 'Your role may not change records of this kind.';

/** A record's open part and search text, and its identifying fields (undefined when it has none). */
interface OpenParts {
  data: CoralRecord;
  searchText: string;
  identifying: Record<string, unknown> | undefined;
}

/** The stored form of a record's fields: open, sealed, blind index, search text. */
type Sealed = Pick<StoredRecord, 'data' | 'sealed' | 'nameIndex' | 'searchText'>;

function openParts(kind: EntityId, record: CoralRecord): OpenParts {
  const { open: data, identifying } = splitBySensitivity(fieldsOf(entities[kind]), record);
  const searchText = searchableTextPaths(kind)
    .map((path) => getPath(data, path))
    .filter((value): value is string => typeof value === 'string')
    .join(' ')
    .toLowerCase();
  return {
    data,
    searchText,
    identifying: Object.keys(identifying).length ? identifying : undefined,
  };
}

/** The fields of a kind that link to other records. */
function referenceFields(
  kind: EntityId,
): ReadonlyArray<FieldDefinition & { type: { kind: 'reference' | 'references'; entity: EntityId } }> {
  let fields = referencing.get(kind);
  if (!fields) {
    fields = fieldsOf(entities[kind]).filter(
      (field): field is FieldDefinition & { type: { kind: 'reference' | 'references'; entity: EntityId } } =>
        field.type.kind === 'references' || field.type.kind === 'reference',
    );
    referencing.set(kind, fields);
  }
  return fields;
}

const referencing = new Map<
  EntityId,
  ReadonlyArray<FieldDefinition & { type: { kind: 'reference' | 'references'; entity: EntityId } }>
>();

function sealContext(orgId: string, kind: EntityId, id: string): string {
  return `record:${orgId}:${kind}:${id}`;
}

/** Who made a change, as the record keeps it: a user id, or cli:<name> for an operator. */

function stale(current: number | undefined): AppError {
  return new AppError(
    'precondition_failed',
    'Someone saved this record after you opened it. Reload it, or compare your changes with theirs.',
    {
      ...(current === undefined ? {} : { currentVersion: current }),
    },
  );
}
