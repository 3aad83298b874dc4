import { createWriteStream } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { Command } from 'commander';
import { defaultReadLimits, FileProblem } from '../../interchange/file-problem.js';
import { openTable } from '../../interchange/open-table.js';
import { fileSource } from '../../interchange/source.js';
import { writeTo } from '../../interchange/writers.js';
import { type ClkRecord, clkToBase64, createClkEncoder } from '../../linkage/clk-encoder.js';
import { parseLinkageSchema } from '../../linkage/linkage-schema.js';
import { AppError } from '../../platform/errors.js';

/** `coral link …`: privacy-preserving record linkage, run where the records are; never sends names. */
export function linkCommand(): Command {
  const link = new Command('link').description(
    'privacy-preserving record linkage: encode records as Bloom filters (CLKs) under a shared secret',
  );
  link
    .command('encode')
    .description('encode a CSV of records as CLKs, one JSON object per line: {"id": …, "clk": base64}')
    .requiredOption('--schema <file>', 'linkage schema v3 (JSON), as agreed with the other parties')
    .requiredOption('--secret-file <file>', 'the secret agreed with the other parties (never sent anywhere)')
    .requiredOption('--in <file>', 'the records: CSV (or XLSX) with a header naming the schema’s features')
    .option('--out <file>', 'write the CLKs here (mode 0600, whole or not at all) instead of standard output')
    .option(
      '--id-column <name>',
      "the column holding each record's id (default: the schema's first ignored feature)",
    )
    .addHelpText(
      'after',
      '\nCells are read with leading spaces removed. Records that do not fit the schema are listed on standard error and left out; exit code 1 when none could be encoded.',
    )
    .action(
      async (flags: { schema: string; secretFile: string; in: string; out?: string; idColumn?: string }) => {
        const schema = parseLinkageSchema(JSON.parse(await readFile(flags.schema, 'utf8')));
        const secret = (await readFile(flags.secretFile, 'utf8')).replace(/\r?\n$/, '');
        if (secret.length === 0) throw new AppError('validation_failed', 'The secret file is empty.');
        const encoder = createClkEncoder(schema, secret);
        const idColumn =
          flags.idColumn ?? schema.features.find((f) => 'ignored' in f && f.ignored)?.identifier ?? 'id';
        const table = await openTable(await fileSource(flags.in), { limits: defaultReadLimits }).catch(
          (error) => {
            throw error instanceof FileProblem ? new AppError('validation_failed', error.message) : error;
          },
        );
        const target = flags.out ? `${flags.out}.partial-${process.pid}` : undefined;
        const out: Writable = target ? createWriteStream(target, { mode: 0o600 }) : process.stdout;
        let header: string[] | undefined;
        let encoded = 0;
        let refused = 0;
        try {
          for await (const row of table.rows()) {
            const cells = row.cells.map((cell) => cell.replace(/^\s+/, ''));
            if (!header) {
              header = cells;
              if (!header.includes(idColumn)) {
                throw new AppError(
                  'validation_failed',
                  `The file has no id column "${idColumn}"; name it with --id-column.`,
                );
              }
              continue;
            }
            const record: Record<string, string | null> = {};
            header.forEach((name, i) => {
              record[name] = cells[i] ?? '';
            });
            try {
              const clk = encoder.encode(record as ClkRecord);
              await writeTo(out, `${JSON.stringify({ id: record[idColumn], clk: clkToBase64(clk) })}\n`);
              encoded++;
            } catch (error) {
              if (!(error instanceof AppError)) throw error;
              refused++;
              // Which feature and why, never the value.
              process.stderr.write(`row ${row.number}: ${error.message}\n`);
            }
          }
          if (target) {
            out.end();
            await finished(out);
            await rename(target, flags.out as string);
          }
        } catch (error) {
          if (target) {
            out.destroy();
            await rm(target, { force: true });
          }
          throw error;
        }
        process.stderr.write(`${encoded} records encoded${refused ? `, ${refused} left out` : ''}.\n`);
        if (encoded === 0) process.exitCode = 1;
      },
    );
  return link;
}
