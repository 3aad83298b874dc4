import { createInflateRaw } from 'node:zlib';
import { FileProblem } from './file-problem.js';
import type { ByteSource } from './source.js';

/** One part of a zip file, as its central directory declares it. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const eocdSignature = 0x06054b50;
const zip64LocatorSignature = 0x07064b50;
const zip64EocdSignature = 0x06064b50;
const centralSignature = 0x02014b50;
const localSignature = 0x04034b50;
const maxEntries = 10_000;

/**
 * Reads a zip's central directory from the end of the file: the parts, their sizes and where they are.
 * Only what an XLSX needs (stored or deflated parts, no encryption, no multi-disk); Zip64 is understood.
 * Throws FileProblem('not_a_spreadsheet') for anything that is not such a zip.
 */
export async function readZipDirectory(source: ByteSource): Promise<ZipEntry[]> {
  const notZip = (why: string) =>
    new FileProblem('not_a_spreadsheet', `The file is not a readable XLSX workbook (${why}).`);
  const tailLength = Math.min(source.size, 22 + 0xffff + 20);
  const tail = await source.read(source.size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === eocdSignature) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notZip('no zip directory');
  let count = tail.readUInt16LE(eocd + 10);
  let directorySize = tail.readUInt32LE(eocd + 12);
  let directoryOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || tail.readUInt32LE(locator) !== zip64LocatorSignature) throw notZip('broken Zip64 end');
    const recordOffset = Number(tail.readBigUInt64LE(locator + 8));
    const record = await source.read(recordOffset, 56);
    if (record.length < 56 || record.readUInt32LE(0) !== zip64EocdSignature)
      throw notZip('broken Zip64 record');
    count = Number(record.readBigUInt64LE(32));
    directorySize = Number(record.readBigUInt64LE(40));
    directoryOffset = Number(record.readBigUInt64LE(48));
  }
  if (count > maxEntries) throw notZip(`${count} parts`);
  if (directoryOffset + directorySize > source.size) throw notZip('directory beyond the end');
  const directory = await source.read(directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== centralSignature) {
      throw notZip('broken directory');
    }
    const flags = directory.readUInt16LE(at + 8);
    const method = directory.readUInt16LE(at + 10);
    let compressedSize = directory.readUInt32LE(at + 20);
    let uncompressedSize = directory.readUInt32LE(at + 24);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    let localHeaderOffset = directory.readUInt32LE(at + 42);
    const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
    const extra = directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    // Zip64 extended sizes: present, in this order, only for the fields that overflowed.
    for (let e = 0; e + 4 <= extra.length; ) {
      const id = extra.readUInt16LE(e);
      const size = extra.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let f = e + 4;
        const next = () => {
          const value = f + 8 <= e + 4 + size ? Number(extra.readBigUInt64LE(f)) : undefined;
          f += 8;
          return value;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = next() ?? uncompressedSize;
        if (compressedSize === 0xffffffff) compressedSize = next() ?? compressedSize;
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = next() ?? localHeaderOffset;
      }
      e += 4 + size;
    }
    if (flags & 1) throw notZip('it is password-protected');
    if (method !== 0 && method !== 8) throw notZip(`part ${name} uses compression method ${method}`);
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The unzipped bytes of one part, in chunks. Stops with FileProblem('zip_bomb') as soon as a part
 * unzips to more than it declared or than `maxBytes`, so a crafted file cannot fill memory or disk.
 */
export async function* readZipEntry(
  source: ByteSource,
  entry: ZipEntry,
  maxBytes: number,
): AsyncIterable<Buffer> {
  if (entry.uncompressedSize > maxBytes) {
    throw new FileProblem(
      'zip_bomb',
      `The workbook part ${entry.name} unzips to ${entry.uncompressedSize} bytes, more than Coral reads (${maxBytes}).`,
      entry.name,
    );
  }
  const header = await source.read(entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== localSignature) {
    throw new FileProblem('not_a_spreadsheet', `The workbook part ${entry.name} is damaged.`, entry.name);
  }
  const dataStart = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const limit = Math.min(entry.uncompressedSize, maxBytes);
  const compressed = compressedChunks(source, dataStart, entry.compressedSize);
  if (entry.method === 0) {
    let produced = 0;
    for await (const chunk of compressed) {
      produced += chunk.length;
      if (produced > limit) throw bomb(entry);
      yield chunk;
    }
    return;
  }
  const inflater = createInflateRaw({ chunkSize: 64 * 1024 });
  const feeding = (async () => {
    try {
      for await (const chunk of compressed) {
        if (inflater.destroyed) return; // the reader stopped early
        if (!inflater.write(chunk)) {
          await new Promise((resolve) => {
            inflater.once('drain', resolve);
            inflater.once('close', resolve);
          });
        }
      }
      if (!inflater.destroyed) inflater.end();
    } catch (error) {
      inflater.destroy(error as Error);
    }
  })();
  let produced = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      produced += chunk.length;
      if (produced > limit) throw bomb(entry);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    throw new FileProblem(
      'not_a_spreadsheet',
      `The workbook part ${entry.name} cannot be unzipped.`,
      entry.name,
    );
  } finally {
    inflater.destroy();
    await feeding;
  }
}

function bomb(entry: ZipEntry): FileProblem {
  return new FileProblem(
    'zip_bomb',
    `The workbook part ${entry.name} unzips to more than it declares: the file is damaged or crafted to exhaust memory.`,
    entry.name,
  );
}

async function* compressedChunks(source: ByteSource, start: number, length: number): AsyncIterable<Buffer> {
  let remaining = length;
  for await (const chunk of source.chunks(start)) {
    if (remaining <= 0) return;
    const part = chunk.length > remaining ? chunk.subarray(0, remaining) : chunk;
    remaining -= part.length;
    yield part;
  }
}
