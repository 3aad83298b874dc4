import { createWriteStream } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { z } from 'zod';
import { dateOrders } from '../../interchange/cells.js';
import type { ColumnMapping } from '../../interchange/column-mapping.js';
import { delimiters } from '../../interchange/delimited.js';
import { importFormats } from '../../interchange/open-table.js';
import { textEncodings } from '../../interchange/text.js';
import { exportFormats } from '../../modules/imports/exports.service.js';
import type { ImportProgress, ImportSummary } from '../../modules/imports/imports.service.js';
import { importStrategies } from '../../modules/records/records.service.js';
import { AppError } from '../../platform/errors.js';
import { entityIds } from '../../standard/field.js';
import { operator, parseWith, printJson, withRuntime, withStorageFlags } from '../cli-context.js';

const importInput = z.object({
  format: z.enum(['auto', ...importFormats]),
  kind: z.enum(entityIds).optional(),
  strategy: z.enum(importStrategies),
  source: z.string().trim().min(1).max(100).optional(),
  encoding: z.enum(textEncodings).optional(),
  delimiter: z.enum([...delimiters, 'tab']).optional(),
  sheet: z.string().min(1).max(100).optional(),
  dateOrder: z.enum(dateOrders).optional(),
  mapping: z.string().min(1).max(100).optional(),
});

interface ImportFlags {
  org: string;
  format: string;
  kind?: string;
  strategy: string;
  source?: string;
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  dateOrder?: string;
  mapping?: string;
  mappingFile?: string;
  dryRun?: boolean;
  skipInvalid?: boolean;
  json?: boolean;
  progress?: boolean;
  data?: string;
}

