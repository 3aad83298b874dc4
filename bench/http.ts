/**
 * `npm run bench:http`: throughput and latency of the case list (limit=50) and a case read on
 * PostgreSQL with 100,000 cases, beside a baseline route running the same SQL without Coral's layers,
 * measured in the same run. Prints JSON. Needs a PostgreSQL server where the user may create databases:
 * BENCH_DATABASE_URL or CORAL_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import autocannon from 'autocannon';
import { freshDatabase, machine, startServer, stopServer } from './support.js';

const duration = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);

const database = await freshDatabase('http');
const { server, info } = await startServer<{
  coralPort: number;
  baselinePort: number;
  token: string;
  readId: string;
  rows: number;
}>('http-server.ts', database.url);

type Measure = { requestsPerSecond: number; p50Ms: number; p99Ms: number; errors: number };

async function load(url: string, headers: Record<string, string> = {}): Promise<Measure> {
  const result = await autocannon({ url, connections, duration, headers });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

/** Each figure's median over the rounds (the machine is shared; alternating rounds evens out noise). */
function median(runs: Measure[]): Measure {
  const mid = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  return {
    requestsPerSecond: mid(runs.map((r) => r.requestsPerSecond)),
    p50Ms: mid(runs.map((r) => r.p50Ms)),
    p99Ms: mid(runs.map((r) => r.p99Ms)),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
  };
}

const auth = { authorization: `Bearer ${info.token}` };
const coralBase = `http://127.0.0.1:${info.coralPort}`;
const baseBase = `http://127.0.0.1:${info.baselinePort}`;
const targets = {
  baselineList: [`${baseBase}/list`, {}],
  coralList: [`${coralBase}/api/v1/thb-cases?limit=50`, auth],
  baselineRead: [`${baseBase}/read/${info.readId}`, {}],
  coralRead: [`${coralBase}/api/v1/thb-cases/${info.readId}`, auth],
} as const;
const runs: Record<keyof typeof targets, Measure[]> = {
  baselineList: [],
  coralList: [],
  baselineRead: [],
  coralRead: [],
};
// Warm both up, then alternate Coral and the baseline, one at a time, round after round.
await load(targets.coralList[0], targets.coralList[1]);
await load(targets.baselineList[0]);
for (let round = 0; round < rounds; round++) {
  for (const key of Object.keys(targets) as Array<keyof typeof targets>) {
    runs[key].push(await load(targets[key][0], targets[key][1]));
  }
}
const coralList = median(runs.coralList);
const baselineList = median(runs.baselineList);
const coralRead = median(runs.coralRead);
const baselineRead = median(runs.baselineRead);

await stopServer(server);
await database.drop();

const listRatio = coralList.requestsPerSecond / baselineList.requestsPerSecond;
const summary = {
  benchmark: 'http',
  machine: machine(database.version),
  setup: { rows: info.rows, connections, durationSeconds: duration, rounds },
  list: { coral: coralList, baseline: baselineList, throughputRatio: Number(listRatio.toFixed(3)) },
  read: {
    coral: coralRead,
    baseline: baselineRead,
    throughputRatio: Number((coralRead.requestsPerSecond / baselineRead.requestsPerSecond).toFixed(3)),
  },
  targets: {
    listThroughputRatioAtLeast: 0.7,
    listP99MsBelow: 50,
    throughputMet: listRatio >= 0.7,
    p99Met: coralList.p99Ms < 50,
  },
};
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
