import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { z } from 'zod';
import type { Services } from '../../app.js';
import { measures } from '../../indicators/catalogue.js';
import { gapsReport } from '../../modules/statistics/gaps-report.js';
import { parseFilters } from '../../modules/statistics/statistics.routes.js';
import { releaseSpec } from '../../modules/statistics/statistics.schema.js';
import type { StatisticsTable } from '../../modules/statistics/statistics.service.js';
import { AppError } from '../../platform/errors.js';
import { operator, parseWith, printJson, printTable, withRuntime, withStorageFlags } from '../cli-context.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `coral stats table`: a table of an organisation's records through disclosure control. */
export function statsCommand(): Command {
  const stats = new Command('stats').description(
    "statistics of an organisation's records, small cells suppressed",
  );
  withStorageFlags(stats.command('table'))
    .description('count records by dimensions; cells under --min-cell are suppressed with their complements')
    .requiredOption('--by <dimensions>', 'comma-separated dimensions, e.g. year,sex')
    .option('--measure <measure>', `what to count: ${measures.map((m) => m.id).join(', ')}`, 'victims')
    .option('--filter <key=value>', 'only records in this category (repeatable)', collect, [])
    .option('--org <org>', 'organisation id or exact name (default: the only one)')
    .option('--min-cell <n>', 'smallest count shown (default 5; 1 shows exact counts)', '5')
    .option('--json', 'print the table as JSON')
    .addHelpText(
      'after',
      `\nDimensions by measure:\n${measures.map((m) => `  ${m.id}: ${m.dimensions.map((d) => d.id).join(', ')}`).join('\n')}\n\nSuppressed cells print as <N (small) or x (hidden to protect another).`,
    )
    .action(
      async (flags: {
        by: string;
        measure: string;
        filter: string[];
        org?: string;
        minCell: string;
        json?: boolean;
        data?: string;
      }) => {
        const minCell = parseWith(z.coerce.number().int().min(1).max(100), flags.minCell);
        const table = await withRuntime(flags, 'coral stats table', async ({ services }) => {
          const orgId = await organisation(services, flags.org);
          return services.statistics.table(operator(), orgId, {
            measure: flags.measure,
            by: flags.by.split(',').map((s) => s.trim()),
            filters: parseFilters(flags.filter),
            minCell,
          });
        });
        if (flags.json) printJson(table);
        else printStatisticsTable(table);
      },
    );
  return stats;
}

