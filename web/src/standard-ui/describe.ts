import type { TFunction } from 'i18next';
import type { Codelist } from '../../../src/standard/codelists/codelist';
import { entities } from '../../../src/standard/entities/index';
import { type EntityId, type FieldDefinition, fieldAt } from '../../../src/standard/field';
import { isLanguage, type Language } from '../../../src/standard/languages';

/** The UI language as one of the standard's languages. */
export function standardLanguage(language: string): Language {
  const code = language.slice(0, 2);
  return isLanguage(code) ? code : 'en';
}

/** A code's label in a language, or the code itself when unknown. */
export function codeLabel(list: Codelist, code: string, language: Language): string {
  return list.entries.find((entry) => entry.code === code)?.labels[language] ?? code;
}

/** The field at a dotted path of a kind of record. */
export function fieldOf(kind: EntityId, path: string): FieldDefinition | undefined {
  return fieldAt(entities[kind], path.split('.'));
}

/** A value of a field as people read it, in a language. */
export function formatValue(
  field: FieldDefinition,
  value: unknown,
  language: Language,
  t: TFunction,
): string {
  const type = field.type;
  if (value === undefined || value === null) return '';
  switch (type.kind) {
    case 'code':
      return codeLabel(type.codelist, String(value), language);
    case 'codes':
      return Array.isArray(value)
        ? value.map((code) => codeLabel(type.codelist, String(code), language)).join(', ')
        : '';
    case 'flags': {
      const entries = Object.entries(value as Record<string, boolean>);
      const yes = entries
        .filter(([, flag]) => flag)
        .map(([code]) => codeLabel(type.codelist, code, language));
      const no = entries
        .filter(([, flag]) => !flag)
        .map(([code]) => codeLabel(type.codelist, code, language));
      return [yes.join(', '), no.length ? `${t('records.no')}: ${no.join(', ')}` : '']
        .filter(Boolean)
        .join(' · ');
    }
    case 'boolean':
      return value ? t('records.yes') : t('records.no');
    case 'references':
      return Array.isArray(value) ? String(value.length) : '';
    default:
      return String(value);
  }
}
