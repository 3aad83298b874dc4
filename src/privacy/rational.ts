/**
 * Exact rational numbers for privacy budgets: ε is a fraction of whole numbers, added and compared
 * without rounding, in BigInt where sums outgrow safe integers.
 */

/** A rational number: numerator and denominator are safe integers, the denominator at least 1. */
export interface Rational {
  numerator: number;
  denominator: number;
}

/** A rational in BigInt, for exact arithmetic past 2^53. Not necessarily reduced. */
export interface Exact {
  num: bigint;
  den: bigint;
}

export const one: Exact = { num: 1n, den: 1n };

export function checkRational(value: Rational, what: string, { positive }: { positive: boolean }): Exact {
  const { numerator, denominator } = value;
  const least = positive ? 1 : 0;
  if (
    !Number.isSafeInteger(numerator) ||
    numerator < least ||
    !Number.isSafeInteger(denominator) ||
    denominator < 1
  ) {
    const kind = positive ? 'positive' : 'non-negative';
    throw new RangeError(
      `${what} must be a ${kind} fraction of whole numbers, not ${numerator}/${denominator}.`,
    );
  }
  return { num: BigInt(numerator), den: BigInt(denominator) };
}

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

export function reduce({ num, den }: Exact): Exact {
  const divisor = gcd(num, den);
  return divisor === 0n ? { num: 0n, den: 1n } : { num: num / divisor, den: den / divisor };
}

export function add(a: Exact, b: Exact): Exact {
  return reduce({ num: a.num * b.den + b.num * a.den, den: a.den * b.den });
}

export function subtract(a: Exact, b: Exact): Exact {
  return reduce({ num: a.num * b.den - b.num * a.den, den: a.den * b.den });
}

export function exceeds(a: Exact, b: Exact): boolean {
  return a.num * b.den > b.num * a.den;
}

export const isSafe = (value: bigint) =>
  value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= -BigInt(Number.MAX_SAFE_INTEGER);

/** A reduced rational back in safe integers, or undefined when it does not fit. */
export function toRational(value: Exact): Rational | undefined {
  const { num, den } = reduce(value);
  return isSafe(num) && isSafe(den) ? { numerator: Number(num), denominator: Number(den) } : undefined;
}

/**
 * A rational as a person writes it: "1/3", or "2" when it is whole.
 *
 * @example
 * formatRational({ numerator: 1, denominator: 3 }); // '1/3'
 */
export function formatRational({ numerator, denominator }: Rational): string {
  return denominator === 1 ? `${numerator}` : `${numerator}/${denominator}`;
}

/** "n/d", unreduced; undefined if the text is not a fraction of whole numbers. */
function readFraction(text: string): Exact | undefined {
  const match = /^(\d+)\s*\/\s*(\d+)$/.exec(text);
  return match ? { num: BigInt(match[1] ?? '0'), den: BigInt(match[2] ?? '1') } : undefined;
}

/** "2", "0.25", ".25" as n/10^d, unreduced; undefined if the text is not such a decimal. */
function readDecimal(text: string): Exact | undefined {
  const match = /^(\d*)(?:\.(\d+))?$/.exec(text);
  const [whole, decimals] = [match?.[1] ?? '', match?.[2] ?? ''];
  if (whole === '' && decimals === '') return undefined;
  return { num: BigInt(`${whole}${decimals}`), den: 10n ** BigInt(decimals.length) };
}

/**
 * Reads ε as a positive decimal ("0.5", "2", ".25") or fraction ("1/3"), exactly. Anything else (zero,
 * negatives, exponents, "Infinity") is refused with a RangeError that says what to write instead.
 *
 * @example
 * parseEpsilon('0.5'); // { numerator: 1, denominator: 2 }
 * parseEpsilon('1/3'); // { numerator: 1, denominator: 3 }
 */
export function parseEpsilon(text: string): Rational {
  const exact = readFraction(text.trim()) ?? readDecimal(text.trim());
  if (exact === undefined || exact.num === 0n || exact.den === 0n) {
    throw new RangeError(
      `ε must be a number greater than 0, written as a decimal such as 0.5 or a fraction such as 1/3, not "${text}".`,
    );
  }
  const rational = toRational(exact);
  if (rational === undefined) {
    throw new RangeError(`ε "${text}" has too many digits to be used exactly; round it, e.g. to 0.001.`);
  }
  return rational;
}
