import { createHash, randomBytes } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensurePrivateFolder,
  openSealedFile,
  removeSealedFile,
  SealedFileWriter,
} from '../../crypto/sealed-file.js';
import type { Database } from '../../db/database.js';
import type { DateOrder } from '../../interchange/cells.js';
import {
  type ColumnMapping,
  checkMapping,
  columnMappingSchema,
  suggestMapping,
} from '../../interchange/column-mapping.js';
import { coralColumns } from '../../interchange/coral-table.js';
import { defaultReadLimits, FileProblem, type ReadLimits } from '../../interchange/file-problem.js';
import {
  type Detected,
  detectFormat,
  type ImportFormat,
  openTable,
  rowMapperFor,
  type Table,
  type TableRow,
} from '../../interchange/open-table.js';
import { type RowMapper, type RowProblem, rowProblem } from '../../interchange/row-mapping.js';
import { type ByteSource, fileSource } from '../../interchange/source.js';
import type { TextEncoding } from '../../interchange/text.js';
import { type Actor, actorLabel, type Context } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { type Ids, isUuid } from '../../platform/ids.js';
import type { Logger } from '../../platform/logger.js';
import type { EntityId } from '../../standard/field.js';
import type { Language } from '../../standard/languages.js';
import { layoutsFor } from '../../standard/mappings/layouts.js';
import { validateRecord } from '../../standard/validation/validate.js';
import { type AuditService, requireActor } from '../audit/audit.service.js';
import type { KeysService } from '../keys/keys.service.js';
import type { ImportCandidate, ImportStrategy, RecordsService } from '../records/records.service.js';
import { can } from './imports.policy.js';
import type { ImportRecord, ImportsRepository, SavedMapping, StoredProblem } from './imports.repository.js';

export interface ImportSettings {
  /** Where uploads wait, sealed, between upload and commit. */
  stagingFolder: string;
  /** Largest upload, in bytes. */
  maxUploadBytes: number;
  limits: ReadLimits;
  /** Rows written per batch. */
  batchSize: number;
  /** Problems kept per import (all are counted). */
  maxStoredProblems: number;
}

/** Sensible settings: uploads in a temporary folder, up to 256 MiB, written 2000 rows at a time. */
export function defaultImportSettings(): ImportSettings {
  return {
    stagingFolder: join(tmpdir(), 'coral-imports'),
    maxUploadBytes: 268_435_456,
    limits: defaultReadLimits,
    batchSize: 2000,
    maxStoredProblems: 10_000,
  };
}

export interface ImportsServiceDeps {
  database: Database;
  imports: ImportsRepository;
  records: RecordsService;
  keys: KeysService;
  audit: AuditService;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  settings: ImportSettings;
}

/** What the person chose for reading the file; what they leave out is found out. */
export interface ImportOptions {
  kind?: EntityId | undefined;
  format?: ImportFormat | undefined;
  /** The name records' external ids belong to; defaults to the format (or the mapping's name). */
  source?: string | undefined;
  encoding?: TextEncoding | undefined;
  delimiter?: string | undefined;
  sheet?: string | undefined;
  dateOrder?: DateOrder | undefined;
  /** A column mapping for any other sheet: given, or the name of a saved one. */
  mapping?: ColumnMapping | undefined;
  mappingName?: string | undefined;
  externalIdColumn?: string | undefined;
}

export interface CommitOptions {
  strategy: ImportStrategy;
  /** Do everything, report what would happen, keep nothing. */
  dryRun: boolean;
  /** Import the valid rows and leave the others out; otherwise any invalid row stops the whole import. */
  skipInvalid: boolean;
}

/** Where a running import is: what it is doing and how many rows it has done. */
export interface ImportProgress {
  phase: 'reading' | 'validating' | 'committing';
  rows: number;
  /** The file's size and how far reading has come, in bytes, for a progress bar. */
  bytes: number;
  totalBytes: number;
}

/** The counts an import keeps, and what it found out about the file. */
export interface ImportSummary {
  detected?: {
    container: Table['container'];
    encoding?: string;
    delimiter?: string;
    format: ImportFormat;
    kind: EntityId;
    headerRows: number;
    columns: string[];
  };
  rows: number;
  valid: number;
  invalid: number;
  withWarnings: number;
  problems: number;
  /** What committing would do, as far as validation could tell (records may change meanwhile). */
  plan?: Counts;
  /** What committing did (or, for a dry run, would have done). */
  result?: Counts & { dryRun: boolean };
  /** The same file was imported before. */
  sameFileAs?: { importId: string; committedAt: string };
  /** Any other sheet: a column mapping is needed first. */
  needsMapping?: boolean;
}

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  invalid: number;
}

/** An import as the service hands it out, with its progress while it runs. */
export interface ImportView extends ImportRecord {
  progress: ImportProgress | null;
  /** Who uploaded and who committed it, by name, when known. */
  names?: { createdBy?: string; committedBy?: string };
}

const emptyCounts = (): Counts => ({ created: 0, updated: 0, unchanged: 0, skipped: 0, invalid: 0 });

/** Thrown to roll a dry run back once it has counted everything. */
class DryRunFinished extends Error {}
/** Thrown to roll back a commit that met invalid rows without `skipInvalid`. */
class InvalidRows extends Error {}

