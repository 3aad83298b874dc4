import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { Command } from 'commander';
import { defaultReadLimits, FileProblem } from '../../interchange/file-problem.js';
import { openTable } from '../../interchange/open-table.js';
import { fileSource } from '../../interchange/source.js';
import { csvLine, writeTo } from '../../interchange/writers.js';
import { type ClkRecord, clkToBase64, createClkEncoder } from '../../linkage/clk-encoder.js';
import { coralPersonSchema, personLinkageValues } from '../../linkage/coral-person-schema.js';
import { evaluate } from '../../linkage/febrl.js';
import { type LinkMethod, linkSets } from '../../linkage/link-sets.js';
import { parseLinkageSchema } from '../../linkage/linkage-schema.js';
import { clusterParties, greedyAssignment, type PartyPair } from '../../linkage/matching.js';
import { minimumSecretLength, secretFingerprint } from '../../linkage/secret-fingerprint.js';
import { type FilterSet, packFilters } from '../../linkage/similarity.js';
import { AppError } from '../../platform/errors.js';

/** `coral link …`: privacy-preserving record linkage, run where the records are; never sends names. */
export function linkCommand(): Command {
  const link = new Command('link').description(
    'privacy-preserving record linkage: encode records as Bloom filters (CLKs) under a shared secret',
  );
  link
    .command('encode')
    .description('encode a CSV of records as CLKs, one JSON object per line: {"id": …, "clk": base64}')
    .requiredOption(
      '--schema <file>',
      "linkage schema v3 (JSON), as agreed with the other parties; or coral-person for Coral's person schema",
    )
    .requiredOption('--secret-file <file>', 'the secret agreed with the other parties (never sent anywhere)')
    .requiredOption('--in <file>', 'the records: CSV (or XLSX) with a header naming the schema’s features')
    .option('--out <file>', 'write the CLKs here (mode 0600, whole or not at all) instead of standard output')
    .option(
      '--id-column <name>',
      "the column holding each record's id (default: the schema's first ignored feature)",
    )
    .addHelpText(
      'after',
      `\nCells are read with leading spaces removed. Records that do not fit the schema are listed on standard error and left out; exit code 1 when none could be encoded.\n\nWith --schema coral-person the file has the columns of a person in the Coral standard: id, givenNames, familyNames, birthDate (YYYY-MM-DD), gender, citizenship (ISO code); names are normalised as Coral does (docs/standard.md, "Record linkage"). A secret of ${minimumSecretLength} characters or more also has its fingerprint printed, for uploading to a linkage project.`,
    )
    .action(
      async (flags: { schema: string; secretFile: string; in: string; out?: string; idColumn?: string }) => {
        const person = flags.schema === 'coral-person';
        const schema = parseLinkageSchema(
          person ? coralPersonSchema : JSON.parse(await readFile(flags.schema, 'utf8')),
        );
        const secret = await readSecret(flags.secretFile);
        const encoder = createClkEncoder(schema, secret);
        const idColumn =
          flags.idColumn ?? schema.features.find((f) => 'ignored' in f && f.ignored)?.identifier ?? 'id';
        // A person of the standard becomes the values Coral's schema encodes, normalised as Coral does.
        const prepare = (record: Record<string, string>): ClkRecord =>
          person
            ? personLinkageValues(record[idColumn] ?? '', {
                givenNames: record.givenNames,
                familyNames: record.familyNames,
                birthDate: record.birthDate,
                gender: record.gender ?? record.sex,
                citizenships: [record.citizenship ?? record.citizenships ?? ''],
              })
            : record;
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
            const record: Record<string, string> = {};
            header.forEach((name, i) => {
              record[name] = cells[i] ?? '';
            });
            try {
              const clk = encoder.encode(prepare(record));
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
        if (secret.length >= minimumSecretLength)
          process.stderr.write(`Secret fingerprint (for uploading): ${secretFingerprint(secret)}\n`);
        if (encoded === 0) process.exitCode = 1;
      },
    );
  link
    .command('match')
    .description(
      'match parties’ CLK files (from coral link encode): two files give pairs, three or more give groups',
    )
    .argument('<files...>', 'one JSON Lines file of {"id", "clk"} per party')
    .option('--threshold <t>', 'smallest Dice similarity that counts as a match (0 to 1)', '0.8')
    .option('--out <file>', 'write the matches here (CSV) instead of standard output')
    .option(
      '--method <m>',
      'auto (every pair up to a billion pairs, blocking above), all-pairs or blocking',
      'auto',
    )
    .addHelpText(
      'after',
      '\nTwo parties: rows id_a,id_b,similarity, one-to-one (highest similarity first). Three or more: rows\ngroup,party,file,id (party: the place of its file in the list) with at most one record per party in a group.',
    )
    .action(async (files: string[], flags: { threshold: string; out?: string; method: string }) => {
      if (!['auto', 'all-pairs', 'blocking'].includes(flags.method))
        throw new AppError('validation_failed', '--method is auto, all-pairs or blocking.');
      const method = flags.method as LinkMethod;
      const threshold = Number(flags.threshold);
      if (!(threshold > 0 && threshold <= 1)) {
        throw new AppError(
          'validation_failed',
          '--threshold is a similarity above 0 and at most 1, such as 0.8.',
        );
      }
      if (files.length < 2)
        throw new AppError('validation_failed', 'Give at least two files of CLKs, one per party.');
      const parties = await Promise.all(files.map(readClks));
      const sets = parties.map((party) => packFilters(party.clks));
      const lines: string[] = [];
      if (parties.length === 2) {
        const [a, b] = parties as [Party, Party];
        lines.push(csvLine(['id_a', 'id_b', 'similarity']));
        for (const pair of greedyAssignment(
          await linkSets(sets[0] as FilterSet, sets[1] as FilterSet, threshold, method),
        )) {
          lines.push(csvLine([a.ids[pair.a] as string, b.ids[pair.b] as string, pair.score.toFixed(4)]));
        }
      } else {
        const pairs: PartyPair[] = [];
        for (let p = 0; p < sets.length; p++) {
          for (let q = p + 1; q < sets.length; q++) {
            for (const pair of await linkSets(
              sets[p] as FilterSet,
              sets[q] as FilterSet,
              threshold,
              method,
            )) {
              pairs.push({
                a: { party: p, index: pair.a },
                b: { party: q, index: pair.b },
                score: pair.score,
              });
            }
          }
        }
        lines.push(csvLine(['group', 'party', 'file', 'id']));
        clusterParties(pairs).forEach((group, g) => {
          for (const member of group.members) {
            lines.push(
              csvLine([
                String(g + 1),
                String(member.party + 1),
                files[member.party] as string,
                parties[member.party]?.ids[member.index] as string,
              ]),
            );
          }
        });
      }
      await writeWhole(flags.out, lines.join(''));
    });
  link
    .command('secret')
    .description('make a random secret to agree with the other parties (256 bits, base64url)')
    .option('--out <file>', 'write it to this file (mode 0600) instead of standard output')
    .action(async (flags: { out?: string }) => {
      await writeWhole(flags.out, `${randomBytes(32).toString('base64url')}\n`);
    });
  link
    .command('fingerprint')
    .description('the one-way fingerprint of a secret, which a linkage project asks for with an upload')
    .requiredOption('--secret-file <file>', 'the secret agreed with the other parties')
    .action(async (flags: { secretFile: string }) => {
      process.stdout.write(`${secretFingerprint(await readSecret(flags.secretFile))}\n`);
    });
  link
    .command('schema')
    .description("Coral's person linkage schema (v3 JSON), to share with parties that encode with clkhash")
    .option('--out <file>', 'write it to this file instead of standard output')
    .action(async (flags: { out?: string }) => {
      await writeWhole(flags.out, `${JSON.stringify(coralPersonSchema, null, 2)}\n`);
    });
  link
    .command('evaluate')
    .description('precision, recall and F1 of two-party matches against the known true pairs')
    .requiredOption('--matches <file>', 'CSV from coral link match (id_a,id_b,…)')
    .requiredOption('--truth <file>', 'CSV of the true pairs: id_a,id_b with a header')
    .option('--json', 'print as JSON')
    .action(async (flags: { matches: string; truth: string; json?: boolean }) => {
      const quality = evaluate(await readPairs(flags.matches), await readPairs(flags.truth));
      if (flags.json) process.stdout.write(`${JSON.stringify(quality)}\n`);
      else {
        process.stdout.write(
          `precision ${quality.precision.toFixed(4)}  recall ${quality.recall.toFixed(4)}  F1 ${quality.f1.toFixed(4)}  (true ${quality.truePositives}, false ${quality.falsePositives}, missed ${quality.falseNegatives})\n`,
        );
      }
    });
  return link;
}

/** The secret from its file, without a final line break. */
async function readSecret(file: string): Promise<string> {
  const secret = (await readFile(file, 'utf8')).replace(/\r?\n$/, '');
  if (secret.length === 0) throw new AppError('validation_failed', 'The secret file is empty.');
  return secret;
}

interface Party {
  ids: string[];
  clks: Uint8Array[];
}

/** A party's CLK file: one {"id", "clk"} JSON object per line, the CLK in base64. */
async function readClks(file: string): Promise<Party> {
  const ids: string[] = [];
  const clks: Uint8Array[] = [];
  (await readFile(file, 'utf8')).split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let parsed: { id?: unknown; clk?: unknown };
    try {
      parsed = JSON.parse(line) as { id?: unknown; clk?: unknown };
    } catch {
      throw new AppError(
        'validation_failed',
        `${file}, line ${i + 1}: not JSON. Each line is {"id": …, "clk": base64}.`,
      );
    }
    if (typeof parsed.clk !== 'string' || (typeof parsed.id !== 'string' && typeof parsed.id !== 'number')) {
      throw new AppError('validation_failed', `${file}, line ${i + 1}: needs "id" and "clk" (base64).`);
    }
    ids.push(String(parsed.id));
    clks.push(Uint8Array.from(Buffer.from(parsed.clk, 'base64')));
  });
  return { ids, clks };
}

/** Pairs of ids from the first two columns of a CSV with a header. */
async function readPairs(file: string): Promise<Array<readonly [string, string]>> {
  const table = await openTable(await fileSource(file), { limits: defaultReadLimits });
  const pairs: Array<readonly [string, string]> = [];
  let header = true;
  for await (const row of table.rows()) {
    if (header) {
      header = false;
      continue;
    }
    const [a, b] = row.cells.map((cell) => cell.trim());
    if (a && b) pairs.push([a, b]);
  }
  return pairs;
}

/** Writes text to a file whole (mode 0600, renamed into place when complete), or to standard output. */
async function writeWhole(file: string | undefined, text: string): Promise<void> {
  if (!file) {
    process.stdout.write(text);
    return;
  }
  const partial = `${file}.partial-${process.pid}`;
  await writeFile(partial, text, { mode: 0o600 });
  await rename(partial, file);
}
