import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isCountryCode } from '../../../src/standard/codelists/countries';
import type { Labels, Language } from '../../../src/standard/languages';
import { standardLanguage } from '../standard-ui/describe';
import type { CaribbeanMapLabels, HeatMapLabels, StatChartLabels } from './charts/index';

/** The page's language as one of the standard's, for the `{en, es, fr, nl}` labels the API sends. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return standardLanguage(i18n.language);
}

/** A label of the API in a language. */
export function pick(labels: Labels | undefined, language: Language): string {
  return labels?.[language] ?? labels?.en ?? '';
}

/**
 * A label as it reads inside a sentence: its first letter in lower case, unless it starts an acronym.
 *
 * @example inSentence('Gender') // 'gender'
 * @example inSentence('ISIC industry') // 'ISIC industry'
 */
export function inSentence(label: string): string {
  const [first = '', second = ''] = label;
  if (second && second === second.toUpperCase() && second !== second.toLowerCase()) return label;
  return first.toLowerCase() + label.slice(1);
}

/** A country's name from its ISO alpha-2 code, in a language (the code when unknown). */
export function countryLabel(code: string, language: Language): string {
  if (!isCountryCode(code)) return code;
  return new Intl.DisplayNames([language], { type: 'region', fallback: 'code' }).of(code) ?? code;
}

/** The download menu's texts, translated. */
function useDownloadLabels() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      download: t('stats.download'),
      png: t('stats.downloadPng'),
      svg: t('stats.downloadSvg'),
      csv: t('stats.downloadCsv'),
    }),
    [t],
  );
}

/** The texts of a statistics chart, stable while the language and value label stay the same. */
export function useChartLabels(value: string): StatChartLabels {
  const { t } = useTranslation();
  const download = useDownloadLabels();
  return useMemo(() => ({ ...download, suppressed: t('stats.suppressed'), value }), [download, t, value]);
}

/** The texts of the Caribbean map. */
export function useMapLabels(value: string): CaribbeanMapLabels {
  const { t } = useTranslation();
  const download = useDownloadLabels();
  return useMemo(
    () => ({
      ...download,
      suppressed: t('stats.suppressed'),
      noData: t('stats.noData'),
      country: t('stats.country'),
      code: t('stats.isoCode'),
      value,
    }),
    [download, t, value],
  );
}

/** The texts of the completeness heat map. */
export function useHeatMapLabels(rows: string, columns: string): HeatMapLabels {
  const { t } = useTranslation();
  const download = useDownloadLabels();
  return useMemo(
    () => ({ ...download, noData: t('stats.noData'), rows, columns }),
    [download, t, rows, columns],
  );
}
