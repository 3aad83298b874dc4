/**
 * The part of Python's `datetime.strptime` that a linkage schema's date format needs: clkhash parses a
 * date with the schema's strptime format and hashes it as `%Y%m%d`, so Coral must accept exactly the
 * values Python accepts and produce the same digits. The directive patterns, the leading-match rule
 * ("unconverted data remains") and the defaults (1900-01-01) follow CPython's `_strptime` in the C locale.
 */

/** A calendar date; months and days count from 1. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The outcome of reading one value: the date, or why it is not one (the reason never quotes the value). */
export type DateReading =
  | { readonly ok: true; readonly date: CalendarDate }
  | { readonly ok: false; readonly reason: string };

const monthNames = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const weekdayNames = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** Alternatives longest first, as CPython orders them, so that a longer name wins over its prefix. */
function alternatives(names: readonly string[]): string {
  return [...names].sort((a, b) => b.length - a.length).join('|');
}

/** The pattern of each supported directive, as CPython's `_strptime.TimeRE` has it for the C locale. */
const directivePatterns: Readonly<Record<string, string>> = {
  d: '3[01]|[12]\\d|0[1-9]|[1-9]| [1-9]',
  f: '[0-9]{1,6}',
  H: '2[0-3]|[01]\\d|\\d',
  I: '1[0-2]|0[1-9]|[1-9]',
  j: '36[0-6]|3[0-5]\\d|[12]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9]',
  m: '1[0-2]|0[1-9]|[1-9]',
  M: '[0-5]\\d|\\d',
  S: '6[01]|[0-5]\\d|\\d',
  w: '[0-6]',
  u: '[1-7]',
  y: '\\d\\d',
  Y: '\\d\\d\\d\\d',
  a: alternatives(weekdayNames.map((name) => name.slice(0, 3))),
  A: alternatives(weekdayNames),
  b: alternatives(monthNames.map((name) => name.slice(0, 3))),
  B: alternatives(monthNames),
  p: 'am|pm',
};

/** Characters CPython escapes in the literal parts of a format. */
const regexSpecial = /[\\.^$*+?(){}[\]|/]/;

interface CompiledFormat {
  readonly regex: RegExp;
  readonly directives: readonly string[];
}

function compileFormat(format: string): CompiledFormat {
  let source = '^';
  const directives: string[] = [];
  for (let i = 0; i < format.length; i++) {
    const char = format[i] as string;
    if (char === '%') {
      const directive = format[i + 1];
      i++;
      if (directive === undefined) throw new Error(`The date format '${format}' ends with a stray '%'.`);
      if (directive === '%') {
        source += '%';
        continue;
      }
      const pattern = directivePatterns[directive];
      if (pattern === undefined) {
        throw new Error(`The date format '${format}' uses '%${directive}', which is not supported.`);
      }
      if (directives.includes(directive)) {
        throw new Error(`The date format '${format}' uses '%${directive}' twice.`);
      }
      directives.push(directive);
      source += `(${pattern})`;
    } else if (/\s/.test(char)) {
      while (i + 1 < format.length && /\s/.test(format[i + 1] as string)) i++;
      source += '\\s+';
    } else {
      source += regexSpecial.test(char) ? `\\${char}` : char;
    }
  }
  return { regex: new RegExp(source, 'i'), directives };
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The date `dayOfYear - 1` days after 1 January of `year` (CPython lets day 366 of a common year roll over). */
function fromDayOfYear(year: number, dayOfYear: number): CalendarDate {
  let rest = dayOfYear;
  let month = 1;
  let current = year;
  while (rest > daysInMonth(current, month)) {
    rest -= daysInMonth(current, month);
    month++;
    if (month > 12) {
      month = 1;
      current++;
    }
  }
  return { year: current, month, day: rest };
}

function readFields(directives: readonly string[], groups: readonly string[]): DateReading {
  let year = 1900;
  let month = 1;
  let day = 1;
  let dayOfYear: number | undefined;
  for (const [index, directive] of directives.entries()) {
    const text = (groups[index] as string).toLowerCase();
    const number = Number.parseInt(text, 10);
    if (directive === 'Y') year = number;
    else if (directive === 'y') year = number <= 68 ? 2000 + number : 1900 + number;
    else if (directive === 'm') month = number;
    else if (directive === 'b' || directive === 'B')
      month = monthNames.findIndex((n) => n.startsWith(text)) + 1;
    else if (directive === 'd') day = number;
    else if (directive === 'j') dayOfYear = number;
    else if (directive === 'S' && number > 59) return { ok: false, reason: 'second must be in 0..59' };
  }
  if (year < 1) return { ok: false, reason: 'year 0 is out of range' };
  if (dayOfYear !== undefined) {
    const date = fromDayOfYear(year, dayOfYear);
    return date.year > 9999 ? { ok: false, reason: 'year is out of range' } : { ok: true, date };
  }
  if (day > daysInMonth(year, month)) return { ok: false, reason: 'day is out of range for month' };
  return { ok: true, date: { year, month, day } };
}

/**
 * A reader of dates in one strptime format. Throws when the format uses a directive CPython does not
 * know or that has no bearing on a date in a way Coral can reproduce (%c, %x, %X, %z, %Z, %U, %W, %G, %V).
 *
 * @example
 * const read = createDateReader('%d/%m/%Y');
 * read('03/02/1999'); // { ok: true, date: { year: 1999, month: 2, day: 3 } }
 * read('30/02/1999'); // { ok: false, reason: 'day is out of range for month' }
 */
export function createDateReader(format: string): (text: string) => DateReading {
  const { regex, directives } = compileFormat(format);
  return (text) => {
    const match = regex.exec(text);
    if (match === null) return { ok: false, reason: `does not match the format '${format}'` };
    if (match[0].length !== text.length)
      return { ok: false, reason: 'unconverted data remains after the date' };
    return readFields(directives, match.slice(1));
  };
}

/**
 * A date as strftime's `%Y%m%d` writes it on Linux (glibc does not pad years before 1000).
 *
 * @example
 * formatCompactDate({ year: 1999, month: 2, day: 3 }); // '19990203'
 */
export function formatCompactDate(date: CalendarDate): string {
  return `${date.year}${String(date.month).padStart(2, '0')}${String(date.day).padStart(2, '0')}`;
}
