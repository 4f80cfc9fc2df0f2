/**
 * Toy exporters for pipeline unit tests, validated against a toy schema directory, so the
 * pipeline is tested without depending on any real endpoint.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { defineExporter, type AnyExporter } from '../../pipeline/define-exporter.ts';
import { param, sql } from '../../pipeline/sql.ts';

export const TOY_SCHEMA_ID = 'https://nbaprops.com/v1/schemas/toy/daily.schema.json';

export async function writeToySchemas(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'toy-schemas-'));
  await mkdir(path.join(dir, 'toy'));
  await writeFile(path.join(dir, 'toy', 'daily.schema.json'), JSON.stringify({
    $schema: 'https://json-schema.org/draft/2020-12/schema', $id: TOY_SCHEMA_ID, title: 'ToyDaily', description: 'toy', type: 'object',
    additionalProperties: false, required: ['date', 'generated_at', 'total'],
    properties: {
      date: { type: 'string', description: 'date' }, generated_at: { type: 'string', description: 'stamp' },
      total: { type: 'number', description: 'sum of points' }, sample_data: { const: true, description: 'sample' },
    },
  }));
  return dir;
}

export function toyExporter(overrides: Partial<Record<keyof AnyExporter, unknown>> = {}): AnyExporter {
  const base = defineExporter({
    id: 'toy.daily',
    schema: TOY_SCHEMA_ID,
    description: 'toy',
    triggers: ['daily'],
    path: 'toy/{date}.json',
    cache: 'daily',
    aliases: [{ path: 'toy/latest.json', cache: 'alias' }],
    params: (ctx) => (ctx.dates ?? [ctx.yesterday]).map((date) => ({ date })),
    partitionBy: { date: 'game_date' },
    query: {
      sql: sql`SELECT game_date, player, points FROM t WHERE game_date BETWEEN ${param.date('from')} AND ${param.date('to')}`,
      bind: (_ctx, params) => ({ from: params[0]?.date, to: params.at(-1)?.date }),
      columns: { game_date: 'date', player: 'string', points: 'number' },
      key: ['game_date', 'player'],
    },
    render: (rows, params, ctx) => ({ date: params.date, generated_at: ctx.generatedAt, total: rows.reduce((s, r) => s + r.points, 0) }),
  });
  return { ...base, ...overrides } as AnyExporter;
}
