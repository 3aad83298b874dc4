import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { coral } from '../testing/cli.js';
import { referenceFile } from '../testing/reference.js';

interface Vectors {
  secret: string;
  schema: unknown;
  records: Array<{ values: Record<string, string>; clk_b64: string }>;
}

describe('coral link encode', () => {
  const vectors = JSON.parse(readFileSync(referenceFile('linkage-vectors.json'), 'utf8')) as Vectors;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'coral-link-'));
    writeFileSync(join(dir, 'schema.json'), JSON.stringify(vectors.schema));
    writeFileSync(join(dir, 'secret.txt'), `${vectors.secret}\n`);
  });

  it('encodes the FEBRL file as clkhash does, to the bit, one JSON line per record', async () => {
    // The FEBRL file itself, as the parties would have it (", " separators).
    const febrl = readFileSync(referenceFile('febrl', 'dataset1.csv'), 'utf8').split('\n');
    writeFileSync(join(dir, 'records.csv'), `${febrl.slice(0, vectors.records.length + 1).join('\n')}\n`);
    const out = join(dir, 'clks.jsonl');
    const run = await coral([
      'link',
      'encode',
      '--schema',
      join(dir, 'schema.json'),
      '--secret-file',
      join(dir, 'secret.txt'),
      '--in',
      join(dir, 'records.csv'),
      '--out',
      out,
    ]);
    expect(run.code).toBe(0);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; clk: string });
    expect(lines).toEqual(vectors.records.map((r) => ({ id: r.values.rec_id, clk: r.clk_b64 })));
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('leaves out a record that does not fit the schema, saying which and why but not its value', async () => {
    const header = Object.keys(vectors.records[0]?.values ?? {}).join(',');
    const good = Object.values(vectors.records[0]?.values ?? {}).join(',');
    const bad = good.replace(/,19081209,/, ',notadate,');
    writeFileSync(join(dir, 'bad.csv'), `${header}\n${good}\n${bad}\n`);
    const run = await coral([
      'link',
      'encode',
      '--schema',
      join(dir, 'schema.json'),
      '--secret-file',
      join(dir, 'secret.txt'),
      '--in',
      join(dir, 'bad.csv'),
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/row 3: .*date_of_birth/);
    expect(run.stderr).not.toMatch(/notadate/);
  });
});