/**
 * Bulk import: an upload is kept sealed, read and validated row by row in the background (progress as it
 * goes, every problem with its row and column), previewed, then committed in one transaction: all rows or
 * none, whatever happens to the process. Re-importing is idempotent: rows are matched to records by Coral
 * id or by (source, external id) and created, updated or skipped, never duplicated; a file already
 * committed is recognised by its content.
 */
export class ImportsService {
  private readonly progress = new Map<string, ImportProgress>();
  private readonly running = new Map<string, { job: Promise<void> }>();
  private readonly stopping = new AbortController();

  constructor(private readonly deps: ImportsServiceDeps) {}

  /**
   * Receives a file, sealed as it streams in, then starts validating it in the background. A broken or
   * too large upload leaves nothing behind.
   */
  async upload(
    ctx: Context,
    orgId: string,
    meta: { fileName: string; options: ImportOptions },
    body: AsyncIterable<Buffer>,
  ): Promise<ImportView> {
    const actor = await this.mayImport(ctx, orgId, 'import.upload');
    const options = await this.resolveOptions(orgId, meta.options);
    const id = this.deps.ids.uuid();
    const fileKey = randomBytes(32);
    await ensurePrivateFolder(this.deps.settings.stagingFolder);
    const path = this.stagedPath(id);
    const writer = await SealedFileWriter.create(path, fileKey, id, this.deps.settings.maxUploadBytes);
    let file: { size: number; sha256: string };
    try {
      for await (const chunk of body) {
        if (!(await writer.write(chunk))) {
          throw new AppError(
            'payload_too_large',
            `The file is larger than ${this.deps.settings.maxUploadBytes} bytes; split it, or ask an administrator to raise CORAL_IMPORT_MAX_BYTES.`,
          );
        }
      }
      file = await writer.finish();
    } catch (error) {
      await writer.abandon();
      await removeSealedFile(path);
      throw error;
    }
    let stagedKey: string;
    try {
      stagedKey = await this.deps.keys.seal({ orgId }, fileKey, `import:${id}`);
    } catch (error) {
      await removeSealedFile(path);
      throw error;
    }
    const record = newImport({
      id,
      orgId,
      options,
      fileName: meta.fileName,
      file,
      stagedKey,
      status: 'validating',
      by: actorLabel(actor),
      at: this.deps.clock.now(),
    });
    try {
      await this.deps.database.transaction(async () => {
        await this.deps.imports.insert(record);
        await this.deps.audit.record(ctx, {
          action: 'import.upload',
          resourceType: 'import',
          resourceId: id,
          orgId,
          details: { bytes: file.size, format: record.format },
        });
      });
    } catch (error) {
      await removeSealedFile(path);
      throw error;
    }
    this.startJob(ctx, record, options, null);
    return this.view(record);
  }

