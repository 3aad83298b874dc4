import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../../../src/platform/paths.js';
import type { ChartOption } from '../../../../web/src/stats/charts/chart-types.js';
import type { CaribbeanGeometry } from '../../../../web/src/stats/charts/map-options.js';

/** The option's series as a list, whatever form the option gives them in. */
export function seriesOf(option: ChartOption) {
  const series = option.series ?? [];
  return Array.isArray(series) ? series : [series];
}

/** What the option's tooltip shows for the given (partial) ECharts tooltip parameters. */
export function tooltipFor(option: ChartOption, params: object): string {
  const tooltip = Array.isArray(option.tooltip) ? option.tooltip[0] : option.tooltip;
  const formatter = tooltip?.formatter;
  if (typeof formatter !== 'function') throw new Error('The option has no tooltip formatter.');
  // The formatters read only a few fields of ECharts' parameters; the test gives just those.
  return String(formatter(params as Parameters<typeof formatter>[0], ''));
}

/** The geometry the map ships, as scripts/build-caribbean-geometry.mjs wrote it. */
export function readCaribbeanGeometry(): CaribbeanGeometry {
  return JSON.parse(
    readFileSync(join(packageRoot(), 'web', 'src', 'stats', 'charts', 'caribbean.geo.json'), 'utf8'),
  );
}
