/**
 * The server side of `npm run bench:http`, run in its own process so the load generator does not share
 * its CPU time: Coral's full app on one port, and on another a bare Fastify that runs the same SQL
 * without Coral's layers (no authentication, validation, decryption, presenter, audit).
 */
import Fastify from 'fastify';
import { sql } from 'kysely';
import { createApp } from '../src/app.js';
import { createRandom, syntheticThbCase } from '../src/demo/synthetic-records.js';
import { recordKinds } from '../src/standard/record-views.js';
import { benchUnit } from './bench-unit.js';

const total = Number(process.env.BENCH_CASES ?? 100_000);
const real = Number(process.env.BENCH_REAL_CASES ?? 2_000);

const { database, keyring, logger, services, operator, org, token } = await benchUnit(
  'data-officer',
  'LawEnforcement',
);

// Real records through the service (validated, sealed, blind-indexed), then copies up to `total` rows so
// lists run over a realistic table. Copies keep their originals' sealed blobs, which are bound to the
// original ids: the read benchmark reads real records only.
const random = createRandom(99);
const readable: string[] = [];
for (let i = 0; i < real; i++)
  readable.push(
    (await services.records.create(operator, 'thbCase', org.id, syntheticThbCase(random, i))).stored.id,
  );
const copies = Math.max(0, total - real);
if (copies > 0) {
  await sql`
    INSERT INTO records (id, org_id, kind, version, data, sealed, name_index, search_text, created_at, created_by, updated_at, updated_by)
    SELECT gen_random_uuid(), org_id, kind, version, data, sealed, name_index, search_text,
           created_at - make_interval(secs => n), created_by, updated_at - make_interval(secs => n), updated_by
    FROM (SELECT r.*, g.n FROM records r JOIN generate_series(1, ${Math.ceil(copies / real)}::int) AS g(n) ON true WHERE r.org_id = ${org.id}) AS source
    LIMIT ${copies}`.execute(database.executor);
}
await sql`ANALYZE records`.execute(database.executor);

const coral = await createApp(
  { database, keyring, logger },
  { rateLimitPerMinute: 0, webRoot: '/nonexistent' },
);
await coral.listen({ host: '127.0.0.1', port: 0 });

// The baseline: the same SQL as Coral's list and read, straight to the same pool, rows sent as they come.
const baseline = Fastify();
const summaryPairs = recordKinds.thbCase.summaryFields.map(
  (path) => sql`${path}::text, data #> ${`{${path.split('.').join(',')}}`}::text[]`,
);
baseline.get('/list', async () => {
  const rows = await sql`
    SELECT id, version, created_at, updated_at,
           jsonb_strip_nulls(jsonb_build_object(${sql.join(summaryPairs)})) AS fields, updated_at::text AS sort_value
    FROM records WHERE org_id = ${org.id} AND kind = 'thbCase' AND deleted_at IS NULL
    ORDER BY updated_at DESC, id DESC LIMIT 51`.execute(database.executor);
  return { items: rows.rows };
});
baseline.get<{ Params: { id: string } }>('/read/:id', async (request) => {
  const rows =
    await sql`SELECT * FROM records WHERE org_id = ${org.id} AND kind = 'thbCase' AND id = ${request.params.id}`.execute(
      database.executor,
    );
  return rows.rows[0];
});
await baseline.listen({ host: '127.0.0.1', port: 0 });

const port = (server: typeof coral.server) => {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
};
const count = await sql<{ n: string }>`SELECT count(*) AS n FROM records WHERE org_id = ${org.id}`.execute(
  database.executor,
);
process.stdout.write(
  `${JSON.stringify({ ready: true, coralPort: port(coral.server), baselinePort: port(baseline.server), token, readId: readable[Math.floor(real / 2)], rows: Number(count.rows[0]?.n) })}\n`,
);
process.on('SIGTERM', async () => {
  await coral.close();
  await baseline.close();
  await database.close();
  process.exit(0);
});
