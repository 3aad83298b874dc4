import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * Text as a spreadsheet cell that cannot run as a formula: a cell starting with = + - @, a tab or a
 * carriage return gets a leading apostrophe (OWASP's advice for CSV injection). Plain numbers, negative
 * ones included, are left alone.
 */
export function neutralise(text: string): string {
  if (!/^[=+\-@\t\r]/.test(text)) return text;
  if (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return text;
  return `'${text}`;
}

/**
 * A cell as written before `neutralise`: the apostrophe Coral put before `= + - @`, a tab or a return
 * is taken off again on import, so an export imports back to the same values.
 */
export function unneutralise(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** One CSV line (RFC 4180, CRLF), every cell neutralised and quoted when it must be. */
export function csvLine(cells: readonly string[], delimiter = ','): string {
  return `${cells
    .map((cell) => {
      const safe = neutralise(cell);
      return safe.includes('"') || safe.includes(delimiter) || safe.includes('\n') || safe.includes('\r')
        ? `"${safe.replace(/"/g, '""')}"`
        : safe;
    })
    .join(delimiter)}\r\n`;
}

/** Writes to a stream, waiting when it asks to (so a slow reader never makes Coral hold a whole file). */
export async function writeTo(out: Writable, chunk: string | Buffer): Promise<void> {
  if (out.destroyed || out.writableEnded) throw closedEarly();
  if (!out.write(chunk)) await drained(out);
  if (out.destroyed) throw closedEarly();
}

/**
 * Waits until a stream that asked to wait can take more, or fails if it closes or errs meanwhile (a
 * download the browser gave up). Whichever comes first; the other listeners go, or thousands would pile
 * up over a long export.
 */
export async function drained(out: Writable): Promise<void> {
  if (out.destroyed) throw closedEarly();
  if (!out.writableNeedDrain) return;
  const done = new AbortController();
  try {
    await Promise.race([
      once(out, 'drain', { signal: done.signal }),
      once(out, 'close', { signal: done.signal }),
      once(out, 'error', { signal: done.signal }),
    ]);
  } finally {
    done.abort();
  }
  if (out.destroyed) throw closedEarly();
}

const closedEarly = () => new Error('The output closed before the export ended.');
