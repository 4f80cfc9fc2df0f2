/**
 * `generated/docs/search-index.json`: what the docs page's search box matches, fetched when the box
 * is first used (not part of the first load). Every endpoint (id, type, and the words of its id,
 * family, description, type and paths) and every field of every endpoint (its dotted path and
 * description), descriptions stored once however many fields share them. Deterministic.
 */
import type { SectionInput } from './docs-section.ts';
import { visibleFields } from './docs-section.ts';

export interface DocsSearchIndex {
  /** `[id, type name, lower-case search text]` per endpoint, in registry order. */
  endpoints: [string, string, string][];
  /** Distinct field descriptions. */
  descriptions: string[];
  /** `[endpoint index, field path, description index]` per field row of the docs. */
  fields: [number, string, number][];
}

export function buildSearchIndex(sections: readonly SectionInput[]): DocsSearchIndex {
  const descriptions: string[] = [];
  const descriptionIndex = new Map<string, number>();
  const indexOf = (text: string): number => {
    let index = descriptionIndex.get(text);
    if (index === undefined) {
      index = descriptions.push(text) - 1;
      descriptionIndex.set(text, index);
    }
    return index;
  };
  const endpoints = sections.map(({ endpoint }): [string, string, string] => {
    const text = [endpoint.id, endpoint.family, endpoint.description, endpoint.typeName, ...endpoint.paths.map((p) => p.template)].join(' ').toLowerCase();
    return [endpoint.id, endpoint.typeName, text];
  });
  const fields = sections.flatMap(({ fields: all }, e) => visibleFields(all).map((f): [number, string, number] => [e, f.path, indexOf(f.description)]));
  return { endpoints, descriptions, fields };
}

export function renderSearchIndex(sections: readonly SectionInput[]): string {
  return `${JSON.stringify(buildSearchIndex(sections))}\n`;
}
