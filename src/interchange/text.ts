import { FileProblem } from './file-problem.js';

/** The text encodings Coral reads. Anything else should be saved as UTF-8 first. */
export const textEncodings = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type TextEncoding = (typeof textEncodings)[number];

/**
 * Guesses a text file's encoding from its first bytes: a byte-order mark decides; otherwise UTF-16 is
 * recognised by its zero bytes, valid UTF-8 is UTF-8, and anything else is taken as Windows-1252 (what
 * Excel on Windows writes for "CSV" in the Americas and western Europe).
 */
export function sniffEncoding(head: Uint8Array): { encoding: TextEncoding; bomLength: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  const sample = head.subarray(0, 4096);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) {
      if (i % 2 === 0) evenZeros++;
      else oddZeros++;
    }
  }
  const pairs = sample.length / 2;
  if (pairs >= 2 && oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05)
    return { encoding: 'utf-16le', bomLength: 0 };
  if (pairs >= 2 && evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05)
    return { encoding: 'utf-16be', bomLength: 0 };
  return { encoding: isUtf8(head) ? 'utf-8' : 'windows-1252', bomLength: 0 };
}

/** Whether bytes are valid UTF-8, ignoring a multi-byte character cut off at the very end. */
function isUtf8(bytes: Uint8Array): boolean {
  let end = bytes.length;
  // Back up over a trailing, possibly incomplete, sequence (at most 3 bytes).
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = bytes[end - back] ?? 0;
    if ((byte & 0xc0) === 0xc0) {
      end -= back;
      break;
    }
    if ((byte & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes chunks of bytes into chunks of text. Invalid bytes in UTF-8 or UTF-16 stop with a message
 * naming the byte and what to do, rather than turning into replacement characters silently.
 */
export async function* decodeText(
  chunks: AsyncIterable<Uint8Array>,
  encoding: TextEncoding,
  skipBytes = 0,
): AsyncIterable<string> {
  const decoder = new TextDecoder(encoding, { fatal: encoding !== 'windows-1252', ignoreBOM: true });
  let offset = 0;
  let skip = skipBytes;
  try {
    for await (const chunk of chunks) {
      let bytes = chunk;
      if (skip > 0) {
        const dropped = Math.min(skip, bytes.length);
        bytes = bytes.subarray(dropped);
        skip -= dropped;
        offset += dropped;
      }
      const text = decoder.decode(bytes, { stream: true });
      offset += bytes.length;
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    throw new FileProblem(
      'encoding',
      encoding === 'utf-8'
        ? `The file is not valid UTF-8 (near byte ${offset}). Save it as "CSV UTF-8", or import it choosing the Windows-1252 encoding.`
        : `The file is not valid ${encoding.toUpperCase()} (near byte ${offset}). Save it as "CSV UTF-8" and import it again.`,
      `byte ${offset}`,
    );
  }
}
