/** Formats a number for people, in the page's language. */
export type NumberFormat = (value: number) => string;

/** Whole and decimal numbers in the given locale (the browser's when none). */
export function numberFormat(locale?: string): NumberFormat {
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return (value) => format.format(value);
}

/** A share (0..1) as a whole percentage in the given locale, e.g. 0.873 → "87 %" in French. */
export function percentFormat(locale?: string): NumberFormat {
  const format = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  return (value) => format.format(value);
}

/** Text made safe to put in the HTML of a tooltip: labels come from data and could hold markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * One line of a tooltip: a colour swatch, a name and a value, all escaped.
 *
 * @example tooltipLine('#0072B2', 'Female', '12') // '<span …></span> Female: <strong>12</strong>'
 */
export function tooltipLine(color: string, name: string, value: string): string {
  const swatch = `<span style="display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;background:${escapeHtml(color)}"></span>`;
  return `${swatch}${escapeHtml(name)}: <strong>${escapeHtml(value)}</strong>`;
}
