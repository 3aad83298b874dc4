import { describe, expect, it } from 'vitest';
import {
  canEncode,
  encodeText,
  fullMatchPattern,
  parsePythonFloat,
  parsePythonInt,
  roundHalfEven,
} from './python-text.js';

describe("Python's readings of text", () => {
  it('reads integers as int(text, 10) does', () => {
    expect(parsePythonInt(' +0_12 ')).toBe(12n);
    expect(parsePythonInt('-7')).toBe(-7n);
    expect(parsePythonInt('98765432109876543210')).toBe(98765432109876543210n);
    for (const text of ['', '1.5', '1__0', '_1', '0x10', '1 2']) expect(parsePythonInt(text)).toBeUndefined();
  });

  it('reads floats as float(text) does, finite ones only', () => {
    expect(parsePythonFloat(' 1_0.5e1 ')).toBe(105);
    expect(parsePythonFloat('.5')).toBe(0.5);
    expect(parsePythonFloat('5.')).toBe(5);
    for (const text of ['inf', 'nan', 'e5', '1e', '']) expect(parsePythonFloat(text)).toBeUndefined();
  });

  it('rounds ties to even as round() does', () => {
    expect([0.5, 1.5, 2.5, -2.5, 3.5, 2.4999].map(roundHalfEven)).toEqual([0, 2, 2, -2, 4, 2]);
  });

  it('matches whole values with Python patterns', () => {
    expect(fullMatchPattern('[A-Z]{2}\\d{3}').test('AB123')).toBe(true);
    expect(fullMatchPattern('[A-Z]{2}\\d{3}').test('AB1234')).toBe(false);
    expect(fullMatchPattern('(?P<a>x)(?P=a)').test('xx')).toBe(true);
    expect(fullMatchPattern('(?i)abc').test('ABC')).toBe(true);
    expect(fullMatchPattern('a\\-b').test('a-b')).toBe(true);
    expect(() => fullMatchPattern('(?x)a b')).toThrow(SyntaxError);
  });

  it('encodes as str.encode does, with a byte-order mark for UTF-16 and UTF-32', () => {
    expect([...encodeText('é', 'utf-8')]).toEqual([0xc3, 0xa9]);
    expect([...encodeText('a', 'utf-16')]).toEqual([0xff, 0xfe, 0x61, 0x00]);
    expect([...encodeText('😀', 'utf-32')]).toEqual([0xff, 0xfe, 0, 0, 0x00, 0xf6, 0x01, 0x00]);
    expect(canEncode('é', 'ascii')).toBe(false);
    expect(canEncode('\ud800', 'utf-8')).toBe(false);
  });
});
