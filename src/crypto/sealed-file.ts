import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rm, stat } from 'node:fs/promises';
import type { ByteSource } from '../interchange/source.js';
import { AppError } from '../platform/errors.js';

/** Plaintext bytes per sealed chunk. */
const chunkBytes = 1 << 20;
const ivBytes = 12;
const tagBytes = 16;
const magic = Buffer.from('CORALSF1');

/**
 * A file written in sealed chunks (AES-256-GCM, 1 MiB each, every chunk bound to its file, its place
 * and whether it is the last), so an upload waiting to be imported never lies on disk in clear text,
 * and can still be read from any offset (an XLSX is read from its end). Truncating, reordering or
 * altering chunks makes reading fail.
 */
export class SealedFileWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private index = 0;
  private size = 0;
  private readonly hash = createHash('sha256');

  private constructor(
    private readonly handle: Awaited<ReturnType<typeof open>>,
    private readonly key: Buffer,
    private readonly fileId: string,
    private readonly maxBytes: number,
  ) {}

  static async create(
    path: string,
    key: Buffer,
    fileId: string,
    maxBytes: number,
  ): Promise<SealedFileWriter> {
    const handle = await open(path, 'wx', 0o600);
    await handle.write(magic);
    return new SealedFileWriter(handle, key, fileId, maxBytes);
  }

  /** Adds bytes; false (and nothing more is kept) once the file would exceed its limit. */
  async write(bytes: Buffer): Promise<boolean> {
    this.size += bytes.length;
    if (this.size > this.maxBytes) return false;
    this.hash.update(bytes);
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    while (this.pendingBytes > chunkBytes) {
      const all = Buffer.concat(this.pending);
      await this.writeChunk(all.subarray(0, chunkBytes), false);
      this.pending = [all.subarray(chunkBytes)];
      this.pendingBytes = all.length - chunkBytes;
    }
    return true;
  }

  /** Seals the last chunk and closes; returns the plaintext size and SHA-256. */
  async finish(): Promise<{ size: number; sha256: string }> {
    await this.writeChunk(Buffer.concat(this.pending), true);
    await this.handle.close();
    return { size: this.size, sha256: this.hash.digest('hex') };
  }

  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }

  private async writeChunk(plaintext: Buffer, last: boolean): Promise<void> {
    const iv = randomBytes(ivBytes);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(chunkContext(this.fileId, this.index, last));
    const sealed = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(plaintext.length);
    await this.handle.write(Buffer.concat([iv, length, sealed, cipher.getAuthTag()]));
    this.index++;
  }
}

function chunkContext(fileId: string, index: number, last: boolean): Buffer {
  return Buffer.from(`coral-sealed-file:${fileId}:${index}:${last ? 'last' : 'more'}`);
}

/** Opens a sealed file for reading, as a byte source of its plaintext. */
export async function openSealedFile(path: string, key: Buffer, fileId: string): Promise<ByteSource> {
  const { size: sealedSize } = await stat(path);
  const stride = ivBytes + 4 + chunkBytes + tagBytes;
  const body = sealedSize - magic.length;
  const chunks = Math.max(1, Math.ceil(body / stride));
  const lastSealed = body - (chunks - 1) * stride;
  const size = (chunks - 1) * chunkBytes + Math.max(0, lastSealed - ivBytes - 4 - tagBytes);
  let cached: { index: number; plaintext: Buffer } | undefined;

  const readChunk = async (index: number): Promise<Buffer> => {
    if (cached?.index === index) return cached.plaintext;
    const handle = await open(path, 'r');
    try {
      const offset = magic.length + index * stride;
      const length = index === chunks - 1 ? lastSealed : stride;
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, offset);
      const iv = buffer.subarray(0, ivBytes);
      const declared = buffer.readUInt32BE(ivBytes);
      const sealed = buffer.subarray(ivBytes + 4, length - tagBytes);
      if (declared !== sealed.length) throw new Error('sealed file damaged');
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(chunkContext(fileId, index, index === chunks - 1));
      decipher.setAuthTag(buffer.subarray(length - tagBytes));
      const plaintext = Buffer.concat([decipher.update(sealed), decipher.final()]);
      cached = { index, plaintext };
      return plaintext;
    } finally {
      await handle.close();
    }
  };

  return {
    size,
    async read(offset, length) {
      const parts: Buffer[] = [];
      let at = offset;
      const end = Math.min(size, offset + length);
      while (at < end) {
        const index = Math.floor(at / chunkBytes);
        const plaintext = await readChunk(index);
        const start = at - index * chunkBytes;
        const take = Math.min(plaintext.length - start, end - at);
        parts.push(plaintext.subarray(start, start + take));
        at += take;
      }
      return Buffer.concat(parts);
    },
    async *chunks(start = 0) {
      for (let index = Math.floor(start / chunkBytes); index < chunks; index++) {
        const plaintext = await readChunk(index);
        yield index === Math.floor(start / chunkBytes)
          ? plaintext.subarray(start - index * chunkBytes)
          : plaintext;
      }
    },
  };
}

/** Makes the folder for sealed files (owner only). */
export async function ensurePrivateFolder(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  // A folder someone else made first (in a shared /tmp) could let them delete or hold back uploads.
  const info = await stat(folder);
  const uid = process.getuid?.();
  if (!info.isDirectory() || (uid !== undefined && info.uid !== uid)) {
    throw new AppError(
      'unavailable',
      `The import folder ${folder} belongs to another user; set CORAL_IMPORT_DIR to a folder of Coral's own.`,
    );
  }
  if ((info.mode & 0o077) !== 0) await chmod(folder, 0o700);
}

/** Removes a sealed file, if it is there. */
export async function removeSealedFile(path: string): Promise<void> {
  await rm(path, { force: true });
}