  /**
   * Imports a file on this machine in one pass (the command line): read, validate and commit in one
   * transaction, or nothing if any row is invalid and `skipInvalid` is off.
   */
  async importFile(
    ctx: Context,
    orgId: string,
    path: string,
    meta: { fileName: string; options: ImportOptions },
    commit: CommitOptions,
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<{ record: ImportRecord; problems: StoredProblem[] }> {
    const actor = await this.mayImport(ctx, orgId, 'import.commit');
    const options = await this.resolveOptions(orgId, meta.options);
    const source = await fileSource(path);
    const hash = createHash('sha256');
    for await (const chunk of source.chunks()) hash.update(chunk);
    const record = newImport({
      id: this.deps.ids.uuid(),
      orgId,
      options,
      fileName: meta.fileName,
      file: { size: source.size, sha256: hash.digest('hex') },
      stagedKey: null,
      status: 'committing',
      by: actorLabel(actor),
      at: this.deps.clock.now(),
    });
    await this.deps.imports.insert(record);
    await this.process(ctx, record, source, options, commit, onProgress);
    const done = await this.deps.imports.get(orgId, record.id);
    if (!done) throw new AppError('not_found', 'The import vanished.');
    return { record: done, problems: await this.deps.imports.listProblems(orgId, done.id, 0, 1000) };
  }

  async get(ctx: Context, orgId: string, id: string): Promise<ImportView> {
    const record = await this.owned(ctx, orgId, id, 'import.read');
    const names = await this.deps.imports.displayNames([record.createdBy, record.committedBy ?? '']);
    return { ...this.view(record), names: namesOf(record, names) };
  }

  async list(ctx: Context, orgId: string, limit = 50): Promise<ImportView[]> {
    const actor = requireActor(ctx);
    await this.deps.audit.enforce(
      ctx,
      can(actor, 'view-imports', { orgId }),
      {
        action: 'import.list',
        resourceType: 'import',
        orgId,
      },
      { message: onlyDataOfficers },
    );
    const records = await this.deps.imports.list(orgId, limit);
    const names = await this.deps.imports.displayNames(
      records.flatMap((r) => [r.createdBy, ...(r.committedBy ? [r.committedBy] : [])]),
    );
    return records.map((record) => ({ ...this.view(record), names: namesOf(record, names) }));
  }

  async problems(
    ctx: Context,
    orgId: string,
    id: string,
    afterSeq: number,
    limit: number,
  ): Promise<StoredProblem[]> {
    const record = await this.owned(ctx, orgId, id, 'import.problems');
    return this.deps.imports.listProblems(record.orgId, id, afterSeq, limit);
  }

  /**
   * The first rows as they would be imported (identifying fields included: only data officers import,
   * and they may see them). Read from the sealed upload each time; never stored.
   */
  async preview(
    ctx: Context,
    orgId: string,
    id: string,
    limit = 10,
  ): Promise<Array<{ row: number; record: Record<string, unknown>; problems: RowProblem[] }>> {
    const record = await this.owned(ctx, orgId, id, 'import.preview');
    const source = await this.stagedSource(record);
    const options = await this.resolveOptions(record.orgId, record.options as ImportOptions);
    const rows: Array<{ row: number; record: Record<string, unknown>; problems: RowProblem[] }> = [];
    await asRequestError(async () => {
      const opened = await this.openAndDetect(source, options, ctx.language ?? 'en');
      const mapper = opened.mapper;
      if (!mapper) return;
      for await (const row of afterHeader(opened.table.rows(), opened.detected.headerRows)) {
        if (opened.blank(row.cells)) continue;
        const mapped = mapper.map(row.cells);
        rows.push({
          row: row.number,
          record: mapped.record,
          problems: [...mapped.problems, ...this.validationProblems(ctx, mapper, mapped.record)],
        });
        if (rows.length >= limit) break;
      }
    });
    // Rows of a file, identifying fields included, were shown: as much a read as opening a record.
    await this.deps.audit.record(ctx, {
      action: 'import.preview',
      resourceType: 'import',
      resourceId: id,
      orgId: record.orgId,
      details: { rows: rows.length },
    });
    return rows;
  }

  /** A suggested column mapping for a sheet Coral does not recognise, from its header and first rows. */
  async suggestMapping(ctx: Context, orgId: string, id: string, kind?: EntityId) {
    const record = await this.owned(ctx, orgId, id, 'import.suggest');
    const source = await this.stagedSource(record);
    const options = await this.resolveOptions(record.orgId, record.options as ImportOptions);
    const first = await asRequestError(async () => {
      const table = await openTable(source, {
        limits: this.deps.settings.limits,
        encoding: options.encoding,
        delimiter: options.delimiter,
        sheet: options.sheet,
      });
      return take(table.rows(), 21);
    });
    await this.deps.audit.record(ctx, {
      action: 'import.suggest',
      resourceType: 'import',
      resourceId: id,
      orgId: record.orgId,
    });
    const header = first[0]?.cells ?? [];
    const target = kind ?? record.kind;
    const language = ctx.language ?? 'en';
    return {
      header,
      ...suggestMapping(
        target,
        header,
        first.slice(1).map((r) => r.cells),
        options.dateOrder,
      ),
      // What a column can be mapped to, with labels for people.
      fields: coralColumns(target).map((column) => {
        const flag =
          column.flag && column.field.type.kind === 'flags'
            ? column.field.type.codelist.entries.find((e) => e.code === column.flag)?.labels[language]
            : undefined;
        const label = column.field.label[language];
        return { field: column.name, label: flag ? `${label}: ${flag}` : `${label} (${column.name})` };
      }),
    };
  }

  /** Changes how the file is read (format, kind, mapping, encoding…) and validates it again. */
  async configure(ctx: Context, orgId: string, id: string, changes: ImportOptions): Promise<ImportView> {
    const record = await this.owned(ctx, orgId, id, 'import.configure', 'import');
    this.assertIdle(record, ['validated', 'rejected']);
    const stored = { ...(record.options as ImportOptions) };
    // A new mapping, a mapping by another name or another format replaces the mapping kept so far.
    if (changes.mapping || changes.mappingName || changes.format) {
      delete stored.mapping;
      delete stored.mappingName;
    }
    const options = await this.resolveOptions(record.orgId, { ...stored, ...changes });
    const next: ImportRecord = {
      ...record,
      kind: options.kind ?? options.mapping?.kind ?? record.kind,
      format: options.format ?? 'auto',
      source: options.source ?? '',
      options: storedOptions(options),
      status: 'validating',
      failure: null,
    };
    const claimed = await this.deps.imports.update(
      record.orgId,
      id,
      {
        kind: next.kind,
        format: next.format,
        options: next.options,
        status: 'validating',
        failure: null,
      },
      this.deps.clock.now(),
      ['validated', 'rejected'],
    );
    if (!claimed) throw busy();
    this.startJob(ctx, next, options, null);
    return this.view(next);
  }

  /** Commits a validated import (or does a dry run of it) in the background. */
  async commit(ctx: Context, orgId: string, id: string, commit: CommitOptions): Promise<ImportView> {
    const record = await this.owned(ctx, orgId, id, 'import.commit', 'import');
    this.assertIdle(record, ['validated']);
    const summary = record.summary as unknown as ImportSummary;
    if (summary.needsMapping) {
      throw new AppError(
        'conflict',
        'Coral does not know this layout: map its columns to the standard first.',
      );
    }
    if (summary.invalid > 0 && !commit.skipInvalid && !commit.dryRun) {
      throw new AppError(
        'conflict',
        `${summary.invalid} rows have errors. Correct the file and upload it again, or import only the valid rows.`,
      );
    }
    const options = await this.resolveOptions(record.orgId, record.options as ImportOptions);
    const next: ImportRecord = { ...record, status: 'committing' };
    const claimed = await this.deps.imports.update(
      record.orgId,
      id,
      { status: 'committing' },
      this.deps.clock.now(),
      ['validated'],
    );
    if (!claimed) throw busy();
    this.startJob(ctx, next, options, commit);
    return this.view(next);
  }

  /** Gives up an import before it is committed: the staged file is destroyed. */
  async cancel(ctx: Context, orgId: string, id: string): Promise<ImportView> {
    const record = await this.owned(ctx, orgId, id, 'import.cancel', 'import');
    this.assertIdle(record, ['validated', 'rejected', 'failed']);
    const now = this.deps.clock.now();
    await this.deps.database.transaction(async () => {
      const claimed = await this.deps.imports.update(
        record.orgId,
        id,
        { status: 'cancelled', stagedKey: null },
        now,
        ['validated', 'rejected', 'failed'],
      );
      if (!claimed) throw busy();
      await this.deps.audit.record(ctx, {
        action: 'import.cancel',
        resourceType: 'import',
        resourceId: id,
        orgId: record.orgId,
      });
    });
    // Only once the import is ours to cancel: a commit that won the race keeps its file.
    await removeSealedFile(this.stagedPath(id));
    return this.view({ ...record, status: 'cancelled', stagedKey: null });
  }

  async listMappings(ctx: Context, orgId: string): Promise<SavedMapping[]> {
    const actor = requireActor(ctx);
    await this.deps.audit.enforce(
      ctx,
      can(actor, 'manage-mappings', { orgId }),
      { action: 'import-mapping.list', resourceType: 'import_mapping', orgId },
      { message: onlyDataOfficers },
    );
    return this.deps.imports.listMappings(orgId);
  }

  /** Saves a column mapping under a name (replacing one of that name) for the next files of that layout. */
  async saveMapping(ctx: Context, orgId: string, name: string, input: unknown): Promise<SavedMapping> {
    const actor = requireActor(ctx);
    const event = { action: 'import-mapping.save', resourceType: 'import_mapping', orgId };
    await this.deps.audit.enforce(ctx, can(actor, 'manage-mappings', { orgId }), event, {
      message: onlyDataOfficers,
    });
    const mapping = parseMapping(input);
    const now = this.deps.clock.now();
    const by = actorLabel(actor);
    return this.deps.database.transaction(async () => {
      const existing = await this.deps.imports.getMapping(orgId, name.trim());
      if (existing) {
        await this.deps.imports.updateMapping(orgId, existing.id, mapping, now, by);
        await this.deps.audit.record(ctx, { ...event, resourceId: existing.id });
        return { ...existing, mapping, updatedAt: now, updatedBy: by };
      }
      const saved: SavedMapping = {
        id: this.deps.ids.uuid(),
        orgId,
        name: name.trim(),
        mapping,
        createdAt: now,
        createdBy: by,
        updatedAt: now,
        updatedBy: by,
      };
      await this.deps.imports.insertMapping(saved);
      await this.deps.audit.record(ctx, { ...event, resourceId: saved.id });
      return saved;
    });
  }

  async deleteMapping(ctx: Context, orgId: string, id: string): Promise<void> {
    const actor = requireActor(ctx);
    const event = { action: 'import-mapping.delete', resourceType: 'import_mapping', resourceId: id, orgId };
    await this.deps.audit.enforce(ctx, can(actor, 'manage-mappings', { orgId }), event, {
      message: onlyDataOfficers,
    });
    await this.deps.database.transaction(async () => {
      if (!(await this.deps.imports.deleteMapping(orgId, id)))
        throw new AppError('not_found', 'No such mapping.');
      await this.deps.audit.record(ctx, event);
    });
  }

  /**
   * Housekeeping at start and now and then: imports a stopped process left running are marked failed
   * (their transaction was rolled back with it), and staged files of ended imports, or waiting more than
   * a day, are destroyed.
   */
  async housekeeping(startup: boolean): Promise<void> {
    const now = this.deps.clock.now();
    // PGlite has one process per data folder: at its start, any import still running was interrupted.
    // Other processes may share a PostgreSQL database and be importing now; an import older than six
    // hours (a two-million-row file takes minutes) was left by one that stopped.
    const before =
      startup && this.deps.database.kind === 'pglite' ? null : new Date(now.getTime() - 6 * 3_600_000);
    await this.deps.imports.failInterrupted(
      before,
      now,
      'Coral stopped while this import was running; nothing was imported. Upload the file again.',
    );
    const dayAgo = new Date(now.getTime() - 86_400_000);
    for (const staged of await this.deps.imports.listStaged(dayAgo)) {
      if (this.running.has(staged.id)) continue;
      const waiting = staged.status === 'validated' || staged.status === 'rejected';
      // Claimed first, so an import another process has just started committing keeps its file.
      const claimed = await this.deps.imports.update(
        staged.orgId,
        staged.id,
        { stagedKey: null, ...(waiting ? { status: 'cancelled' as const } : {}) },
        now,
        [staged.status as ImportRecord['status']],
      );
      if (claimed) await removeSealedFile(this.stagedPath(staged.id));
    }
    await this.removeOrphans(dayAgo);
  }

  /**
   * Staged files no import keeps (an upload cut off by a crash before its import was recorded): removed
   * once a day old, so an upload under way in another process is never touched.
   */
  private async removeOrphans(before: Date): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.deps.settings.stagingFolder);
    } catch {
      return; // no folder yet: nothing was ever uploaded
    }
    const old: Array<{ id: string; path: string }> = [];
    for (const name of names) {
      const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.sealed$/.exec(name);
      if (!match?.[1]) continue;
      const path = join(this.deps.settings.stagingFolder, name);
      const info = await stat(path).catch(() => undefined);
      if (info && info.mtime < before) old.push({ id: match[1], path });
    }
    const kept = await this.deps.imports.withStagedFile(old.map((file) => file.id));
    for (const file of old) if (!kept.has(file.id)) await removeSealedFile(file.path);
  }

  /** Stops running imports (their transactions roll back) and waits for them. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.running.values()].map((entry) => entry.job));
  }

  /** Waits for an import's background work (tests, the command line). */
  async settled(id: string): Promise<void> {
    await this.running.get(id)?.job;
  }

  private startJob(
    ctx: Context,
    record: ImportRecord,
    options: ImportOptions,
    commit: CommitOptions | null,
  ): void {
    const entry: { job: Promise<void> } = { job: Promise.resolve() };
    entry.job = (async () => {
      await Promise.resolve(); // the entry is in `running` before any of this runs
      try {
        let source: ByteSource;
        try {
          source = await this.stagedSource(record);
        } catch (error) {
          this.deps.logger.warn({ err: error, importId: record.id }, 'staged upload could not be opened');
          await this.deps.imports
            .update(
              record.orgId,
              record.id,
              { status: 'failed', failure: 'The uploaded file could not be read back; upload it again.' },
              this.deps.clock.now(),
            )
            .catch(() => undefined);
          return;
        }
        // process() records the outcome on the import; what reaches here is a fault of Coral's.
        await this.process(ctx, record, source, options, commit);
      } catch (error) {
        this.deps.logger.error({ err: error, importId: record.id }, 'import failed');
      } finally {
        if (this.running.get(record.id) === entry) this.running.delete(record.id);
        this.progress.delete(record.id);
      }
    })();
    this.running.set(record.id, entry);
  }

  /**
   * Reads the whole file: maps and validates each row, keeps the problems, and with `commit` writes the
   * valid rows in one transaction. Records the outcome on the import; never throws for the file's faults.
   */
  private async process(
    ctx: Context,
    record: ImportRecord,
    source: ByteSource,
    options: ImportOptions,
    commit: CommitOptions | null,
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<void> {
    const progress: ImportProgress = { phase: 'reading', rows: 0, bytes: 0, totalBytes: source.size };
    this.progress.set(record.id, progress);
    const report = () => onProgress?.({ ...progress });
    const summary: ImportSummary = { rows: 0, valid: 0, invalid: 0, withWarnings: 0, problems: 0 };
    const problems: StoredProblem[] = [];
    const keep = (row: number, list: readonly RowProblem[]) => {
      for (const p of list) {
        summary.problems++;
        if (problems.length < this.deps.settings.maxStoredProblems) {
          problems.push({
            seq: problems.length + 1,
            row,
            column: storable(p.column),
            path: p.path ?? null,
            code: p.code,
            severity: p.severity,
            message: storable(p.message),
          });
        }
      }
    };
    const orgId = record.orgId;
    const now = () => this.deps.clock.now();
    try {
      const opened = await this.openAndDetect(
        { ...source, chunks: (start) => counted(source.chunks(start), progress) },
        options,
        ctx.language ?? 'en',
      );
      summary.detected = opened.summary;
      const { detected } = opened;
      const sourceName = options.source ?? options.mappingName ?? detected.format;
      if (!opened.mapper) {
        summary.needsMapping = true;
        await this.finish(record, {
          status: 'validated',
          summary,
          problems: [],
          failure: null,
          format: detected.format,
          kind: detected.kind,
          source: sourceName,
        });
        return;
      }
      const mapper = opened.mapper;
      const conclude = (status: ImportRecord['status'], failure: string | null = null) =>
        this.finish(record, {
          status,
          summary,
          problems,
          failure,
          format: detected.format,
          kind: detected.kind,
          source: sourceName,
        });
      keep(detected.headerRows, mapper.fileProblems);
      const previous = await this.deps.imports.findCommittedByHash(orgId, detected.kind, record.contentHash);
      if (previous && previous.id !== record.id && previous.committedAt) {
        summary.sameFileAs = { importId: previous.id, committedAt: previous.committedAt.toISOString() };
      }
      const strategy = commit?.strategy ?? 'upsert';
      const counts = emptyCounts();
      const seen = new Map<string, number>();
      const matched = new Map<string, number>();
      const work = async () => {
        let batch: Array<ImportCandidate & { row: number }> = [];
        // One batch is written while the next is read and validated (rows within a file never match
        // each other: duplicates are refused above), so the database and the reading overlap.
        let writing: Promise<void> = Promise.resolve();
        const write = async (batch: Array<ImportCandidate & { row: number }>) => {
          const outcomes = await this.deps.records.importBatch(ctx, detected.kind, orgId, batch, {
            strategy,
            source: sourceName,
            importId: record.id,
            write: commit !== null,
            matched,
          });
          for (const outcome of outcomes) {
            const row = batch[outcome.index]?.row ?? 0;
            if (outcome.action === 'create') counts.created++;
            else if (outcome.action === 'update') counts.updated++;
            else if (outcome.action === 'unchanged') counts.unchanged++;
            else if (outcome.reason === 'invalid') {
              counts.invalid++;
              summary.valid--;
              summary.invalid++;
              keep(
                row,
                outcome.problems.map((p) => ({
                  column: mapper.columnOf(p.path) ?? '',
                  path: p.path,
                  code: p.code,
                  severity: p.severity,
                  message: p.message,
                })),
              );
            } else counts.skipped++;
          }
        };
        const flush = async () => {
          if (batch.length === 0) return;
          const full = batch;
          batch = [];
          await writing;
          writing = write(full);
          // Awaited at the next flush or at the end; until then a failure must not go unhandled.
          writing.catch(() => undefined);
        };
        // Same file as one already committed, without row ids: nothing to do but say so.
        const alreadyImported = summary.sameFileAs !== undefined && detected.format === 'ctdc';
        progress.phase = commit ? 'committing' : 'validating';
        progress.bytes = 0;
        try {
          let header = detected.headerRows;
          for await (const rows of opened.table.batches()) {
            for (const row of rows) {
              if (header > 0) {
                header--;
                continue;
              }
              if (this.stopping.signal.aborted)
                throw new AppError('unavailable', 'Coral is stopping; the import was rolled back.');
              if (opened.blank(row.cells)) continue;
              summary.rows++;
              progress.rows = summary.rows;
              if (summary.rows % 1000 === 0) report();
              const mapped = mapper.map(row.cells);
              const rowProblems = [
                ...mapped.problems,
                ...this.validationProblems(ctx, mapper, mapped.record),
              ];
              for (const [name, value] of [
                ['externalId', mapped.externalId],
                ['id', mapped.id],
              ] as const) {
                if (value === undefined) continue;
                // Kept in an index and sent to COPY: short, and no control characters.
                const code =
                  value.length > 200
                    ? 'too_long'
                    : hasControlCharacter(value)
                      ? 'control_character'
                      : undefined;
                if (code) {
                  rowProblems.push(
                    rowProblem(
                      detected.kind,
                      mapper.columnOf(name) ?? name,
                      undefined,
                      code,
                      ctx.language ?? 'en',
                      {
                        maximum: 200,
                      },
                    ),
                  );
                }
              }
              const key = mapped.externalId ?? mapped.id;
              if (key !== undefined) {
                const first = seen.get(key);
                if (first !== undefined) {
                  rowProblems.push(
                    rowProblem(
                      detected.kind,
                      mapped.externalId ? 'externalId' : 'id',
                      undefined,
                      'duplicate_in_file',
                      ctx.language ?? 'en',
                      { row: first },
                    ),
                  );
                } else seen.set(key, row.number);
              }
              const invalid = rowProblems.some((p) => p.severity === 'error');
              keep(row.number, rowProblems);
              if (invalid) {
                summary.invalid++;
                counts.invalid++;
                continue;
              }
              summary.valid++;
              if (rowProblems.length > 0) summary.withWarnings++;
              if (alreadyImported) {
                counts.skipped++;
                continue;
              }
              batch.push({
                index: batch.length,
                record: mapped.record,
                row: row.number,
                ...(mapped.id ? { id: mapped.id } : {}),
                ...(mapped.externalId ? { externalId: mapped.externalId } : {}),
              });
              if (batch.length >= this.deps.settings.batchSize) await flush();
            }
          }
          await flush();
          await writing;
        } catch (error) {
          // Never leave a write running past this point: the transaction is about to roll back.
          await writing.catch(() => undefined);
          throw error;
        }
        report();
        if (commit && counts.invalid > 0 && !commit.skipInvalid) throw new InvalidRows();
        if (commit && !commit.dryRun) {
          await this.deps.audit.record(ctx, {
            action: 'import.commit',
            resourceType: 'import',
            resourceId: record.id,
            orgId,
            details: { ...counts, strategy },
          });
          await this.deps.imports.update(
            orgId,
            record.id,
            {
              status: 'committed',
              committedAt: now(),
              committedBy: actorLabel(requireActor(ctx)),
            },
            now(),
          );
        }
        if (commit?.dryRun) throw new DryRunFinished();
      };
      if (commit) {
        try {
          await this.deps.database.transaction(work);
        } catch (error) {
          if (error instanceof DryRunFinished) {
            summary.result = { ...counts, dryRun: true };
            await conclude(record.stagedKey ? 'validated' : 'cancelled');
            return;
          }
          if (error instanceof InvalidRows) {
            await conclude(
              record.stagedKey ? 'validated' : 'failed',
              `${summary.invalid} rows have errors; nothing was imported.`,
            );
            return;
          }
          throw error;
        }
        summary.result = { ...counts, dryRun: false };
        // The records are in and the import says "committed" (in the same transaction). What is left is
        // bookkeeping: should it fail, the import must not then be reported as failed, or the file
        // would be imported again.
        try {
          await conclude('committed');
          await this.removeStaged(record);
        } catch (error) {
          this.deps.logger.error(
            { err: error, importId: record.id },
            'import committed; its summary was not saved',
          );
        }
        return;
      }
      await work();
      summary.plan = counts;
      await conclude('validated');
    } catch (error) {
      const failure =
        error instanceof FileProblem || error instanceof AppError
          ? error.message
          : 'The import stopped on an unexpected error; nothing was imported.';
      await this.finish(record, {
        status: error instanceof FileProblem ? 'rejected' : 'failed',
        summary,
        problems,
        failure,
      });
      if (!(error instanceof FileProblem) && !(error instanceof AppError)) throw error;
    } finally {
      this.progress.delete(record.id);
    }
  }

  private async finish(
    record: ImportRecord,
    outcome: {
      status: ImportRecord['status'];
      summary: ImportSummary;
      problems: readonly StoredProblem[];
      failure: string | null;
      format?: string;
      kind?: EntityId;
      source?: string;
    },
  ): Promise<void> {
    await this.deps.database.transaction(async () => {
      await this.deps.imports.update(
        record.orgId,
        record.id,
        {
          status: outcome.status,
          summary: outcome.summary as unknown as Record<string, unknown>,
          failure: outcome.failure,
          ...(outcome.format ? { format: outcome.format } : {}),
          ...(outcome.kind ? { kind: outcome.kind } : {}),
        },
        this.deps.clock.now(),
      );
      await this.deps.imports.replaceProblems(record.orgId, record.id, outcome.problems);
    });
  }

  private async openAndDetect(source: ByteSource, options: ImportOptions, language: Language) {
    const table = await openTable(source, {
      limits: this.deps.settings.limits,
      encoding: options.encoding,
      delimiter: options.delimiter,
      sheet: options.sheet,
    });
    const first = await take(table.rows(), 3);
    if (first.length === 0) throw new FileProblem('empty_file', 'The file holds no rows.');
    const found = detectFormat(table, first, options.kind ?? options.mapping?.kind);
    const format = options.mapping ? 'mapped' : (options.format ?? found.format);
    const headerRows = options.mapping
      ? options.mapping.headerRow
      : format === found.format
        ? found.headerRows
        : format === 'jsonl'
          ? 0
          : 1;
    const detected: Detected = {
      format,
      kind: options.mapping?.kind ?? (format === found.format ? found.kind : (options.kind ?? found.kind)),
      headerRows,
      // HTCDS templates: names in the first row, labels under them; elsewhere the last header row.
      namesRow: !options.mapping && format === found.format ? found.namesRow : headerRows,
    };
    if (detected.format === 'ctdc' && !layoutsFor(detected.kind).ctdc) {
      throw new FileProblem(
        'unknown_format',
        'CTDC files hold trafficking cases; import them as trafficking cases.',
      );
    }
    const header =
      detected.namesRow > 0
        ? ((await take(table.rows(), detected.headerRows))[detected.namesRow - 1]?.cells ?? [])
        : [];
    const summary: NonNullable<ImportSummary['detected']> = {
      container: table.container,
      ...(table.encoding ? { encoding: table.encoding } : {}),
      ...(table.delimiter ? { delimiter: table.delimiter } : {}),
      format: detected.format,
      kind: detected.kind,
      headerRows: detected.headerRows,
      // A sheet Coral does not know may have no header at all: its first row could be a person's.
      columns: (detected.format === 'mapped' ? [] : header)
        .map((cell) => storable(cell.trim()).slice(0, 200))
        .filter(Boolean)
        .slice(0, 500),
    };
    // Rows with nothing under a named column (the templates number 1000 empty rows in an unnamed column A).
    const named = header.map((cell) => cell.trim() !== '');
    const blank = (cells: readonly string[]) =>
      detected.namesRow > 0 && cells.every((cell, index) => !named[index] || cell.trim() === '');
    if (detected.format === 'mapped' && !options.mapping)
      return { table, detected, summary, blank, mapper: undefined };
    const mapper = rowMapperFor(detected.format, detected.kind, header, {
      language,
      ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}),
      ...(options.mapping ? { mapping: options.mapping } : {}),
      ...(options.externalIdColumn ? { externalIdColumn: options.externalIdColumn } : {}),
    });
    return { table, detected, summary, blank, mapper };
  }

  private validationProblems(ctx: Context, mapper: RowMapper, record: Record<string, unknown>): RowProblem[] {
    const result = validateRecord(mapper.kind, record, { language: ctx.language ?? 'en' });
    return result.problems.map((p) => ({
      column: mapper.columnOf(p.path) ?? '',
      path: p.path,
      code: p.code,
      severity: p.severity,
      message: p.message,
    }));
  }

  private async resolveOptions(orgId: string, options: ImportOptions): Promise<ImportOptions> {
    let resolved = { ...options };
    if (options.mappingName && !options.mapping) {
      const saved = await this.deps.imports.getMapping(orgId, options.mappingName);
      if (!saved) throw new AppError('not_found', `No saved mapping named "${options.mappingName}".`);
      resolved = { ...resolved, mapping: parseMapping(saved.mapping), mappingName: saved.name };
    } else if (options.mapping) {
      resolved.mapping = parseMapping(options.mapping);
    }
    return resolved;
  }

  /** The actor, once the policy lets them import into the organisation (a refusal is audited). */
  private async mayImport(ctx: Context, orgId: string, action: string): Promise<Actor> {
    const actor = requireActor(ctx);
    await this.deps.audit.enforce(
      ctx,
      can(actor, 'import', { orgId }),
      { action, resourceType: 'import', orgId },
      { message: onlyDataOfficers },
    );
    return actor;
  }

  private async owned(
    ctx: Context,
    orgId: string,
    id: string,
    action: string,
    need: 'view' | 'import' = 'view',
  ): Promise<ImportRecord> {
    const actor = requireActor(ctx);
    const event = { action, resourceType: 'import', resourceId: id, orgId };
    await this.deps.audit.enforce(
      ctx,
      can(actor, need === 'import' ? 'import' : 'view-imports', { orgId }),
      event,
      {
        message: onlyDataOfficers,
      },
    );
    const record = isUuid(id) ? await this.deps.imports.get(orgId, id) : undefined;
    if (!record) {
      await this.deps.audit.recordOutside(ctx, event, 'denied', 'not_found');
      throw new AppError('not_found', 'No such import.');
    }
    return record;
  }

  private assertIdle(record: ImportRecord, allowed: ReadonlyArray<ImportRecord['status']>): void {
    if (this.running.has(record.id) || !allowed.includes(record.status)) {
      throw new AppError('conflict', `The import is ${record.status}; this cannot be done now.`);
    }
    if (!record.stagedKey)
      throw new AppError('conflict', 'The uploaded file is no longer kept; upload it again.');
  }

  private async stagedSource(record: ImportRecord): Promise<ByteSource> {
    if (!record.stagedKey)
      throw new AppError('conflict', 'The uploaded file is no longer kept; upload it again.');
    const key = await this.deps.keys.open({ orgId: record.orgId }, record.stagedKey, `import:${record.id}`);
    return openSealedFile(this.stagedPath(record.id), key, record.id);
  }

  private async removeStaged(record: ImportRecord): Promise<void> {
    await removeSealedFile(this.stagedPath(record.id));
    if (record.stagedKey) {
      await this.deps.imports.update(record.orgId, record.id, { stagedKey: null }, this.deps.clock.now());
    }
  }

  private stagedPath(id: string): string {
    return join(this.deps.settings.stagingFolder, `${id}.sealed`);
  }

  private view(record: ImportRecord): ImportView {
    const live = this.progress.get(record.id);
    return { ...record, progress: live ? { ...live } : null };
  }
}

