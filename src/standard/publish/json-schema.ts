import { z } from 'zod';
import { codelists } from '../codelists/index.js';
import { entities } from '../entities/index.js';
import type { EntityId } from '../field.js';
import { entitySchemas } from '../schema.js';
import { standardVersion } from '../version.js';

/** A JSON Schema document (draft 2020-12). */
export type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema (draft 2020-12) of a record kind. Every property carries the English title and
 * description, and `x-coral-sensitivity`, `x-htcds`, `x-ctdc` and `x-unodc` where they apply.
 * Cross-field rules are not expressible in JSON Schema: a record the schema accepts may still fail them.
 */
export function entityJsonSchema(entityId: EntityId): JsonSchema {
  const generated = z.toJSONSchema(entitySchemas[entityId], {
    target: 'draft-2020-12',
    unrepresentable: 'any',
  });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `urn:coral:standard:${standardVersion}:${entityId}`,
    ...generated,
    title: entities[entityId].label.en,
    description: entities[entityId].help.en,
    'x-coral-standard-version': standardVersion,
  };
}

/** Every codelist, as data: codes, labels in every language, and their HTCDS and CTDC counterparts. */
export function codelistsDocument(): Record<string, unknown> {
  return Object.fromEntries(
    Object.values(codelists).map((list) => [
      list.id,
      { id: list.id, labels: list.labels, source: list.source, entries: list.entries },
    ]),
  );
}

/** The whole standard as one JSON document: version, a JSON Schema per record kind, codelists. */
export function standardDocument(): Record<string, unknown> {
  return {
    name: 'Coral Data Standard',
    version: standardVersion,
    entities: Object.fromEntries(
      Object.values(entities).map((entity) => [
        entity.id,
        {
          label: entity.label,
          help: entity.help,
          sections: entity.sections.map((section) => ({
            id: section.id,
            label: section.label,
            fields: section.fields.map((f) => f.id),
          })),
          jsonSchema: entityJsonSchema(entity.id),
        },
      ]),
    ),
    codelists: codelistsDocument(),
  };
}
