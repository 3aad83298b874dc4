import { excelSerialToIso } from './xlsx.js';

/** How to read dates written with slashes or dots: day first (most of the Caribbean) or month first. */
export const dateOrders = ['DMY', 'MDY'] as const;
export type DateOrder = (typeof dateOrders)[number];

/**
 * A date cell as an ISO date, or undefined when it is not one. Understands ISO (`2023-01-31`, with or
 * without a time), Excel serial numbers (`44957`, as exported from unformatted cells), and
 * `31/01/2023`, `31.01.2023`, `31-01-2023` in the given order (a day above 12 settles it either way).
 */
export function parseDateCell(value: string, order: DateOrder = 'DMY'): string | undefined {
  const text = value.trim();
  const iso =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (iso) return realDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  if (/^\d{4,5}(\.\d+)?$/.test(text)) {
    const serial = Number(text);
    // 1 January 1920 to 31 December 2100: a plausible date, not a year or a count.
    if (serial >= 7306 && serial <= 73415) return excelSerialToIso(Math.floor(serial)).slice(0, 10);
    return undefined;
  }
  const parts = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (parts) {
    const a = Number(parts[1]);
    const b = Number(parts[2]);
    const year = Number(parts[3]);
    const dayFirst = a > 12 ? true : b > 12 ? false : order === 'DMY';
    return dayFirst ? realDate(year, b, a) : realDate(year, a, b);
  }
  const ymd = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(text);
  if (ymd) return realDate(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
  return undefined;
}

function realDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return date.toISOString().slice(0, 10);
}

/** A yes/no cell in any of Coral's languages (and the usual spreadsheet spellings), or undefined. */
export function parseBooleanCell(value: string): boolean | undefined {
  const text = value.trim().toLowerCase();
  if (['true', 'yes', 'y', '1', 'sí', 'si', 'oui', 'o', 'ja', 'j', 'x', 'wi'].includes(text)) return true;
  if (['false', 'no', 'n', '0', 'non', 'nee', 'nein'].includes(text)) return false;
  return undefined;
}

/** A number cell (`1234`, `1234.5`, `1 234,5` is not accepted: ambiguous), or undefined. */
export function parseNumberCell(value: string): number | undefined {
  const text = value.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  const number = Number(text);
  return Number.isFinite(number) ? number : undefined;
}

/** Text reduced for matching headers and values: no accents, no case, letters and digits only. */
export function squash(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
