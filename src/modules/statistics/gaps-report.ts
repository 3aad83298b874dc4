import type { KindAssessment } from '../../indicators/gaps.js';
import { csvLine } from '../../interchange/writers.js';
import { entities } from '../../standard/entities/index.js';
import type { Language } from '../../standard/languages.js';

const headings: Record<Language, Record<string, string>> = {
  en: {
    title: 'Data-gap assessment',
    period: 'Period',
    records: 'Records',
    lag: 'Median days from identification to entry',
    disaggregations: 'Indicator disaggregations',
    recommendations: 'Recommendations',
    fields: 'Completeness of each field',
    field: 'Field',
    core: 'HTCDS core',
    complete: 'Filled in',
    unknown: 'Unknown',
    coverage: 'Coverage',
    producible: 'Can be produced',
    yes: 'yes',
    partly: 'partly',
    no: 'no',
  },
  es: {
    title: 'Evaluación de carencias de datos',
    period: 'Periodo',
    records: 'Registros',
    lag: 'Mediana de días entre identificación y registro',
    disaggregations: 'Desagregaciones de indicadores',
    recommendations: 'Recomendaciones',
    fields: 'Completitud de cada campo',
    field: 'Campo',
    core: 'Básico HTCDS',
    complete: 'Completo',
    unknown: 'Desconocido',
    coverage: 'Cobertura',
    producible: 'Se puede producir',
    yes: 'sí',
    partly: 'en parte',
    no: 'no',
  },
  fr: {
    title: 'Évaluation des lacunes de données',
    period: 'Période',
    records: 'Dossiers',
    lag: "Jours médians entre l'identification et la saisie",
    disaggregations: 'Ventilations des indicateurs',
    recommendations: 'Recommandations',
    fields: 'Complétude de chaque champ',
    field: 'Champ',
    core: 'Essentiel HTCDS',
    complete: 'Rempli',
    unknown: 'Inconnu',
    coverage: 'Couverture',
    producible: 'Peut être produite',
    yes: 'oui',
    partly: 'en partie',
    no: 'non',
  },
  nl: {
    title: 'Beoordeling van datalacunes',
    period: 'Periode',
    records: 'Dossiers',
    lag: 'Mediaan dagen van identificatie tot invoer',
    disaggregations: 'Uitsplitsingen van indicatoren',
    recommendations: 'Aanbevelingen',
    fields: 'Volledigheid per veld',
    field: 'Veld',
    core: 'HTCDS-kern',
    complete: 'Ingevuld',
    unknown: 'Onbekend',
    coverage: 'Dekking',
    producible: 'Te maken',
    yes: 'ja',
    partly: 'deels',
    no: 'nee',
  },
};

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);

/**
 * The data-gap assessment as a document to share (Markdown) or a table to analyse (CSV: one row per
 * field and kind). Holds only shares and counts, never a record.
 *
 * @example
 * gapsReport(await statistics.gaps(ctx, orgId, { from: 2020, to: 2024 }), 'markdown', 'en');
 */
export function gapsReport(
  assessment: { period: { from: number; to: number }; kinds: KindAssessment[] },
  format: 'markdown' | 'csv',
  language: Language,
): string {
  const h = headings[language];
  if (format === 'csv') {
    const lines = [csvLine(['kind', 'field', 'htcds', 'core', 'completeness', 'unknown_share', 'records'])];
    for (const kind of assessment.kinds) {
      for (const f of kind.fields) {
        lines.push(
          csvLine([
            kind.kind,
            f.path,
            f.htcds ?? '',
            f.core ? 'yes' : 'no',
            f.completeness === null ? '' : f.completeness.toFixed(3),
            f.unknownShare === null ? '' : f.unknownShare.toFixed(3),
            String(kind.records),
          ]),
        );
      }
    }
    return lines.join('');
  }
  const out = [`# ${h.title}`, '', `${h.period}: ${assessment.period.from}–${assessment.period.to}`, ''];
  for (const kind of assessment.kinds) {
    out.push(`## ${entities[kind.kind].label[language]}`, '');
    out.push(`- ${h.records}: ${kind.records}`);
    out.push(`- ${h.lag}: ${kind.medianLagDays ?? '—'}`, '');
    out.push(`### ${h.recommendations}`, '');
    for (const r of kind.recommendations) out.push(`- ${r.message[language]}`);
    out.push(
      '',
      `### ${h.disaggregations}`,
      '',
      `| | ${h.coverage} | ${h.producible} |`,
      '| --- | --- | --- |',
    );
    for (const d of kind.disaggregations) {
      out.push(`| ${d.framework} — ${d.label[language]} | ${percent(d.coverage)} | ${h[d.producible]} |`);
    }
    out.push(
      '',
      `### ${h.fields}`,
      '',
      `| ${h.field} | ${h.core} | ${h.complete} | ${h.unknown} |`,
      '| --- | --- | --- | --- |',
    );
    for (const f of kind.fields) {
      out.push(
        `| ${f.label[language]} (\`${f.path}\`) | ${f.core ? f.htcds : ''} | ${percent(f.completeness)} | ${percent(f.unknownShare)} |`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}
