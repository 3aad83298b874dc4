import { describe, expect, it } from 'vitest';
import { createDateReader, formatCompactDate } from './strptime.js';

/** The value as clkhash hashes it ('%Y%m%d'), or the reason it is refused. */
function read(format: string, value: string): string {
  const reading = createDateReader(format)(value);
  return reading.ok ? formatCompactDate(reading.date) : `refused: ${reading.reason}`;
}

// Expected results are CPython 3.11's datetime.strptime(…).strftime('%Y%m%d') on Linux.
describe('strptime', () => {
  it.each([
    ['%Y-%m-%d', '1999-2-3', '19990203'],
    ['%Y-%m-%d', '0999-12-31', '9991231'],
    ['%d %b %Y', ' 5 JAN 1999', '19990105'],
    ['%B %d, %Y', 'february  1, 2001', '20010201'],
    ['%y%m%d', '690101', '19690101'],
    ['%y%m%d', '680101', '20680101'],
    ['%j/%Y', '366/2001', '20020101'],
    ['%Y%m%d', '1999023', '19990203'],
    ['%A %d/%m/%Y', 'friday 01/01/2001', '20010101'],
    ['%d.%m.%Y %H:%M', '3.2.1999 1:5', '19990203'],
  ])('reads %s: %s', (format, value, expected) => {
    expect(read(format, value)).toBe(expected);
  });

  it.each([
    ['%Y-%m-%d', '1999-02-29', 'day is out of range for month'],
    ['%Y-%m-%d', '1999-02-03x', 'unconverted data remains'],
    ['%d %b %Y', '5 January 1999', 'does not match'],
    ['%H:%M:%S', '23:59:60', 'second must be in 0..59'],
  ])('refuses %s: %s', (format, value, reason) => {
    expect(read(format, value)).toContain(reason);
  });

  it('refuses formats it cannot reproduce', () => {
    expect(() => createDateReader('%Y-W%W')).toThrow(/not supported/);
    expect(() => createDateReader('%Y %Y')).toThrow(/twice/);
    expect(() => createDateReader('%Y%')).toThrow(/stray/);
  });
});
