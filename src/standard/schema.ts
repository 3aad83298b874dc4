import { z } from 'zod';
import { codesOf } from './codelists/codelist.js';
import { entities } from './entities/index.js';
import { type EntityDefinition, type EntityId, type FieldDefinition, fieldsOf } from './field.js';

/** Dates Coral accepts: real calendar days from 1900 to 2100. */
export const earliestYear = 1900;
export const latestYear = 2100;

/**
 * The zod schema of one field, from its definition: the one source for validation, JSON Schema,
 * forms and import. Titles and descriptions are the English label and help.
 */
export function fieldSchema(field: FieldDefinition): z.ZodType {
  return baseSchema(field).meta({
    title: field.label.en,
    description: field.help.en,
    'x-coral-sensitivity': field.sensitivity,
    ...(field.htcds ? { 'x-htcds': field.htcds } : {}),
    ...(field.ctdc ? { 'x-ctdc': field.ctdc } : {}),
    ...(field.unodc ? { 'x-unodc': field.unodc } : {}),
  });
}

function baseSchema(field: FieldDefinition): z.ZodType {
  const type = field.type;
  switch (type.kind) {
    case 'text':
      return z
        .string()
        .min(1)
        .max(type.maxLength)
        .regex(/\S/)
        .refine((text) => !text.includes('\u0000'), { params: { code: 'control_character' } });
    case 'integer':
      return z.number().int().min(type.min).max(type.max);
    case 'decimal':
      return z.number().min(type.min).max(type.max);
    case 'boolean':
      return z.boolean();
    case 'date':
      return z.iso.date().refine(plausibleYear, { params: { code: 'implausible_date' } });
    case 'code':
      return z.enum(codesOf(type.codelist));
    case 'codes': {
      const codes = codesOf(type.codelist);
      return z
        .array(z.enum(codes))
        .max(codes.length)
        .refine(distinct, { params: { code: 'duplicate' } });
    }
    case 'flags':
      return z
        .object(Object.fromEntries(codesOf(type.codelist).map((code) => [code, z.boolean().optional()])))
        .strict();
    case 'reference':
      return z.uuid();
    case 'references':
      return z
        .array(z.uuid())
        .max(500)
        .refine(distinct, { params: { code: 'duplicate' } });
    case 'group':
      return objectSchema(type.fields);
    case 'list':
      return z.array(objectSchema(type.fields)).max(type.maxItems);
  }
}

/** A strict object of fields: unknown properties are refused, optional fields may be left out. */
export function objectSchema(fields: readonly FieldDefinition[]): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const field of fields) {
    const schema = fieldSchema(field);
    shape[field.id] = field.required ? schema : schema.optional();
  }
  return z.object(shape).strict();
}

/** The zod schema of a whole record of an entity. */
export function entitySchema(entity: EntityDefinition): z.ZodObject {
  return objectSchema(fieldsOf(entity)).meta({ title: entity.label.en, description: entity.help.en });
}

/** Built once: the schema of each entity. Immutable values, safe to share. */
export const entitySchemas: Readonly<Record<EntityId, z.ZodObject>> = {
  thbCase: entitySchema(entities.thbCase),
  somIncident: entitySchema(entities.somIncident),
  offender: entitySchema(entities.offender),
  proceeding: entitySchema(entities.proceeding),
};

function plausibleYear(date: string): boolean {
  const year = Number(date.slice(0, 4));
  return year >= earliestYear && year <= latestYear;
}

function distinct(values: readonly unknown[]): boolean {
  return new Set(values).size === values.length;
}
