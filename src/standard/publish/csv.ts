import { entities } from '../entities/index.js';
import { type EntityId, walkFields } from '../field.js';
import { describeType } from './markdown.js';

const columns = [
  'entity',
  'path',
  'type',
  'required',
  'sensitivity',
  'htcds',
  'ctdc',
  'unodc',
  'label_en',
  'label_es',
  'label_fr',
  'label_nl',
  'help_en',
];

/** Quotes a CSV cell (RFC 4180), and neutralises cells a spreadsheet would run as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The standard's fields as CSV, one row per field (nested fields by their dotted path). */
export function renderStandardCsv(
  entityIds: readonly EntityId[] = Object.keys(entities) as EntityId[],
): string {
  const rows = [columns.join(',')];
  for (const id of entityIds) {
    walkFields(
      entities[id].sections.flatMap((s) => s.fields),
      (field, path) => {
        const values = [
          id,
          path,
          describeType(field.type).replace(/\[([^\]]+)\]\([^)]+\)/, '$1'),
          field.required ? 'yes' : '',
          field.sensitivity,
          field.htcds ?? '',
          field.ctdc ?? '',
          field.unodc ?? '',
          field.label.en,
          field.label.es,
          field.label.fr,
          field.label.nl,
          field.help.en,
        ];
        rows.push(values.map(csvCell).join(','));
      },
    );
  }
  return `${rows.join('\r\n')}\r\n`;
}
