import { open, stat } from 'node:fs/promises';

/**
 * The bytes of a file being imported, wherever they are kept: a file on disk (the command line) or a
 * sealed staging file (uploads). Readers ask for ranges (an XLSX is a zip, read from its end) or for
 * the whole in order.
 */
export interface ByteSource {
  /** Size in bytes. */
  readonly size: number;
  /** `length` bytes from `offset` (fewer only at the end). */
  read(offset: number, length: number): Promise<Buffer>;
  /** The bytes from `start` to the end, in order, in chunks. */
  chunks(start?: number): AsyncIterable<Buffer>;
}

const chunkSize = 1 << 20;

/** A file on disk as a byte source. */
export async function fileSource(path: string): Promise<ByteSource> {
  const { size } = await stat(path);
  return {
    size,
    async read(offset, length) {
      const handle = await open(path, 'r');
      try {
        const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    async *chunks(start = 0) {
      const handle = await open(path, 'r');
      try {
        for (let offset = start; offset < size; offset += chunkSize) {
          const buffer = Buffer.alloc(Math.min(chunkSize, size - offset));
          const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
          if (bytesRead === 0) break;
          yield buffer.subarray(0, bytesRead);
        }
      } finally {
        await handle.close();
      }
    },
  };
}

/** Bytes in memory as a byte source (tests, small files). */
export function bufferSource(bytes: Uint8Array): ByteSource {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    size: buffer.length,
    read: async (offset, length) => buffer.subarray(offset, offset + length),
    async *chunks(start = 0) {
      for (let offset = start; offset < buffer.length; offset += chunkSize) {
        yield buffer.subarray(offset, offset + chunkSize);
      }
    },
  };
}