/** `coral release create|preview|publish|list`. */
export function releaseCommand(): Command {
  const release = new Command('release').description('compose, preview and publish statistical releases');
  withStorageFlags(release.command('create'))
    .description('start a release (a draft): tables given as MEASURE:DIM,DIM, or a whole spec as JSON')
    .option('--org <org>', 'organisation id or exact name (default: the only one)')
    .requiredOption('--title <title>', 'title of the release')
    .option('--table <measure:dims>', 'a table, e.g. victims:year,sex (repeatable)', collect, [])
    .option('--spec <file>', 'the release spec as a JSON file (as the API takes it)')
    .option('--method <method>', 'suppression or differential-privacy', 'suppression')
    .option('--threshold <n>', 'suppression: hide cells under this', '5')
    .option('--rounding <n>', 'round published values to a multiple of this', '1')
    .option('--epsilon <e>', 'differential privacy: ε per table, e.g. 0.5 or 1/3')
    .option('--budget <e>', 'differential privacy: ε for all versions together')
    .option('--from <year>', 'first year covered')
    .option('--to <year>', 'last year covered')
    .option('--note <text>', 'method note for readers', '')
    .option(
      '--microdata <dims>',
      'also publish a k-anonymous record-level file with these quasi-identifiers, e.g. sex,ageBand,citizenship,year',
    )
    .option(
      '--microdata-columns <dims>',
      'further dimensions of the record-level file, published as they are',
    )
    .option(
      '--k <k>',
      'record-level file: each combination of quasi-identifiers occurs at least k times',
      '11',
    )
    .option('--json', 'print the release as JSON')
    .action(async (flags: ReleaseFlags) => {
      const spec = parseWith(
        releaseSpec,
        flags.spec ? JSON.parse(await readFile(flags.spec, 'utf8')) : specFromFlags(flags),
      );
      const created = await withRuntime(flags, 'coral release create', async ({ services }) => {
        const orgId = await organisation(services, flags.org);
        return services.statistics.createRelease(operator(), orgId, { title: flags.title, spec });
      });
      if (flags.json) printJson(created);
      else process.stdout.write(`Draft release ${created.id} created: coral release preview ${created.id}\n`);
    });
  withStorageFlags(release.command('preview'))
    .description('show what a draft would publish, with suppressed cells marked')
    .argument('<id>', 'release id')
    .option('--json', 'print as JSON')
    .action(async (id: string, flags: { json?: boolean; data?: string }) => {
      const content = await withRuntime(flags, 'coral release preview', async ({ services }) => {
        const found = await services.statistics.release(operator(), id);
        return services.statistics.previewRelease(operator(), found.orgId, id);
      });
      if (flags.json) printJson(content);
      else for (const table of content.tables) printStatisticsTable(table);
    });
  withStorageFlags(release.command('publish'))
    .description('publish a draft: figures computed and frozen, public from now on')
    .argument('<id>', 'release id')
    .option('--json', 'print the published release as JSON')
    .action(async (id: string, flags: { json?: boolean; data?: string }) => {
      const published = await withRuntime(flags, 'coral release publish', async ({ services }) => {
        const found = await services.statistics.release(operator(), id);
        return services.statistics.publishRelease(operator(), found.orgId, id);
      });
      if (flags.json) printJson(published);
      else
        process.stdout.write(
          `Published version ${published.version} of "${published.title}" (${published.id}).\n`,
        );
    });
  withStorageFlags(release.command('list'))
    .description("an organisation's releases, drafts and published")
    .option('--org <org>', 'organisation id or exact name (default: the only one)')
    .option('--json', 'print as JSON')
    .action(async (flags: { org?: string; json?: boolean; data?: string }) => {
      const list = await withRuntime(flags, 'coral release list', async ({ services }) =>
        services.statistics.releases(operator(), await organisation(services, flags.org)),
      );
      if (flags.json) printJson(list);
      else
        printTable(
          ['id', 'version', 'status', 'title', 'published'],
          list.map((r) => [r.id, String(r.version), r.status, r.title, r.publishedAt?.toISOString() ?? '']),
        );
    });
  return release;
}

/** `coral population list|set`: the population figures rates use. */
export function populationCommand(): Command {
  const population = new Command('population').description(
    'population figures used for rates such as SDG 16.2.2',
  );
  withStorageFlags(population.command('list'))
    .description('the figures in use, shipped or set, with their sources')
    .option('--country <code>', 'only this country (ISO 3166-1 alpha-2)')
    .option('--json', 'print as JSON')
    .action(async (flags: { country?: string; json?: boolean; data?: string }) => {
      const figures = await withRuntime(flags, 'coral population list', async ({ services }) =>
        services.statistics.population(),
      );
      const rows = [...figures]
        .map(([key, figure]) => {
          const [country = '', year = ''] = key.split(':');
          return { country, year: Number(year), population: figure.population, source: figure.source };
        })
        .filter((row) => !flags.country || row.country === flags.country.toUpperCase());
      if (flags.json) printJson(rows);
      else
        printTable(
          ['country', 'year', 'population', 'source'],
          rows.map((r) => [r.country, String(r.year), String(r.population), r.source]),
        );
    });
  withStorageFlags(population.command('set'))
    .description('set or correct a figure (audited); it takes precedence over the shipped one')
    .requiredOption('--country <code>', 'ISO 3166-1 alpha-2, e.g. MS')
    .requiredOption('--year <year>', 'the year')
    .requiredOption('--population <n>', 'total population')
    .requiredOption('--source <text>', 'where the figure comes from')
    .action(
      async (flags: { country: string; year: string; population: string; source: string; data?: string }) => {
        const figure = parseWith(
          z.object({
            country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as MS'),
            year: z.coerce.number().int().min(1950).max(2100),
            population: z.coerce.number().int().min(1).max(2_000_000_000),
            source: z.string().trim().min(3).max(500),
          }),
          { ...flags, country: flags.country.toUpperCase() },
        );
        await withRuntime(flags, 'coral population set', async ({ services }) =>
          services.statistics.setPopulation(operator(), figure),
        );
        process.stdout.write(
          `Population of ${figure.country} in ${figure.year} set to ${figure.population}.\n`,
        );
      },
    );
  return population;
}

