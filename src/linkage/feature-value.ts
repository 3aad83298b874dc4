import type { FeatureFormat, HashedFeature } from './linkage-schema.js';
import { canEncode, fullMatchPattern, parsePythonInt, type TextEncoding } from './python-text.js';
import { createDateReader, formatCompactDate } from './strptime.js';

/**
 * The text clkhash tokenises for a feature's value, or why the value does not fit the feature's format.
 * Reasons never quote the value: it is personal data.
 */
export type PreparedValue =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly code: string; readonly reason: string };

type Check = (value: string) => PreparedValue;

const accept = (text: string): PreparedValue => ({ ok: true, text });
const reject = (code: string, reason: string): PreparedValue => ({ ok: false, code, reason });

/** The number of code points of `text` (a surrogate pair is one), as Python's `len`. */
function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--;
        i++;
      }
    }
  }
  return length;
}

/** Whether `text` is 1 to 15 ASCII digits: an integer that a double holds exactly. */
function isShortDigits(text: string): boolean {
  if (text.length === 0 || text.length > 15) return false;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x30 || unit > 0x39) return false;
  }
  return true;
}

function stringCheck(format: Extract<FeatureFormat, { type: 'string' }>): Check {
  if (format.pattern !== undefined) {
    const regex = fullMatchPattern(format.pattern);
    return (value) => (regex.test(value) ? accept(value) : reject('pattern', 'does not match the pattern'));
  }
  const { minLength, maxLength, case: letterCase } = format;
  return (value) => {
    const length = codePointLength(value);
    if (minLength !== undefined && length < minLength) {
      return reject('too_short', `has fewer than ${minLength} characters`);
    }
    if (maxLength !== undefined && length > maxLength) {
      return reject('too_long', `has more than ${maxLength} characters`);
    }
    if (letterCase === 'upper' && value.toUpperCase() !== value)
      return reject('case', 'is not in upper case');
    if (letterCase === 'lower' && value.toLowerCase() !== value)
      return reject('case', 'is not in lower case');
    return accept(value);
  };
}

function integerCheck(format: Extract<FeatureFormat, { type: 'integer' }>): Check {
  return (value) => {
    if (isShortDigits(value)) {
      // The common case, without BigInt: plain digits, exact as a double (leading zeros dropped).
      const number = Number(value);
      if (format.minimum !== undefined && number < format.minimum) {
        return reject('too_small', `is less than ${format.minimum}`);
      }
      if (format.maximum !== undefined && number > format.maximum) {
        return reject('too_large', `is more than ${format.maximum}`);
      }
      return accept(String(number));
    }
    const number = parsePythonInt(value);
    if (number === undefined) return reject('not_integer', 'is not an integer');
    if (format.minimum !== undefined && number < BigInt(format.minimum)) {
      return reject('too_small', `is less than ${format.minimum}`);
    }
    if (format.maximum !== undefined && number > BigInt(format.maximum)) {
      return reject('too_large', `is more than ${format.maximum}`);
    }
    return accept(number.toString());
  };
}

function dateCheck(format: Extract<FeatureFormat, { type: 'date' }>): Check {
  const read = createDateReader(format.format);
  return (value) => {
    const reading = read(value);
    if (!reading.ok)
      return reject('not_date', `is not a date in the format '${format.format}': ${reading.reason}`);
    return accept(formatCompactDate(reading.date));
  };
}

function enumCheck(format: Extract<FeatureFormat, { type: 'enum' }>): Check {
  const values = new Set(format.values);
  return (value) =>
    values.has(value) ? accept(value) : reject('not_allowed', 'is not one of the allowed values');
}

function formatCheck(format: FeatureFormat): Check {
  switch (format.type) {
    case 'string':
      return stringCheck(format);
    case 'integer':
      return integerCheck(format);
    case 'date':
      return dateCheck(format);
    case 'enum':
      return enumCheck(format);
  }
}

/** The encoding of a feature's tokens: the string format's, UTF-8 for every other format. */
export function featureEncoding(feature: HashedFeature): TextEncoding {
  return feature.format.type === 'string' ? feature.format.encoding : 'utf-8';
}

/**
 * The value preparation of one feature, as clkhash's `FieldSpec.validate` then `format_value`: the
 * missing-value sentinel is replaced (by `replaceWith`, or kept as it is) without any check; any other
 * value must be encodable and fit the format, and integers and dates are normalised (' +07' → '7',
 * '03/02/1999' with '%d/%m/%Y' → '19990203').
 *
 * @example
 * const prepare = createValuePreparer(feature); // { format: { type: 'integer' }, … }
 * prepare('007'); // { ok: true, text: '7' }
 */
export function createValuePreparer(feature: HashedFeature): (value: string) => PreparedValue {
  const check = formatCheck(feature.format);
  const encoding = featureEncoding(feature);
  const missing = feature.hashing.missingValue;
  return (value) => {
    if (missing !== undefined && value === missing.sentinel)
      return accept(missing.replaceWith ?? missing.sentinel);
    if (!canEncode(value, encoding)) return reject('encoding', `cannot be encoded as ${encoding}`);
    return check(value);
  };
}
