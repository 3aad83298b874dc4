/**
 * Python's readings of text that clkhash relies on, redone in TypeScript so that a value Coral accepts
 * is one clkhash accepts, and is hashed the same: `int(text, 10)`, `float(text)`, `round()`, `re`
 * patterns, and `str.encode()` for the encodings a linkage schema may name.
 */

/** What `str.strip()` removes: the characters for which `str.isspace()` holds. */
const pythonSpace =
  '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const stripPattern = new RegExp(`^${pythonSpace}+|${pythonSpace}+$`, 'g');

/** `str.strip()`. */
export function pythonStrip(text: string): string {
  return text.replace(stripPattern, '');
}

/**
 * `int(text, 10)`: surrounding white space, a sign, and underscores between digits are allowed; leading
 * zeros are too. Only ASCII digits are read (Python also reads other scripts' digits).
 *
 * @example
 * parsePythonInt(' +0_12 '); // 12n
 * parsePythonInt('1.5'); // undefined
 */
export function parsePythonInt(text: string): bigint | undefined {
  const stripped = pythonStrip(text);
  if (!/^[+-]?\d(?:_?\d)*$/.test(stripped)) return undefined;
  return BigInt(stripped.replaceAll('_', ''));
}

/**
 * `float(text)` for finite decimal numbers (Python also reads 'inf' and 'nan', which no numeric
 * comparison can use).
 *
 * @example
 * parsePythonFloat('2.5e1'); // 25
 */
export function parsePythonFloat(text: string): number | undefined {
  const stripped = pythonStrip(text);
  const digits = '\\d(?:_?\\d)*';
  const literal = new RegExp(`^[+-]?(?:(?:${digits})?\\.${digits}|${digits}\\.?)(?:[eE][+-]?${digits})?$`);
  if (!literal.test(stripped)) return undefined;
  const value = Number(stripped.replaceAll('_', ''));
  return Number.isFinite(value) ? value : undefined;
}

/**
 * `round(x)` for a float: to the nearest integer, ties to even (JavaScript's Math.round rounds ties up).
 *
 * @example
 * roundHalfEven(2.5); // 2
 */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const difference = value - floor;
  if (difference > 0.5) return floor + 1;
  if (difference < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Python's global inline flags that have a JavaScript equivalent. */
const inlineFlags: Readonly<Record<string, string>> = { i: 'i', m: 'm', s: 's', u: '', a: '' };

/**
 * A Python `re` pattern as a JavaScript RegExp that matches the whole text, as `re.fullmatch` does.
 * Named groups (`(?P<name>…)`, `(?P=name)`), `\A`, `\Z` and leading inline flags (`(?i)`, `(?m)`,
 * `(?s)`) are translated; throws a SyntaxError for a pattern JavaScript cannot compile.
 *
 * @example
 * fullMatchPattern('(?P<area>\\d{3})-\\d{4}').test('555-1234'); // true
 */
export function fullMatchPattern(pattern: string): RegExp {
  let body = pattern;
  let flags = '';
  const leading = /^\(\?([a-zA-Z]+)\)/.exec(body);
  if (leading) {
    for (const flag of leading[1] as string) {
      const equivalent = inlineFlags[flag];
      if (equivalent === undefined) throw new SyntaxError(`The inline flag '${flag}' is not supported.`);
      flags += equivalent;
    }
    body = body.slice(leading[0].length);
  }
  body = body
    .replaceAll('(?P<', '(?<')
    .replace(/\(\?P=(\w+)\)/g, '\\k<$1>')
    .replaceAll('\\A', '^')
    .replaceAll('\\Z', '$');
  const source = `^(?:${body})$`;
  try {
    // Code points, as Python's str patterns see them.
    return new RegExp(source, `${flags}u`);
  } catch {
    // Python accepts escapes such as '\-' that Unicode mode rejects.
    return new RegExp(source, flags);
  }
}

/** Encodings a linkage schema may name for a string feature. */
export type TextEncoding = 'ascii' | 'utf-8' | 'utf-16' | 'utf-32';

/** Whether `str.encode(encoding)` would succeed (no lone surrogates; ASCII only for 'ascii'). */
export function canEncode(text: string, encoding: TextEncoding): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) continue;
    if (encoding === 'ascii') return false;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      // A high surrogate must be followed by a low one; the pair is one code point.
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return false;
    }
  }
  return true;
}

/**
 * `str.encode(encoding)`. Python's 'utf-16' and 'utf-32' codecs put a byte-order mark before the text and
 * write little-endian (on the machines clkhash runs on), so every token hashed under them starts with it.
 *
 * @example
 * encodeText('a', 'utf-16'); // Uint8Array [0xff, 0xfe, 0x61, 0x00]
 */
export function encodeText(text: string, encoding: TextEncoding): Uint8Array {
  if (encoding === 'utf-8' || encoding === 'ascii') return new TextEncoder().encode(text);
  if (encoding === 'utf-16') {
    return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  }
  const codePoints = Array.from(text, (char) => char.codePointAt(0) as number);
  const bytes = new Uint8Array(4 + codePoints.length * 4);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0xfeff, true);
  for (const [index, codePoint] of codePoints.entries()) view.setUint32(4 + index * 4, codePoint, true);
  return bytes;
}
