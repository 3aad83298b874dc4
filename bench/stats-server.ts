/**
 * The server side of `npm run bench:stats`, in its own process: fills a fresh PostgreSQL database with
 * BENCH_CASES (default 1,000,000) trafficking cases, times a three-dimension table (year × country ×
 * sex) through Coral's engine beside the plain GROUP BY of the same table, then serves Coral's API for
 * the dashboard load test and prints one JSON line with the timings and how to reach it.
 */
import { sql } from 'kysely';
import { createApp } from '../src/app.js';
import { StatisticsRepository } from '../src/modules/statistics/statistics.repository.js';
import { StatisticsService } from '../src/modules/statistics/statistics.service.js';
import { createSystemClock } from '../src/platform/clock.js';
import { createRandomIds } from '../src/platform/ids.js';
import { caribbeanRegion } from '../src/standard/codelists/countries.js';
import { benchUnit } from './bench-unit.js';

const total = Number(process.env.BENCH_CASES ?? 1_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

const { database, keyring, logger, services, operator, org, token } = await benchUnit(
  'analyst',
  'CentralGovernmentOrganisation',
);

// Cases with realistic skew, the same in every run: countries weighted 1/k³ (a few countries hold most cases, small islands a
// handful, so small cells and suppression occur), ten years, the standard's genders and forms unevenly.
const countries = caribbeanRegion.slice(0, 30);
const weights = countries.map((_, k) => 1 / (k + 1) ** 3);
const sum = weights.reduce((a, b) => a + b, 0);
const bounds: number[] = [];
let running = 0;
for (const w of weights.slice(0, -1)) {
  running += w / sum;
  bounds.push(running);
}
// Uniform in [0, 1), the same in every run: a hash of the row number and a stream number.
const uniform = (stream: number) => sql`((hashint8(g * 8 + ${stream}) & 2147483647)::float8 / 2147483648)`;
const started = Date.now();
await sql`
  INSERT INTO records (id, org_id, kind, version, data, created_at, created_by, updated_at, updated_by)
  SELECT gen_random_uuid(), ${org.id}, 'thbCase', 1, jsonb_build_object(
      'caseReference', 'B-' || g,
      'traffickingStatus', CASE WHEN g % 50 = 0 THEN 'NotAVictimOfTrafficking' WHEN g % 3 = 0 THEN 'PossibleVictimOfTrafficking' ELSE 'ActualVictimOfTrafficking' END,
      'identificationDate', (2015 + (g * 7919) % 10)::text || '-06-15',
      'identificationCountry', (${countries}::text[])[width_bucket(${uniform(1)}, ${bounds}::float8[]) + 1],
      'victim', jsonb_build_object(
        'gender', CASE WHEN ${uniform(2)} < 0.6 THEN 'Feminine' WHEN ${uniform(3)} < 0.95 THEN 'Masculine' WHEN ${uniform(4)} < 0.5 THEN 'TransgenderFeminine' ELSE 'NonSpecifiedUnknown' END,
        'ageBand', (ARRAY['0-8','9-17','18-20','21-23','24-26','27-29','30-38','39-47','48+'])[1 + (g * 31) % 9],
        'citizenships', jsonb_build_array((${countries}::text[])[1 + (g * 13) % 30])),
      'formsOfExploitation', jsonb_build_object((ARRAY['SexualExploitation','ForcedLabour','ForcedCriminality','Servitude'])[1 + (g * 17) % 4], true)),
    now(), 'bench', now(), 'bench'
  FROM generate_series(1::bigint, ${total}::bigint) AS g`.execute(database.executor);
await sql`ANALYZE records`.execute(database.executor);
const loadSeconds = (Date.now() - started) / 1000;

// The same table two ways, alternating: the plain GROUP BY, and Coral's engine with nothing cached.
const engine = new StatisticsService({
  database,
  statistics: new StatisticsRepository(database),
  audit: services.audit,
  clock: createSystemClock(),
  ids: createRandomIds(),
  cacheSeconds: 0,
});
const plain = () =>
  sql`
  SELECT substr(data #>> '{identificationDate}', 1, 4) AS year, data #>> '{identificationCountry}' AS country,
         data #>> '{victim,gender}' AS sex, count(*) AS n
  FROM records
  WHERE org_id = ${org.id} AND kind = 'thbCase' AND deleted_at IS NULL
    AND coalesce(data #>> '{traffickingStatus}', '') <> 'NotAVictimOfTrafficking'
  GROUP BY 1, 2, 3`.execute(database.executor);
const time = async (work: () => Promise<unknown>) => {
  const t = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - t) / 1e6;
};
await plain();
let cells = 0;
let suppressed = 0;
let programs = 0;
const plainMs: number[] = [];
const engineMs: number[] = [];
for (let round = 0; round < rounds; round++) {
  plainMs.push(await time(plain));
  engineMs.push(
    await time(async () => {
      const table = await engine.table(operator, org.id, {
        measure: 'victims',
        by: ['year', 'country', 'sex'],
      });
      cells = table.cells.length;
      suppressed = table.cells.filter((c) => c.status !== 'published').length;
      programs = table.report?.programs ?? 0;
    }),
  );
}

const coral = await createApp(
  { database, keyring, logger },
  { rateLimitPerMinute: 0, webRoot: '/nonexistent' },
);
await coral.listen({ host: '127.0.0.1', port: 0 });
const address = coral.server.address();
process.stdout.write(
  `${JSON.stringify({
    ready: true,
    port: typeof address === 'object' && address ? address.port : 0,
    token,
    cases: total,
    loadSeconds: Math.round(loadSeconds),
    table: { dimensions: ['year', 'country', 'sex'], cells, suppressed, linearPrograms: programs },
    plainMs,
    engineMs,
  })}\n`,
);
process.on('SIGTERM', async () => {
  await coral.close();
  await database.close();
  process.exit(0);
});
