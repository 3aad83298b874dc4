import type { ChartOption } from './chart-types';
import { type CsvValue, safeFileName, toCsv } from './csv';
import { echarts } from './echarts';

/**
 * Hands a file to the browser's downloads: an object URL clicked through a hidden `<a download>`.
 * The URL is revoked a moment later, once the browser has taken the file.
 */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function dataUrlToBlob(dataUrl: string): Blob {
  const [head = '', base64 = ''] = dataUrl.split(',');
  const type = /data:([^;]+)/.exec(head)?.[1] ?? 'application/octet-stream';
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type });
}

/** The chart on the page as a PNG at twice its size, on white. */
export function downloadPng(chart: echarts.EChartsType, fileName: string): void {
  const dataUrl = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
  downloadBlob(dataUrlToBlob(dataUrl), `${safeFileName(fileName)}.png`);
}

/**
 * The chart as SVG: the same option drawn by a throw-away server-side-rendering instance of the given
 * size, without animation, on white.
 */
export function downloadSvg(
  option: ChartOption,
  size: { width: number; height: number },
  fileName: string,
): void {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: size.width,
    height: size.height,
  });
  try {
    chart.setOption({ ...option, animation: false, backgroundColor: '#fff' });
    const svg = chart.renderToSVGString();
    downloadBlob(new Blob([svg], { type: 'image/svg+xml' }), `${safeFileName(fileName)}.svg`);
  } finally {
    chart.dispose();
  }
}

/** Rows as a UTF-8 CSV file, with a byte-order mark so that spreadsheets read accents right. */
export function downloadCsv(rows: CsvValue[][], fileName: string): void {
  downloadBlob(
    new Blob(['\uFEFF', toCsv(rows)], { type: 'text/csv;charset=utf-8' }),
    `${safeFileName(fileName)}.csv`,
  );
}