/** `coral gaps`: the data-gap assessment of an organisation. */
export function gapsCommand(): Command {
  const year = new Date().getUTCFullYear();
  return withStorageFlags(new Command('gaps'))
    .description(
      'assess data gaps: completeness, unknowns, timeliness, which SDG/GCM disaggregations can be produced',
    )
    .option('--org <org>', 'organisation id or exact name (default: the only one)')
    .option('--from <year>', 'first year', String(year - 4))
    .option('--to <year>', 'last year', String(year))
    .option('--format <format>', 'markdown or csv', 'markdown')
    .option('--language <language>', 'en, es, fr or nl', 'en')
    .option('--json', 'print the assessment as JSON')
    .action(
      async (flags: {
        org?: string;
        from: string;
        to: string;
        format: string;
        language: string;
        json?: boolean;
        data?: string;
      }) => {
        const input = parseWith(
          z.object({
            from: z.coerce.number().int(),
            to: z.coerce.number().int(),
            format: z.enum(['markdown', 'csv']),
            language: z.enum(['en', 'es', 'fr', 'nl']),
          }),
          flags,
        );
        const assessment = await withRuntime(flags, 'coral gaps', async ({ services }) =>
          services.statistics.gaps(operator(), await organisation(services, flags.org), input),
        );
        if (flags.json) printJson(assessment);
        else process.stdout.write(gapsReport(assessment, input.format, input.language));
      },
    );
}

interface ReleaseFlags {
  org?: string;
  title: string;
  table: string[];
  spec?: string;
  method: string;
  threshold: string;
  rounding: string;
  epsilon?: string;
  budget?: string;
  from?: string;
  to?: string;
  note: string;
  microdata?: string;
  microdataColumns?: string;
  k: string;
  json?: boolean;
  data?: string;
}

function specFromFlags(flags: ReleaseFlags): unknown {
  if (flags.table.length === 0)
    throw new AppError('validation_failed', 'Give at least one --table MEASURE:DIM,DIM, or --spec FILE.');
  return {
    tables: flags.table.map((text) => {
      const [measure, dims] = text.split(':');
      if (!measure || !dims)
        throw new AppError(
          'validation_failed',
          `A table is MEASURE:DIM,DIM such as victims:year,sex; "${text}" is not.`,
        );
      return { measure, by: dims.split(',').map((s) => s.trim()) };
    }),
    method: flags.method,
    threshold: Number(flags.threshold),
    roundingBase: Number(flags.rounding),
    ...(flags.epsilon ? { epsilonPerTable: flags.epsilon } : {}),
    ...(flags.budget ? { epsilonBudget: flags.budget } : {}),
    ...(flags.from || flags.to
      ? { period: { from: Number(flags.from ?? flags.to), to: Number(flags.to ?? flags.from) } }
      : {}),
    methodNote: flags.note,
    ...(flags.microdata
      ? {
          microdata: {
            quasiIdentifiers: flags.microdata.split(',').map((d) => d.trim()),
            columns: flags.microdataColumns ? flags.microdataColumns.split(',').map((d) => d.trim()) : [],
            k: Number(flags.k),
          },
        }
      : {}),
  };
}

/** The organisation named, or the only one there is. */
async function organisation(services: Services, name: string | undefined): Promise<string> {
  if (name) return (await services.organisations.resolve(operator(), name)).id;
  const all = await services.organisations.list(operator());
  if (all.length === 1 && all[0]) return all[0].id;
  throw new AppError('validation_failed', `Name the organisation with --org (there are ${all.length}).`);
}

/** A table as text: one line per cell, totals as "all", suppressed cells as <N or x. */
function printStatisticsTable(table: StatisticsTable): void {
  process.stdout.write(`\n${table.title ?? table.measureLabel.en}\n`);
  const rows = table.cells.map((cell) => [
    ...cell.coordinates.map((c) => c ?? 'all'),
    cell.value !== null ? String(cell.value) : cell.status === 'primary' ? `<${table.threshold}` : 'x',
  ]);
  printTable([...table.dimensions.map((d) => d.id), table.measure], rows);
}