const onlyDataOfficers = 'Only data officers import records.';

/** Another request changed the import first (two commits at once, a cancel during a commit…). */
const busy = () => new AppError('conflict', 'The import changed meanwhile; reload it and try again.');

function namesOf(record: ImportRecord, names: Map<string, string>): ImportView['names'] {
  const nameOf = (who: string | null) =>
    who === null ? undefined : (names.get(who) ?? (who.startsWith('cli:') ? who : undefined));
  const createdBy = nameOf(record.createdBy);
  const committedBy = nameOf(record.committedBy);
  return { ...(createdBy ? { createdBy } : {}), ...(committedBy ? { committedBy } : {}) };
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 32) return true;
  return false;
}

/** A file that cannot be read, met while answering a request: a 400 with the reason, not a 500. */
async function asRequestError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof FileProblem) {
      throw new AppError('bad_request', error.message, { fileProblem: error.code });
    }
    throw error;
  }
}

/** A new import's row: what was chosen, what the file is, nothing read from it yet. */
function newImport(input: {
  id: string;
  orgId: string;
  options: ImportOptions;
  fileName: string;
  file: { size: number; sha256: string };
  stagedKey: string | null;
  status: ImportRecord['status'];
  by: string;
  at: Date;
}): ImportRecord {
  const { options } = input;
  return {
    id: input.id,
    orgId: input.orgId,
    kind: options.kind ?? options.mapping?.kind ?? 'thbCase',
    format: options.format ?? 'auto',
    source: options.source ?? '',
    fileName: cleanFileName(input.fileName),
    fileSize: input.file.size,
    contentHash: input.file.sha256,
    stagedKey: input.stagedKey,
    options: storedOptions(options),
    status: input.status,
    summary: { rows: 0, valid: 0, invalid: 0, withWarnings: 0, problems: 0 } satisfies ImportSummary,
    failure: null,
    createdAt: input.at,
    createdBy: input.by,
    updatedAt: input.at,
    committedAt: null,
    committedBy: null,
  };
}

