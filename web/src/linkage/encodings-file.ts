import type { Encoding } from './api';

/** A line of the file that cannot be sent, with what is wrong with it (a translation key). */
export interface LineProblem {
  line: number;
  problem: 'notJson' | 'notEncoding';
}

/** A file made by `coral link encode`, read: its encodings, the line each came from, and its bad lines. */
export interface EncodingsFile {
  encodings: Encoding[];
  /** The file's line number (from 1) of each encoding, so the server's problems can name the line. */
  lines: number[];
  problems: LineProblem[];
}

/**
 * Reads a JSON Lines file of `{"id", "clk"}` objects, one per line; blank lines are skipped. Lines that
 * are not JSON, or not such an object, are reported by number rather than sent.
 *
 * @example
 * readEncodings('{"id":"6f1…","clk":"AAEC…"}\n').encodings.length; // 1
 */
export function readEncodings(text: string): EncodingsFile {
  const result: EncodingsFile = { encodings: [], lines: [], problems: [] };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      result.problems.push({ line, problem: 'notJson' });
      return;
    }
    if (!isEncoding(value)) {
      result.problems.push({ line, problem: 'notEncoding' });
      return;
    }
    result.encodings.push({ id: value.id, clk: value.clk });
    result.lines.push(line);
  });
  return result;
}

function isEncoding(value: unknown): value is Encoding {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entry = value as Record<string, unknown>;
  return typeof entry.id === 'string' && typeof entry.clk === 'string';
}

/**
 * The file line a problem the server found is about: its paths are "3.id" (a service check, by index)
 * or "body.encodings.3.clk" (request validation). Null when the path names no encoding.
 */
export function lineOfIssue(path: string, lines: readonly number[]): number | null {
  const match = /^(?:body\.)?(?:encodings\.)?(\d+)(?:\.|$)/.exec(path);
  if (!match) return null;
  return lines[Number(match[1])] ?? null;
}