/** `coral import FILE`: reads, validates and imports a file in one transaction. */
export function importCommand(): Command {
  return withStorageFlags(new Command('import'))
    .description(
      'import records from a file (HTCDS Excel or CSV, CTDC, Coral CSV, JSON Lines, or any sheet with a mapping): all rows or none',
    )
    .argument('<file>', 'the file to import')
    .requiredOption('--org <org>', 'organisation id or exact name the records belong to')
    .option('--format <format>', `auto, ${importFormats.join(', ')}`, 'auto')
    .option('--kind <kind>', `kind of record when the file does not say: ${entityIds.join(', ')}`)
    .option(
      '--strategy <strategy>',
      'upsert (new and known records), create (new only), update (known only)',
      'upsert',
    )
    .option('--source <name>', "whose ids the file's record ids are (default: the format or mapping name)")
    .option('--encoding <encoding>', `text encoding when sniffing guesses wrong: ${textEncodings.join(', ')}`)
    .option('--delimiter <char>', "column separator when sniffing guesses wrong: ',' ';' tab '|'")
    .option('--sheet <name>', 'worksheet of an .xlsx file (default: the first)')
    .option('--date-order <order>', 'how to read 01/02/2023: DMY or MDY')
    .option('--mapping <name>', 'a column mapping saved in Coral, for any other sheet')
    .option('--mapping-file <file>', 'a column mapping as a JSON file, for any other sheet')
    .option('--dry-run', 'do everything, report what would happen, keep nothing')
    .option(
      '--skip-invalid',
      'import the valid rows and leave out rows with errors (default: any error stops all)',
    )
    .option('--json', 'print the summary as JSON')
    .option('--progress', 'print progress lines on standard error even when it is not a terminal')
    .addHelpText(
      'after',
      '\nExit code 0 when the import did what was asked, 1 when it stored nothing (errors are listed).',
    )
    .action(async (file: string, flags: ImportFlags) => {
      const input = parseWith(importInput, {
        format: flags.format,
        kind: flags.kind,
        strategy: flags.strategy,
        source: flags.source,
        encoding: flags.encoding,
        delimiter: flags.delimiter,
        sheet: flags.sheet,
        dateOrder: flags.dateOrder,
        mapping: flags.mapping,
      });
      const mapping = flags.mappingFile ? await readMappingFile(flags.mappingFile) : undefined;
      const bar =
        !flags.json && process.stderr.isTTY
          ? new SingleBar({
              etaBuffer: 50,
              stream: process.stderr,
              format: ' {phase} [{bar}] {percentage}% | {rows} rows | ETA {eta_formatted}',
            })
          : undefined;
      const outcome = await withRuntime(flags, 'coral import', async ({ services }) => {
        const ctx = operator();
        const org = await services.organisations.resolve(ctx, flags.org);
        let started = false;
        const onProgress = (progress: ImportProgress) => {
          if (flags.progress && !bar) {
            const percent = Math.floor((100 * progress.bytes) / Math.max(progress.totalBytes, 1));
            process.stderr.write(`progress ${progress.phase} ${progress.rows} rows ${percent}%\n`);
            return;
          }
          if (!bar) return;
          const total = Math.max(progress.totalBytes, 1);
          if (!started) {
            bar.start(total, 0, { phase: progress.phase, rows: 0 });
            started = true;
          }
          bar.update(progress.bytes, { phase: progress.phase, rows: progress.rows });
        };
        try {
          return await services.imports.importFile(
            ctx,
            org.id,
            file,
            {
              fileName: basename(file),
              options: {
                format: input.format === 'auto' ? undefined : input.format,
                kind: input.kind,
                source: input.source,
                encoding: input.encoding,
                delimiter: input.delimiter === 'tab' ? '\t' : input.delimiter,
                sheet: input.sheet,
                dateOrder: input.dateOrder,
                mappingName: input.mapping,
                // Checked against the mapping schema by the service, like one sent over HTTP.
                mapping: mapping as ColumnMapping | undefined,
              },
            },
            {
              strategy: input.strategy,
              dryRun: flags.dryRun === true,
              skipInvalid: flags.skipInvalid === true,
            },
            onProgress,
          );
        } finally {
          if (started) bar?.stop();
        }
      });
      const summary = outcome.record.summary as unknown as ImportSummary;
      const result = summary.result;
      const ok =
        outcome.record.status === 'committed' ||
        (flags.dryRun === true && result !== undefined && outcome.record.failure === null);
      const errors = outcome.problems
        .filter((p) => p.severity === 'error')
        .map((p) => ({ row: p.row, column: p.column, code: p.code, message: p.message }));
      const report = {
        ok,
        importId: outcome.record.id,
        status: outcome.record.status,
        format: summary.detected?.format ?? outcome.record.format,
        kind: summary.detected?.kind ?? outcome.record.kind,
        rows: summary.rows,
        created: result?.created ?? 0,
        updated: result?.updated ?? 0,
        unchanged: result?.unchanged ?? 0,
        skipped: result?.skipped ?? 0,
        invalid: summary.invalid,
        dryRun: flags.dryRun === true,
        ...(outcome.record.failure ? { failure: outcome.record.failure } : {}),
        ...(summary.sameFileAs ? { sameFileAs: summary.sameFileAs } : {}),
        errors,
      };
      if (!ok) process.exitCode = 1;
      if (flags.json) {
        printJson(report);
        return;
      }
      printImportReport(report, summary);
    });
}

function printImportReport(
  report: {
    ok: boolean;
    format: string;
    kind: string;
    rows: number;
    created: number;
    updated: number;
    unchanged: number;
    skipped: number;
    invalid: number;
    dryRun: boolean;
    failure?: string;
    errors: Array<{ row: number; column: string; message: string }>;
  },
  summary: ImportSummary,
): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`Read ${report.rows} rows as ${report.format} (${report.kind}).`);
  if (summary.sameFileAs)
    out(`This file was imported before (on ${summary.sameFileAs.committedAt.slice(0, 10)}).`);
  if (report.failure) out(report.failure);
  if (report.ok) {
    const verb = report.dryRun ? 'Would create' : 'Created';
    out(
      `${verb} ${report.created}, updated ${report.updated}, left ${report.unchanged} unchanged, skipped ${report.skipped}` +
        (report.invalid > 0 ? `, left out ${report.invalid} rows with errors.` : '.'),
    );
    if (report.dryRun) out('Dry run: nothing was stored.');
  }
  const shown = report.errors.slice(0, 20);
  for (const e of shown) out(`  row ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.message}`);
  if (summary.problems > shown.length && report.errors.length > 0)
    out(`  … ${summary.problems - shown.length} more problems (use --json for the full list).`);
}

