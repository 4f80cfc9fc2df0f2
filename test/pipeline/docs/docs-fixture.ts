/**
 * A small registry for the docs tests: two `demo` endpoints over a temporary schema directory
 * (a shared date definition, a nested nullable object, an array of rows with a nullable enum),
 * so the expected OpenAPI and docs output can be written out by hand.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AnyExporter } from '../../../pipeline/define-exporter.ts';
import { toyExporter } from '../../helpers/toy-exporters.ts';

const BASE = 'https://nbaprops.com/v1/schemas/';
export const BOARD_ID = `${BASE}demo/board.schema.json`;
export const PLAYER_ID = `${BASE}demo/player.schema.json`;

const common = {
  $schema: 'https://json-schema.org/draft/2020-12/schema', $id: `${BASE}_shared/common.schema.json`, title: 'Common', description: 'Shared.',
  $defs: { date: { type: 'string', format: 'date', description: 'A date.' } },
};

const board = {
  $schema: 'https://json-schema.org/draft/2020-12/schema', $id: BOARD_ID, title: 'DemoBoard', description: 'A <demo> board.', type: 'object',
  additionalProperties: false, required: ['game_date', 'rows', 'best'],
  properties: {
    game_date: { $ref: '../_shared/common.schema.json#/$defs/date', description: 'The slate date.' },
    rows: { type: 'array', description: 'One row per player.', items: { $ref: '#/$defs/row' } },
    best: { description: 'The best row, null without rows.', anyOf: [{ $ref: '#/$defs/row' }, { type: 'null' }] },
    note: { type: 'string', description: 'An optional note.' },
  },
  $defs: {
    row: {
      type: 'object', additionalProperties: false, required: ['player_lookup', 'side'],
      properties: {
        player_lookup: { type: 'string', description: 'Player key.' },
        side: { description: 'The call.', anyOf: [{ type: 'string', enum: ['OVER', 'UNDER'] }, { type: 'null' }] },
      },
    },
  },
  examples: [{ game_date: '2025-03-14', rows: [{ player_lookup: 'aa', side: 'OVER' }], best: null }],
};

const player = {
  $schema: 'https://json-schema.org/draft/2020-12/schema', $id: PLAYER_ID, title: 'DemoPlayer', description: 'A player page.', type: 'object',
  additionalProperties: false, required: ['player_lookup'],
  properties: { player_lookup: { type: 'string', description: 'Player key.' } },
  examples: [{ player_lookup: 'jdoe' }],
};

/** Two scheduled workflows in the layout of .github/workflows/ (UTC crons, an Eastern-time guard). */
const workflows = {
  'build-daily.yml': `on:
  schedule:
    - cron: '7 10 * * *'
    - cron: '7 9 * * *'
jobs:
  guard:
    uses: ./.github/workflows/_eastern-guard.yml
    with:
      hours: '5'
  build:
    uses: ./.github/workflows/_build-and-publish.yml
    with:
      trigger: daily
`,
  'build-hourly.yml': `on:
  schedule:
    - cron: '7 0-3,11-23 * * *'
jobs:
  guard:
    uses: ./.github/workflows/_eastern-guard.yml
    with:
      hours: '0-22'
  build:
    uses: ./.github/workflows/_build-and-publish.yml
    with:
      trigger: hourly
`,
  '_build-and-publish.yml': 'on: workflow_call\n',
};

export async function writeDemoWorkflows(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'docs-workflows-'));
  for (const [file, text] of Object.entries(workflows)) await writeFile(path.join(dir, file), text);
  return dir;
}

export async function writeDemoSchemas(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'docs-schemas-'));
  for (const [file, schema] of [['_shared/common.schema.json', common], ['demo/board.schema.json', board], ['demo/player.schema.json', player]] as const) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), JSON.stringify(schema, null, 2));
  }
  return dir;
}

export const demoExporters: readonly AnyExporter[] = [
  toyExporter({
    id: 'demo.board', schema: BOARD_ID, description: 'The board. Demo page.', triggers: ['daily', 'hourly'], path: 'demo/{date}.json',
    cache: (params: { date: string }, ctx: { today: string }) => (params.date >= ctx.today ? 'tonight' : 'daily'),
    aliases: [{ path: 'demo/latest.json', cache: 'alias' }],
  }),
  toyExporter({ id: 'demo.player', schema: PLAYER_ID, description: 'Player pages.', triggers: ['weekly'], path: 'demo/players/{player_lookup}.json', cache: 'weekly', aliases: [] }),
];
