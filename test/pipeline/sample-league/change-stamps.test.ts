/**
 * Issue 20: the DuckDB change stamps an incremental build reads. The seed stamps every table it
 * writes; the sample writer stamps the tables it appended to at each checkpoint, and only those.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckDBWarehouse } from '../../../pipeline/adapters/duckdb-warehouse.ts';
import { readTableChanges, recordTableChanges } from '../../../pipeline/sample-league/change-stamps.ts';
import { TABLE_NAMES, createTableStatements } from '../../../pipeline/sample-league/ddl.ts';
import { createWarehouseWriter } from '../../../pipeline/sample-league/write.ts';
import { defaultSample } from '../../helpers/shared-sample.ts';

const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#\d+$/;

describe('the seeded sample', () => {
  it('has a stamp for every table it wrote, read in one request', async () => {
    const sample = await defaultSample();
    const warehouse = await createDuckDBWarehouse({ path: sample.dbPath });
    try {
      const written = TABLE_NAMES.filter((table) => sample.rowCounts[table]! > 0);
      const read = await warehouse.tableStamps!([...written, 'nba_raw.no_such_table']);
      expect(read.requests).toBe(1);
      expect([...read.stamps.keys()].sort()).toEqual([...written].sort());
      expect([...read.stamps.values()].every((stamp) => STAMP.test(stamp))).toBe(true);
    } finally {
      await warehouse.close();
    }
  });
});

describe('the sample writer', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    for (const statement of createTableStatements()) await connection.run(statement);
  });
  afterAll(() => { connection.closeSync(); instance.closeSync(); });

  it('keeps no stamps before it writes (a file without them: every endpoint rebuilt)', async () => {
    expect(await readTableChanges(connection, ['nba_raw.nbac_schedule'])).toEqual(new Map());
  });

  it('stamps the tables it appended to at each checkpoint, with a version counting the writes', async () => {
    const writer = await createWarehouseWriter(connection, { asOf: '2025-03-15' });
    writer.append('sample_meta.league', { seed: 1, as_of_date: '2025-03-15', as_of_instant: new Date('2025-03-16T01:30:00Z'), seasons: 1, players_per_team: 8, generator_version: 'test' });
    await writer.checkpoint();
    const first = await readTableChanges(connection, TABLE_NAMES);
    expect([...first.keys()]).toEqual(['sample_meta.league']);
    expect(first.get('sample_meta.league')).toMatch(/#1$/);

    await writer.checkpoint(); // nothing appended since: no new stamp
    expect(await readTableChanges(connection, TABLE_NAMES)).toEqual(first);

    writer.append('sample_meta.league', { seed: 2, as_of_date: '2025-03-15', as_of_instant: new Date('2025-03-16T01:30:00Z'), seasons: 1, players_per_team: 8, generator_version: 'test' });
    await writer.checkpoint();
    writer.close();
    expect((await readTableChanges(connection, TABLE_NAMES)).get('sample_meta.league')).toMatch(/#2$/);
  });

  it('gives a table written twice within one clock tick two different stamps', async () => {
    const at = new Date('2025-03-16T03:00:00Z');
    await recordTableChanges(connection, ['nba_raw.nbac_schedule'], at);
    const once = (await readTableChanges(connection, ['nba_raw.nbac_schedule'])).get('nba_raw.nbac_schedule');
    await recordTableChanges(connection, ['nba_raw.nbac_schedule'], at);
    const twice = (await readTableChanges(connection, ['nba_raw.nbac_schedule'])).get('nba_raw.nbac_schedule');
    expect(once).toBe('2025-03-16T03:00:00.000Z#1');
    expect(twice).toBe('2025-03-16T03:00:00.000Z#2');
  });
});