/** A file name as kept: the last part of a path, no control characters, at most 200 characters. */
function cleanFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  let clean = '';
  for (const ch of last) if (ch.charCodeAt(0) >= 32) clean += ch;
  return clean.slice(0, 200) || 'upload';
}

/** Text from a file made fit to store: PostgreSQL text cannot hold NUL. */
function storable(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text;
}

function storedOptions(options: ImportOptions): Record<string, unknown> {
  return JSON.parse(JSON.stringify(options)) as Record<string, unknown>;
}

function parseMapping(input: unknown): ColumnMapping {
  const parsed = columnMappingSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('validation_failed', 'The column mapping is not valid.', {
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        code: 'invalid',
        message: issue.message,
      })),
    });
  }
  const problems = checkMapping(parsed.data);
  if (problems.length > 0) {
    throw new AppError('validation_failed', 'The column mapping does not fit the standard.', {
      issues: problems.map((message) => ({ path: 'columns', code: 'invalid', message })),
    });
  }
  return parsed.data;
}

async function take(rows: AsyncIterable<TableRow>, count: number): Promise<TableRow[]> {
  const taken: TableRow[] = [];
  if (count <= 0) return taken;
  for await (const row of rows) {
    taken.push(row);
    if (taken.length >= count) break;
  }
  return taken;
}

async function* afterHeader(rows: AsyncIterable<TableRow>, headerRows: number): AsyncIterable<TableRow> {
  let skipped = 0;
  for await (const row of rows) {
    if (skipped < headerRows) {
      skipped++;
      continue;
    }
    yield row;
  }
}

async function* counted(chunks: AsyncIterable<Buffer>, progress: ImportProgress): AsyncIterable<Buffer> {
  for await (const chunk of chunks) {
    progress.bytes = Math.min(progress.totalBytes, progress.bytes + chunk.length);
    yield chunk;
  }
}