/** Writes an export to standard output; a reader that stops early (`| head`) ends it quietly. */
async function writeToStandardOutput(write: (out: NodeJS.WritableStream & Writable) => Promise<number>) {
  let closed = false;
  const onError = (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  };
  process.stdout.on('error', onError);
  try {
    return await write(process.stdout);
  } catch (error) {
    if (closed || process.stdout.destroyed) return 0;
    throw error;
  } finally {
    process.stdout.off('error', onError);
  }
}

async function readMappingFile(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new AppError(
      'bad_request',
      `--mapping-file: cannot read ${path} as JSON (${(error as Error).message}).`,
    );
  }
}

const exportInput = z.object({
  kind: z.enum(entityIds),
  format: z.enum(exportFormats),
});

/** `coral export`: records of one kind as a file, for sharing or for another system. */
export function exportCommand(): Command {
  return withStorageFlags(new Command('export'))
    .description('export records as Coral CSV, JSON Lines, the CTDC layout or the HTCDS Excel layout')
    .requiredOption('--org <org>', 'organisation id or exact name')
    .option('--kind <kind>', entityIds.join(', '), 'thbCase')
    .option('--format <format>', exportFormats.join(', '), 'coral-csv')
    .option('--include-identifying', 'include names, birth dates, documents… (audited; keep the file safe)')
    .option(
      '--where <filter...>',
      'list filters as name=value, e.g. caseStatus=Active identificationDateFrom=2024-01-01',
    )
    .option('--out <file>', 'write to this file (default: standard output)')
    .action(
      async (flags: {
        org: string;
        kind: string;
        format: string;
        includeIdentifying?: boolean;
        where?: string[];
        out?: string;
        data?: string;
      }) => {
        const input = parseWith(exportInput, { kind: flags.kind, format: flags.format });
        if (input.format === 'htcds-xlsx' && !flags.out && process.stdout.isTTY) {
          throw new AppError('bad_request', 'An Excel file cannot be shown on a terminal; give --out FILE.');
        }
        const params: Record<string, string> = {};
        for (const pair of flags.where ?? []) {
          const at = pair.indexOf('=');
          if (at < 1) throw new AppError('bad_request', `--where ${pair}: write it as name=value.`);
          params[pair.slice(0, at)] = pair.slice(at + 1);
        }
        const { toListRequest } = await import('../../modules/records/records.routes.js');
        const list = toListRequest(input.kind, params);
        const count = await withRuntime(flags, 'coral export', async ({ services }) => {
          const ctx = operator();
          const org = await services.organisations.resolve(ctx, flags.org);
          const write = await services.exports.prepare(ctx, org.id, {
            kind: input.kind,
            format: input.format,
            identifying: flags.includeIdentifying === true,
            filters: {
              filters: list.filters,
              ...(list.text ? { text: list.text } : {}),
              ...(list.name ? { name: list.name } : {}),
            },
          });
          if (!flags.out) return writeToStandardOutput(write);
          // Written beside the target and renamed at the end: a failed export leaves no half file.
          const partial = `${flags.out}.partial`;
          const stream = createWriteStream(partial, { mode: 0o600 });
          try {
            const written = await write(stream);
            if (!stream.writableEnded) stream.end();
            await finished(stream);
            await rename(partial, flags.out);
            return written;
          } catch (error) {
            stream.destroy();
            await rm(partial, { force: true });
            throw error;
          }
        });
        if (flags.out) process.stderr.write(`coral: exported ${count} records to ${flags.out}\n`);
      },
    );
}
