/**
 * Colours for Coral's charts. Every palette here is safe for the common colour-vision deficiencies, and
 * no chart tells things apart by colour alone (suppressed cells are also hatched, dashed and labelled).
 */

/** Series colours: the Okabe–Ito palette, ordered so that neighbouring series contrast most. */
export const seriesColors = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000'];

/** Sequential colours for counts on the map, light (few) to dark (many): ColorBrewer YlGnBu. */
export const sequentialColors = ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#0c2c84'];

/** Viridis, for shares from 0 (dark violet) to 1 (yellow): perceptually even and colour-blind safe. */
export const viridisColors = [
  '#440154',
  '#482878',
  '#3e4989',
  '#31688e',
  '#26828e',
  '#1f9e89',
  '#35b779',
  '#6ece58',
  '#b5de2b',
  '#fde725',
];

/** Areas and cells without a figure. */
export const noDataColor = '#d9d9d9';

/** Hatching and outline of suppressed cells and areas. */
export const suppressedInk = '#4d4d4d';

/** Dark and light text, chosen per background by {@link readableTextColor}. */
const darkText = '#1a1a1a';
const lightText = '#ffffff';

function channels(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const toHex = (rgb: number[]) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/**
 * The colour at `t` (0..1, clamped) along evenly spaced stops, interpolated in sRGB.
 *
 * @example colorAt(['#000000', '#ffffff'], 0.5) // '#808080'
 */
export function colorAt(stops: readonly string[], t: number): string {
  const position = Math.min(Math.max(Number.isFinite(t) ? t : 0, 0), 1) * (stops.length - 1);
  const index = Math.min(Math.floor(position), stops.length - 2);
  const from = channels(stops[index] ?? '#000000');
  const to = channels(stops[index + 1] ?? stops[index] ?? '#000000');
  const f = position - index;
  return toHex(from.map((c, i) => c + ((to[i] ?? c) - c) * f));
}

/** Black or white text, whichever contrasts more with the background (WCAG relative luminance). */
export function readableTextColor(background: string): string {
  const [r, g, b] = channels(background).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number]; // channels() always yields three
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.179 ? darkText : lightText;
}

/** Diagonal hatching for suppressed bars and areas, in the given colour. */
export function hatch(color: string) {
  return {
    symbol: 'rect',
    symbolSize: 1,
    color,
    dashArrayX: [1, 0],
    dashArrayY: [2, 4],
    rotation: -Math.PI / 4,
  };
}
