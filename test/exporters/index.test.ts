/**
 * The registry contract (STYLE.md §1): schemas, generated types and registered exporters match
 * one to one, every schema field is described, ids and paths are well formed. That generated/ is
 * current is test/pipeline/commands/generate.test.ts.
 */
import { describe, expect, test } from 'vitest';
import { exporters } from '../../exporters/index.ts';
import { renderGeneratedTypes, typeFileFor } from '../../pipeline/generate-types.ts';
import { createAjv, createSchemaRegistry, expectedSchemaId, loadSchemaFiles } from '../../pipeline/schema-registry.ts';
import { isCachePreset } from '../../pipeline/cache-policy.ts';
import { placeholdersOf } from '../../pipeline/paths.ts';

const schemaFiles = (await loadSchemaFiles()).filter((f) => !f.file.startsWith('_shared/'));

describe('registry', () => {
  test('every schema has exactly one exporter and every exporter one schema', () => {
    const exporterSchemas = exporters.map((e) => e.schema).sort();
    expect(exporterSchemas).toEqual(schemaFiles.map((f) => f.id).sort());
    expect(new Set(exporterSchemas).size).toBe(exporterSchemas.length);
  });

  test('schema $ids follow their file paths and exporter ids follow the schema family', () => {
    for (const file of schemaFiles) expect(file.id).toBe(expectedSchemaId(file.file));
    for (const exporter of exporters) {
      expect(exporter.id).toMatch(/^[a-z]+\.[a-z][a-z-]*$/);
      const schemaFile = schemaFiles.find((f) => f.id === exporter.schema)!.file;
      expect(schemaFile.split('/')[0], `${exporter.id} lives in the family of its schema`).toBe(exporter.id.split('.')[0]);
    }
  });

  test('exporter ids are unique, cache presets exist and paths are relative JSON templates', () => {
    expect(new Set(exporters.map((e) => e.id)).size).toBe(exporters.length);
    for (const e of exporters) {
      if (typeof e.cache === 'string') expect(isCachePreset(e.cache), e.id).toBe(true);
      expect(e.path).toMatch(/^[a-z][a-z0-9/{}_-]*\.json$/);
      for (const alias of e.aliases ?? []) expect(placeholdersOf(alias.path)).toEqual([]);
      expect(e.triggers.length).toBeGreaterThan(0);
    }
  });

  test('every schema has its generated type file', async () => {
    const types = await renderGeneratedTypes();
    for (const file of schemaFiles) expect(types.has(typeFileFor(file.file)), file.file).toBe(true);
  });

  test('every schema compiles under ajv strict mode, and every property is described', async () => {
    const registry = await createSchemaRegistry();
    const strict = createAjv();
    for (const file of await loadSchemaFiles()) strict.addSchema(file.schema);
    const undescribed: string[] = [];
    const visit = (node: unknown, where: string) => {
      if (!node || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      if (record.properties && typeof record.properties === 'object') {
        for (const [name, prop] of Object.entries(record.properties as Record<string, Record<string, unknown>>)) {
          const described = typeof prop.description === 'string' || (typeof prop.$ref === 'string' && !prop.$ref.startsWith('#'));
          if (!described) undescribed.push(`${where}/${name}`);
          visit(prop, `${where}/${name}`);
        }
      }
      for (const key of ['$defs', 'items', 'anyOf']) {
        const child = record[key];
        if (Array.isArray(child)) child.forEach((c, i) => visit(c, `${where}/${key}/${i}`));
        else if (child && typeof child === 'object') {
          if (key === '$defs') for (const [n, c] of Object.entries(child)) visit(c, `${where}/$defs/${n}`);
          else visit(child, `${where}/${key}`);
        }
      }
    };
    for (const file of await loadSchemaFiles()) {
      visit(file.schema, file.file);
      if (!file.file.startsWith('_shared/')) {
        expect(() => strict.compile({ $ref: file.id }), file.file).not.toThrow();
        expect(registry.validator(file.id)).toBeTypeOf('function');
      }
    }
    expect(undescribed).toEqual([]);
  });
});
