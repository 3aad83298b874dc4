import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { referenceFile } from '../testing/reference.js';
import { type ClkRecord, clkToBase64, createClkEncoder, encodeRecords } from './clk-encoder.js';
import { parseFebrlCsv } from './febrl.js';
import { createParallelClkEncoder, encodeRecordsParallel } from './parallel-encode.js';

const vectors = JSON.parse(readFileSync(referenceFile('linkage-vectors.json'), 'utf8')) as {
  schema: unknown;
  secret: string;
};
const schema = vectors.schema as Parameters<typeof createClkEncoder>[0];

/** FEBRL's first dataset, with a few records the schema refuses mixed in. */
function febrlRecords(): ClkRecord[] {
  const records: ClkRecord[] = parseFebrlCsv(
    readFileSync(referenceFile('febrl', 'dataset1.csv'), 'utf8'),
  ).map((record) => record.values);
  const sample = records[0] as ClkRecord;
  records.splice(5, 0, { ...sample, postcode: '12' });
  records.splice(700, 0, { ...sample, date_of_birth: 'soon' });
  const { surname: _dropped, ...withoutSurname } = sample;
  records.push(withoutSurname);
  return records;
}

const base64 = (clks: (Uint8Array | null)[]) => clks.map((clk) => clk && clkToBase64(clk));

describe('parallel encoding', () => {
  const records = febrlRecords();
  const single = encodeRecords(createClkEncoder(schema, vectors.secret), records);

  it('gives exactly the single-thread CLKs and errors, in record order', async () => {
    const parallel = await encodeRecordsParallel(schema, vectors.secret, records, {
      threads: 2,
      shareSize: 97,
    });
    expect(single.errors.map((e) => e.row)).toEqual([5, 700, records.length - 1]);
    expect(parallel.ok).toBe(false);
    expect(parallel.errors).toEqual(single.errors);
    expect(base64(parallel.clks)).toEqual(base64(single.clks));
  }, 60_000);

  it('encodes several batches with one pool, and on this thread alone with 1 thread', async () => {
    for (const threads of [1, 2]) {
      const pool = await createParallelClkEncoder(schema, vectors.secret, { threads });
      try {
        await pool.warmUp(records.slice(0, 10));
        const first = await pool.encode(records.slice(0, 300));
        const rest = await pool.encode(records.slice(300));
        expect(base64([...first.clks, ...rest.clks])).toEqual(base64(single.clks));
        expect((await pool.encode([])).clks).toEqual([]);
      } finally {
        await pool.close();
      }
    }
  }, 60_000);

  it('checks the schema, the secret and the thread count before starting workers', async () => {
    await expect(encodeRecordsParallel(schema, '', records)).rejects.toMatchObject({ code: 'bad_request' });
    // A partner's schema arrives as untyped JSON.
    const version2 = { ...(vectors.schema as object), version: 2 } as unknown as typeof schema;
    await expect(encodeRecordsParallel(version2, 'secret', records)).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(encodeRecordsParallel(schema, 'secret', records, { threads: 0 })).rejects.toMatchObject({
      code: 'bad_request',
    });
  });
});
