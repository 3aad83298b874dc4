import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultReadLimits, type ReadLimits } from './file-problem.js';
import { openTable, type TableRow } from './open-table.js';
import { type ByteSource, bufferSource } from './source.js';

/** Each chunk of the file on its own, so batches end mid-row as real reads do. */
function chunkedSource(text: string, size: number): ByteSource {
  const bytes = Buffer.from(text);
  const whole = bufferSource(bytes);
  return {
    ...whole,
    async *chunks(start = 0) {
      for (let at = start; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
    },
  };
}

async function collect(source: ByteSource, limits: ReadLimits, batched: boolean) {
  const table = await openTable(source, { limits, delimiter: ';' });
  const rows: TableRow[] = [];
  try {
    if (batched) for await (const batch of table.batches()) rows.push(...batch);
    else for await (const row of table.rows()) rows.push(row);
    return { rows, error: undefined };
  } catch (error) {
    return { rows, error: String(error) };
  }
}

describe('table batches', () => {
  it('hold the same rows as rows(), blank ones left out, and stop at the same fault', async () => {
    const cell = fc.oneof(
      fc.constantFrom('', ' ', 'a', '"q;x"', '"two\nlines"'),
      fc.string({ maxLength: 5 }),
    );
    const line = fc.array(cell, { minLength: 1, maxLength: 4 }).map((cells) => cells.join(';'));
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 40 }),
        async (lines, size, maxRows) => {
          const text = `h1;h2\n${lines.join('\n')}`;
          const limits = { ...defaultReadLimits, maxRows };
          const one = await collect(chunkedSource(text, size), limits, false);
          const many = await collect(chunkedSource(text, size), limits, true);
          expect(many).toEqual(one);
        },
      ),
      { numRuns: 300 },
    );
  });
});
