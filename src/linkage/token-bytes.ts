import type { TextEncoding } from './python-text.js';

/**
 * Tokens written straight as the bytes clkhash hashes, into one reused buffer: the encoder's hot path
 * makes no string and no array per token. The bytes are those of `encodeText(token, encoding)` for the
 * token strings `ngrams` and `tokenize` give (the tests check both agree): UTF-8 for 'utf-8' and
 * 'ascii'; for 'utf-16' and 'utf-32' a byte-order mark, then little-endian code units.
 */

/**
 * Receives each token: its bytes are `bytes[0, length)` (valid until the next token); `index` counts
 * from 0 up to `count`, the number of tokens of the value.
 */
export type TokenSink = (bytes: Uint8Array, length: number, index: number, count: number) => void;

const space = 0x20;

/** A writer of one feature's tokens in one encoding; it keeps its buffers between values. */
export class TokenWriter {
  private bytes = new Uint8Array(256);
  private length = 0;
  private points = new Int32Array(64);

  constructor(private readonly encoding: TextEncoding) {}

  /**
   * Passes the n-grams of `value` to `sink` as bytes, in the order of `ngrams(value, n, positional)`:
   * over code points, padded with n − 1 spaces each side, prefixed with the 1-based position and a
   * space when positional. Returns the number of tokens.
   */
  ngrams(value: string, n: number, positional: boolean, sink: TokenSink): number {
    const count = this.readPoints(value, n - 1);
    if (count === 0) return 0;
    const points = this.points;
    for (let i = 0; i < n - 1; i++) {
      points[i] = space;
      points[count + n - 1 + i] = space;
    }
    const tokens = count + n - 1;
    for (let i = 0; i < tokens; i++) {
      // Room for the position (at most 16 digits), a space and n code points, 4 bytes each at most.
      this.start(4 * (n + 17));
      if (positional) {
        this.writeDecimal(i + 1);
        this.writePoint(space);
      }
      for (let j = i; j < i + n; j++) this.writePoint(points[j] as number);
      sink(this.bytes, this.length, i, tokens);
    }
    return tokens;
  }

  /** Passes whole token strings (exact and numeric comparisons) to `sink` as bytes. */
  strings(tokens: readonly string[], sink: TokenSink): void {
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as string;
      this.start(8 + 4 * token.length);
      for (let j = 0; j < token.length; j++) {
        const point = token.codePointAt(j) as number;
        if (point > 0xffff) j++;
        this.writePoint(point);
      }
      sink(this.bytes, this.length, i, tokens.length);
    }
  }

  /** Reads the code points of `value` into `points` from index `offset`; returns how many. */
  private readPoints(value: string, offset: number): number {
    if (this.points.length < value.length + 2 * offset) {
      this.points = new Int32Array(2 * (value.length + 2 * offset));
    }
    const points = this.points;
    let count = 0;
    for (let i = 0; i < value.length; i++) {
      const point = value.codePointAt(i) as number;
      if (point > 0xffff) i++;
      points[offset + count++] = point;
    }
    return count;
  }

  /** Starts a token with room for `room` more bytes, writing the byte-order mark where one is due. */
  private start(room: number): void {
    if (this.bytes.length < room + 8) this.bytes = new Uint8Array(2 * (room + 8));
    const bytes = this.bytes;
    this.length = 0;
    if (this.encoding === 'utf-16') {
      bytes[0] = 0xff;
      bytes[1] = 0xfe;
      this.length = 2;
    } else if (this.encoding === 'utf-32') {
      bytes[0] = 0xff;
      bytes[1] = 0xfe;
      bytes[2] = 0;
      bytes[3] = 0;
      this.length = 4;
    }
  }

  /** Writes a positive integer's decimal digits (without making a string). */
  private writeDecimal(value: number): void {
    let power = 1;
    while (power * 10 <= value) power *= 10;
    for (; power >= 1; power /= 10) this.writePoint(0x30 + (Math.floor(value / power) % 10));
  }

  private writePoint(point: number): void {
    const bytes = this.bytes;
    let at = this.length;
    if (this.encoding === 'utf-16') {
      if (point > 0xffff) {
        const high = 0xd800 + ((point - 0x10000) >> 10);
        const low = 0xdc00 + ((point - 0x10000) & 0x3ff);
        bytes[at++] = high & 0xff;
        bytes[at++] = high >> 8;
        bytes[at++] = low & 0xff;
        bytes[at++] = low >> 8;
      } else {
        bytes[at++] = point & 0xff;
        bytes[at++] = point >> 8;
      }
    } else if (this.encoding === 'utf-32') {
      bytes[at++] = point & 0xff;
      bytes[at++] = (point >> 8) & 0xff;
      bytes[at++] = point >> 16;
      bytes[at++] = 0;
    } else if (point < 0x80) {
      bytes[at++] = point;
    } else if (point < 0x800) {
      bytes[at++] = 0xc0 | (point >> 6);
      bytes[at++] = 0x80 | (point & 0x3f);
    } else if (point >= 0xd800 && point <= 0xdfff) {
      // A lone surrogate (only a missing-value replacement can hold one): U+FFFD, as TextEncoder writes.
      bytes[at++] = 0xef;
      bytes[at++] = 0xbf;
      bytes[at++] = 0xbd;
    } else if (point < 0x10000) {
      bytes[at++] = 0xe0 | (point >> 12);
      bytes[at++] = 0x80 | ((point >> 6) & 0x3f);
      bytes[at++] = 0x80 | (point & 0x3f);
    } else {
      bytes[at++] = 0xf0 | (point >> 18);
      bytes[at++] = 0x80 | ((point >> 12) & 0x3f);
      bytes[at++] = 0x80 | ((point >> 6) & 0x3f);
      bytes[at++] = 0x80 | (point & 0x3f);
    }
    this.length = at;
  }
}
